// 云函数 reports：居民报事（submit、listMine、listFollowed、similar、follow、track、answer）。npm run build:cloud 打包为同目录的 index.js。
import { createReportsFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createReportsFunction)
