// 云函数 admin：管理员建小区、楼栋、邀请与移除成员。npm run build:cloud 打包为同目录的 index.js。
import { createAdminFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createAdminFunction)
