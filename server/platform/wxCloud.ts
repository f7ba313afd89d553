/**
 * wx-server-sdk 的加载与初始化（只在部署后的云函数里用到）。
 * 部署包里 wx-server-sdk 是运行时依赖（写进各函数的 package.json），不打进包里；
 * 读调用者身份（getWXContext）只需加载，不需初始化；cloud.init() 会在后台联网取凭证，
 * 所以只在第一次真正读写数据库或调用开放接口时才初始化，且只初始化一次。
 * 这样校验失败的请求从头到尾不碰网络。
 */
import type { CloudDatabase } from '../storage/cloudbase'

export interface WxContext {
  OPENID?: string
  APPID?: string
  ENV?: string
  /** 调用来源（平台给出）：wx_client 小程序、wx_devtools 开发者工具、scf 云函数调用……，链式调用用逗号连接。 */
  SOURCE?: string
}

/** 本项目用到的 SDK 接口（结构类型）。各适配器再细化自己用到的那部分。 */
export interface WxCloud {
  DYNAMIC_CURRENT_ENV: unknown
  init(config: object): void
  database(config?: object): unknown
  getWXContext(): WxContext
  openapi: unknown
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  getTempFileURL(options: {
    fileList: { fileID: string; maxAge: number }[]
  }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[] }>
}

let loaded: WxCloud | undefined
let initialized = false

/** 已加载、未必已初始化的 SDK：只用于 getWXContext()。 */
export function wxSdk(): WxCloud {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('wx-server-sdk') as WxCloud
  return loaded
}

/** 已初始化的 SDK：数据库、开放接口、云存储。 */
export function wxCloud(): WxCloud {
  const cloud = wxSdk()
  if (!initialized) {
    cloud.init({ env: process.env.LOUSHI_CLOUD_ENV || cloud.DYNAMIC_CURRENT_ENV })
    initialized = true
  }
  return cloud
}

/** 部署后的云开发数据库：第一次读写时才初始化 SDK 并取数据库（runtime.ts 与只收推送的 mediaCheck 共用）。 */
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
