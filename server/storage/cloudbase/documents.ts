/**
 * 文档与领域对象的对应：_id 即领域 id，另有几个只供存储用的字段（读回时去掉）；
 * 没有迁移的旧文档缺后来加的字段，读出时补默认值（与 SQLite 的列默认值一致）。
 * 事务里不能查询，所以"是否已有"靠确定的 _id：这里是各种 _id 的拼法。
 */
import { createHash } from 'node:crypto'
import type { Building, Invite, Member, Membership } from '../../../src/core/directory'
import type { Follow, Report, StatusChange, PhotoCheck, ReportStatus } from '../../../src/core/reports'
import type { Notice, NoticeRead } from '../../../src/core/notices'
import type { Survey, SurveyAnswer } from '../../../src/core/surveys'
import type { WorkLogEntry } from '../../../src/core/worklog'
import type { StoredMilestones } from '../../../src/core/summaryDocument'
import type { TallyBucket } from '../../../src/core/tally'
import type { Data } from './sdk'

/** 一人在一个小区同一楼同一身份只有一条：确定的 _id 让"是否已是成员"在事务里按 _id 读得到；成员自己的 id 另存在 id 字段。 */
export const membershipId = (openid: string, m: Membership) => [openid, m.communityId, m.buildingId ?? '', m.role].join('|')
/** 建小区的幂等记录：每人每个请求编号一条（请求编号只含字母、数字、_ 与 -，不会含 |）。 */
export const communityCreationId = (openid: string, requestId: string) => `${openid}|${requestId}`
/** 查邀请码的尝试：每人每小时一条。 */
export const inviteAttemptId = (openid: string, hourKey: string) => `${openid}|${hourKey}`
/** 每人每条公告只读一次。 */
export const noticeReadId = (noticeId: string, openid: string) => `${noticeId}|${openid}`
/** 每人每栋楼一份提醒额度。 */
export const noticeCreditId = (openid: string, buildingId: string) => `${openid}|${buildingId}`
/** 每人每卷一份答卷。 */
export const surveyAnswerId = (surveyId: string, openid: string) => `${surveyId}|${openid}`
export const changeId = (reportId: string, seq: number) => `${reportId}:${String(seq).padStart(4, '0')}`
/** 一人对一条报事只有一条关注：确定的 _id 让"是否已关注"在事务里按 _id 读得到。 */
export const followId = (reportId: string, openid: string) => `${reportId}|${openid}`

/**
 * 文档就是领域对象：_id 即领域 id，另有几个只供存储用的字段（报事的 revision、楼栋的 codeKey）。
 * 读回时去掉它们，其余字段原样交回。
 */
function fromDoc<T>(doc: Data, storageOnly: string[] = []): T {
  const { _id, ...fields } = doc
  for (const key of storageOnly) delete fields[key]
  return { id: String(_id), ...fields } as T
}

/** 报事文档里只供存储用的里程碑字段（读回报事时去掉；由 reports.ts 的 changeStatus 在同一事务里记下）。 */
export const MILESTONE_FIELDS = ['respondedAt', 'handledAt', 'handlingMinutes', 'handledCount', 'resolvedAt', 'ratingCount', 'firstTimeResolved']

/** 文档上存着的里程碑（迁移之前的旧文档缺的按没有）。字段名即 MILESTONE_FIELDS。 */
export const storedMilestones = (d: Data): StoredMilestones => ({
  respondedAt: (d.respondedAt as string | null | undefined) ?? null,
  handledAt: (d.handledAt as string | null | undefined) ?? null,
  handlingMinutes: (d.handlingMinutes as number | null | undefined) ?? null,
  handledCount: (d.handledCount as number | undefined) ?? 0,
  resolvedAt: (d.resolvedAt as string | null | undefined) ?? null,
  ratings: (d.ratingCount as number | undefined) ?? 0,
  firstTime: (d.firstTimeResolved as boolean | undefined) ?? false,
})
/** 里程碑写回文档的字段（流转时与迁移补旧报事时同一份）。 */
export const milestoneDoc = (m: StoredMilestones): Data => ({
  respondedAt: m.respondedAt,
  handledAt: m.handledAt,
  handlingMinutes: m.handlingMinutes,
  handledCount: m.handledCount,
  resolvedAt: m.resolvedAt,
  ratingCount: m.ratings,
  firstTimeResolved: m.firstTime,
})

/** 报事后来加的字段在旧文档里的值（迁移 2026-11-report-life 把它们补进库里）。 */
const REPORT_DEFAULTS: Pick<Report, 'urgency' | 'contactPhone' | 'assignee' | 'mergedInto' | 'followers'> = {
  urgency: 'normal',
  contactPhone: '',
  assignee: null,
  mergedInto: null,
  followers: 0,
}
export const toReport = (doc: Data): Report => ({ ...REPORT_DEFAULTS, ...fromDoc<Report>(doc, ['revision', ...MILESTONE_FIELDS]) })
export const toBuilding = (doc: Data) => fromDoc<Building>(doc, ['codeKey'])
export const toStatusChange = (d: Data): StatusChange => ({
  reportId: d.reportId as string,
  from: d.from as string,
  to: d.to as ReportStatus,
  note: d.note as string,
  actorId: d.actorId as string,
  at: d.at as string,
  requestId: (d.requestId as string | undefined) ?? '',
  details: (d.details as StatusChange['details'] | undefined) ?? {},
})
/** 关注文档另存被关注报事的提交时间（reportCreatedAt），"我关注的"按它排序翻页；领域里的关注没有它。 */
export const toFollow = (d: Data): Follow => ({ reportId: d.reportId as string, openid: d.openid as string, at: d.at as string, via: d.via as Follow['via'] })
/**
 * 迁移 2026-11-governance 之前的成员文档没有 id：由 _id 确定地算出一个（迁移写进库里的也是它）。
 * 不直接用 _id：它含 openid，而成员 id 会给管理员看到。
 */
export const legacyMemberId = (docId: string) => `m${createHash('sha256').update(docId).digest('hex').slice(0, 19)}`

/** 没有 id、称呼、名义与加入时刻的旧成员文档取 legacyMemberId 与默认值。 */
export const toMember = (d: Data): Member => ({
  id: (d.id as string | undefined) ?? legacyMemberId(String(d._id)),
  openid: d.openid as string,
  communityId: d.communityId as string,
  buildingId: (d.buildingId as string | null | undefined) ?? null,
  role: d.role as Member['role'],
  name: (d.name as string | undefined) ?? '',
  body: (d.body as Member['body'] | undefined) ?? null,
  since: (d.since as string | undefined) ?? '',
})
export const memberDoc = (m: Member): Data => ({ ...m })
/** 邀请的 _id 即邀请码。 */
export const toInvite = (d: Data): Invite => {
  const { _id, ...fields } = d
  return { code: String(_id), ...fields } as Invite
}
/** 公告文档另存面向的楼栋 id 的数组（targetIds），按楼筛选走它的索引；领域里的公告没有它。 */
// readers：旧版本在公告文档上记的已读人数（热点文档，高峰时冲突），现在从阅读回执数；旧文档里的这一项丢掉。
export const toNotice = (d: Data) => fromDoc<Notice>(d, ['targetIds', 'readers'])
export const toNoticeRead = (d: Data): NoticeRead => ({
  noticeId: d.noticeId as string,
  openid: d.openid as string,
  buildingId: d.buildingId as string,
  at: d.at as string,
  // 这个字段之前写下的回执没有它：都不是从分享来的。
  viaShare: d.viaShare === true,
})
export const toWorkLog = (d: Data) => fromDoc<WorkLogEntry>(d)
/** 问卷文档同公告，另存面向的楼栋 id 的数组（targetIds）。 */
export const toSurvey = (d: Data) => fromDoc<Survey>(d, ['targetIds'])
export const toSurveyAnswer = (d: Data): SurveyAnswer => ({
  surveyId: d.surveyId as string,
  openid: d.openid as string,
  buildingId: d.buildingId as string,
  unit: d.unit as string,
  room: d.room as string,
  values: (d.values as SurveyAnswer['values'] | undefined) ?? {},
  requestId: d.requestId as string,
  at: d.at as string,
  viaShare: d.viaShare === true,
})
export const surveyAnswerDoc = (a: SurveyAnswer): Data => ({ ...a })
export const byCreation =
  <T extends { id: string }>(at: (x: T) => string) =>
  (a: T, b: T) =>
    at(a) === at(b) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : at(a) < at(b) ? -1 : 1
/** 答卷按问卷、交卷时刻、openid 排（与 SQLite 一致）。 */
export const byAnswerOrder = (a: SurveyAnswer, b: SurveyAnswer) => {
  const ka = [a.surveyId, a.at, a.openid]
  const kb = [b.surveyId, b.at, b.openid]
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
  return 0
}
export const toPhotoCheck = (d: Data): PhotoCheck => ({
  traceId: String(d._id),
  fileId: d.fileId as string,
  reportId: d.reportId as string,
  uploaderId: d.uploaderId as string,
  verdict: d.verdict as PhotoCheck['verdict'],
  at: d.at as string,
})

/** 桶的 _id（范围|月份|指标）只是存储键，领域里的桶没有 id。 */
export const toBucket = (doc: Data): TallyBucket => ({
  scope: doc.scope as TallyBucket['scope'],
  month: doc.month as string,
  metric: doc.metric as string,
  count: doc.count as number,
  sum: doc.sum as number,
})
export const bucketDoc = (b: TallyBucket): Data => ({ scope: b.scope, month: b.month, metric: b.metric, count: b.count, sum: b.sum })
