/** 身份的叫法：成员列表里的头衔、公告与台账的落款（公告、台账、总结共用，放在名录里而不是某个功能里）。 */
import { COMMITTEE_BODY_LABELS } from '../shared/catalog'
import { ROLE_LABELS, type Member, type Building } from './model'

export const roleTitle = (m: Pick<Member, 'role' | 'body'>, buildingName: string | null): string =>
  m.role === 'representative' ? `${buildingName ?? ''}业主代表` : m.role === 'committee' && m.body ? COMMITTEE_BODY_LABELS[m.body] : ROLE_LABELS[m.role]

/** 公告的落款：某楼业主代表 + 称呼；业委会、居委会、物业；管理员。 */
export function signatureOf(member: Member, building: Building | null): string {
  const title =
    member.role === 'representative'
      ? `${building?.name ?? ''}业主代表`
      : member.role === 'committee'
        ? member.body
          ? COMMITTEE_BODY_LABELS[member.body]
          : '业委会'
        : '小区管理员'
  return member.role === 'representative' && member.name ? `${title} ${member.name}` : title
}
