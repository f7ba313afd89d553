/**
 * 测试用的真图片：PNG 由 pngjs 现做（qrcode 的依赖，随项目安装）；JPEG、WebP、GIF 是 1×1 的最小真文件
 * （image-size 能读出宽高；这里没有 JPEG 编码器可用）。
 */
import { PNG } from 'pngjs'

/** 一张 width×height 的灰色 PNG。 */
export function aPng(width = 2, height = 2): Buffer {
  const png = new PNG({ width, height })
  png.data.fill(200)
  return PNG.sync.write(png)
}

export const A_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)
export const A_WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
export const A_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')
