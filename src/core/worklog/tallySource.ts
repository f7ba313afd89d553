/**
 * 工作台账这个来源写进统计桶的指标。范围是台账所在的楼（整个小区的事记在小区范围），月份是事情发生的月份；
 * 隐患的整改记在整改日期所在的月。删除了的台账不计。
 *
 * | 指标                          | 次数 | 总量               | 何时                         |
 * |-------------------------------|------|--------------------|------------------------------|
 * | worklog.entry.<种类>          | 1    | 0                  | 每条台账（巡查次数、会议次数……） |
 * | worklog.hazard.found          | 1    | 0                  | 巡查发现的每处隐患（巡查月） |
 * | worklog.hazard.fixed          | 1    | 0                  | 每处已整改的隐患（整改月）   |
 * | worklog.meeting.<会议类型>    | 1    | 参会人数           | 每次会议                     |
 * | worklog.activity.participants | 1    | 参与人次           | 每次活动                     |
 * | worklog.mediation.<结果>      | 1    | 0                  | 每次调解，按当前结果         |
 * | worklog.volunteer.people      | 1    | 志愿者人次         | 每次志愿服务                 |
 * | worklog.volunteer.minutes     | 1    | 服务时长（分钟）   | 同上（时长按分钟存整数，合计精确） |
 *
 * 编辑与删除：先减去旧内容的增量，再加上新内容的增量（删除即新内容为空）。
 */
import type { WorkLogEntry } from './model'
import { buildingScope, communityScope, mergeDeltas, type Scope, type TallyBucket, type TallyDelta } from '../tally'

export const WORKLOG_METRICS = {
  entry: (kind: WorkLogEntry['kind']) => `worklog.entry.${kind}`,
  hazardFound: 'worklog.hazard.found',
  hazardFixed: 'worklog.hazard.fixed',
  meeting: (type: string) => `worklog.meeting.${type}`,
  activityParticipants: 'worklog.activity.participants',
  mediation: (outcome: string) => `worklog.mediation.${outcome}`,
  volunteerPeople: 'worklog.volunteer.people',
  volunteerMinutes: 'worklog.volunteer.minutes',
}

export type WorkLogFacts = Pick<WorkLogEntry, 'communityId' | 'buildingId' | 'month' | 'details' | 'removedAt'>

export const scopeOfEntry = (e: Pick<WorkLogEntry, 'communityId' | 'buildingId'>): Scope =>
  e.buildingId ? buildingScope(e.buildingId) : communityScope(e.communityId)

/** 志愿服务时长（小时，可有一位小数）→ 整分钟。 */
export const volunteerMinutes = (hours: number) => Math.round(hours * 60)

/** 一条台账按它现在的内容贡献的全部增量（删除了的为空）。 */
function contribution(e: WorkLogFacts, sign: 1 | -1): TallyDelta[] {
  if (e.removedAt) return []
  const scope = scopeOfEntry(e)
  const d = (metric: string, sum = 0, month = e.month): TallyDelta => ({ scope, month, metric, count: sign, sum: sign * sum })
  const out = [d(WORKLOG_METRICS.entry(e.details.kind))]
  const x = e.details
  switch (x.kind) {
    case 'inspection':
      for (const h of x.hazards) {
        out.push(d(WORKLOG_METRICS.hazardFound))
        if (h.fixedOn) out.push(d(WORKLOG_METRICS.hazardFixed, 0, h.fixedOn.slice(0, 7)))
      }
      break
    case 'meeting':
      out.push(d(WORKLOG_METRICS.meeting(x.type), x.attendees))
      break
    case 'activity':
      out.push(d(WORKLOG_METRICS.activityParticipants, x.participants))
      break
    case 'mediation':
      out.push(d(WORKLOG_METRICS.mediation(x.outcome)))
      break
    case 'volunteer':
      out.push(d(WORKLOG_METRICS.volunteerPeople, x.volunteers), d(WORKLOG_METRICS.volunteerMinutes, volunteerMinutes(x.hours)))
      break
    case 'coordination':
      break
  }
  return out
}

export const deltasForNewWorkLog = (e: WorkLogFacts): TallyDelta[] => mergeDeltas(contribution(e, 1))

/** 编辑、整改、删除：旧内容减去，新内容加上；合并后只剩真正变了的桶。 */
export const deltasForWorkLogChange = (before: WorkLogFacts, after: WorkLogFacts): TallyDelta[] =>
  mergeDeltas([...contribution(before, -1), ...contribution(after, 1)])

/** 独立重算：逐条数台账的现有内容，不调用上面的增量函数。 */
export function recountWorkLog(entries: readonly WorkLogEntry[]): TallyBucket[] {
  const buckets = new Map<string, TallyBucket>()
  const add = (e: WorkLogEntry, metric: string, sum = 0, month = e.month) => {
    const scope: Scope = e.buildingId ? `building:${e.buildingId}` : `community:${e.communityId}`
    const key = `${scope}|${month}|${metric}`
    const b = buckets.get(key)
    if (b) {
      b.count += 1
      b.sum += sum
    } else buckets.set(key, { scope, month, metric, count: 1, sum })
  }
  for (const e of entries) {
    if (e.removedAt) continue
    const x = e.details
    add(e, `worklog.entry.${x.kind}`)
    if (x.kind === 'inspection') {
      for (const h of x.hazards) {
        add(e, 'worklog.hazard.found')
        if (h.fixedOn) add(e, 'worklog.hazard.fixed', 0, h.fixedOn.slice(0, 7))
      }
    } else if (x.kind === 'meeting') add(e, `worklog.meeting.${x.type}`, x.attendees)
    else if (x.kind === 'activity') add(e, 'worklog.activity.participants', x.participants)
    else if (x.kind === 'mediation') add(e, `worklog.mediation.${x.outcome}`)
    else if (x.kind === 'volunteer') {
      add(e, 'worklog.volunteer.people', x.volunteers)
      add(e, 'worklog.volunteer.minutes', Math.round(x.hours * 60))
    }
  }
  return [...buckets.values()]
}
