// 云函数 surveys：满意度问卷的发起、答卷与结果。npm run build:cloud 打包为同目录的 index.js。
import { createSurveysFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createSurveysFunction)
