/**
 * 云函数 mediaCheck 的入口：平台推送的结论记下；客户端伪造的"推送"（小程序 callFunction、开发者工具、
 * 别的云函数转调）一律拒收，什么都不改，也不去碰存储。上下文就是 getWXContext() 给的那几个字段。
 */
import { createMediaCheckHandler, mediaCheckMain, NON_PUSH_SOURCES, pushOrigin } from '../../server/functions/mediaCheck'
import { createJsonLogger } from '../../server/platform/logger'
import type { WxContext } from '../../server/platform/wxCloud'
import type { PhotoCheck, PhotoCheckStore } from '../../src/core/reports'

function memoryPhotoChecks(initial: PhotoCheck[]) {
  const checks = new Map(initial.map((c) => [c.traceId, { ...c }]))
  const calls: string[] = []
  const store: PhotoCheckStore = {
    async recordPhotoChecks(list) {
      calls.push('recordPhotoChecks')
      for (const c of list) checks.set(c.traceId, { ...c })
    },
    async setPhotoVerdict(traceId, verdict) {
      calls.push(`setPhotoVerdict ${traceId} ${verdict}`)
      const check = checks.get(traceId)
      if (!check) return false
      check.verdict = verdict
      return true
    },
    async withheldPhotosOf(reportId, pendingSince) {
      return [...checks.values()]
        .filter((c) => c.reportId === reportId && (c.verdict === 'risky' || (c.verdict === 'pending' && c.at >= pendingSince)))
        .map((c) => c.fileId)
    },
  }
  return { store, checks, calls }
}

const pending = (traceId: string, fileId: string): PhotoCheck => ({
  traceId,
  fileId,
  reportId: 'r1',
  uploaderId: 'o_wang',
  verdict: 'pending',
  at: '2026-11-20T02:00:00.000Z',
})

const push = (traceId: string, suggest: 'pass' | 'risky' | 'review') => ({
  ToUserName: 'gh_7bf1f1389686',
  FromUserName: 'o_wang',
  CreateTime: 1762329554,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx0000000000000000',
  trace_id: traceId,
  version: 2,
  result: { suggest, label: 100 },
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label: 100, prob: 90 }],
})

function setup() {
  const photos = memoryPhotoChecks([pending('trace-a', 'cloud://env/reports/2026-11/a.jpg'), pending('trace-b', 'cloud://env/reports/2026-11/b.jpg')])
  const lines: string[] = []
  const logger = createJsonLogger((line) => void lines.push(line))
  const entries = () => lines.map((l) => JSON.parse(l) as { level: string; message: string; details?: Record<string, unknown> })
  return { ...photos, entries, handler: createMediaCheckHandler({ photos: photos.store, logger }), logger }
}

/** 平台推送时的上下文：没有小程序端的来源。文档没写推送的 SOURCE，这里取没有与 wx_unknown 两种。 */
const PUSH_CONTEXTS: [string, WxContext][] = [
  ['没有 SOURCE', { ENV: 'loushi-prod' }],
  ['SOURCE 为 wx_unknown', { ENV: 'loushi-prod', SOURCE: 'wx_unknown' }],
  // 官方的消息推送示例用推送时的 OPENID 回复用户：推送可能带 OPENID，不能据此拒收。
  ['带着被检测用户的 OPENID', { ENV: 'loushi-prod', OPENID: 'o_wang', APPID: 'wx0000000000000000' }],
]

/** 客户端能走的路：上下文由平台写，调用者改不了。 */
const CLIENT_CONTEXTS: [string, WxContext][] = [
  ['小程序 callFunction', { OPENID: 'o_attacker', APPID: 'wx0000000000000000', SOURCE: 'wx_client' }],
  ['开发者工具', { OPENID: 'o_attacker', SOURCE: 'wx_devtools' }],
  ['小程序经别的云函数转调', { OPENID: 'o_attacker', SOURCE: 'wx_client,scf' }],
  ['HTTP API', { SOURCE: 'wx_http' }],
  ['定时触发器', { SOURCE: 'wx_trigger' }],
]

describe('平台推送：记下结论', () => {
  it.each(PUSH_CONTEXTS)('%s：risky 记下，答 success', async (_name, context) => {
    const { handler, checks, store, entries } = setup()
    expect(await handler(push('trace-a', 'risky'), context)).toBe('success')
    expect(checks.get('trace-a')?.verdict).toBe('risky')
    expect(checks.get('trace-b')?.verdict).toBe('pending')
    // 窗口的起点放在遥远的将来：只列出判为有风险的（还在检测的 b 不算）。
    expect(await store.withheldPhotosOf('r1', '9999-01-01T00:00:00.000Z')).toEqual(['cloud://env/reports/2026-11/a.jpg'])
    // 每条收下的推送记一条 info，带上 SOURCE：上线后在日志里核对推送的来源。
    expect(entries().find((e) => e.message === '收到图片检测推送')).toMatchObject({
      level: 'info',
      details: { source: context.SOURCE ?? null, traceId: 'trace-a', verdict: 'risky', recorded: true },
    })
  })

  it('pass 与 review 都记为 pass', async () => {
    const { handler, checks } = setup()
    await handler(push('trace-a', 'pass'), {})
    await handler(push('trace-b', 'review'), {})
    expect([checks.get('trace-a')?.verdict, checks.get('trace-b')?.verdict]).toEqual(['pass', 'pass'])
  })

  it('形状不对或追踪号未知：什么都不改，仍答 success（重推也一样），记 warn', async () => {
    const { handler, checks, entries } = setup()
    expect(await handler({ MsgType: 'event', Event: 'user_enter_tempsession' }, {})).toBe('success')
    expect(await handler(push('trace-nobody', 'risky'), {})).toBe('success')
    expect([...checks.values()].map((c) => c.verdict)).toEqual(['pending', 'pending'])
    expect(entries().filter((e) => e.level === 'warn')).toHaveLength(2)
  })

  it('存储出错：答 INTERNAL，记 error', async () => {
    const { store, entries, logger } = setup()
    store.setPhotoVerdict = async () => {
      throw new Error('数据库不可用')
    }
    const handler = createMediaCheckHandler({ photos: store, logger })
    expect(await handler(push('trace-a', 'risky'), {})).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null })
    expect(entries().at(-1)).toMatchObject({ level: 'error', message: 'mediaCheck 记录检测结论失败' })
  })
})

describe('客户端伪造的推送：拒收，什么都不改', () => {
  it.each(CLIENT_CONTEXTS)('%s → FORBIDDEN', async (_name, context) => {
    const { handler, checks, calls, entries } = setup()
    for (const suggest of ['pass', 'risky'] as const) {
      expect(await handler(push('trace-a', suggest), context)).toEqual({ code: 'FORBIDDEN', message: '这个云函数只接收微信平台的图片检测推送', data: null })
    }
    expect(calls).toEqual([])
    expect(checks.get('trace-a')?.verdict).toBe('pending')
    expect(entries().map((e) => [e.level, e.message])).toEqual([
      ['warn', '拒收 mediaCheck 调用：不是平台推送'],
      ['warn', '拒收 mediaCheck 调用：不是平台推送'],
    ])
  })

  it('事件带着小程序端 SDK 塞进来的 userInfo：拒收', async () => {
    const { handler, calls } = setup()
    const forged = { ...push('trace-a', 'pass'), userInfo: { appId: 'wx0000000000000000', openId: 'o_attacker' } }
    expect(await handler(forged, {})).toMatchObject({ code: 'FORBIDDEN' })
    expect(calls).toEqual([])
  })

  it('黑名单就是文档列出的非推送来源', () => {
    expect([...NON_PUSH_SOURCES].sort()).toEqual(['scf', 'wx_client', 'wx_crawler', 'wx_devtools', 'wx_http', 'wx_localdebug', 'wx_paycallback', 'wx_trigger'])
    expect(pushOrigin(push('t', 'pass'), { SOURCE: ' wx_unknown , wx_client ' })).toEqual({ push: false, reason: '调用来源是 wx_client' })
  })
})

describe('部署入口 mediaCheckMain', () => {
  it('拒收的调用不建存储（部署包里就是不初始化 SDK、不碰网络）', async () => {
    const { store } = setup()
    const opened: string[] = []
    const main = mediaCheckMain({
      photos: () => (opened.push('store'), store),
      context: () => ({ OPENID: 'o_attacker', SOURCE: 'wx_client' }),
      logger: createJsonLogger(() => undefined),
    })
    expect(await main(push('trace-a', 'pass'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(opened).toEqual([])
  })

  it('推送：第一次收下时建存储，之后复用', async () => {
    const { store, checks } = setup()
    const opened: string[] = []
    const main = mediaCheckMain({ photos: () => (opened.push('store'), store), context: () => ({}), logger: createJsonLogger(() => undefined) })
    expect(await main(push('trace-a', 'risky'))).toBe('success')
    expect(await main(push('trace-b', 'pass'))).toBe('success')
    expect(opened).toEqual(['store'])
    expect([checks.get('trace-a')?.verdict, checks.get('trace-b')?.verdict]).toEqual(['risky', 'pass'])
  })
})
