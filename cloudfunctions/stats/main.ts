// 云函数 stats：楼栋统计（building）与导出 Excel（workbook）。npm run build:cloud 打包为同目录的 index.js。
// 只接上写 Excel 的 exceljs（不经 server/functions/index.ts，包里就没有写 Word 的 docx）。
import { createStatsFunction } from '../../server/functions/assembly'
import { workbookToXlsx } from '../../server/workbook/xlsx'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain((deps) => createStatsFunction({ ...deps, toXlsx: workbookToXlsx }))
