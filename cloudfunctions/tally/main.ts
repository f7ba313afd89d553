// 云函数 tally：定时触发（每 5 分钟），把统计事件归并进统计桶。npm run build:cloud 打包为同目录的 index.js，
// 并把定时触发器写进 config.json；上传后在开发者工具里对它"上传触发器"。超时须设为 60 秒（见 README 的部署一节）。
import { tallyFoldMain } from '../../server/functions/tallyFold'
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { lazyDatabase } from '../../server/platform/wxCloud'

export const main = tallyFoldMain({ folder: () => createCloudbaseStore(lazyDatabase()) })
