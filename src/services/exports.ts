/**
 * 打开导出的工作总结：
 * - Word：微信里从云存储下载（Taro.cloud.downloadFile）再用 wx.openDocument 打开（可转发、可用其他应用打开）；
 *   H5 与本地演示直接下载本地宿主给的地址。
 * - 文字：放进剪贴板。
 */
import Taro from '@tarojs/taro'
import type { SummaryExportView } from '@/core/usecases/summaryViews'
import { ApiError, isLocalMode } from './transport'

export async function openExport(result: SummaryExportView): Promise<void> {
  if (result.format === 'text') {
    await Taro.setClipboardData({ data: result.text })
    return
  }
  if (isLocalMode) {
    if (!result.url) throw new ApiError('INTERNAL', '没有拿到文件地址，请重试')
    const a = document.createElement('a')
    a.href = result.url
    a.download = result.fileName
    a.id = 'summary-download'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  try {
    const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: result.fileId })
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'docx', showMenu: true })
  } catch {
    throw new ApiError('NETWORK', '文件打不开，请检查网络后重试')
  }
}
