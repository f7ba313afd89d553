/**
 * 典型案例：按规则从候选里挑，不凭印象。三条规则，各挑一条，互不重复，最多三条：
 *   1. 关注最多的已办结报事（待确认或已解决）——大家最关心、已经办成的事；关注为 0 的不算"关注最多"。
 *   2. 办得最快的紧急报事（提交到第一次标记已处理）——响应能力的例子。
 *   3. 最要紧的未办结报事（待受理、已受理、处理中；关注多、紧急的在前，再按提交早）——问题导向，放进不足与展望。
 * 并列时取提交更早的，再按 id，于是同样的候选总挑出同样的案例。
 */
import { STATUS_GROUP } from '../reports'
import type { CaseCandidate, CaseReason, TypicalCase } from '../summaryDocument'

const earlier = (a: CaseCandidate, b: CaseCandidate) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const handledMinutes = (c: CaseCandidate) => (c.handledAt === null ? Infinity : Date.parse(c.handledAt) - Date.parse(c.receivedAt))

export const CASE_RULES: { reason: CaseReason; pick: (cs: CaseCandidate[]) => CaseCandidate | undefined }[] = [
  {
    reason: 'mostFollowed',
    pick: (cs) => cs.filter((c) => STATUS_GROUP[c.status] === 'fixed' && c.followers > 0).sort((a, b) => b.followers - a.followers || earlier(a, b))[0],
  },
  {
    reason: 'fastestUrgent',
    pick: (cs) =>
      cs
        .filter((c) => c.urgency === 'urgent' && c.handledAt !== null && STATUS_GROUP[c.status] !== 'hidden')
        .sort((a, b) => handledMinutes(a) - handledMinutes(b) || earlier(a, b))[0],
  },
  {
    // 未办结的按要紧程度挑：关注的人多、紧急的在前，再看拖得久（不只看年头）。
    reason: 'longestOpen',
    pick: (cs) =>
      cs
        .filter((c) => STATUS_GROUP[c.status] === 'open')
        .sort((a, b) => b.followers - a.followers || Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent') || earlier(a, b))[0],
  },
]

export function chooseTypicalCases(candidates: readonly CaseCandidate[]): TypicalCase[] {
  const chosen: TypicalCase[] = []
  for (const rule of CASE_RULES) {
    const left = candidates.filter((c) => !chosen.some((x) => x.candidate.id === c.id))
    const c = rule.pick(left)
    if (c) chosen.push({ reason: rule.reason, candidate: c })
  }
  return chosen
}
