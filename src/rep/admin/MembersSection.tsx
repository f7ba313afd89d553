/** 成员：谁、什么身份、负责哪栋楼或代表哪个组织、何时加入；可移除（自己除外），先确认。 */
import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChinaTime } from '@/core/shared/time'
import type { CommunityAdminView, MemberView } from '@/core/directory/views'
import { api } from '@/services/api'
import { roleLabel } from '../shared/labels'

const ROLE_ORDER: Record<MemberView['role'], number> = { admin: 0, committee: 1, representative: 2, resident: 3 }

export function MembersSection({ view, onChanged }: { view: CommunityAdminView; onChanged: (view: CommunityAdminView) => void }) {
  const { community } = view
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const members = [...view.members].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.buildingName ?? '').localeCompare(b.buildingName ?? '', 'zh-CN') || a.since.localeCompare(b.since),
  )

  const remove = async (m: MemberView) => {
    setBusy(m.id)
    try {
      onChanged(await api.admin.removeMember({ communityId: community.id, memberId: m.id }))
      setConfirming(null)
      Taro.showToast({ title: `已移除 ${m.name}`, icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className="card admin-section" id="section-members">
      <Text className="card-title">成员（{members.length}）</Text>
      {members.length === 0 && <Text className="muted admin-empty">还没有成员。在下面生成邀请，把邀请码发给业主代表或业委会成员。</Text>}
      {members.map((m) => (
        <View className="admin-row" key={m.id} id={`member-${m.id}`}>
          <View className="admin-row__main">
            <View className="admin-row__title">
              <Text className="admin-row__name">
                {m.name}
                {m.isYou ? '（你）' : ''}
              </Text>
              {/* 创建者的默认称呼就是"管理员"：不再重复一个同样的标签。 */}
              {roleLabel(m.role, m.body, m.buildingName) !== m.name && (
                <Text className={`tag ${m.role === 'admin' ? 'tag--category' : 'tag--plain'}`}>{roleLabel(m.role, m.body, m.buildingName)}</Text>
              )}
            </View>
            <Text className="muted">{formatChinaTime(m.since, 'YYYY年M月D日')}加入</Text>
            {confirming === m.id && (
              <View className="confirm-box" id={`member-remove-box-${m.id}`}>
                <Text className="confirm-box__text">
                  移除后，{m.name} 不能再{m.role === 'representative' ? '处理这栋楼的报事、发布公告' : '管理本小区的报事与公告'}，已有的记录保留。确定移除？
                </Text>
                <View className="form-buttons">
                  <Button size="small" fill="outline" id={`member-remove-cancel-${m.id}`} disabled={busy === m.id} onClick={() => setConfirming(null)}>
                    不移除
                  </Button>
                  <Button
                    size="small"
                    type="danger"
                    id={`member-remove-confirm-${m.id}`}
                    loading={busy === m.id}
                    disabled={busy === m.id}
                    onClick={() => remove(m)}
                  >
                    确定移除
                  </Button>
                </View>
              </View>
            )}
          </View>
          {!m.isYou && confirming !== m.id && (
            <View className="admin-row__actions">
              <Button size="small" fill="outline" id={`member-remove-${m.id}`} disabled={busy !== null} onClick={() => setConfirming(m.id)}>
                移除
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
