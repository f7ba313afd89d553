/** 导出的 Excel：一小时有效的下载地址（微信里还可用 fileId 从云存储下载）与各表的行数（页面上说清导出了什么）。 */
export interface WorkbookExportView {
  fileName: string
  fileId: string
  url: string | null
  sheets: { name: string; rows: number }[]
}
