/** SQLite 行与领域对象之间的转换（存储适配器与迁移共用）。 */
import type Database from 'better-sqlite3'
import type { Building, Invite, Member } from '../../../src/core/directory'
import type { Follow, Report, StatusChange, ReportStatus } from '../../../src/core/reports'
import type { Notice, NoticeRead } from '../../../src/core/notices'
import type { Survey, SurveyAnswer } from '../../../src/core/surveys'
import type { WorkLogEntry } from '../../../src/core/worklog'
import type { TallyRecords } from '../../../src/core/recount'
import type { Scope, TallyBucket } from '../../../src/core/tally'

export interface ReportRow {
  id: string
  community_id: string
  building_id: string
  kind: string
  category: string
  text: string
  location: string
  anonymous: number
  photos: string
  status: string
  reporter_id: string
  request_id: string
  created_at: string
  updated_at: string
  month: string
  urgency: string
  contact_phone: string
  assignee: string | null
  merged_into: string | null
  followers: number
}

export const toReport = (r: ReportRow): Report => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id,
  kind: r.kind as Report['kind'],
  category: r.category as Report['category'],
  text: r.text,
  location: JSON.parse(r.location),
  anonymous: r.anonymous === 1,
  photos: JSON.parse(r.photos),
  status: r.status as ReportStatus,
  reporterId: r.reporter_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  month: r.month,
  urgency: r.urgency as Report['urgency'],
  contactPhone: r.contact_phone,
  assignee: r.assignee ? JSON.parse(r.assignee) : null,
  mergedInto: r.merged_into,
  followers: r.followers,
})

export interface BuildingRow {
  id: string
  community_id: string
  code: string
  name: string
  households: number
  units: number
  floors: number
}
export const toBuilding = (r: BuildingRow): Building => ({
  id: r.id,
  communityId: r.community_id,
  code: r.code,
  name: r.name,
  households: r.households,
  units: r.units,
  floors: r.floors,
})

export interface StatusChangeRow {
  report_id: string
  from_status: string
  to_status: string
  note: string
  actor_id: string
  at: string
  request_id: string
  details: string
}
export const toStatusChange = (r: StatusChangeRow): StatusChange => ({
  reportId: r.report_id,
  from: r.from_status,
  to: r.to_status as ReportStatus,
  note: r.note,
  actorId: r.actor_id,
  at: r.at,
  requestId: r.request_id,
  details: JSON.parse(r.details),
})

export interface FollowRow {
  report_id: string
  openid: string
  at: string
  via: string
}
export const toFollow = (r: FollowRow): Follow => ({ reportId: r.report_id, openid: r.openid, at: r.at, via: r.via as Follow['via'] })

export interface BucketRow {
  scope: string
  month: string
  metric: string
  count: number
  sum: number
}
export const toBucket = (r: BucketRow): TallyBucket => ({ scope: r.scope as Scope, month: r.month, metric: r.metric, count: r.count, sum: r.sum })

export interface MemberRow {
  id: string
  openid: string
  community_id: string
  building_id: string
  role: string
  name: string
  body: string | null
  since: string
}
/** 小区层面的身份在库里的楼栋是空串（唯一约束里 NULL 互不相等）。 */
export const toMember = (r: MemberRow): Member => ({
  id: r.id,
  openid: r.openid,
  communityId: r.community_id,
  buildingId: r.building_id === '' ? null : r.building_id,
  role: r.role as Member['role'],
  name: r.name,
  body: r.body as Member['body'],
  since: r.since,
})

export interface InviteRow {
  code: string
  community_id: string
  role: string
  building_id: string | null
  body: string | null
  created_by: string
  created_at: string
  expires_at: string
  accepted_by: string | null
  accepted_at: string | null
  revoked_at: string | null
}
export const toInvite = (r: InviteRow): Invite => ({
  code: r.code,
  communityId: r.community_id,
  role: r.role as Invite['role'],
  buildingId: r.building_id,
  body: r.body as Invite['body'],
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedBy: r.accepted_by,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
})

export interface NoticeRow {
  id: string
  community_id: string
  whole_community: number
  targets: string
  title: string
  body: string
  images: string
  pinned: number
  expires_at: string | null
  status: string
  signed_as: string
  author_id: string
  request_id: string
  published_at: string
  withdrawn_at: string | null
  month: string
  summary_id?: string | null
}
export const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  communityId: r.community_id,
  wholeCommunity: r.whole_community === 1,
  targets: JSON.parse(r.targets),
  title: r.title,
  body: r.body,
  images: JSON.parse(r.images),
  pinned: r.pinned === 1,
  expiresAt: r.expires_at,
  status: r.status as Notice['status'],
  signedAs: r.signed_as,
  authorId: r.author_id,
  requestId: r.request_id,
  publishedAt: r.published_at,
  withdrawnAt: r.withdrawn_at,
  month: r.month,
  // 挂着总结的公告才有这一项（普通公告不带 summaryId 字段）。
  ...(r.summary_id ? { summaryId: r.summary_id } : {}),
})

export interface NoticeReadRow {
  notice_id: string
  openid: string
  building_id: string
  at: string
  via_share: number
}
export const toNoticeRead = (r: NoticeReadRow): NoticeRead => ({
  noticeId: r.notice_id,
  openid: r.openid,
  buildingId: r.building_id,
  at: r.at,
  viaShare: r.via_share === 1,
})

export interface WorkLogRow {
  id: string
  community_id: string
  building_id: string
  kind: string
  date: string
  month: string
  note: string
  photos: string
  report_ids: string
  details: string
  author_id: string
  request_id: string
  created_at: string
  updated_at: string
  removed_at: string | null
}
/** 整个小区的台账在库里的楼栋是空串（与成员一致，按楼筛选是一个 IN 列表）。 */
export const toWorkLog = (r: WorkLogRow): WorkLogEntry => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id === '' ? null : r.building_id,
  kind: r.kind as WorkLogEntry['kind'],
  date: r.date,
  month: r.month,
  note: r.note,
  photos: JSON.parse(r.photos),
  reportIds: JSON.parse(r.report_ids),
  details: JSON.parse(r.details),
  authorId: r.author_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  removedAt: r.removed_at,
})

export interface SurveyRow {
  id: string
  community_id: string
  whole_community: number
  targets: string
  title: string
  template: string | null
  questions: string
  opens_at: string
  closes_at: string
  closed_at: string | null
  min_answers: number
  author_id: string
  request_id: string
  created_at: string
  month: string
}
export const toSurvey = (r: SurveyRow): Survey => ({
  id: r.id,
  communityId: r.community_id,
  wholeCommunity: r.whole_community === 1,
  targets: JSON.parse(r.targets),
  title: r.title,
  template: r.template as Survey['template'],
  questions: JSON.parse(r.questions),
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  minAnswers: r.min_answers,
  authorId: r.author_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  month: r.month,
})

/** values 是 SQL 的关键字：答卷的各题回答存在 answer_values 列（JSON）。 */
export interface SurveyAnswerRow {
  survey_id: string
  openid: string
  building_id: string
  unit: string
  room: string
  answer_values: string
  request_id: string
  at: string
  via_share: number
}
export const toSurveyAnswer = (r: SurveyAnswerRow): SurveyAnswer => ({
  surveyId: r.survey_id,
  openid: r.openid,
  buildingId: r.building_id,
  unit: r.unit,
  room: r.room,
  values: JSON.parse(r.answer_values),
  requestId: r.request_id,
  at: r.at,
  viaShare: r.via_share === 1,
})

/** 统计所依据的全部原始记录（统计维护与迁移共用）：报事按时间，流转按报事内的先后；台账含已删除的；问卷按创建先后，答卷按问卷内的先后。 */
export function readTallyRecords(db: Database.Database): TallyRecords {
  return {
    reports: db.prepare<[], ReportRow>('SELECT * FROM reports ORDER BY created_at, id').all().map(toReport),
    statusChanges: db.prepare<[], StatusChangeRow>('SELECT * FROM status_changes ORDER BY report_id, seq').all().map(toStatusChange),
    follows: db.prepare<[], FollowRow>('SELECT * FROM follows ORDER BY report_id, at, openid').all().map(toFollow),
    notices: db.prepare<[], NoticeRow>('SELECT * FROM notices ORDER BY published_at, id').all().map(toNotice),
    noticeReads: db.prepare<[], NoticeReadRow>('SELECT * FROM notice_reads ORDER BY notice_id, at, openid').all().map(toNoticeRead),
    workLog: db.prepare<[], WorkLogRow>('SELECT * FROM worklog ORDER BY created_at, id').all().map(toWorkLog),
    surveys: db.prepare<[], SurveyRow>('SELECT * FROM surveys ORDER BY created_at, id').all().map(toSurvey),
    surveyAnswers: db.prepare<[], SurveyAnswerRow>('SELECT * FROM survey_answers ORDER BY survey_id, at, openid').all().map(toSurveyAnswer),
  }
}
