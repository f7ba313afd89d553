/**
 * 打开导出的文件（工作总结的 Word、办公室的 Excel）：
 * - 微信里从云存储下载再用 wx.openDocument 打开（可转发、可用其他应用打开）。云存储是私有的
 *   （文件由云函数上传，居民与代表的身份都不是它的创建者），所以先用函数给的一小时临时地址下载
 *   （该地址的域名须在"downloadFile 合法域名"里，见 README 部署第 7 步），不行再试 cloud.downloadFile；
 *   H5 与本地演示直接下载本地宿主给的签名地址。
 * - 总结的文字：放进剪贴板。
 */
import Taro from '@tarojs/taro'
import type { SummaryExportView } from '@/core/summaryDocument/views'
import { ApiError, isLocalMode } from './transport'

/** 一个导出的文件：文件名、云存储的 fileID 与一小时的临时地址。 */
export interface ExportedFile {
  fileName: string
  fileId: string
  url: string | null
}

export async function openExport(result: SummaryExportView): Promise<void> {
  if (result.format === 'text') {
    await Taro.setClipboardData({ data: result.text })
    return
  }
  await openExportedFile(result, 'docx', 'summary-download')
}

/** 下载并打开导出的文件；H5 里用一个临时的下载链接（anchorId 给端到端测试认）。 */
export async function openExportedFile(file: ExportedFile, fileType: 'docx' | 'xlsx', anchorId: string): Promise<void> {
  if (isLocalMode) {
    if (!file.url) throw new ApiError('INTERNAL', '没有拿到文件地址，请重试')
    const a = document.createElement('a')
    a.href = file.url
    a.download = file.fileName
    a.id = anchorId
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  try {
    await Taro.openDocument({ filePath: await downloadExport(file), fileType, showMenu: true })
  } catch {
    throw new ApiError('NETWORK', '文件打不开，请检查网络后重试')
  }
}

async function downloadExport(file: ExportedFile): Promise<string> {
  if (file.url) {
    try {
      const { statusCode, tempFilePath } = await Taro.downloadFile({ url: file.url })
      if (statusCode === 200) return tempFilePath
    } catch {
      // 域名没配进合法域名时落到下面的云存储下载。
    }
  }
  return (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath
}
