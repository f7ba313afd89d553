// 云函数 handling：代表与业委会处理报事（queue、counts、detail、act）。npm run build:cloud 打包为同目录的 index.js。
import { createHandlingFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createHandlingFunction)
