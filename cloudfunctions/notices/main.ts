// 云函数 notices：公告的发布、撤回、知晓率，居民的阅读与订阅。npm run build:cloud 打包为同目录的 index.js。
import { createNoticesFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createNoticesFunction)
