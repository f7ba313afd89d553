/** 看大图（小程序：微信的 previewImage）。H5 另有 previewImage.h5.ts（Taro 按平台后缀挑文件）。 */
import Taro from '@tarojs/taro'

export function previewImage(urls: string[], current: string): Promise<unknown> {
  return Taro.previewImage({ urls, current })
}
