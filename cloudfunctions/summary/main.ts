// 云函数 summary：工作总结的起草、看数字背后的记录、版本、征求意见与公示、居民意见、导出 Word。npm run build:cloud 打包为同目录的 index.js。
// 只接上写 Word 的 docx（不经 server/functions/index.ts，包里就没有写 Excel 的 exceljs）。
import { createSummaryFunction } from '../../server/functions/assembly'
import { summaryToDocx } from '../../server/summary/docx'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain((deps) => createSummaryFunction({ ...deps, toDocx: summaryToDocx }))
