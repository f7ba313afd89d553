/**
 * 公告这个来源写进统计桶的指标（居民知晓率与信息公开次数的来源）：
 *
 * | 指标             | 范围       | 次数 | 总量                     | 月份   | 何时                         |
 * |------------------|------------|------|--------------------------|--------|------------------------------|
 * | notice.published | 小区       | 1    | 0                        | 发布月 | 发布（信息公开次数，全小区） |
 * | notice.targeted  | 每栋目标楼 | 1    | 该楼发布时的户数         | 发布月 | 发布（该楼的公开次数；知晓率的分母） |
 * | notice.read      | 读者所在楼 | 1    | 0                        | 发布月 | 每位居民第一次打开           |
 * | notice.sharedRead | 读者所在楼 | 1   | 0                        | 发布月 | 其中第一次打开来自群分享（卡片或链接） |
 *
 * 居民知晓率（某楼某期间）= notice.read 次数 ÷ notice.targeted 总量，即"读过的人次 ÷ 应知的户次"。
 * 阅读记在公告的发布月，于是一期公告的知晓率不会被下个月才读的人拆散。
 * 撤回不改统计：公告确实公开过（撤回后不能再读）。
 */
import type { Notice, NoticeRead } from './model'
import { mergeDeltas, type TallyBucket, type TallyDelta, buildingScope, communityScope } from '../tally'

export const NOTICE_METRICS = {
  published: 'notice.published',
  targeted: 'notice.targeted',
  read: 'notice.read',
  sharedRead: 'notice.sharedRead',
} as const

export function deltasForNotice(n: Pick<Notice, 'communityId' | 'month' | 'targets'>): TallyDelta[] {
  return mergeDeltas([
    { scope: communityScope(n.communityId), month: n.month, metric: NOTICE_METRICS.published, count: 1, sum: 0 },
    ...n.targets.map((t) => ({ scope: buildingScope(t.buildingId), month: n.month, metric: NOTICE_METRICS.targeted, count: 1, sum: t.households })),
  ])
}

export function deltasForNoticeRead(n: Pick<Notice, 'month'>, read: Pick<NoticeRead, 'buildingId' | 'viaShare'>): TallyDelta[] {
  const scope = buildingScope(read.buildingId)
  return [
    { scope, month: n.month, metric: NOTICE_METRICS.read, count: 1, sum: 0 },
    ...(read.viaShare ? [{ scope, month: n.month, metric: NOTICE_METRICS.sharedRead, count: 1, sum: 0 }] : []),
  ]
}

/** 独立重算：直接数公告与阅读记录。 */
export function recountNotices(notices: readonly Notice[], reads: readonly NoticeRead[]): TallyBucket[] {
  const buckets = new Map<string, TallyBucket>()
  const add = (scope: TallyBucket['scope'], month: string, metric: string, sum: number) => {
    const key = `${scope}|${month}|${metric}`
    const b = buckets.get(key)
    if (b) {
      b.count += 1
      b.sum += sum
    } else buckets.set(key, { scope, month, metric, count: 1, sum })
  }
  const monthOfNotice = new Map<string, string>()
  for (const n of notices) {
    monthOfNotice.set(n.id, n.month)
    add(communityScope(n.communityId), n.month, 'notice.published', 0)
    for (const t of n.targets) add(buildingScope(t.buildingId), n.month, 'notice.targeted', t.households)
  }
  for (const r of reads) {
    const month = monthOfNotice.get(r.noticeId)
    if (!month) continue
    add(buildingScope(r.buildingId), month, 'notice.read', 0)
    if (r.viaShare) add(buildingScope(r.buildingId), month, 'notice.sharedRead', 0)
  }
  return [...buckets.values()]
}
