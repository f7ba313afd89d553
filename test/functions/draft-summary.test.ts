/**
 * 起草工作总结（演示数据，一整年）：五种总结 × 1号楼 / 整个小区。
 *   - 每个"条数"数字（件、次、处、起）点开后列出的记录正好是那么多条（逐页读完）；
 *   - 几个关键数字的分子分母与直接从原始记录数出来的相同（不经统计桶）：收到、已解决、解决率、办结率、巡查次数、发现隐患、已整改；
 *   - 代表不能起草别的楼或整个小区；
 *   - 任何答复里都没有任何人的 openid。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { seedDemo } from '../../server/host/seed'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import type { TallyRecords } from '../../src/core/recount'
import { allParagraphs, renderText, SUMMARY_KINDS, type Figure, type SummaryDocument } from '../../src/core/summaryDocument'
import { countingIds } from '../samples'
import type { Reply } from './fixture'
import { rateNameConflicts, repeatedSubjects } from '../unit/summary-names'

jest.setTimeout(180_000)

const NOW = '2026-11-20T02:00:00.000Z'
const YEAR = { kind: 'year', start: '2026-01', end: '2026-12' } as const
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
const REP = 'demo_rep_li'
const COMMITTEE = 'demo_committee_zhang'
/** 数的是记录条数的数字（人次、小时、户、份是合计或聚合，不在此列）。 */
const COUNT_DISPLAY = /^\d+ (件|次|处|起)$/

let dir: string
let store: SqliteStore
let fns: ReturnType<typeof createFunctions>
let raw: TallyRecords
const replies: string[] = []

const call = async (fn: 'summary', openid: string, action: string, payload: unknown): Promise<Reply> => {
  const reply = (await fns[fn]({ action, payload }, { openid })) as Reply
  replies.push(JSON.stringify(reply))
  return reply
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-draft-'))
  store = openSqliteStore(path.join(dir, 'demo.db'))
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false })
  await seedDemo(store, { now: NOW, files: platform.files })
  fns = createFunctions({ ...storePorts(store), clock: { now: () => NOW }, ids: countingIds('s'), platform, logger: createTextLogger(() => undefined) })
  raw = await store.rawRecords()
})

afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const draftOf = async (openid: string, buildingCode: string | null, kind: string | null): Promise<SummaryDocument> => {
  const reply = await call('summary', openid, 'draft', { communityId: 'c_chunhui', buildingCode, period: YEAR, kind })
  expect(reply.code).toBe('OK')
  return reply.data.document
}

/** 一个数字背后的记录，逐页读完。 */
async function traceAll(openid: string, buildingCode: string | null, kind: string, figureId: string) {
  const records: unknown[] = []
  let cursor: string | null = null
  let total = -1
  for (let page = 0; page < 100; page++) {
    const reply = await call('summary', openid, 'trace', {
      summaryId: null,
      version: null,
      draft: { communityId: 'c_chunhui', buildingCode, period: YEAR, kind },
      figureId,
      cursor,
    })
    expect(reply.code).toBe('OK')
    total = reply.data.total
    records.push(...reply.data.records)
    expect(reply.data.explanation).toMatch(/[\u4e00-\u9fa5]/)
    cursor = reply.data.nextCursor
    if (!cursor) break
  }
  return { total, records }
}

describe('起草一年的工作总结（演示数据）', () => {
  const scopes = [
    { label: '1号楼（代表）', openid: REP, buildingCode: 'CHY1' as string | null },
    { label: '整个小区（业委会）', openid: COMMITTEE, buildingCode: null },
  ]

  it.each(scopes)('$label：五种总结里每个条数数字点开的记录正好那么多条', async ({ openid, buildingCode }) => {
    const checked = new Map<string, number>()
    for (const kind of SUMMARY_KINDS) {
      const doc = await draftOf(openid, buildingCode, kind)
      expect(doc.kind).toBe(kind)
      // 一份总结里一个比率名字只有一个口径（issue 21 第 3 点）。
      expect(rateNameConflicts(doc)).toEqual([])
      // 一句里不把同一个主语说两遍（槐树里联合总结曾有"对噪音与邻里纠纷类报事……目标是噪音与邻里纠纷类报事的办结率"）。
      expect(repeatedSubjects(doc)).toEqual([])
      const counts = Object.values(doc.figures).filter(
        (f: Figure) => COUNT_DISPLAY.test(f.display) && (f.trace.source === 'reports' || f.trace.source === 'worklog'),
      )
      expect(counts.length).toBeGreaterThan(3)
      for (const f of counts) {
        const key = `${f.id}|${JSON.stringify(f.trace)}`
        if (checked.has(key)) continue
        const { total, records } = await traceAll(openid, buildingCode, kind, f.id)
        expect({ figure: f.id, total, listed: records.length }).toEqual({ figure: f.id, total: f.value, listed: f.value })
        checked.set(key, f.value ?? -1)
      }
    }
    // 确实查过有记录的数字，不只是一堆 0。
    expect([...checked.values()].filter((n) => n > 0).length).toBeGreaterThan(5)
  })

  it.each(scopes)('$label：办结率与解决率点开的记录正好是它的分母', async ({ openid, buildingCode }) => {
    const doc = await draftOf(openid, buildingCode, null)
    for (const id of ['completion', 'resolution']) {
      const f: Figure = doc.figures[id]
      expect(f.rate?.denominator).toBeGreaterThan(0)
      const { total, records } = await traceAll(openid, buildingCode, doc.kind, id)
      expect({ id, total, listed: records.length }).toEqual({ id, total: f.rate?.denominator, listed: f.rate?.denominator })
    }
  })

  it('1号楼：关键数字的分子分母与直接从原始记录数出来的相同', async () => {
    const doc = await draftOf(REP, 'CHY1', 'representative')
    const reports = raw.reports.filter((r) => r.buildingId === 'b_chy1' && MONTHS.includes(r.month))
    const n = (status: string) => reports.filter((r) => r.status === status).length
    const completed = n('awaiting_confirmation') + n('resolved')
    expect(doc.figures.received.value).toBe(reports.length)
    expect(doc.figures.resolved.value).toBe(n('resolved'))
    expect(doc.figures.resolution.rate).toMatchObject({ numerator: n('resolved'), denominator: completed })
    expect(doc.figures.completion.rate).toMatchObject({ numerator: completed, denominator: reports.length - n('hidden') - n('duplicate') })
    const inspections = raw.workLog.filter((e) => !e.removedAt && e.buildingId === 'b_chy1' && MONTHS.includes(e.month) && e.details.kind === 'inspection')
    const hazards = inspections.flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards : []))
    expect(inspections.length).toBeGreaterThan(0)
    expect(doc.figures['worklog.inspection'].value).toBe(inspections.length)
    expect(doc.figures['hazards.found'].value).toBe(hazards.length)
    expect(doc.figures['hazards.fixedOfFound'].value).toBe(hazards.filter((h) => h.fixedOn !== null).length)
    expect(doc.figures['hazards.rate'].rate).toMatchObject({ numerator: hazards.filter((h) => h.fixedOn !== null).length, denominator: hazards.length })
    // 解决率那一句写着分母。
    expect(doc.figures.resolution.display).toContain(`（${n('resolved')}/${completed}）`)
  })

  it('1号楼代表的总结：面向本楼的公告里分出本人发的（业委会发给全小区的不算他的），点开正好列出他发的那几条', async () => {
    const doc = await draftOf(REP, 'CHY1', 'representative')
    const toBuilding = raw.notices.filter((n) => MONTHS.includes(n.month) && n.targets.some((t) => t.buildingId === 'b_chy1'))
    const own = toBuilding.filter((n) => n.authorId === REP)
    expect(own.length).toBeGreaterThan(0)
    expect(own.length).toBeLessThan(toBuilding.length)
    expect(doc.figures['notices.published'].value).toBe(toBuilding.length)
    expect(doc.figures['notices.own'].value).toBe(own.length)
    const { total, records } = await traceAll(REP, 'CHY1', 'representative', 'notices.own')
    expect({ total, listed: records.length }).toEqual({ total: own.length, listed: own.length })
    const notices = allParagraphs(doc).find((p) => p.id === 'notices')
    expect(renderText(notices!.text, doc.figures)).toMatch(new RegExp(`本人(本期)?发布(通知公告)?${own.length} 次`))
    // 业委会起草的全小区总结不分"本人"。
    expect((await draftOf(COMMITTEE, null, 'representative')).figures['notices.own']).toBeUndefined()
  })

  it('列表里带着每个范围、每种总结合不合实情的提示（与起草答回的 kindMismatch 相同），页面点选种类时不必等起草', async () => {
    const list = (await call('summary', COMMITTEE, 'list', { communityId: 'c_chunhui' })).data
    const community = list.kindFit.find((f: { scope: string }) => f.scope === 'community')
    expect(community.defaultKind).toBe('joint')
    for (const kind of ['noProperty', 'joint'] as const) {
      const drafted = await call('summary', COMMITTEE, 'draft', { communityId: 'c_chunhui', buildingCode: null, period: YEAR, kind })
      expect(community.mismatch[kind] ?? null).toBe(drafted.data.kindMismatch)
    }
    expect(community.mismatch.noProperty).toMatch(/春晖苑有物业服务企业/)
    const rep = (await call('summary', REP, 'list', { communityId: 'c_chunhui' })).data
    expect(rep.kindFit.map((f: { scope: string }) => f.scope)).toEqual(['CHY1'])
  })

  it('整个小区：收到与已解决按全部楼栋数', async () => {
    const doc = await draftOf(COMMITTEE, null, null)
    const reports = raw.reports.filter((r) => r.communityId === 'c_chunhui' && MONTHS.includes(r.month))
    expect(doc.figures.received.value).toBe(reports.length)
    expect(doc.figures.resolved.value).toBe(reports.filter((r) => r.status === 'resolved').length)
  })

  it('代表不能起草别的楼或整个小区；居民什么都不能起草', async () => {
    expect((await call('summary', REP, 'draft', { communityId: 'c_chunhui', buildingCode: 'CHY2', period: YEAR, kind: null })).code).toBe('FORBIDDEN')
    expect((await call('summary', REP, 'draft', { communityId: 'c_chunhui', buildingCode: null, period: YEAR, kind: null })).code).toBe('FORBIDDEN')
    expect((await call('summary', 'demo_resident_wang', 'draft', { communityId: 'c_chunhui', buildingCode: 'CHY1', period: YEAR, kind: null })).code).toBe(
      'FORBIDDEN',
    )
    const trace = await call('summary', REP, 'trace', {
      summaryId: null,
      version: null,
      draft: { communityId: 'c_chunhui', buildingCode: 'CHY2', period: YEAR, kind: null },
      figureId: 'received',
      cursor: null,
    })
    expect(trace.code).toBe('FORBIDDEN')
  })

  it('演示数据里有一份 1 号楼本年度的草稿：代表的列表里有它，2 号楼的代表看不到', async () => {
    const mine = await call('summary', REP, 'list', { communityId: 'c_chunhui' })
    expect(mine.data.items).toEqual([expect.objectContaining({ status: 'draft', periodLabel: '2026年', scopeLabel: '春晖苑1号楼', latestVersion: 1 })])
    expect(mine.data.canDraftCommunity).toBe(false)
    expect((await call('summary', 'demo_rep_chen', 'list', { communityId: 'c_chunhui' })).data.items).toEqual([])
  })

  it('任何答复里都没有任何人的 openid', () => {
    const openids = new Set<string>([
      ...raw.reports.map((r) => r.reporterId),
      ...raw.follows.map((f) => f.openid),
      ...raw.noticeReads.map((r) => r.openid),
      ...raw.surveyAnswers.map((a) => a.openid),
      ...raw.workLog.map((e) => e.authorId),
      REP,
      COMMITTEE,
    ])
    expect(replies.length).toBeGreaterThan(20)
    const all = replies.join('\n')
    for (const id of openids) expect({ id, found: all.includes(`"${id}"`) || all.includes(id) }).toEqual({ id, found: false })
  })
})
