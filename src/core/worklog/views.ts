/** 工作台账在页面上的样子。 */
import type { MediationOutcome, MeetingType, WorkLogKind } from '../shared/catalog'
import type { Hazard } from './model'
import type { ReportStatus } from '../reports'

export type WorkLogDetailsView =
  | { kind: 'inspection'; area: string; hazards: Hazard[] }
  | { kind: 'meeting'; type: MeetingType; attendees: number; topics: string; decisions: string }
  | { kind: 'activity'; name: string; participants: number }
  | { kind: 'mediation'; parties: string; outcome: MediationOutcome }
  | { kind: 'volunteer'; volunteers: number; hours: number }
  | { kind: 'coordination'; counterpart: string; subject: string; outcome: string }

export interface WorkLogView {
  id: string
  kind: WorkLogKind
  date: string
  /** 整个小区的为 null。 */
  buildingCode: string | null
  buildingName: string
  note: string
  photos: { fileId: string; url: string }[]
  reports: { id: string; label: string; status: ReportStatus }[]
  details: WorkLogDetailsView
  /** 记录人的落款。 */
  signedAs: string
  createdAt: string
  updatedAt: string
  canEdit: boolean
}

export interface WorkLogListView {
  items: WorkLogView[]
  nextCursor: string | null
  /** 能记的楼（表单的选择）与能否记整个小区的事。 */
  buildings: { code: string; name: string }[]
  canLogCommunity: boolean
  /** 这个范围里还没整改的隐患数。 */
  openHazards: number
  /** 这一页的小区（没带小区时是函数按身份取的）。 */
  communityId: string
}

/** 台账表单一次要的：哪个小区、能记的楼与能否记整个小区的事，和（修改时）这条台账。 */
export interface WorkLogFormView {
  communityId: string
  buildings: { code: string; name: string }[]
  canLogCommunity: boolean
  entry: WorkLogView | null
}
