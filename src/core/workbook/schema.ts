/** 导出 Excel 的载荷：哪个小区、哪栋楼（null 为整个小区）、哪个期间（与工作总结同一种期间，最长 12 个月）。 */
import { z } from 'zod/mini'
import { summaryPeriodSchema } from '../summaryDocument'
import { buildingCode, communityId, strict } from '../shared/schema'

export const exportWorkbookSchema = strict({
  communityId,
  buildingCode: z.nullable(buildingCode),
  period: summaryPeriodSchema,
})
export type ExportWorkbookInput = z.infer<typeof exportWorkbookSchema>
