/**
 * 办公室的 Excel → .xlsx，用 exceljs 写：中文表头加粗、冻结首行、列宽、日期写成真正的日期（按北京时间显示，
 * 在 Excel 里能排序、筛选、按月透视）。只在服务端用（打包进 stats 云函数，不进小程序）。
 */
import ExcelJS from 'exceljs'
import { isDateCell, isDateTimeCell, type Cell, type WorkbookSpec } from '../../src/core/workbook'

const CHINA_OFFSET_MS = 8 * 3_600_000

/** Excel 的日期没有时区：写北京时间的"墙上时刻"（UTC 的 Date 加 8 小时），打开看到的就是北京时间。 */
function cellValue(c: Cell): ExcelJS.CellValue {
  if (isDateTimeCell(c)) return new Date(Date.parse(c.datetime) + CHINA_OFFSET_MS)
  if (isDateCell(c)) return new Date(`${c.date}T00:00:00Z`)
  return c
}

export async function workbookToXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  book.creator = '楼事通'
  // 固定的时刻：同样的内容写出同样的文件（不把导出时刻以外的东西写进去）。
  book.created = new Date(0)
  book.modified = new Date(0)
  for (const sheet of spec.sheets) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }))
    ws.getRow(1).font = { bold: true }
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map(cellValue))
      row.forEach((c, i) => {
        if (isDateTimeCell(c)) added.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm'
        else if (isDateCell(c)) added.getCell(i + 1).numFmt = 'yyyy-mm-dd'
      })
    }
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}
