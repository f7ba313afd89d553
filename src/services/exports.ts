/**
 * 打开导出的工作总结：
 * - Word：微信里从云存储下载再用 wx.openDocument 打开（可转发、可用其他应用打开）。云存储是私有的
 *   （文件由云函数上传，居民与代表的身份都不是它的创建者），所以先用函数给的一小时临时地址下载
 *   （该地址的域名须在"downloadFile 合法域名"里，见 README 部署第 7 步），不行再试 cloud.downloadFile；
 *   H5 与本地演示直接下载本地宿主给的签名地址。
 * - 文字：放进剪贴板。
 */
import Taro from '@tarojs/taro'
import type { SummaryExportView } from '@/core/summaryDocument/views'
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
    await Taro.openDocument({ filePath: await downloadExport(result), fileType: 'docx', showMenu: true })
  } catch {
    throw new ApiError('NETWORK', '文件打不开，请检查网络后重试')
  }
}

async function downloadExport(result: Extract<SummaryExportView, { format: 'docx' }>): Promise<string> {
  if (result.url) {
    try {
      const { statusCode, tempFilePath } = await Taro.downloadFile({ url: result.url })
      if (statusCode === 200) return tempFilePath
    } catch {
      // 域名没配进合法域名时落到下面的云存储下载。
    }
  }
  return (await Taro.cloud.downloadFile({ fileID: result.fileId })).tempFilePath
}
