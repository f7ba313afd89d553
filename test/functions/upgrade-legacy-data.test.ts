/**
 * 旧版本留下的数据目录由新代码打开：test/fixtures/legacy-v2.sql 是 main f372524（迁移版本 2）播种出的数据库原样导出。
 * 打开时迁移 3 改状态 id、换统计桶形状，迁移 5 给成员补上 id，最后从原始记录重算；报事一条不少，统计等于重算，也与旧桶的总数对得上。
 */
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { recountAll } from '../../src/core/recount'
import { Totals } from '../../src/core/tally'

const FIXTURE = path.resolve(__dirname, '../fixtures/legacy-v2.sql')
const RENAMED: Record<string, string> = { resolved: 'awaiting_confirmation', confirmed: 'resolved' }
const renamed = (status: string) => RENAMED[status] ?? status

let dir: string
let file: string
let legacy: {
  reports: { id: string; status: string; text: string; reporter_id: string; month: string; building_id: string }[]
  changes: { report_id: string; from_status: string; to_status: string; at: string }[]
  received: { building_id: string; month: string; count: number }[]
}
let store: SqliteStore

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-legacy-'))
  file = path.join(dir, 'loushi.db')
  const old = new Database(file)
  // 一个事务里导入：逐条自动提交要等两千多次落盘。
  old.transaction(() => old.exec(readFileSync(FIXTURE, 'utf8')))()
  legacy = {
    reports: old.prepare('SELECT id, status, text, reporter_id, month, building_id FROM reports ORDER BY id').all() as typeof legacy.reports,
    changes: old.prepare('SELECT report_id, from_status, to_status, at FROM status_changes ORDER BY seq').all() as typeof legacy.changes,
    received: old.prepare("SELECT building_id, month, count FROM tallies WHERE dim = 'reports' ORDER BY building_id, month").all() as typeof legacy.received,
  }
  expect(old.pragma('user_version', { simple: true })).toBe(2)
  old.close()
  store = openSqliteStore(file)
})
afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('旧数据目录升级', () => {
  it('报事一条不少，字段不变，状态 id 按含义改名；流转留痕同样改名', async () => {
    expect(legacy.reports.length).toBe(352)
    const { reports, statusChanges } = await store.rawRecords()
    const now = new Map(reports.map((r) => [r.id, r]))
    expect(now.size).toBe(legacy.reports.length)
    for (const old of legacy.reports) {
      expect(now.get(old.id)).toMatchObject({
        status: renamed(old.status),
        text: old.text,
        reporterId: old.reporter_id,
        month: old.month,
        buildingId: old.building_id,
      })
    }
    expect(legacy.reports.some((r) => r.status === 'confirmed') && legacy.reports.some((r) => r.status === 'resolved')).toBe(true)
    expect(statusChanges).toHaveLength(legacy.changes.length)
    // 每条报事的流转按先后逐条对照。
    const steps = (list: { reportId: string; from: string; to: string; at: string }[]) => {
      const out = new Map<string, string[]>()
      for (const c of list) out.set(c.reportId, [...(out.get(c.reportId) ?? []), `${c.from}→${c.to}@${c.at}`])
      return out
    }
    const expected = steps(legacy.changes.map((c) => ({ reportId: c.report_id, from: renamed(c.from_status), to: renamed(c.to_status), at: c.at })))
    expect(steps(statusChanges)).toEqual(expected)
    expect(store.db.pragma('user_version', { simple: true })).toBe(16)
    // 迁移 7 从留痕补齐了里程碑："标记过已处理的"正好是留痕里进过待确认的那些。
    const handled = new Set(statusChanges.filter((c) => c.to === 'awaiting_confirmation').map((c) => c.reportId))
    const buildings = [...new Set(reports.map((r) => r.buildingId))]
    const months = [...new Set(reports.map((r) => r.month))]
    expect(handled.size).toBeGreaterThan(0)
    expect(await store.countTraceReports({ buildingIds: buildings, months, has: 'handling' })).toBe(handled.size)
  })

  it('旧成员有了确定的 id（m + 原来的行号）、空的称呼与加入时刻，身份不变；小区不是老旧小区', async () => {
    expect(await store.membersOf('c_chunhui')).toEqual([
      { id: 'm1', openid: 'demo_rep_li', communityId: 'c_chunhui', buildingId: 'b_chy1', role: 'representative', name: '', body: null, since: '' },
      { id: 'm2', openid: 'demo_rep_chen', communityId: 'c_chunhui', buildingId: 'b_chy2', role: 'representative', name: '', body: null, since: '' },
      { id: 'm3', openid: 'demo_committee_zhang', communityId: 'c_chunhui', buildingId: null, role: 'committee', name: '', body: null, since: '' },
    ])
    expect(await store.representativesOf('b_chy1')).toEqual(['demo_rep_li'])
    expect(await store.community('c_chunhui')).toMatchObject({ hasPropertyCompany: true, oldEstate: false })
    const { notices, noticeReads, workLog, surveys, surveyAnswers } = await store.rawRecords()
    expect([notices, noticeReads, workLog, surveys, surveyAnswers]).toEqual([[], [], [], [], []])
  })

  it('统计桶等于从原始记录重算，每楼每月收到的件数与旧桶相同', async () => {
    expect(await store.allBuckets()).toEqual(recountAll(await store.rawRecords()))
    for (const old of legacy.received) {
      expect(new Totals(await store.bucketsOf([`building:${old.building_id}`], [old.month]), [old.month]).count('report.received')).toBe(old.count)
    }
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'tallies'").get()).toBeUndefined()
  })

  it('升级后的数据照常服务：代表看统计，再次打开不重复迁移', async () => {
    const fns = createFunctions({
      ...storePorts(store),
      clock: { now: () => '2026-11-20T04:00:00.000Z' },
      ids: { newId: () => 'after-upgrade-1', newCode: () => 'UPGRADED' },
      platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false }),
      logger: createTextLogger(() => undefined),
    })
    const reply = await fns.stats({ action: 'building', payload: { buildingCode: 'CHY1', month: '2026-11' } }, { openid: 'demo_rep_li' })
    expect(reply.code).toBe('OK')
    const year = (reply.data as { year: { figures: { received: number; byStatus: Record<string, number> } } }).year.figures
    const oldYear = legacy.reports.filter((r) => r.building_id === 'b_chy1' && r.month.startsWith('2026'))
    expect(year.received).toBe(oldYear.length)
    expect(year.byStatus.resolved).toBe(oldYear.filter((r) => r.status === 'confirmed').length)
    store.close()
    store = openSqliteStore(file)
    expect(await store.allBuckets()).toEqual(recountAll(await store.rawRecords()))
  })
})
