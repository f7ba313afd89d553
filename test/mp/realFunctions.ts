/**
 * 真实的云函数代码接到小程序渲染测试上：临时目录里一个 SQLite 文件，种上演示数据（春晖苑三栋楼），
 * 调用身份固定为一个 openid（可切换）。页面经 wx.cloud.callFunction 调到的就是 server/functions 的同一份代码。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TextDecoder, TextEncoder } from 'node:util'
import type { FunctionName } from '../../src/core/api'
import { createFunctions, storePorts } from '../../server/functions'
import { seedDemo } from '../../server/host/seed'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { countingIds } from '../samples'
import type { FunctionData, MpFunctionHandler } from './harness'

// 函数代码在真实环境里跑在 Node 上；jsdom 测试环境没有这两个全局，qrcode 要用。
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder, TextDecoder: globalThis.TextDecoder ?? TextDecoder })

export const MP_TEST_OPENID = 'mp_test_resident'
/** 种子与时钟用的"现在"：北京时间 2026-11-20 上午。 */
export const MP_TEST_NOW = '2026-11-20T02:00:00.000Z'

export interface SeededFunctions {
  store: SqliteStore
  handler: MpFunctionHandler
  /** 之后的调用以这个 openid 的身份进行。 */
  setOpenid(openid: string): void
  /** 以某个身份直接调用真实的云函数（准备数据与"标准答案"，不经过页面），之后身份换回原来的；不是 OK 就抛出。 */
  as<T>(openid: string, name: string, action: string, payload: unknown): Promise<T>
  cleanup(): void
}

export async function createSeededFunctions({ openid = MP_TEST_OPENID, now = MP_TEST_NOW } = {}): Promise<SeededFunctions> {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-mp-'))
  const store = openSqliteStore(path.join(dir, 'mp.db'))
  await seedDemo(store, { now })
  const fns = createFunctions({
    ...storePorts(store),
    clock: { now: () => now },
    ids: countingIds('mp'),
    platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' }),
    logger: createTextLogger(),
  })
  let who = openid
  const handler: MpFunctionHandler = async (name: string, data: FunctionData) => {
    const fn = (fns as Record<string, (typeof fns)[FunctionName] | undefined>)[name]
    // 与云端一致：不存在的函数是调用失败，不是业务错误。
    if (!fn) throw new Error(`FunctionName parameter could not be found: ${name}`)
    return fn(data, { openid: who })
  }
  return {
    store,
    handler,
    setOpenid(next) {
      who = next
    },
    async as<T>(openid: string, name: string, action: string, payload: unknown): Promise<T> {
      const before = who
      who = openid
      try {
        const reply = (await handler(name, { action, payload })) as { code: string; message: string; data: T }
        if (reply.code !== 'OK') throw new Error(`${name}.${action}：${reply.code} ${reply.message}`)
        return reply.data
      } finally {
        who = before
      }
    },
    cleanup() {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
