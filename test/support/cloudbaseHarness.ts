/**
 * 一个真的 wx-server-sdk 数据库实例，请求层接到进程内的执行器上（见 cloudbaseExecutor.ts）。
 */
import type { CloudDatabase } from '../../server/storage/cloudbase'
import { CloudbaseExecutor, routeSdkDatabaseTo, type ExecutorOptions } from './cloudbaseExecutor'

// SDK 在没有密钥时会留下一个未处理的 Promise 拒绝（"missing secretId or secretKey"），
// 不接住它 Node 会退出。只吞这一种，别的照常报。
process.on('unhandledRejection', (reason) => {
  if (String((reason as { message?: string })?.message ?? reason).includes('secretId')) return
  throw reason
})

/** options 交给执行器（例如注入时钟）。 */
export function openCloudbaseHarness(options: ExecutorOptions = {}) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { init(c: object): void; database(c?: object): unknown }
  cloud.init({ env: 'loushi-test' })
  const executor = new CloudbaseExecutor(options)
  const restore = routeSdkDatabaseTo(executor)
  const db = cloud.database({ throwOnNotFound: false }) as CloudDatabase
  return { db, executor, dispose: restore }
}
