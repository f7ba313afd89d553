/** 图片检测结论（wxa_media_check 推送）→ 照片的 verdict。存储用测试里的内存替身。 */
import type { Logger } from '../../src/core/shared/ports'
import type { PhotoCheck, PhotoCheckStore, PhotoVerdict } from '../../src/core/reports'
import { createRecordPhotoVerdict } from '../../src/core/reports'

function memoryPhotoChecks(initial: PhotoCheck[] = []): PhotoCheckStore & { checks: Map<string, PhotoCheck> } {
  const checks = new Map(initial.map((c) => [c.traceId, { ...c }]))
  return {
    checks,
    async recordPhotoChecks(list) {
      for (const c of list) checks.set(c.traceId, { ...c })
    },
    async setPhotoVerdict(traceId, verdict) {
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
}

function collectingLogger() {
  const lines: { level: string; message: string; details?: Record<string, unknown> }[] = []
  const at =
    (level: string) =>
    (message: string, fields: { details?: Record<string, unknown> } = {}) =>
      void lines.push({ level, message, details: fields.details })
  const logger: Logger = { error: at('error'), warn: at('warn'), info: at('info') }
  return { logger, lines }
}

const check = (traceId: string, fileId: string): PhotoCheck => ({
  traceId,
  fileId,
  reportId: 'r1',
  uploaderId: 'o_wang',
  verdict: 'pending',
  at: '2026-11-20T02:00:00.000Z',
})

/** 与微信社区贴出的真实推送同形（label 是字符串）。 */
const push = (traceId: string, suggest: string, extra: Record<string, unknown> = {}) => ({
  ToUserName: 'gh_7bf1f1389686',
  FromUserName: 'or9bw69jaWwJlF-6u0z3qT3KmO2k',
  CreateTime: 1762329554,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wxb04d1be1ede56d47',
  trace_id: traceId,
  version: 2,
  result: { suggest, label: suggest === 'pass' ? '100' : 20002 },
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label: '100', prob: 90 }],
  ...extra,
})

function setup() {
  const photos = memoryPhotoChecks([check('t-pass', 'f1'), check('t-risky', 'f2'), check('t-review', 'f3')])
  const { logger, lines } = collectingLogger()
  return { photos, lines, record: createRecordPhotoVerdict({ photos, logger }) }
}

const verdictOf = (photos: ReturnType<typeof memoryPhotoChecks>, traceId: string): PhotoVerdict | undefined => photos.checks.get(traceId)?.verdict

describe('记录图片检测结论', () => {
  it('pass → pass', async () => {
    const { photos, record, lines } = setup()
    expect(await record(push('t-pass', 'pass'))).toEqual({ ok: true, data: { traceId: 't-pass', verdict: 'pass', recorded: true } })
    expect(verdictOf(photos, 't-pass')).toBe('pass')
    expect(lines).toEqual([])
  })

  it('risky → risky：这张照片只给上传者看，同一条报事的其他照片不受影响', async () => {
    const { photos, record, lines } = setup()
    expect(await record(push('t-risky', 'risky'))).toMatchObject({ ok: true, data: { verdict: 'risky', recorded: true } })
    expect(await photos.withheldPhotosOf('r1', '9999-01-01T00:00:00.000Z')).toEqual(['f2'])
    expect(verdictOf(photos, 't-pass')).toBe('pending')
    expect(lines).toEqual([expect.objectContaining({ level: 'info', details: expect.objectContaining({ traceId: 't-risky', label: 20002 }) })])
  })

  it('review → 按通过处理，并记 warn 请人工查看', async () => {
    const { photos, record, lines } = setup()
    expect(await record(push('t-review', 'review'))).toMatchObject({ ok: true, data: { verdict: 'pass', recorded: true } })
    expect(verdictOf(photos, 't-review')).toBe('pass')
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('人工'), details: expect.objectContaining({ traceId: 't-review' }) }),
    ])
  })

  it('未知的追踪号：什么都不改，记 warn，照样答成功（recorded: false）', async () => {
    const { photos, record, lines } = setup()
    const before = JSON.stringify([...photos.checks.values()])
    expect(await record(push('t-nobody', 'risky'))).toEqual({ ok: true, data: { traceId: 't-nobody', verdict: 'risky', recorded: false } })
    expect(JSON.stringify([...photos.checks.values()])).toBe(before)
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('未知的追踪号') })])
  })

  it('策略出错（detail 里 errcode ≠ 0）：照样记下结论，另记 warn', async () => {
    const { photos, record, lines } = setup()
    await record(push('t-pass', 'pass', { detail: [{ strategy: 'content_model', errcode: -1008, suggest: 'pass', label: 100 }] }))
    expect(verdictOf(photos, 't-pass')).toBe('pass')
    expect(lines[0]).toMatchObject({ level: 'warn', details: { errcodes: [-1008] } })
  })

  it.each([
    ['不是对象', 'wxa_media_check'],
    ['null', null],
    ['别的事件', push('t-pass', 'pass', { Event: 'user_enter_tempsession' })],
    ['不是事件消息', push('t-pass', 'pass', { MsgType: 'text' })],
    ['v1 的推送（isrisky，没有 result）', { ...push('t-pass', 'pass'), result: undefined, version: undefined, isrisky: 1 }],
    ['没有追踪号', push('', 'pass')],
    ['不认得的建议', push('t-pass', 'block')],
    ['追踪号不是字符串', push('t-pass', 'pass', { trace_id: 42 })],
  ])('形状不对（%s）：INVALID，什么都不改', async (_name, event) => {
    const { photos, record, lines } = setup()
    const result = await record(event)
    expect(result).toEqual({ ok: false, code: 'INVALID', message: '不是图片检测结果推送' })
    expect([...photos.checks.values()].every((c) => c.verdict === 'pending')).toBe(true)
    expect(lines.map((l) => l.level)).toEqual(['warn'])
  })
})
