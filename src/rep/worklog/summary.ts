/** 台账一条一句话：列表与编辑页共用。 */
import { MEDIATION_OUTCOME_LABELS, MEETING_TYPE_LABELS } from '@/core/shared/catalog'
import type { WorkLogDetailsView } from '@/core/worklog/views'

/** 巡查"大堂与车库 · 隐患 2 处，已整改 1"，会议"联席会议 · 12 人"，志愿服务"8 人次 · 16 小时"…… */
export function workLogSummary(d: WorkLogDetailsView): string {
  switch (d.kind) {
    case 'inspection': {
      const fixed = d.hazards.filter((h) => h.fixedOn).length
      return d.hazards.length === 0 ? `${d.area} · 未发现隐患` : `${d.area} · 隐患 ${d.hazards.length} 处，已整改 ${fixed}`
    }
    case 'meeting':
      return `${MEETING_TYPE_LABELS[d.type]} · ${d.attendees} 人 · ${d.topics}`
    case 'activity':
      return `${d.name} · ${d.participants} 人次`
    case 'mediation':
      return `${d.parties} · 调解${MEDIATION_OUTCOME_LABELS[d.outcome]}`
    case 'volunteer':
      return `${d.volunteers} 人次 · ${d.hours} 小时`
    case 'coordination':
      return `${d.counterpart} · ${d.subject}${d.outcome ? ` · ${d.outcome}` : ''}`
  }
}

/** 还没整改的隐患数（巡查以外为 0）。 */
export const openHazardsOf = (d: WorkLogDetailsView) => (d.kind === 'inspection' ? d.hazards.filter((h) => !h.fixedOn).length : 0)
