// 云函数 summary：工作总结的起草、看数字背后的记录、版本、征求意见与公示、居民意见、导出 Word。npm run build:cloud 打包为同目录的 index.js。
import { createSummaryFunction } from '../../server/functions'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createSummaryFunction)
