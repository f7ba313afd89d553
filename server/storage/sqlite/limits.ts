/**
 * SQLite：每小时限额（规则见 core/shared/hourlyLimit.ts）。额度行与被限的写入在同一个事务里读、判断、改写；
 * 写入先做（已存下的请求编号在那一步就答第一次的结果，不占额度），额度已满则抛出、整个事务回滚。
 */
import type Database from 'better-sqlite3'
import { admitCounted, admitUse, limitedFor, windowStartOf, type HourlyLimit, type LimitedIf } from '../../../src/core/shared/hourlyLimit'

const HOUR_FULL = Symbol('这一小时的额度已满')

export type SqliteHourlyLimits = ReturnType<typeof sqliteHourlyLimits>

export function sqliteHourlyLimits(db: Database.Database) {
  const read = db.prepare<[string], { recent: string }>('SELECT recent FROM hourly_limits WHERE key = ?')
  const write = db.prepare('INSERT INTO hourly_limits (key, recent) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET recent = excluded.recent')
  return {
    /** 在调用方的事务里占一次额度；没给 limit 时什么都不做。 */
    use(limit: HourlyLimit | undefined) {
      if (!limit) return
      const row = read.get(limit.key)
      const recent = admitUse(row ? (JSON.parse(row.recent) as string[]) : [], limit)
      if (!recent) throw HOUR_FULL
      write.run(limit.key, JSON.stringify(recent))
    },
    /**
     * 在调用方的事务里占一次额度，额度的用量就是窗口里的记录条数（刚写下的这条也在内）：countSince 数出时刻不早于窗口起点的条数。
     * 不另存时刻，每次写入少读写一行、少解析一次 JSON；重启之后数的还是同样的记录，所以照样精确。
     */
    useCounted(limit: HourlyLimit | undefined, countSince: (since: string) => number) {
      if (!limit) return
      if (!admitCounted(countSince(windowStartOf(limit)), limit)) throw HOUR_FULL
    },
    /** 跑一个带 limit 的事务；其中额度已满时答 'limited'（事务已回滚，什么都没存）。 */
    unlessFull<T, L extends HourlyLimit | undefined>(limit: L, run: () => T): T | LimitedIf<L> {
      try {
        return run()
      } catch (error) {
        if (error === HOUR_FULL) return limitedFor(limit)
        throw error
      }
    },
  }
}
