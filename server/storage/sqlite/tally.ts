/**
 * SQLite：统计桶。增量与被统计的写入在同一个事务里，要么都生效，要么都不生效；
 * 各端口只经 tallyDeltaRecorder 交出的函数记增量，不直接写 tally_buckets（核对与重算在 rebuild 里）。
 */
import type Database from 'better-sqlite3'
import type { TallyFolder, TallyReader } from '../../../src/core/tally'
import type { TallyMaintenance, TallyRecords } from '../../../src/core/recount'
import { diffBuckets, mergeDeltas, type TallyBucket, type TallyDelta } from '../../../src/core/tally'
import { readTallyRecords, toBucket, type BucketRow } from './rows'

/** 一条语句最多 upsert 的桶数（每个桶 5 个参数，远在 SQLite 的参数上限之内）。 */
const BUCKETS_PER_STATEMENT = 50

/**
 * 在调用方的事务里记下统计增量的函数（每个库建一次）：每个端口记增量都走它。
 * 一次写入的全部增量（一条报事 7 个桶）是一条多行 upsert。增量不在这里再合并一遍（来源的 deltasFor… 已合并过）：
 * 同一个桶出现几次时，upsert 逐行执行，后一行与前一行冲突、照样加上去，结果与先合并相同。
 * 存着的桶里没有空桶：桶里的件数与合计都不为负，所以一个桶的增量全都件数为正、合计不为负时它不会变空；
 * 只对有件数 ≤ 0 或合计 < 0 的增量的桶再查一次、是空的就删（报事提交、关注、读公告都只增，不用查）。
 * 多行 upsert 不带 RETURNING：实测 RETURNING 让这条语句慢一倍多，比逐桶写还慢。
 */
export function tallyDeltaRecorder(db: Database.Database): (deltas: TallyDelta[]) => void {
  // 增量是加法（不是读改写），并发的写入各自加各自的。语句按行数缓存。
  const upserts = new Map<number, Database.Statement<unknown[]>>()
  const upsertOf = (rows: number) => {
    let stmt = upserts.get(rows)
    if (!stmt) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')
      stmt = db.prepare<unknown[]>(
        `INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES ${values}
         ON CONFLICT(scope, month, metric) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum`,
      )
      upserts.set(rows, stmt)
    }
    return stmt
  }
  const dropEmpty = db.prepare('DELETE FROM tally_buckets WHERE scope = ? AND month = ? AND metric = ? AND count = 0 AND sum = 0')
  return (deltas) => {
    for (let start = 0; start < deltas.length; start += BUCKETS_PER_STATEMENT) {
      const chunk = deltas.slice(start, start + BUCKETS_PER_STATEMENT)
      upsertOf(chunk.length).run(...chunk.flatMap((d) => [d.scope, d.month, d.metric, d.count, d.sum]))
    }
    for (const d of deltas) if (d.count <= 0 || d.sum < 0) dropEmpty.run(d.scope, d.month, d.metric)
  }
}

/**
 * 成组提交时（本地宿主）的统计增量：组里各请求记下的增量先留在内存，这一组提交之前合并、用同一条多行 upsert 写进这一组的事务
 * （一组几十条报事都加在同样七八个桶上：几十行的 upsert 变成七八行）。提交的还是同一个事务，所以统计与被统计的写入照样一起生效或一起作废。
 * - 某个请求的事务（组里的保存点）失败回滚时，它记下的增量也丢掉（mark / undo，由 index.ts 的 joiningGroup 在每个事务函数外面做）；
 * - 这一组没能提交时全部丢掉（discard）；
 * - 读桶之前先写进去（flush，仍在开着的组里），同一个连接上的读看得到组里已做的写，与直接写时一样。
 */
export function groupedTallyDeltas(write: (deltas: TallyDelta[]) => void) {
  let pending: TallyDelta[] = []
  // 每写出一次加一：事务函数开始时记下的位置属于哪一批（中途写出过，就只留写出之前的，之后记下的都属于这个失败的事务）。
  let generation = 0
  return {
    record(deltas: readonly TallyDelta[]) {
      for (const d of deltas) pending.push(d)
    },
    mark: () => ({ generation, length: pending.length }),
    undo(mark: { generation: number; length: number }) {
      pending.length = mark.generation === generation ? Math.min(mark.length, pending.length) : 0
    },
    flush() {
      if (pending.length === 0) return
      const all = pending
      pending = []
      generation++
      write(mergeDeltas(all))
    },
    discard() {
      pending = []
      generation++
    },
  }
}
export type GroupedTallyDeltas = ReturnType<typeof groupedTallyDeltas>

export function sqliteTally(db: Database.Database, flushPending: () => void = () => undefined): TallyReader & TallyMaintenance & TallyFolder {
  const q = {
    setBucket: db.prepare(
      `INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES (@scope, @month, @metric, @count, @sum)
       ON CONFLICT(scope, month, metric) DO UPDATE SET count = excluded.count, sum = excluded.sum`,
    ),
    deleteBucket: db.prepare('DELETE FROM tally_buckets WHERE scope = ? AND month = ? AND metric = ?'),
    allBuckets: db.prepare<[], BucketRow>('SELECT * FROM tally_buckets ORDER BY scope, month, metric'),
  }

  // 读记录、重算、改正在同一个写事务里（IMMEDIATE：一开始就拿写锁），期间别的写入等待，不会漏算。
  const rebuildTx = db.transaction((recount: (records: TallyRecords) => TallyBucket[]) => {
    const diff = diffBuckets(q.allBuckets.all().map(toBucket), recount(readTallyRecords(db)))
    for (const b of diff.missing) q.setBucket.run(b)
    for (const { expected } of diff.different) q.setBucket.run(expected)
    for (const b of diff.extra) q.deleteBucket.run(b.scope, b.month, b.metric)
    return diff
  })

  // 统计读取是热路径：按（范围个数，月份个数）缓存预编译语句，不每次重新编译。
  const bucketQueries = new Map<string, Database.Statement<string[], BucketRow>>()
  const bucketsOf = (scopes: readonly string[], months: readonly string[]) => {
    if (months.length === 0 || scopes.length === 0) return []
    const shape = `${scopes.length}x${months.length}`
    let stmt = bucketQueries.get(shape)
    if (!stmt) {
      const marks = (n: number) => Array.from({ length: n }, () => '?').join(',')
      stmt = db.prepare<string[], BucketRow>(`SELECT * FROM tally_buckets WHERE scope IN (${marks(scopes.length)}) AND month IN (${marks(months.length)})`)
      bucketQueries.set(shape, stmt)
    }
    return stmt.all(...scopes, ...months)
  }

  return {
    async bucketsOf(scopes, months) {
      flushPending()
      return bucketsOf(scopes, months).map(toBucket)
    },
    async allBuckets() {
      flushPending()
      return q.allBuckets.all().map(toBucket)
    },
    async rawRecords() {
      return readTallyRecords(db)
    },
    // 桶在写入的事务里同步累加：没有待归并的事件。
    async pendingTallyEvents() {
      return 0
    },
    async foldTallies() {
      return { folded: 0, pending: 0, busy: false }
    },
    async rebuild(recount) {
      flushPending()
      return rebuildTx.immediate(recount)
    },
  }
}
