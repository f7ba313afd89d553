/**
 * SQLite：统计桶。增量与被统计的写入在同一个事务里，要么都生效，要么都不生效；
 * 各端口只经 tallyDeltaRecorder 交出的函数记增量，不直接写 tally_buckets（核对与重算在 rebuild 里）。
 */
import type Database from 'better-sqlite3'
import type { TallyFolder, TallyReader } from '../../../src/core/tally'
import type { TallyMaintenance, TallyRecords } from '../../../src/core/recount'
import { diffBuckets, type TallyBucket, type TallyDelta } from '../../../src/core/tally'
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

export function sqliteTally(db: Database.Database): TallyReader & TallyMaintenance & TallyFolder {
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
      return bucketsOf(scopes, months).map(toBucket)
    },
    async allBuckets() {
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
      return rebuildTx.immediate(recount)
    },
  }
}
