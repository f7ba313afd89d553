// 云函数 mediaCheck：接收微信推送的图片检测结论（wxa_media_check）。npm run build:cloud 打包为同目录的 index.js。
// 在云开发控制台的"消息推送"里把 <event, wxa_media_check> 配给它；来源核对见 server/functions/mediaCheck.ts。
import { mediaCheckMain } from '../../server/functions/mediaCheck'
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { lazyDatabase } from '../../server/platform/wxCloud'

export const main = mediaCheckMain({ photos: () => createCloudbaseStore(lazyDatabase()) })
