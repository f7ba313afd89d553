// 云函数 worklog：工作台账（巡查、会议、活动、调解、志愿服务、沟通协调）。npm run build:cloud 打包为同目录的 index.js。
import { createWorkLogFunction } from '../../server/functions/assembly'
import { deployedMain } from '../../server/runtime'

export const main = deployedMain(createWorkLogFunction)
