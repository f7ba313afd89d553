/**
 * 像云开发平台那样运行云函数：每次调用走部署后的入口（server/runtime.ts 的 deployedMain，与 cloudfunctions/<名>/main.ts
 * 同一份代码），存储是接在执行器上的真 wx-server-sdk（createCloudbaseStore），另外加上平台的三条规矩：
 *   - 函数超时：默认 3 s，可按函数设（部署时在控制台改的那个数）。超时的调用方拿到平台的超时错误；
 *     函数被结束——之后它的数据库请求永不完成（执行器按 invocationContext 的 killed 处理），它开着的事务
 *     因此一直持锁，直到数据库的 30 秒事务时限；
 *   - 同时执行的调用数上限（平台 1000）：超出即拒绝，函数不执行；
 *   - 每次调用的身份取自调用上下文（代替 getWXContext().OPENID）。
 * 没有模拟的：冷启动、函数内存与计费、订阅消息与内容检测的网络往返（平台适配器用本地的）。
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FunctionName, FunctionReply } from '../../src/core/api'
import type { Clock, IdGenerator } from '../../src/core/shared/ports'
import { FUNCTION_FACTORIES, storePorts, systemClock, type FunctionDeps } from '../../server/functions'
import { rememberStaticDirectory } from '../../server/functions/warmDirectory'
import { randomIds } from '../../server/functions/ids'
import { createLocalPlatform } from '../../server/platform/local'
import { createJsonLogger, type LogLevel } from '../../server/platform/logger'
import { deployedMain } from '../../server/runtime'
import type { AllStorePorts } from '../../server/functions'
import { currentInvocation, newInvocation, runInInvocation, type Invocation } from './invocationContext'

/** 云函数默认超时（云开发控制台的默认值）。 */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 3_000
/**
 * 同时执行的调用数上限："云函数的并发数量是指在任意指定时间对云函数代码的执行数量，统一最大上限 1000。
 * 如果调用导致函数的并发数目超过了默认限制，则该调用会被阻塞，云函数将不会执行这次调用"
 * （https://developers.weixin.qq.com/community/develop/doc/0002c67d9681f020011c506ff5e400）。
 */
export const PLATFORM_CONCURRENCY = 1_000

/**
 * 小程序端 wx.cloud.callFunction 收到的平台错误。
 * 超时：-504003 Invoking task timed out after N seconds（公开项目里记下的线上报错原文，官方错误码表只列到 -40400x/-504002）。
 * 并发超限：云函数 SCF 叫它 ResourceLimitReached，同步调用不重试（https://cloud.tencent.com/document/product/583/51585）；
 * 经小程序端是 -504002 functions execute fail，后面的原文没有找到，这里照那个错误名拼出来。
 */
export class CloudCallError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg)
  }
}
export const timeoutError = (ms: number) => new CloudCallError(-504003, `cloud.callFunction:fail -504003 Invoking task timed out after ${ms / 1000} seconds`)
export const concurrencyError = () =>
  new CloudCallError(-504002, 'cloud.callFunction:fail -504002 functions execute fail. ResourceLimitReached: 函数同时执行的调用数超过上限')

export interface RunnerOptions {
  /** 全部存储端口（通常是 createCloudbaseStore(db)）。 */
  store: AllStorePorts
  /** 按函数名的超时（毫秒）；没列出的用默认 3 s。 */
  timeoutsMs?: Partial<Record<FunctionName, number>>
  /** 同时执行的调用数上限，默认 1000。 */
  concurrency?: number
  clock?: Clock
  ids?: IdGenerator
}

export type CallOutcome =
  /** 函数答了（OK 或业务错误，reply.code 里）。 */
  | { kind: 'replied'; reply: FunctionReply<unknown>; invocation: Invocation; ms: number }
  /** 平台的错误：超时或并发超限。 */
  | { kind: 'timeout' | 'refused'; error: CloudCallError; invocation: Invocation; ms: number }

export interface RunnerStats {
  invocations: number
  /** 同一时刻在执行的调用的最大数。 */
  peakConcurrent: number
  timedOut: number
  refused: number
}

export interface CloudFunctionRunner {
  /** 以 openid 的身份调用一个云函数的一个动作（像小程序端的 wx.cloud.callFunction）。 */
  call(name: FunctionName, openid: string, action: string, payload?: unknown): Promise<CallOutcome>
  timeoutOf(name: FunctionName): number
  /** 每个函数的超时（报告用）。 */
  timeouts(): Record<FunctionName, number>
  stats(): RunnerStats
  resetStats(): void
  /** 函数写出的日志行数，按级别。 */
  logCounts(): Record<LogLevel, number>
}

export function createCloudFunctionRunner(options: RunnerOptions): CloudFunctionRunner {
  const concurrency = options.concurrency ?? PLATFORM_CONCURRENCY
  const timeoutOf = (name: FunctionName) => options.timeoutsMs?.[name] ?? DEFAULT_FUNCTION_TIMEOUT_MS
  const platform = createLocalPlatform({
    dataDir: mkdtempSync(path.join(tmpdir(), 'loushi-runner-')),
    publicBaseUrl: 'http://127.0.0.1:8787',
    logMessages: false,
  })
  const logged: Record<LogLevel, number> = { info: 0, warn: 0, error: 0 }
  // 失败多时每次都会写一行错误日志：只数不印。
  const logger = createJsonLogger((_line, level) => void logged[level]++)
  const deps = (log: FunctionDeps['logger']): FunctionDeps => ({
    ...storePorts(options.store),
    // 与部署后一样（server/runtime.ts）：一个函数一个热实例，记住楼栋与小区 60 秒。
    directory: rememberStaticDirectory(options.store),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    platform,
    templates: { newReport: 'TPL_NEW_REPORT', reportProgress: 'TPL_PROGRESS', newNotice: 'TPL_NOTICE' },
    logger: log,
  })
  const identify = () => currentInvocation()?.openid ?? ''
  const mains = new Map<FunctionName, ReturnType<typeof deployedMain>>()
  const mainOf = (name: FunctionName) => {
    let main = mains.get(name)
    if (!main) mains.set(name, (main = deployedMain(FUNCTION_FACTORIES[name], { identify, deps, logger })))
    return main
  }

  let running = 0
  let counters: RunnerStats = { invocations: 0, peakConcurrent: 0, timedOut: 0, refused: 0 }

  return {
    async call(name, openid, action, payload) {
      const invocation = newInvocation(name, action, openid)
      const started = performance.now()
      const ms = () => performance.now() - started
      counters.invocations++
      if (running >= concurrency) {
        counters.refused++
        return { kind: 'refused', error: concurrencyError(), invocation, ms: ms() }
      }
      running++
      counters.peakConcurrent = Math.max(counters.peakConcurrent, running)
      const limit = timeoutOf(name)
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)))
      const handled = runInInvocation(invocation, () => mainOf(name)({ action, payload }))
      try {
        const first = await Promise.race([handled, timedOut])
        if (first === 'timeout') {
          // 平台结束这次执行：它之后的数据库请求不再完成，执行数随即让出。
          invocation.killed = true
          counters.timedOut++
          return { kind: 'timeout', error: timeoutError(limit), invocation, ms: ms() }
        }
        return { kind: 'replied', reply: first, invocation, ms: ms() }
      } finally {
        clearTimeout(timer)
        running--
      }
    },
    timeoutOf,
    timeouts: () => Object.fromEntries(Object.keys(FUNCTION_FACTORIES).map((name) => [name, timeoutOf(name as FunctionName)])) as Record<FunctionName, number>,
    stats: () => ({ ...counters }),
    resetStats() {
      counters = { invocations: 0, peakConcurrent: running, timedOut: 0, refused: 0 }
    },
    logCounts: () => ({ ...logged }),
  }
}
