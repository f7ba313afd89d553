/** SQLite 行与领域对象之间的转换（存储适配器与迁移共用）。 */
import type Database from 'better-sqlite3'
import type { Building, Follow, Report, StatusChange } from '../../src/core/model'
import type { TallyRecords } from '../../src/core/sources'
import type { Scope, TallyBucket } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'

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

/** 统计所依据的全部原始记录（统计维护与迁移 3 共用）：报事按时间，流转按报事内的先后。 */
export function readTallyRecords(db: Database.Database): TallyRecords {
  return {
    reports: db.prepare<[], ReportRow>('SELECT * FROM reports ORDER BY created_at, id').all().map(toReport),
    statusChanges: db.prepare<[], StatusChangeRow>('SELECT * FROM status_changes ORDER BY report_id, seq').all().map(toStatusChange),
    follows: db.prepare<[], FollowRow>('SELECT * FROM follows ORDER BY report_id, at, openid').all().map(toFollow),
  }
}
