/** 各端口文件共用的东西：连接、写事务、每小时限额、记统计增量的函数、目录读结果的记忆。在 index.ts 里建一次，交给每个端口。 */
import type Database from 'better-sqlite3'
import type { TallyDelta } from '../../../src/core/tally'
import type { DirectoryMemo } from './directoryMemo'
import type { SqliteHourlyLimits } from './limits'

export interface SqliteContext {
  db: Database.Database
  /** 写事务：与 db.transaction 相同；成组提交时先加入这一轮的那一组（groupCommit.ts），事务成了组里的一个保存点。 */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- 与 better-sqlite3 的 Transaction<F> 同一个约束
  transaction<F extends (...args: any[]) => unknown>(fn: F): Database.Transaction<F>
  limits: SqliteHourlyLimits
  /** 在调用方的事务里记下统计增量（tally.ts 的 tallyDeltaRecorder）。 */
  recordTallyDeltas(deltas: TallyDelta[]): void
  /** 楼栋、小区与代表名单的读结果；这个连接写目录表时清空，别的连接提交了也清空（directoryMemo.ts）。 */
  directoryMemo: DirectoryMemo
}

/** IN (…) 的占位符。 */
export const marksFor = (values: readonly unknown[]) => values.map(() => '?').join(',')
