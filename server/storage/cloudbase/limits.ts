/**
 * 云开发：每小时限额（规则见 core/shared/hourlyLimit.ts）。事务里不能查询，所以额度是一个按 _id（动作|人）读写的文档
 * { recent: [最近几次写入的时刻] }，与被限的写入在同一个事务里读、判断、整个改写。同一人同时发出的请求都写这个文档：
 * 后写的冲突、退避重试，重试时读到已占的额度。被限的写入先做（已存下的请求编号在那一步撞唯一索引，不占额度）。
 * 文档数随人数与动作数有界，不用清理。
 */
import { admitUse, type HourlyLimit } from '../../../src/core/shared/hourlyLimit'

export const HOURLY_LIMITS_COLLECTION = 'hourlyLimits'

/** 额度已满：在事务里抛出，让事务回滚；调用方认出它答 LIMITED。 */
export const HOUR_FULL = Symbol('这一小时的额度已满')

interface LimitTransaction {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: Record<string, unknown> | null }>; set(options: { data: Record<string, unknown> }): Promise<unknown> }
  }
}

/** 在事务里占一次额度；没给 limit 时什么都不做，已满时抛 HOUR_FULL。 */
export async function useHourlyLimit(tx: LimitTransaction, limit: HourlyLimit | undefined): Promise<void> {
  if (!limit) return
  const ref = tx.collection(HOURLY_LIMITS_COLLECTION).doc(limit.key)
  const { data } = await ref.get()
  const recent = admitUse((data?.recent as string[] | undefined) ?? [], limit)
  if (!recent) throw HOUR_FULL
  await ref.set({ data: { recent } })
}
