/**
 * 管理员核对统计（npm run tally:check）：一致时说一致；桶被改坏时列出差异、退出码 1；--rebuild 改正后再核对一致。
 * SQLite 走真正的命令行（子进程），云开发走同一个核对函数与真 wx-server-sdk。
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { seedDemo } from '../../server/host/seed'
import { checkTallies, describeDiff } from '../../server/maintenance/tallyCheck'
import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { openSqliteStore } from '../../server/storage/sqlite'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { type Report, deltasForNewReport, deltasForStatusChange } from '../../src/core/reports'
import { isCleanDiff } from '../../src/core/tally'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

const ROOT = path.resolve(__dirname, '../..')
const runCheck = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/tally-check.ts'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('npm run tally:check（SQLite）', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'loushi-check-'))
    file = path.join(dir, 'loushi.db')
    const store = openSqliteStore(file)
    await seedDemo(store, { now: '2026-11-20T02:00:00.000Z' })
    store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('一致时退出码 0；改坏一个桶、删掉一个桶、多出一个桶后列出三处差异，退出码 1；--rebuild 改正', () => {
    const clean = runCheck('--file', file)
    expect(clean.out).toContain('统计桶与重算结果一致')
    expect(clean.status).toBe(0)

    const store = openSqliteStore(file)
    store.db.prepare("UPDATE tally_buckets SET count = count + 5 WHERE scope = 'building:b_chy1' AND month = '2026-11' AND metric = 'report.received'").run()
    const victim = store.db
      .prepare("SELECT month, metric FROM tally_buckets WHERE scope = 'building:b_chy2' AND metric LIKE 'report.response.%' LIMIT 1")
      .get() as { month: string; metric: string }
    const deleted = store.db.prepare("DELETE FROM tally_buckets WHERE scope = 'building:b_chy2' AND month = ? AND metric = ?").run(victim.month, victim.metric)
    store.db.prepare("INSERT INTO tally_buckets VALUES ('building:b_none', '2026-11', 'report.received', 3, 0)").run()
    store.close()
    expect(deleted.changes).toBe(1)

    const broken = runCheck('--file', file)
    expect(broken.status).toBe(1)
    expect(broken.out).toMatch(/值不对 building:b_chy1\|2026-11\|report\.received：存的是 \d+ 次\/0，重算是 \d+ 次\/0/)
    expect(broken.out).toMatch(/缺少 building:b_chy2\|\d{4}-\d{2}\|report\.response\./)
    expect(broken.out).toContain('多余 building:b_none|2026-11|report.received')

    const fixed = runCheck('--file', file, '--rebuild')
    expect(fixed.out).toContain('已按重算改正，再次核对一致')
    expect(fixed.status).toBe(0)
    expect(runCheck('--file', file).status).toBe(0)
  })

  it('找不到数据文件时说清楚，退出码 2', () => {
    const missing = runCheck('--file', path.join(dir, 'nope.db'))
    expect(missing.status).toBe(2)
    expect(missing.out).toContain('找不到数据文件')
  })
})

const sampleReport = (i: number): Report => ({
  id: `r${String(i).padStart(3, '0')}`,
  communityId: 'c1',
  buildingId: 'b1',
  kind: i % 4 === 0 ? 'complaint' : 'repair',
  category: i % 3 === 0 ? 'parking' : 'facilities',
  text: '楼道灯不亮',
  location: { scope: 'public', area: '楼道/楼梯间', detail: '' },
  anonymous: false,
  urgency: i % 5 === 0 ? 'urgent' : 'normal',
  contactPhone: '',
  photos: [],
  status: 'pending',
  assignee: null,
  mergedInto: null,
  followers: 0,
  reporterId: `resident${i % 7}`,
  requestId: `req-${i}`,
  createdAt: '',
  updatedAt: '',
  month: '',
})

describe('统计核对（云开发，真 wx-server-sdk）', () => {
  it('分页读全部记录与桶，发现改坏的桶并改正', async () => {
    const h = openCloudbaseHarness()
    const store = createCloudbaseStore(h.db, { backoff: () => 1 })
    // 执行器每个事务复制一次快照，整套演示数据要一分多钟：这里只放够翻页的量（流转 > 100 条）。
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
    await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
    for (let i = 0; i < 60; i++) {
      const createdAt = new Date(Date.parse('2026-09-01T02:00:00.000Z') + i * 86_400_000).toISOString()
      const r = { ...sampleReport(i), createdAt, updatedAt: createdAt, month: createdAt.slice(0, 7) }
      await store.insertReport(r, deltasForNewReport(r))
      const c1 = {
        reportId: r.id,
        from: 'pending',
        to: 'accepted' as const,
        note: '',
        actorId: 'li',
        at: new Date(Date.parse(createdAt) + (i + 1) * 600_000).toISOString(),
        requestId: `a${i}`,
        details: {},
      }
      await store.changeStatus(c1, 'pending', deltasForStatusChange(r, c1, []))
      const c2 = {
        reportId: r.id,
        from: 'accepted',
        to: 'awaiting_confirmation' as const,
        note: '',
        actorId: 'li',
        at: new Date(Date.parse(createdAt) + (i + 1) * 3_600_000).toISOString(),
        requestId: `h${i}`,
        details: {},
      }
      await store.changeStatus(c2, 'accepted', deltasForStatusChange({ ...r, status: 'accepted' }, c2, [c1]))
    }
    expect((await store.rawRecords()).statusChanges).toHaveLength(120)
    expect(isCleanDiff((await checkTallies(store)).diff)).toBe(true)

    // 写入只记了统计事件；先归并进桶（定时函数做的事），再改坏一个桶。
    expect((await store.foldTallies()).pending).toBe(0)
    const [victim] = h.executor.documents(COLLECTIONS.tallies)
    await h.db
      .collection(COLLECTIONS.tallies)
      .doc(victim._id)
      .update({ data: { count: (victim.count as number) + 2 } })
    const broken = await checkTallies(store)
    expect(describeDiff(broken.diff)).toEqual([
      `值不对 ${victim._id}：存的是 ${(victim.count as number) + 2} 次/${victim.sum}，重算是 ${victim.count} 次/${victim.sum}`,
    ])
    const fixed = await checkTallies(store, { rebuild: true })
    expect(fixed.rebuilt).toBe(true)
    expect(fixed.after && isCleanDiff(fixed.after)).toBe(true)
    h.dispose()
  })
})
