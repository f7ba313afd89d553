/**
 * 部署后的云开发数据库，第一次读写时才初始化 SDK 并取数据库（见 ../platform/wxCloud.ts）。
 * 单独成文件：只接收推送的 mediaCheck 也要它，却不该为此把全部云函数的用例打进包里。
 */
import { wxCloud } from '../platform/wxCloud'
import type { CloudDatabase } from './cloudbase'

export function lazyDatabase(): CloudDatabase {
  let db: CloudDatabase | undefined
  const open = () => (db ??= wxCloud().database({ throwOnNotFound: false }) as CloudDatabase)
  return {
    get command() {
      return open().command
    },
    collection: (name) => open().collection(name),
    runTransaction: (run, retries) => open().runTransaction(run, retries),
  }
}
