/** 管理页与接受邀请页共用的几句中文。 */
import { COMMITTEE_BODY_LABELS, type CommitteeBody } from '@/core/shared/catalog'
import { ROLE_LABELS, type Role } from '@/core/directory/model'
import { formatChinaTime } from '@/core/shared/time'
import type { InviteStatus, InviteView } from '@/core/directory/views'

export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = {
  open: '有效',
  expired: '已过期',
  accepted: '已使用',
  revoked: '已撤回',
}

/** 身份的叫法：业委会/居委会/物业按名义说，代表带上楼名。 */
export function roleLabel(role: Role, body: CommitteeBody | null, buildingName: string | null): string {
  if (role === 'committee' && body) return COMMITTEE_BODY_LABELS[body]
  if (role === 'representative' && buildingName) return `${buildingName}${ROLE_LABELS.representative}`
  return ROLE_LABELS[role]
}

/** 邀请的是什么："1号楼 的业主代表" / "业委会成员"。 */
export function invitedAs(invite: Pick<InviteView, 'role' | 'body' | 'buildingName'>): string {
  if (invite.role === 'representative') return `${invite.buildingName ?? ''} 的业主代表`
  return `${invite.body ? COMMITTEE_BODY_LABELS[invite.body] : '业委会'}成员`
}

/** "邀请你成为 春晖苑 1号楼 的业主代表"。 */
export function inviteSentence(invite: Pick<InviteView, 'role' | 'body' | 'buildingName' | 'communityName'>): string {
  if (invite.role === 'representative') return `邀请你成为 ${invite.communityName} ${invite.buildingName ?? ''} 的业主代表`
  return `邀请你成为 ${invite.communityName} 的${invite.body ? COMMITTEE_BODY_LABELS[invite.body] : '业委会'}成员`
}

export const expiryLabel = (iso: string) => formatChinaTime(iso, 'M月D日 HH:mm')
