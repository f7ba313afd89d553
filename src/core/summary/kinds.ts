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
import { COMMITTEE_BODY_LABELS, type CommitteeBody } from '../shared/catalog'
import { SUMMARY_KIND_LABELS, type SummaryKind } from '../summaryDocument'

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

/** 起草人的名义（落款、引言用）："业主代表"、"业委会"、"居委会"、"物业"、"小区管理员"。 */
export function authorRoleLabel(author: { role: 'representative' | 'committee' | 'admin'; body: CommitteeBody | null }): string {
  if (author.role === 'representative') return '业主代表'
  if (author.role === 'committee') return author.body ? COMMITTEE_BODY_LABELS[author.body] : '业委会'
  return '小区管理员'
}

/**
 * 所选种类与小区、起草人的实情对不上时给起草人的一句话（页面在草稿上方显示）；对得上为 null。
 * 草稿本身照实写（不说有物业的小区没有物业，不替业委会说"本人担任业主代表"），这句话只是让起草人知道为什么读起来和体例不同。
 */
export function kindMismatch(
  kind: SummaryKind,
  community: { name: string; hasPropertyCompany: boolean; oldEstate: boolean },
  author: { role: 'representative' | 'committee' | 'admin'; body: CommitteeBody | null },
  wholeCommunity: boolean,
): string | null {
  const label = SUMMARY_KIND_LABELS[kind]
  const better = SUMMARY_KIND_LABELS[defaultKind(community, author.role, author.body)]
  const tail = better === label ? '' : `更合适的是"${better}"。`
  if (kind === 'noProperty' && community.hasPropertyCompany)
    return `${community.name}有物业服务企业，"${label}"的体例不完全适用：草稿只写居民自治的部分，不会说小区没有物业。${tail}`
  if (kind !== 'noProperty' && kind !== 'representative' && !community.hasPropertyCompany)
    return `${community.name}没有物业服务企业，"${label}"里讲物业的部分已改写为志愿者与居民承担的服务。${tail}`
  if (kind === 'oldEstate' && !community.oldEstate) return `${community.name}没有登记为老旧小区，草稿只借用"${label}"的章节，不说它是老旧小区。${tail}`
  if (kind === 'representative' && author.role !== 'representative')
    return `你以${authorRoleLabel(author)}的名义起草，"${label}"本是业主代表写自己一栋楼的履职情况；草稿以${authorRoleLabel(author)}落款，不写"本人担任业主代表"。${wholeCommunity ? tail : ''}`
  return null
}
