/**
 * 在开发者电脑上连接云开发数据库（npm run tally:check -- --cloudbase、npm run cloud:migrate）。
 * 用与云函数相同的 wx-server-sdk，所以适配器的行为与线上一致；云函数之外 SDK 从环境变量
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY 取 API 密钥。
 */
import type { CloudDatabase } from '../storage/cloudbase'

export function openCloudbaseFromEnv(env: NodeJS.ProcessEnv = process.env): CloudDatabase {
  const envId = env.LOUSHI_CLOUD_ENV
  if (!envId || !env.TENCENTCLOUD_SECRETID || !env.TENCENTCLOUD_SECRETKEY) {
    throw new Error('请设置 LOUSHI_CLOUD_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（腾讯云访问管理里的 API 密钥）。')
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { init(c: object): void; database(c?: object): unknown }
  cloud.init({ env: envId })
  return cloud.database({ throwOnNotFound: false }) as CloudDatabase
}
