/**
 * 部署后的云函数入口：身份取自平台（wx-server-sdk 的 getWXContext().OPENID），
 * 存储是云开发数据库（当前环境，或 LOUSHI_CLOUD_ENV 指定的环境）。
 * 加载本文件不访问网络，也不加载 SDK；第一次调用时才准备依赖。
 * 单机自托管不用这些包，用本地宿主（npm start，SQLite）。
 */
import type { FunctionEvent, FunctionReply } from '../src/core/api'
import type { Logger } from '../src/core/shared/ports'
import { storePorts, systemClock, templatesFromEnv, type FunctionDeps } from './functions/assembly'
import { createWechatPlatform, type WechatPlatformOptions } from './platform/wechat'
import type { WxCloud } from './platform/wxCloud'
import { randomIds } from './functions/ids'
import type { FunctionHandler } from './functions/router'
import { createJsonLogger } from './platform/logger'
import { lazyDatabase, wxCloud, wxSdk } from './platform/wxCloud'
import { createCloudbaseStore } from './storage/cloudbase'
import { rememberStaticDirectory } from './functions/warmDirectory'

function platformOpenid(): string {
  return wxSdk().getWXContext().OPENID ?? ''
}

/** 开放接口与云存储在第一次调用时才初始化 SDK（数据库同理，见 platform/wxCloud.ts 的 lazyDatabase）。 */
function lazyCloud(): WxCloud {
  return {
    get openapi() {
      return wxCloud().openapi
    },
    uploadFile: (options) => wxCloud().uploadFile(options),
    downloadFile: (options) => wxCloud().downloadFile(options),
    getTempFileURL: (options) => wxCloud().getTempFileURL(options),
  } as WxCloud
}

function cloudDeps(logger: Logger): FunctionDeps {
  const store = createCloudbaseStore(lazyDatabase())
  return {
    ...storePorts(store),
    // 热启动的实例记住楼栋与小区 60 秒（warmDirectory.ts）：高峰时每次打开少几次数据库请求。
    directory: rememberStaticDirectory(store),
    clock: systemClock,
    ids: randomIds,
    platform: createWechatPlatform(lazyCloud(), { envVersion: (process.env.LOUSHI_MP_VERSION as WechatPlatformOptions['envVersion']) || 'release', logger }),
    templates: templatesFromEnv(),
    logger,
  }
}

export interface DeployedOptions {
  /** 调用者身份；默认取自 getWXContext()。 */
  identify?: () => string
  /** 函数的依赖；默认是云开发数据库与微信平台。 */
  deps?: (logger: Logger) => FunctionDeps
  /** 默认每条一行 JSON 写到 console（云开发日志服务收集 stdout/stderr）。 */
  logger?: Logger
}

export function deployedMain(
  factory: (deps: FunctionDeps) => FunctionHandler,
  { identify = platformOpenid, deps = cloudDeps, logger = createJsonLogger() }: DeployedOptions = {},
) {
  let handler: FunctionHandler | undefined
  return async (event: FunctionEvent): Promise<FunctionReply<unknown>> => {
    try {
      handler ??= factory(deps(logger))
      return await handler(event, { openid: identify() })
    } catch (error) {
      // 组装依赖或取身份时出错（用例里的异常已由路由记下并答 INTERNAL）；下次调用重新组装。
      handler = undefined
      logger.error('云函数出错', { error })
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
