/**
 * 按请求编号只插入一次（报事、公告、台账、问卷共用）：插入带 ON CONFLICT(作者, request_id) DO NOTHING；
 * 没插入（重试）时读回第一次存下的那条，不再占额度、不再记统计。插入、占额度、记统计在一个事务里；
 * 额度已满时事务回滚，答 'limited'。
 */
import type { HourlyLimit, LimitedIf } from '../../../src/core/shared/hourlyLimit'
import type { TallyDelta } from '../../../src/core/tally'
import type { SqliteContext } from './context'

export interface InsertOnce<T, R> {
  /** 冲突却读不回时错误里的说法（报事、公告……）。 */
  noun: string
  /** 插入；答插入的行数（0 为这个请求编号已存过）。 */
  insert(item: T): number
  /** 按 (作者, 请求编号) 读回第一次存下的那条。 */
  existing(item: T): T | undefined
  /** 插入之后、记统计之前要写的（公告、问卷面向的楼栋）。 */
  afterInsert?(item: T): void
  /** 交回的形状，如 { report, created }。 */
  result(item: T, created: boolean): R
  /**
   * 写下的记录本身就是额度的用量时（报事：limit 是这位报事人的报事额度），数窗口里这位作者的记录（含刚插入的），
   * 答 null 时照常在 hourly_limits 里记时刻。
   */
  countedUses?(item: T, limit: HourlyLimit): ((since: string) => number) | null
}

export function insertOnce<T, R>(ctx: SqliteContext, spec: InsertOnce<T, R>) {
  const insertTx = ctx.transaction((item: T, deltas: TallyDelta[], limit?: HourlyLimit): R => {
    if (spec.insert(item) === 0) {
      const existing = spec.existing(item)
      if (!existing) throw new Error(`请求编号冲突但找不到原${spec.noun}`)
      return spec.result(existing, false)
    }
    const counted = limit && spec.countedUses?.(item, limit)
    if (counted) ctx.limits.useCounted(limit, counted)
    else ctx.limits.use(limit)
    spec.afterInsert?.(item)
    ctx.recordTallyDeltas(deltas)
    return spec.result(item, true)
  })
  return <L extends HourlyLimit | undefined>(item: T, deltas: TallyDelta[], limit: L): R | LimitedIf<L> =>
    ctx.limits.unlessFull(limit, () => insertTx(item, deltas, limit))
}
