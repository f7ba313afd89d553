/**
 * H5：复制一条能直接打开的链接（同源地址 + 页面路径）。与 share.ts 分开：落地页只用分享卡片，不复制链接；
 * 放在一起时 Taro H5 的 setClipboardData（连同它用的提示框，约 27 KB）会跟着 share.ts 进落地页的脚本。
 */
import Taro from '@tarojs/taro'
import type { ShareCard } from './share'

export async function copyShareLink(card: ShareCard): Promise<void> {
  const url = `${window.location.origin}${card.path}`
  await Taro.setClipboardData({ data: `${card.title}\n${url}` })
}
