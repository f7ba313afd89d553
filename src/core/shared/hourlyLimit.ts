/**
 * 每小时限额：挡住刷屏，正常使用碰不到。规则只有这一处：
 * 存储为每个（人，动作）存一份"最近几次写入的时刻"（至多 max 个），在与被限的写入同一个事务里
 * 用 admitUse 判断并改写它：过去一小时内已有 max 次就整次写入作废（什么都不存）。
 * 窗口是滑动的一小时（与原先按记录数的规则相同），时刻来自用例的时钟，不是存储的时钟。
 * 计数随写入一起提交：同一人同时发出的请求在存储里排队或冲突重试，不会都读到"还没满"。
 * 只有真的要写时才计：同一请求编号的重试答第一次的结果，不占额度；问卷的替换算一次提交。
 */
import { HOUR_MS } from './time'

/** 各动作每人每小时的上限。 */
export const HOURLY_LIMITS = {
  /** 报事。 */
  report: 10,
  /** "我也遇到"（合并转来的关注不算，那不是他点的）。 */
  follow: 30,
  /** 发公告。 */
  notice: 20,
  /** 记台账。 */
  worklog: 60,
  /** 交答卷（替换也算一次）。 */
  surveyAnswer: 30,
  /** 对工作总结提意见。 */
  summaryComment: 10,
} as const
export type LimitedAction = keyof typeof HOURLY_LIMITS

/** 一次受限写入要带给存储的：额度的键（动作|人）、这次写入的时刻、上限。 */
export interface HourlyLimit {
  key: string
  at: string
  max: number
}

/** 存储在被限的写入之外答的结果：这一小时已满，什么都没存。 */
export const LIMITED = 'limited' as const
export type Limited = typeof LIMITED
/** 带了额度（L 为 HourlyLimit）的写入才可能答 'limited'；不带的写入类型上就不会。 */
export type LimitedIf<L> = L extends HourlyLimit ? Limited : never
/** 额度已满时存储答的值（类型跟着调用方给没给额度走）。 */
export const limitedFor = <L extends HourlyLimit | undefined>(limit: L): LimitedIf<L> => {
  if (!limit) throw new Error('没带额度的写入不会因额度被拒')
  return LIMITED as LimitedIf<L>
}

export function hourlyLimit(action: LimitedAction, openid: string, at: string): HourlyLimit {
  return { key: `${action}|${openid}`, at, max: HOURLY_LIMITS[action] }
}

/**
 * 给出存着的最近写入时刻，答这次写入之后应存的时刻（仍在一小时内的，加上这一次，至多 max 个）；
 * 一小时内已有 max 次时答 null：这次写入不许做。
 */
export function admitUse(recent: readonly string[], limit: HourlyLimit): string[] | null {
  const since = windowStartOf(limit)
  const within = recent.filter((at) => at >= since)
  if (within.length >= limit.max) return null
  return [...within, limit.at].sort()
}

/** 这次写入的滑动一小时从哪一刻起（含这一刻）：时刻不早于它的写入都在窗口里。 */
export function windowStartOf(limit: HourlyLimit): string {
  return new Date(Date.parse(limit.at) - HOUR_MS).toISOString()
}

/**
 * 写入本身就是一条带时刻的记录时（报事：报事人、提交时刻），存储可以直接数窗口里的记录，不另存时刻：
 * usesIncludingThis 是这次写入之后、时刻不早于 windowStartOf(limit) 的条数，与 admitUse 同一条规则。
 */
export function admitCounted(usesIncludingThis: number, limit: HourlyLimit): boolean {
  return usesIncludingThis <= limit.max
}

const MESSAGES: Record<LimitedAction, (max: number) => string> = {
  report: (max) => `一小时内最多提交 ${max} 条报事，请稍后再试；紧急情况请直接联系物业或拨打 110/119`,
  follow: (max) => `一小时内最多点 ${max} 次"我也遇到"，请稍后再试`,
  notice: (max) => `一小时内最多发布 ${max} 条公告，请稍后再试`,
  worklog: (max) => `一小时内最多记 ${max} 条台账，请稍后再试`,
  surveyAnswer: (max) => `一小时内最多交 ${max} 次答卷，请稍后再试`,
  summaryComment: (max) => `一小时内最多提 ${max} 条意见，请稍后再试`,
}

/** 到了限额时给居民（代表）看的话。 */
export function limitMessage(action: LimitedAction): string {
  return MESSAGES[action](HOURLY_LIMITS[action])
}
