/** 总结的期间（月、季度、半年、年度或自定义）：起草与存下的总结都用它。 */
import { z } from 'zod/mini'
import { strict } from '../shared/schema'
import { checkRange, isMonth, periodContaining, type PeriodKind } from '../shared/time'

const month = (label: string) => z.string({ error: `请选择${label}` }).check(z.refine(isMonth, `${label}格式应为 YYYY-MM`))

/** 期间：自然月、季度、半年、年度（start/end 必须正好是那个自然期间），或自定义起止月份（最多 12 个月）。 */
export const summaryPeriodSchema = strict({
  kind: z.enum(['month', 'quarter', 'half', 'year', 'custom'], { error: '请选择期间：月、季度、半年、年度或自定义' }),
  start: month('开始月份'),
  end: month('结束月份'),
}).check(
  z.superRefine((p, ctx) => {
    const problem = checkRange(p)
    if (problem) return ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
    if (p.kind !== 'custom') {
      const natural = periodContaining(p.start, p.kind as PeriodKind)
      if (natural.start !== p.start || natural.end !== p.end)
        ctx.addIssue({ code: 'custom', message: '期间的起止月份与所选的月、季度、半年或年度不符', path: ['start'] })
    }
  }),
)
export type SummaryPeriodInput = z.infer<typeof summaryPeriodSchema>
