/**
 * H5 的看大图：Taro H5 的 previewImage 带着整个 Swiper（约 196 KB），静态引入时进每个用它的页面 chunk，
 * 报事页在 400 kbit/s 下因此多等约 4 秒。点开大图时才下载它。
 */
export function previewImage(urls: string[], current: string): Promise<unknown> {
  return import('./previewImageNow').then((m) => m.previewImageNow(urls, current))
}
