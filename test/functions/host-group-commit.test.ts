/**
 * 本地宿主的成组提交（server/storage/sqlite/groupCommit.ts）与目录读结果的记忆（directoryMemo.ts），在真实的 SQLite 文件上：
 * - 同一轮事件循环里的几次报事合成一个事务：提交之前别的连接一条也看不到，settled() 兑现时全部都在；
 * - 组里一个请求的事务失败只回滚它自己的保存点（它的报事行已经写下、随后失败），同组别的请求照常提交，统计等于重算；
 * - SQLite 把整组回滚了（磁盘满、I/O 错误时它会这样）时 settled() 拒绝、onFailure 被调用：宿主据此不答、退出；
 * - 宿主经 HTTP：答了 OK 的报事，另一个连接立即读得到；
 * - 记着的楼栋在别的连接改了它之后不再用旧的。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createHost } from '../../server/host/app'
import { createFunctions, storePorts } from '../../server/functions'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { createSqliteContext, openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { openDatabase } from '../../server/storage/sqlite/db'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { isCleanDiff } from '../../src/core/tally'
import { aReport, countingIds, memberOf } from '../samples'
import { aReport as aStoredReport } from '../contract/harness'
import { deltasForNewReport } from '../../src/core/reports'

const clock = { now: () => '2026-11-20T02:00:00.000Z' }
let dir = ''
let file = ''
let store: SqliteStore
const failures: unknown[] = []

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-group-'))
  file = path.join(dir, 'host.db')
  failures.length = 0
  store = openSqliteStore(file, { groupCommit: { onFailure: (error) => void failures.push(error) } })
  await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
  await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
  await store.addMember(memberOf('rep_li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
  await store.settled()
})

afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const functionsOn = (s: SqliteStore) =>
  createFunctions({
    ...storePorts(s),
    clock,
    ids: countingIds('g'),
    platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', logMessages: false }),
    templates: { newReport: 'TPL_NEW_REPORT' },
    logger: createTextLogger(() => undefined),
  })

/** 另一个连接（如另一个进程）看到的：这些请求编号各有几条报事。 */
function committedCounts(requestIds: string[]) {
  const other = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const count = other.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM reports WHERE request_id = ?')
    return requestIds.map((id) => count.get(id)?.n ?? 0)
  } finally {
    other.close()
  }
}

describe('成组提交', () => {
  it('同一轮的几次报事在一个事务里：提交之前别的连接看不到，settled() 之后全部都在', async () => {
    const fns = functionsOn(store)
    const ids = ['group-01', 'group-02', 'group-03']
    const replies = await Promise.all(
      ids.map((requestId, i) => fns.reports({ action: 'submit', payload: aReport({ requestId }) }, { openid: `resident_${i}` })),
    )
    expect(replies.map((r) => r.code)).toEqual(['OK', 'OK', 'OK'])
    // 函数已经答了，但这一轮还没结束：组还开着，别的连接一条都看不到——所以宿主要等 settled() 才发答复。
    expect(committedCounts(ids)).toEqual([0, 0, 0])
    await store.settled()
    expect(committedCounts(ids)).toEqual([1, 1, 1])
    expect(failures).toEqual([])
  })

  it('组里一个请求的事务失败只回滚它自己：它的关注行已写下又撤回，同组另外两条报事照常提交，统计等于重算', async () => {
    const fns = functionsOn(store)
    const submit = (requestId: string, openid: string) => fns.reports({ action: 'submit', payload: aReport({ requestId }) }, { openid })
    const followed = (await submit('followed-01', 'resident_x')) as { data: { report: { id: string } } }
    await store.settled()
    // 关注行插入之后、占"我也遇到"的额度时失败（同一个事务里）：这个居民的额度行写不进去。
    store.db.exec(
      "CREATE TRIGGER poisoned_limit BEFORE INSERT ON hourly_limits WHEN NEW.key LIKE '%resident_poisoned%' BEGIN SELECT RAISE(ABORT, '注入的失败'); END",
    )
    const replies = await Promise.all([
      submit('okay-0001', 'resident_a'),
      fns.reports({ action: 'follow', payload: { reportId: followed.data.report.id } }, { openid: 'resident_poisoned' }),
      submit('okay-0002', 'resident_b'),
    ])
    expect(replies.map((r) => r.code)).toEqual(['OK', 'INTERNAL', 'OK'])
    await store.settled()
    expect(committedCounts(['okay-0001', 'followed-01', 'okay-0002'])).toEqual([1, 1, 1])
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM follows').get()).toEqual({ n: 0 })
    expect(failures).toEqual([])
    const tallies = await checkTallies(store)
    expect(isCleanDiff(tallies.diff)).toBe(true)
    expect(tallies.reports).toBe(3)
  })

  it('组里攒着的统计增量：失败的事务（连同它里面成功的嵌套事务）记下的丢掉，其余的在提交时写进同一个事务', async () => {
    const db = openDatabase(path.join(dir, 'grouped.db'))
    const { ctx, group } = createSqliteContext(db, { groupCommit: { onFailure: (error) => void failures.push(error) } })
    const delta = (metric: string, count: number) => ({ scope: 'building:b1' as const, month: '2026-11', metric, count, sum: count * 10 })
    const record = ctx.transaction((metric: string, count: number) => ctx.recordTallyDeltas([delta(metric, count), delta('all', 1)]))
    const failing = ctx.transaction(() => {
      ctx.recordTallyDeltas([delta('a', 100), delta('all', 100)])
      record('b', 100)
      throw new Error('注入的失败')
    })
    const rowsOf = (d: Database.Database) => d.prepare('SELECT metric, count, sum FROM tally_buckets ORDER BY metric').all()
    record('a', 1)
    expect(() => failing()).toThrow('注入的失败')
    record('b', 2)
    expect(rowsOf(db)).toEqual([]) // 还攒着
    await group!.settled()
    const other = new Database(path.join(dir, 'grouped.db'), { readonly: true })
    try {
      expect(rowsOf(other)).toEqual([
        { metric: 'a', count: 1, sum: 10 },
        { metric: 'all', count: 2, sum: 20 },
        { metric: 'b', count: 2, sum: 20 },
      ])
    } finally {
      other.close()
      db.close()
    }
    expect(failures).toEqual([])
  })

  it('组还没提交时读统计：读到组里已答的报事（与直接写桶时一样），提交之后别的连接读到同样的桶', async () => {
    const fns = functionsOn(store)
    const replies = await Promise.all(
      ['read-0001', 'read-0002'].map((requestId, i) => fns.reports({ action: 'submit', payload: aReport({ requestId }) }, { openid: `r_${i}` })),
    )
    expect(replies.map((r) => r.code)).toEqual(['OK', 'OK'])
    const received = async () => (await store.bucketsOf(['building:b1'], ['2026-11'])).find((b) => b.metric === 'report.received')?.count
    expect(await received()).toBe(2)
    await store.settled()
    const other = new Database(file, { readonly: true })
    try {
      expect(other.prepare("SELECT count FROM tally_buckets WHERE metric = 'report.received'").get()).toEqual({ count: 2 })
    } finally {
      other.close()
    }
    const tallies = await checkTallies(store)
    expect(isCleanDiff(tallies.diff)).toBe(true)
  })

  it('SQLite 把整组回滚了：settled() 拒绝、onFailure 被调用，组里的写一条都不算提交', async () => {
    const fns = functionsOn(store)
    const reply = await fns.reports({ action: 'submit', payload: aReport({ requestId: 'lost-0001' }) }, { openid: 'resident_a' })
    expect(reply.code).toBe('OK')
    const settled = store.settled()
    store.db.exec('ROLLBACK') // 与 SQLITE_FULL / IOERR 时 SQLite 自己回滚整个事务一样
    await expect(settled).rejects.toThrow('整体回滚')
    expect(failures).toHaveLength(1)
    expect(committedCounts(['lost-0001'])).toEqual([0])
  })

  it('宿主经 HTTP：等到 settled() 兑现才发答复；之后另一个连接读得到答了 OK 的报事', async () => {
    // 把 settled() 换成由测试放行的门：门不开，答复就不能出去（没有这一步时答复在组提交之前就写到了套接字上）。
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const gated: SqliteStore = Object.assign(Object.create(store) as SqliteStore, { settled: () => gate.then(() => store.settled()) })
    const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', logMessages: false })
    const server = createHost({ store: gated, clock, platform, staticDir: path.join(dir, 'no-h5'), logger: createTextLogger(() => undefined), demo: false })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const ids = Array.from({ length: 4 }, (_, i) => `http-000${i}`)
      let answered = 0
      const replies = Promise.all(
        ids.map(async (requestId) => {
          const res = await fetch(`${base}/api/fn/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ action: 'submit', payload: aReport({ requestId }) }),
          })
          answered++
          return ((await res.json()) as { code: string }).code
        }),
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(answered).toBe(0)
      open()
      expect(await replies).toEqual(ids.map(() => 'OK'))
      expect(committedCounts(ids)).toEqual(ids.map(() => 1))
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('目录读结果的记忆', () => {
  it('别的连接改了楼栋、加了代表之后，下一次读到的是新的', async () => {
    expect((await store.buildingByCode('CHY1'))?.name).toBe('1号楼')
    expect(await store.representativesOf('b1')).toEqual(['rep_li'])
    const other = new Database(file)
    other.prepare("UPDATE buildings SET name = '一号楼' WHERE id = 'b1'").run()
    other
      .prepare(
        "INSERT INTO memberships (id, openid, community_id, building_id, role, name, body, since) VALUES ('m_x', 'rep_wang', 'c1', 'b1', 'representative', '', NULL, ?)",
      )
      .run(clock.now())
    other.close()
    expect((await store.buildingByCode('chy1'))?.name).toBe('一号楼')
    expect(await store.representativesOf('b1')).toEqual(['rep_li', 'rep_wang'])
  })

  it('组开着时不再每次查别的连接提交过没有：开组时查一次，所以开组之前别的连接改的楼栋照样读到新的', async () => {
    expect((await store.buildingByCode('CHY1'))?.name).toBe('1号楼')
    const other = new Database(file)
    other.prepare("UPDATE buildings SET name = '一号楼' WHERE id = 'b1'").run()
    other.close()
    // 一次不读目录的写开了组（拿到写锁）；之后组里的读不查 data_version。
    const report = aStoredReport({ id: 'memo-1', requestId: 'memo-0001' })
    await store.insertReport(report, deltasForNewReport(report))
    expect((await store.buildingByCode('CHY1'))?.name).toBe('一号楼')
    await store.settled()
  })

  it('这个连接移除代表，下一次读代表名单就没有他', async () => {
    expect(await store.representativesOf('b1')).toEqual(['rep_li'])
    const member = (await store.membersOf('c1')).find((m) => m.openid === 'rep_li')!
    await store.removeMember(member.id)
    expect(await store.representativesOf('b1')).toEqual([])
  })
})
