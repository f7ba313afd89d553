// 云函数 stats：楼栋统计（building）。npm run build:cloud 打包为同目录的 index.js。
import { createStatsFunction } from '../../server/functions'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createStatsFunction)
