/**
 * 代表的统计看板（stats.building）：在演示数据上，看板新加的数字都与直接从原始记录（SQL 读表，不读统计桶）数出来的一致：
 * 上月与上年的收到件数（环比）、近 12 个月每月居民已确认解决的件数、公告知晓率（本年公告的阅读人数 / 发布时户数之和）、
 * 本年问卷各维度的均分、此刻未整改的隐患。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { seedDemo } from '../../server/host/seed'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import type { BuildingStatsView } from '../../src/core/dashboard'
import type { SurveyQuestion } from '../../src/core/surveys'
import { addMonths, monthOf } from '../../src/core/shared/time'
import { countingIds } from '../samples'

const NOW = '2026-11-20T02:00:00.000Z'
const BUILDING = 'b_chy1'

let dir: string
let store: SqliteStore
let view: BuildingStatsView

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-dashboard-'))
  store = openSqliteStore(path.join(dir, 'd.db'))
  await seedDemo(store, { now: NOW })
  const fns = createFunctions({
    ...storePorts(store),
    clock: { now: () => NOW },
    ids: countingIds('dash'),
    platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' }),
    logger: createTextLogger(),
  })
  const reply = (await fns.stats({ action: 'building', payload: { buildingCode: 'CHY1' } }, { openid: 'demo_rep_li' })) as {
    code: string
    data: BuildingStatsView
  }
  expect(reply.code).toBe('OK')
  view = reply.data
})
afterAll(() => {
  store?.close()
  rmSync(dir, { recursive: true, force: true })
})

const rows = <T>(sql: string, ...args: unknown[]) => store.db.prepare(sql).all(...args) as T[]
/** 本楼的报事：收到的月份（北京时间）与当前状态。 */
const reports = () =>
  rows<{ created_at: string; status: string }>('SELECT created_at, status FROM reports WHERE building_id = ?', BUILDING).map((r) => ({
    month: monthOf(r.created_at),
    status: r.status,
  }))
const inYear = (month: string, year: string) => month.startsWith(`${year}-`)

it('上月、上年的收到件数与本年的，与原始报事数的一致（环比有东西可比）', () => {
  const all = reports()
  expect(view.previousMonth.label).toBe('2026年10月')
  expect(view.previousMonth.figures.received).toBe(all.filter((r) => r.month === '2026-10').length)
  expect(view.previousYear.label).toBe('2025年')
  expect(view.previousYear.figures.received).toBe(all.filter((r) => inYear(r.month, '2025')).length)
  expect(view.year.figures.received).toBe(all.filter((r) => inYear(r.month, '2026')).length)
  expect(view.previousYear.figures.received).toBeGreaterThan(0)
})

it('近 12 个月每月：收到的与其中居民已确认解决的', () => {
  const all = reports()
  expect(view.trend.map((t) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonths('2025-12', i)))
  for (const t of view.trend) {
    expect({ month: t.month, received: t.received, resolved: t.resolved }).toEqual({
      month: t.month,
      received: all.filter((r) => r.month === t.month).length,
      resolved: all.filter((r) => r.month === t.month && r.status === 'resolved').length,
    })
  }
  expect(view.trend.some((t) => t.resolved > 0)).toBe(true)
})

it('公告知晓率：本年发布、面向本楼的公告，本楼的阅读人数 / 发布时户数之和', () => {
  const notices = rows<{ id: string; month: string; targets: string }>('SELECT id, month, targets FROM notices').filter((n) => inYear(n.month, '2026'))
  let households = 0
  let readers = 0
  for (const n of notices) {
    const target = (JSON.parse(n.targets) as { buildingId: string; households: number }[]).find((t) => t.buildingId === BUILDING)
    if (target) households += target.households
    readers += rows('SELECT 1 FROM notice_reads WHERE notice_id = ? AND building_id = ?', n.id, BUILDING).length
  }
  expect(view.year.noticeReads).toMatchObject({ numerator: readers, denominator: households })
  expect(households).toBeGreaterThan(0)
})

it('满意度：本年开始的问卷在本楼的答卷数；各维度的均分（一位小数）只来自已经结束的问卷（下半年那份还开着）', () => {
  const surveys = rows<{ id: string; month: string; questions: string; closes_at: string; closed_at: string | null }>(
    'SELECT id, month, questions, closes_at, closed_at FROM surveys',
  ).filter((s) => inYear(s.month, '2026'))
  const sums = new Map<string, { n: number; sum: number }>()
  let respondents = 0
  for (const s of surveys) {
    const questions = JSON.parse(s.questions) as SurveyQuestion[]
    const closed = (s.closed_at ?? s.closes_at) <= NOW
    for (const a of rows<{ answer_values: string }>('SELECT answer_values FROM survey_answers WHERE survey_id = ? AND building_id = ?', s.id, BUILDING)) {
      respondents++
      if (!closed) continue
      const values = JSON.parse(a.answer_values) as Record<string, number>
      for (const q of questions) {
        if (q.type !== 'rating' || !q.dimension || typeof values[q.id] !== 'number') continue
        const m = sums.get(q.dimension) ?? { n: 0, sum: 0 }
        sums.set(q.dimension, { n: m.n + 1, sum: m.sum + values[q.id] })
      }
    }
  }
  expect(view.year.satisfaction.respondents).toBe(respondents)
  expect(respondents).toBeGreaterThan(2)
  expect(surveys.some((s) => (s.closed_at ?? s.closes_at) > NOW)).toBe(true)
  expect(sums.size).toBeGreaterThan(0)
  expect(view.year.satisfaction.dimensions.map((d) => [d.dimension, d.mean])).toEqual([...sums].map(([d, m]) => [d, Math.round((m.sum / m.n) * 10) / 10]))
})

it('未整改隐患：本楼没删除的巡查里还没有整改日期的隐患', () => {
  const inspections = rows<{ details: string }>("SELECT details FROM worklog WHERE building_id = ? AND kind = 'inspection' AND removed_at IS NULL", BUILDING)
  const open = inspections.reduce(
    (n, e) => n + (JSON.parse(e.details) as { hazards: { fixedOn: string | null }[] }).hazards.filter((h) => !h.fixedOn).length,
    0,
  )
  expect(view.openHazards).toBe(open)
})

it('本月、本年还没过完：标"至今"与算到哪天，与上期只列全期的数（改之前：7 天对 30 天，说"较上月低 35 个百分点"）；收到件数与直接读表的一致', () => {
  const all = reports()
  expect(view.month.progress).toEqual({ partial: true, through: '2026-11-20' })
  expect(view.month.label).toBe('本月至今（11月1–20日）')
  expect(view.month.figures.received).toBe(all.filter((r) => r.month === '2026-11').length)
  expect(view.year.progress).toEqual({ partial: true, through: '2026-11-20' })
  expect(view.year.label).toBe('本年至今（1月1日–11月20日）')
  // 上期已经过完：原来的名字，照常比升降。
  expect(view.previousMonth.progress).toEqual({ partial: false, through: null })
  expect(view.previousYear.progress).toEqual({ partial: false, through: null })
})
