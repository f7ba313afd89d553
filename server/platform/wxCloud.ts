/**
 * wx-server-sdk 的加载与初始化（只在部署后的云函数里用到）。
 * 部署包里 wx-server-sdk 是运行时依赖（写进各函数的 package.json），不打进包里；
 * 第一次用到时才加载，只初始化一次。加载与初始化都不访问网络。
 */
export interface WxContext {
  OPENID?: string
  APPID?: string
  ENV?: string
}

/** 本项目用到的 SDK 接口（结构类型）。各适配器再细化自己用到的那部分。 */
export interface WxCloud {
  DYNAMIC_CURRENT_ENV: unknown
  init(config: object): void
  database(config?: object): unknown
  getWXContext(): WxContext
  openapi: unknown
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[] }>
}

let initialized: WxCloud | undefined

export function wxCloud(): WxCloud {
  if (initialized) return initialized
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud
  cloud.init({ env: process.env.LOUSHI_CLOUD_ENV || cloud.DYNAMIC_CURRENT_ENV })
  initialized = cloud
  return cloud
}
