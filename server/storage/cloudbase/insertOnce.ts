/**
 * 按请求编号只插入一次（报事、公告、台账、问卷共用）。云开发没有 "INSERT … ON CONFLICT"：
 * 幂等靠 (作者, requestId) 上的唯一索引。插入、占额度、记统计增量在一个事务里；
 * 重试（或并发的重试）撞上唯一索引时事务整体回滚，第一次的那条已经存下、统计也已累加过，读回它。
 * 不在事务前先查一次：首次提交是常态，重试是例外，不为例外多付一次读。
 */
import { limitedFor, type HourlyLimit, type LimitedIf } from '../../../src/core/shared/hourlyLimit'
import type { TallyDelta } from '../../../src/core/tally'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { HOUR_FULL, useHourlyLimit } from './limits'
import type { Data } from './sdk'
import { recordTallyDeltas } from './tally'

export interface InsertOnce<T, R, L> {
  collection: 'reports' | 'notices' | 'workLog' | 'surveys'
  id: string
  /** 文档里除 _id 外的字段（领域字段与只供存储用的字段）。 */
  fields: Data
  /** 标识这次请求的字段：{ 作者, requestId }，上面有唯一索引。 */
  request: Data
  item: T
  toItem: (doc: Data) => T
  /** 交回的形状，如 { report, created }。 */
  result: (item: T, created: boolean) => R
  deltas: TallyDelta[]
  limit: L
}

export async function insertOnce<T, R, L extends HourlyLimit | undefined>(ctx: StoreContext, spec: InsertOnce<T, R, L>): Promise<R | LimitedIf<L>> {
  try {
    await ctx.transact(async (tx) => {
      await tx.collection(COLLECTIONS[spec.collection]).add({ data: { _id: spec.id, ...spec.fields } })
      await useHourlyLimit(tx, spec.limit)
      await recordTallyDeltas(ctx, tx, spec.deltas)
    })
    return spec.result(spec.item, true)
  } catch (error) {
    if (error === HOUR_FULL) return limitedFor(spec.limit)
    const { data } = await ctx.coll(spec.collection).where(spec.request).limit(1).get()
    if (data.length) return spec.result(spec.toItem(data[0]), false)
    throw error
  }
}
