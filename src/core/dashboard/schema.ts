/** 楼栋统计页的载荷校验。 */
import { z } from 'zod/mini'
import { isMonth } from '../shared/time'
import { strict, buildingCode } from '../shared/schema'

export const buildingStatsSchema = strict({
  buildingCode,
  month: z.optional(z.string().check(z.refine(isMonth, '月份格式应为 YYYY-MM'))),
})
export type BuildingStatsInput = z.infer<typeof buildingStatsSchema>
