/** 用例读统计与定时归并的端口（改正统计的维护端口在 recount.ts）。 */
import type { Scope, TallyBucket } from './buckets'

/** 用例读统计：若干范围、若干月份的桶（一个期间最多 12 个月）。 */
export interface TallyReader {
  bucketsOf(scopes: readonly Scope[], months: readonly string[]): Promise<TallyBucket[]>
}

/**
 * 统计归并（定时触发的云函数 tally 用）：把写入时记下的统计事件加进桶。同一时刻只有一个归并在跑，
 * 重叠的一次答 busy、什么都不做；中途崩溃不会少加或多加（见 server/storage/cloudbase/tallyLog.ts）。
 * SQLite 在写入的事务里直接累加，没有可归并的。
 */
export interface TallyFolder {
  foldTallies(): Promise<{ folded: number; pending: number; busy: boolean }>
}
