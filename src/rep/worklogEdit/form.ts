/** 台账表单的状态：每种台账各有一份（切换种类不丢已填的），提交时只取当前种类的。 */
import { WORKLOG_KINDS, type MediationOutcome, type MeetingType, type WorkLogKind } from '@/core/shared/catalog'
import type { WorkLogDetailsInput } from '@/core/worklog/schema'
import type { WorkLogView } from '@/core/worklog/views'
import type { ReportStatus } from '@/core/reports/workflow'

export interface HazardRow {
  key: string
  /** 已保存的隐患有服务端编号（h1、h2……），新加的没有。 */
  id?: string
  text: string
  fixedOn: string | null
}

export interface LinkedReport {
  id: string
  label: string
  status?: ReportStatus
}

export interface WorkLogForm {
  kind: WorkLogKind
  date: string
  /** 楼栋码、'community'（整个小区），或还没选。 */
  building: string | null
  note: string
  reports: LinkedReport[]
  inspection: { area: string; hazards: HazardRow[] }
  meeting: { type: MeetingType | null; attendees: string; topics: string; decisions: string }
  activity: { name: string; participants: string }
  mediation: { parties: string; outcome: MediationOutcome | null }
  volunteer: { volunteers: string; hours: string }
  coordination: { counterpart: string; subject: string; outcome: string }
}

let serial = 0
export const hazardKey = () => `hz${Date.now().toString(36)}${++serial}`

export const isKind = (v: string | undefined): v is WorkLogKind => !!v && (WORKLOG_KINDS as readonly string[]).includes(v)

export function emptyForm(kind: WorkLogKind, date: string, building: string | null): WorkLogForm {
  return {
    kind,
    date,
    building,
    note: '',
    reports: [],
    inspection: { area: '', hazards: [] },
    meeting: { type: null, attendees: '', topics: '', decisions: '' },
    activity: { name: '', participants: '' },
    mediation: { parties: '', outcome: null },
    volunteer: { volunteers: '', hours: '' },
    coordination: { counterpart: '', subject: '', outcome: '' },
  }
}

export function formOf(entry: WorkLogView): WorkLogForm {
  const form = emptyForm(entry.kind, entry.date, entry.buildingCode ?? 'community')
  form.note = entry.note
  form.reports = entry.reports.map((r) => ({ id: r.id, label: r.label, status: r.status }))
  const d = entry.details
  switch (d.kind) {
    case 'inspection':
      form.inspection = { area: d.area, hazards: d.hazards.map((h) => ({ key: hazardKey(), id: h.id, text: h.text, fixedOn: h.fixedOn })) }
      break
    case 'meeting':
      form.meeting = { type: d.type, attendees: String(d.attendees), topics: d.topics, decisions: d.decisions }
      break
    case 'activity':
      form.activity = { name: d.name, participants: String(d.participants) }
      break
    case 'mediation':
      form.mediation = { parties: d.parties, outcome: d.outcome }
      break
    case 'volunteer':
      form.volunteer = { volunteers: String(d.volunteers), hours: String(d.hours) }
      break
    case 'coordination':
      form.coordination = { counterpart: d.counterpart, subject: d.subject, outcome: d.outcome }
      break
  }
  return form
}

/** 空着的数字给 undefined（校验器说"请填写……"），其余照 Number 转（写错的成 NaN，校验器同样拒绝）。 */
const num = (s: string): number => (s.trim() === '' ? undefined : Number(s.trim())) as number

/** 当前种类的内容，形状与 workLogDetailsSchema 一致（选项没选时留 undefined，交给校验器说）。 */
export function detailsOf(form: WorkLogForm): WorkLogDetailsInput {
  switch (form.kind) {
    case 'inspection':
      return {
        kind: 'inspection',
        area: form.inspection.area,
        hazards: form.inspection.hazards.map((h) => (h.id ? { id: h.id, text: h.text, fixedOn: h.fixedOn } : { text: h.text })),
      }
    case 'meeting':
      return {
        kind: 'meeting',
        type: form.meeting.type as MeetingType,
        attendees: num(form.meeting.attendees),
        topics: form.meeting.topics,
        decisions: form.meeting.decisions,
      }
    case 'activity':
      return { kind: 'activity', name: form.activity.name, participants: num(form.activity.participants) }
    case 'mediation':
      return { kind: 'mediation', parties: form.mediation.parties, outcome: form.mediation.outcome as MediationOutcome }
    case 'volunteer':
      return { kind: 'volunteer', volunteers: num(form.volunteer.volunteers), hours: num(form.volunteer.hours) }
    case 'coordination':
      return { kind: 'coordination', counterpart: form.coordination.counterpart, subject: form.coordination.subject, outcome: form.coordination.outcome }
  }
}
