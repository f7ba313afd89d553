/**
 * 演示数据里报事的位置要合它的分类：停车问题不在外墙/门窗，电梯问题不在住户家中。
 * 每类一张说得通的公共区域表，另注明这类问题会不会出在某一户家里（楼上装修、家里渗水会；电梯、停车、绿化不会）。
 */
import type { CategoryId, PublicArea } from '../../src/core/shared/catalog'
import type { ReportLocation } from '../../src/core/reports'

export const PLAUSIBLE_LOCATIONS: Record<CategoryId, { areas: readonly PublicArea[]; home: boolean }> = {
  elevator: { areas: ['电梯轿厢', '大堂'], home: false },
  facilities: { areas: ['楼道/楼梯间', '天台/屋面', '外墙/门窗', '单元门/门禁', '大堂', '地下车库', '楼栋周边'], home: true },
  sanitation: { areas: ['楼道/楼梯间', '大堂', '地下车库', '楼栋周边', '其他公共区域'], home: false },
  fire: { areas: ['楼道/楼梯间', '地下车库', '楼栋周边'], home: false },
  security: { areas: ['单元门/门禁', '大堂', '地下车库', '楼栋周边'], home: false },
  greenery: { areas: ['楼栋周边', '其他公共区域'], home: false },
  parking: { areas: ['地下车库', '楼栋周边', '单元门/门禁'], home: false },
  noise: { areas: ['楼道/楼梯间', '楼栋周边'], home: true },
  service: { areas: ['大堂', '其他公共区域'], home: true },
  other: { areas: ['大堂', '楼道/楼梯间', '天台/屋面', '楼栋周边', '其他公共区域'], home: false },
}

/**
 * 一条报事的位置：抽到"某户家中"而这类问题不会出在家里时改在公共区域；公共区域从这类说得通的、这栋楼有的区域里挑
 * （老旧小区的楼没有大堂与地下车库，六层及以下没有电梯）。
 */
export function seedLocation(
  category: CategoryId,
  available: readonly PublicArea[],
  drawn: ReportLocation,
  pick: <T>(items: readonly T[]) => T,
): ReportLocation {
  const fit = PLAUSIBLE_LOCATIONS[category]
  if (drawn.scope === 'unit' && fit.home) return drawn
  const areas = fit.areas.filter((a) => available.includes(a))
  if (areas.length === 0) throw new Error(`演示数据：${category} 类在这栋楼没有说得通的位置`)
  if (drawn.scope === 'public' && areas.includes(drawn.area)) return drawn
  return { scope: 'public', area: pick(areas), detail: '' }
}
