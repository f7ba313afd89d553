/** 工作总结两个页面共用的说法与期间的算法。 */
import { addMonths, periodContaining, type PeriodKind } from '@/core/shared/time'
import type { SummaryPeriodInput } from '@/core/summaryDocument/period'
import type { SummaryStatus } from '@/core/summaryDocument/views'

export const STATUS_TEXT: Record<SummaryStatus, string> = { draft: '草稿', consulting: '征求意见中', final: '已公示' }

export const PERIOD_KINDS = [
  { value: 'month', label: '月度' },
  { value: 'quarter', label: '季度' },
  { value: 'half', label: '半年' },
  { value: 'year', label: '年度' },
  { value: 'custom', label: '自定义' },
] as const
export type PeriodChoice = (typeof PERIOD_KINDS)[number]['value']

/** 某一种期间里包含 month 的那一个；自定义为 month 往前 11 个月到 month。 */
export function periodFor(kind: PeriodChoice, month: string): SummaryPeriodInput {
  if (kind === 'custom') return { kind, start: addMonths(month, -11), end: month }
  const p = periodContaining(month, kind as PeriodKind)
  return { kind, start: p.start, end: p.end }
}

/** '2026-03' → '2026年3月'。 */
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`
