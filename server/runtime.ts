/**
 * 部署后的云函数入口：身份取自平台（wx-server-sdk 的 getWXContext().OPENID），存储按配置选择。
 * 加载本文件不访问网络，也不加载 SDK；第一次调用时才准备依赖。
 *   LOUSHI_STORAGE=sqlite + LOUSHI_SQLITE_FILE  自托管（单机）
 *   其他（默认）                                    云开发数据库（适配器见 issue 3，尚未完成）
 */
import type { FunctionEvent, FunctionReply } from '../src/core/api'
import type { Store } from '../src/core/ports'
import { systemClock, type FunctionDeps } from './functions'
import { randomIds } from './functions/ids'
import type { FunctionHandler } from './functions/router'

interface WxContext {
  OPENID?: string
}

function platformOpenid(): string {
  // 部署包里 wx-server-sdk 是运行时依赖（package.json），不打进包里。
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { getWXContext(): WxContext }
  return cloud.getWXContext().OPENID ?? ''
}

async function openStore(): Promise<Store> {
  if (process.env.LOUSHI_STORAGE === 'sqlite') {
    const { openSqliteStore } = await import('./storage/sqlite')
    return openSqliteStore(process.env.LOUSHI_SQLITE_FILE ?? '/tmp/loushi.db')
  }
  throw new Error('云开发存储适配器尚未接入：请设置 LOUSHI_STORAGE=sqlite 与 LOUSHI_SQLITE_FILE')
}

export function deployedMain(factory: (deps: FunctionDeps) => FunctionHandler, identify: () => string = platformOpenid) {
  let handler: Promise<FunctionHandler> | undefined
  return async (event: FunctionEvent): Promise<FunctionReply<unknown>> => {
    try {
      handler ??= openStore().then((store) => factory({ store, clock: systemClock, ids: randomIds }))
      return await (await handler)(event, { openid: identify() })
    } catch (error) {
      handler = undefined
      console.error('云函数初始化失败', error)
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
