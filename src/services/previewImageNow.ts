/** H5 里按需加载的那一块（见 previewImage.h5.ts）。 */
import Taro from '@tarojs/taro'

export function previewImageNow(urls: string[], current: string): Promise<unknown> {
  return Taro.previewImage({ urls, current })
}
