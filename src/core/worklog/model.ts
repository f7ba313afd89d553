/** 工作台账：巡查（含隐患）、会议、活动、调解、志愿服务、沟通协调，每条记在一栋楼或整个小区。 */
import type { MediationOutcome, MeetingType, WorkLogKind } from '../shared/catalog'

/** 巡查发现的一处隐患；整改后记下整改日期。 */
export interface Hazard {
  id: string
  text: string
  /** 整改日期（北京时间 YYYY-MM-DD）；未整改为 null。 */
  fixedOn: string | null
}

/** 各种台账的专有内容。 */
export type WorkLogDetails =
  | { kind: 'inspection'; area: string; hazards: Hazard[] }
  | { kind: 'meeting'; type: MeetingType; attendees: number; topics: string; decisions: string }
  | { kind: 'activity'; name: string; participants: number }
  | { kind: 'mediation'; parties: string; outcome: MediationOutcome }
  | { kind: 'volunteer'; volunteers: number; hours: number }
  | { kind: 'coordination'; counterpart: string; subject: string; outcome: string }

/** 工作台账的一条：代表或业委会做了什么、何时、在哪栋楼（或整个小区）。 */
export interface WorkLogEntry {
  id: string
  communityId: string
  /** 整个小区的事为 null。 */
  buildingId: string | null
  kind: WorkLogKind
  /** 事情发生的日期（北京时间 YYYY-MM-DD）；统计记在这个月。 */
  date: string
  month: string
  /** 一句话的经过或备注。 */
  note: string
  photos: string[]
  /** 关联的报事 id。 */
  reportIds: string[]
  details: WorkLogDetails
  authorId: string
  requestId: string
  createdAt: string
  updatedAt: string
  /** 删除是留痕的：删掉的不显示、不计数，但记录还在。 */
  removedAt: string | null
}
