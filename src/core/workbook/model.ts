/**
 * 导出给办公室的 Excel：与写文件的库无关的描述（几张表、每张的列与行）。
 * 核心只决定写什么；服务端用 exceljs 把它写成 .xlsx（server/workbook/xlsx.ts），测试用另一个库读回来核对。
 */

/** 一格：文字、数字、空，或日期（datetime 是 ISO 时刻，按北京时间显示；date 是北京日期 YYYY-MM-DD）。 */
export type Cell = string | number | null | { datetime: string } | { date: string }

export interface SheetColumn {
  header: string
  /** 列宽（字符数，一个汉字约算 2）。 */
  width: number
}

export interface SheetSpec {
  name: string
  columns: SheetColumn[]
  rows: Cell[][]
}

export interface WorkbookSpec {
  /** 文件名（不含扩展名）。 */
  title: string
  sheets: SheetSpec[]
}

export const isDateTimeCell = (c: Cell): c is { datetime: string } => typeof c === 'object' && c !== null && 'datetime' in c
export const isDateCell = (c: Cell): c is { date: string } => typeof c === 'object' && c !== null && 'date' in c
