/**
 * 统计核对：把存储里的桶与从原始记录独立重算的结果比对，打印差异，需要时改正。
 * npm run tally:check 用它；SQLite 与云开发走同一个 TallyMaintenance 端口。
 */
import type { TallyMaintenance } from '../../src/core/recount'
import { recountAll } from '../../src/core/recount'
import { bucketId, diffBuckets, isCleanDiff, type TallyDiff } from '../../src/core/tally'

export interface TallyCheckReport {
  reports: number
  statusChanges: number
  notices: number
  noticeReads: number
  /** 含已删除的。 */
  workLog: number
  surveys: number
  surveyAnswers: number
  buckets: number
  /** 还没归并进桶的统计事件（云开发；桶数与核对都已把它们算上）。 */
  pendingEvents: number
  diff: TallyDiff
  /** 是否已按重算结果改正。 */
  rebuilt: boolean
  /** 改正之后再核对一次的结果（只在改正时有）。 */
  after?: TallyDiff
}

export async function checkTallies(store: TallyMaintenance, { rebuild = false } = {}): Promise<TallyCheckReport> {
  // 改正时，rebuild 自己读记录、重算并交回改正前的差异，之后只为复核再读一次；不先多读一遍。
  const diff = rebuild ? await store.rebuild(recountAll) : null
  const records = await store.rawRecords()
  const buckets = await store.allBuckets()
  const pendingEvents = await store.pendingTallyEvents()
  const current = diffBuckets(buckets, recountAll(records))
  const counts = {
    reports: records.reports.length,
    statusChanges: records.statusChanges.length,
    notices: records.notices.length,
    noticeReads: records.noticeReads.length,
    workLog: records.workLog.length,
    surveys: records.surveys.length,
    surveyAnswers: records.surveyAnswers.length,
    buckets: buckets.length,
    pendingEvents,
  }
  if (!diff || isCleanDiff(diff)) return { ...counts, diff: diff ?? current, rebuilt: false }
  return { ...counts, diff, rebuilt: true, after: current }
}

/** 差异逐条写成中文，一行一个桶。 */
export function describeDiff(diff: TallyDiff, limit = 50): string[] {
  const lines = [
    ...diff.different.map((d) => `值不对 ${bucketId(d.actual)}：存的是 ${d.actual.count} 次/${d.actual.sum}，重算是 ${d.expected.count} 次/${d.expected.sum}`),
    ...diff.missing.map((b) => `缺少 ${bucketId(b)}：重算是 ${b.count} 次/${b.sum}`),
    ...diff.extra.map((b) => `多余 ${bucketId(b)}：存的是 ${b.count} 次/${b.sum}，重算没有这个桶`),
  ]
  return lines.length > limit ? [...lines.slice(0, limit), `……另有 ${lines.length - limit} 处`] : lines
}
