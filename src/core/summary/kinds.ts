/**
 * 默认的总结种类：跟着小区（有无物业、是否老旧小区）与起草人的身份走；任何种类都可以另选。
 *
 * | 起草人                         | 无物业     | 有物业、老旧小区 | 有物业、非老旧 |
 * |--------------------------------|------------|------------------|----------------|
 * | 业主代表（一栋楼）             | noProperty | representative   | representative |
 * | 物业                           | noProperty | oldEstate        | property       |
 * | 居委会                         | noProperty | joint            | joint          |
 * | 业委会、管理员、未注明名义     | noProperty | oldEstate        | joint          |
 *
 * 无物业小区由志愿者担任代表、居民自管，五种里只有"无物业社区居民服务工作总结"对得上。
 */
import type { CommitteeBody } from '../shared/catalog'
import type { SummaryKind } from '../summaryDocument'

export function defaultKind(
  community: { hasPropertyCompany: boolean; oldEstate: boolean },
  role: 'representative' | 'committee' | 'admin',
  committeeBody: CommitteeBody | null = null,
): SummaryKind {
  if (!community.hasPropertyCompany) return 'noProperty'
  if (role === 'representative') return 'representative'
  if (role === 'committee' && committeeBody === 'residents_committee') return 'joint'
  if (role === 'committee' && committeeBody === 'property') return community.oldEstate ? 'oldEstate' : 'property'
  return community.oldEstate ? 'oldEstate' : 'joint'
}
