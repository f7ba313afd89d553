/**
 * 日志真的写出来了：本地宿主按 createHost 的接法把行写进注入的 sink（默认是 stderr），
 * 部署后的入口（deployedMain）写 JSON 行。测试收集 sink 写出的行，不替换全局 console。
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { FunctionReply } from '../../src/core/api'
import { createReportsFunction, storePorts, systemClock, type FunctionDeps } from '../../server/functions'
import { createHost } from '../../server/host/app'
import { createJsonLogger, createTextLogger, type LogLevel } from '../../server/platform/logger'
import { deployedMain } from '../../server/runtime'
import { aReport, createFixture } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

/** 一个收集写出内容的 sink。 */
function captureSink() {
  const lines: { line: string; level: LogLevel }[] = []
  return { lines, sink: (line: string, level: LogLevel) => void lines.push({ line, level }) }
}

const TIME = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}`

describe('本地宿主（createHost）的日志', () => {
  let server: Server
  let base: string
  let captured: ReturnType<typeof captureSink>

  beforeEach(async () => {
    captured = captureSink()
    server = createHost({ store: fx.store, clock: systemClock, platform: fx.platform, staticDir: '/nonexistent', logger: createTextLogger(captured.sink) })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const submit = async (payload: unknown) => {
    const res = await fetch(`${base}/api/fn/reports`, { method: 'POST', body: JSON.stringify({ action: 'submit', payload }) })
    return (await res.json()) as FunctionReply<unknown>
  }

  it('内容检测抛出时报事照常存下，写一行带时间的警告，下面跟着异常', async () => {
    fx.platform.content.checkText = async () => {
      throw new Error('msgSecCheck 超时')
    }
    const reply = await submit(aReport())
    expect(reply.code).toBe('OK')
    expect(fx.rowCounts().reports).toBe(1)
    expect(captured.lines).toHaveLength(1)
    expect(captured.lines[0].level).toBe('warn')
    expect(captured.lines[0].line).toMatch(new RegExp(`^${TIME} 警告 内容检测不可用，已放行\\n {4}Error: msgSecCheck 超时\\n {4}    at `))
  })

  it('用例里抛出的异常：居民收到 INTERNAL，日志里记下哪个函数哪个动作和堆栈', async () => {
    fx.store.buildingByCode = async () => {
      throw new Error('database is locked')
    }
    const reply = await submit(aReport())
    expect(reply).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null })
    expect(captured.lines.map((l) => l.level)).toEqual(['error'])
    expect(captured.lines[0].line).toMatch(new RegExp(`^${TIME} 错误 reports\\.submit 失败\\n {4}Error: database is locked`))
  })

  it('校验不通过是居民的错，不记日志', async () => {
    const reply = await submit({ kind: 'party' })
    expect(reply.code).toBe('INVALID')
    expect(captured.lines).toEqual([])
  })
})

describe('部署后的入口（deployedMain）写 JSON 行', () => {
  const NOW = new Date('2026-11-20T02:00:00.000Z')
  const depsOf = (logger: FunctionDeps['logger']): FunctionDeps => ({
    ...storePorts(fx.store),
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
    ids: { newId: () => 'r-json-0001', newCode: () => 'JSONCODE' },
    platform: fx.platform,
    logger,
  })

  it('用例失败：一行 JSON，含时间、级别、消息与异常', async () => {
    const captured = captureSink()
    fx.store.insertReport = async () => {
      throw Object.assign(new Error('-502001 database request fail'), { errCode: -502001 })
    }
    const main = deployedMain(createReportsFunction, { identify: () => 'o-json', deps: depsOf, logger: createJsonLogger(captured.sink, () => NOW) })
    expect(await main({ action: 'submit', payload: aReport() })).toMatchObject({ code: 'INTERNAL', data: null })
    expect(captured.lines).toHaveLength(1)
    expect(captured.lines[0].level).toBe('error')
    expect(captured.lines[0].line).not.toContain('\n')
    const entry = JSON.parse(captured.lines[0].line)
    expect(entry).toMatchObject({
      time: '2026-11-20T02:00:00.000Z',
      level: 'error',
      message: 'reports.submit 失败',
      error: { name: 'Error', message: '-502001 database request fail', errCode: -502001 },
    })
    expect(entry.error.stack).toContain('database request fail')
  })

  it('组装依赖时出错：记"云函数出错"，下次调用重新组装', async () => {
    const captured = captureSink()
    let attempts = 0
    const deps = (logger: FunctionDeps['logger']) => {
      if (++attempts === 1) throw new Error('LOUSHI_CLOUD_ENV 无效')
      return depsOf(logger)
    }
    const main = deployedMain(createReportsFunction, { identify: () => 'o-json', deps, logger: createJsonLogger(captured.sink, () => NOW) })
    expect(await main({ action: 'listMine', payload: {} })).toMatchObject({ code: 'INTERNAL' })
    expect(JSON.parse(captured.lines[0].line)).toMatchObject({ level: 'error', message: '云函数出错', error: { message: 'LOUSHI_CLOUD_ENV 无效' } })
    expect(await main({ action: 'listMine', payload: {} })).toMatchObject({ code: 'OK' })
    expect(captured.lines).toHaveLength(1)
  })
})

describe('日志适配器本身', () => {
  it('细节里有循环引用、重复引用或 bigint 也写得出一行', () => {
    const captured = captureSink()
    const details: Record<string, unknown> = { count: BigInt(3) }
    details.self = details
    createJsonLogger(captured.sink, () => new Date(0)).info('提醒已发出', { details })
    expect(JSON.parse(captured.lines[0].line)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      message: '提醒已发出',
      details: { count: '3', self: '[重复引用]' },
    })
  })

  it('sink 自己抛出时吞掉：记日志不能让请求失败', () => {
    const logger = createTextLogger(() => {
      throw new Error('EPIPE')
    })
    expect(() => logger.error('随便什么', { error: new Error('x') })).not.toThrow()
  })
})
