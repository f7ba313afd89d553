// 云函数 account：我的身份（me）、楼栋信息（building）。npm run build:cloud 打包为同目录的 index.js。
import { createAccountFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createAccountFunction)
