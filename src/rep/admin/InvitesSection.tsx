/** 邀请：生成（业主代表 + 楼栋，或业委会/居委会/物业），显示二维码与邀请码，复制邀请文字；列出未用的邀请，可撤回。 */
import { useEffect, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { COMMITTEE_BODIES, COMMITTEE_BODY_LABELS, INVITE_VALID_HOURS, type CommitteeBody } from '@/core/shared/catalog'
import { parsePayload } from '@/core/shared/schema'
import { createInviteSchema } from '@/core/directory/schema'
import type { CommunityAdminView, InviteView, NewInviteView } from '@/core/directory/views'
import { ChipGroup } from '@/components/ChipGroup'
import { api } from '@/services/api'
import { errorOf, FieldError } from '../shared/formBits'
import { expiryLabel, INVITE_STATUS_LABELS, invitedAs } from '../shared/labels'
import { altText } from '@/components/a11y'

type InviteRole = 'representative' | CommitteeBody
const ROLE_OPTIONS: { value: InviteRole; label: string }[] = [
  { value: 'representative', label: '业主代表' },
  ...COMMITTEE_BODIES.map((b) => ({ value: b, label: COMMITTEE_BODY_LABELS[b] })),
]
const FIELDS = ['role', 'buildingCode', 'committeeBody']

function NewInvite({ invite, onDone }: { invite: NewInviteView; onDone: () => void }) {
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: invite.shareText })
      Taro.showToast({ title: '已复制，去微信里粘贴发送', icon: 'none' })
    } catch {
      Taro.showToast({ title: '复制失败：请长按邀请码手动复制', icon: 'none' })
    }
  }
  return (
    <View className="invite-result" id="invite-result">
      <Text className="invite-result__who">邀请 {invitedAs(invite)}</Text>
      <Image
        {...altText(`邀请二维码，邀请码 ${invite.code}`)}
        className="invite-result__qr"
        id="invite-qr"
        src={`data:${invite.qr.contentType};base64,${invite.qr.base64}`}
        mode="aspectFit"
        showMenuByLongpress
      />
      <Text className="muted">微信扫码，或在“我有邀请码”里输入</Text>
      <Text className="invite-result__code" id="invite-code" userSelect>
        {invite.code}
      </Text>
      <Text className="muted" id="invite-expiry">
        {INVITE_VALID_HOURS} 小时内有效（至 {expiryLabel(invite.expiresAt)}），只能用一次
      </Text>
      <View className="form-buttons">
        <Button id="invite-done" fill="outline" onClick={onDone}>
          完成
        </Button>
        <Button id="invite-copy" type="primary" onClick={copy}>
          复制邀请文字
        </Button>
      </View>
    </View>
  )
}

function InviteRow({ invite, busy, onRevoke }: { invite: InviteView; busy: boolean; onRevoke: () => void }) {
  return (
    <View className="admin-row" id={`invite-${invite.code}`}>
      <View className="admin-row__main">
        <View className="admin-row__title">
          <Text className="admin-row__name invite-row__code">{invite.code}</Text>
          <Text className={`tag ${invite.status === 'open' ? 'tag--open' : 'tag--plain'}`} id={`invite-status-${invite.code}`}>
            {INVITE_STATUS_LABELS[invite.status]}
          </Text>
        </View>
        <Text className="admin-row__meta">{invitedAs(invite)}</Text>
        <Text className="muted">
          {invite.status === 'expired' ? '已于' : '有效期至'} {expiryLabel(invite.expiresAt)}
          {invite.status === 'expired' ? ' 过期，需要的话重新生成' : ''}
        </Text>
      </View>
      {invite.status === 'open' && (
        <View className="admin-row__actions">
          <Button size="small" fill="outline" id={`invite-revoke-${invite.code}`} loading={busy} disabled={busy} onClick={onRevoke}>
            撤回
          </Button>
        </View>
      )}
    </View>
  )
}

export function InvitesSection({
  view,
  onChanged,
  preset,
}: {
  view: CommunityAdminView
  onChanged: (view: CommunityAdminView) => void
  /** 从楼栋的"邀请代表"来：选好业主代表与这栋楼。 */
  preset: { buildingCode: string; at: number } | null
}) {
  const { community, buildings, invites } = view
  const [role, setRole] = useState<InviteRole | null>(null)
  const [buildingCode, setBuildingCode] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<NewInviteView | null>(null)
  const [revoking, setRevoking] = useState<string | null>(null)

  useEffect(() => {
    if (!preset) return
    setRole('representative')
    setBuildingCode(preset.buildingCode)
    setCreated(null)
    setTried(false)
  }, [preset])

  const payload =
    role === null
      ? { communityId: community.id }
      : role === 'representative'
        ? { communityId: community.id, role, buildingCode: buildingCode ?? undefined }
        : { communityId: community.id, role: 'committee', committeeBody: role }
  const parsed = parsePayload(createInviteSchema, payload)
  const error = (tried ? errorOf(parsed) : null) ?? (serverError ? { message: serverError } : null)

  const create = async () => {
    setTried(true)
    setServerError(null)
    if (!parsed.ok) return
    setBusy(true)
    try {
      const invite = await api.admin.invite(parsed.value)
      setCreated(invite)
      setRole(null)
      setBuildingCode(null)
      setTried(false)
      // 列表里也要有这一条：静默取一次概览。
      api.admin.overview({ communityId: community.id }).then(onChanged, () => undefined)
    } catch (e) {
      setServerError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const revoke = async (code: string) => {
    setRevoking(code)
    try {
      onChanged(await api.admin.revokeInvite({ communityId: community.id, code }))
      if (created?.code === code) setCreated(null)
      Taro.showToast({ title: '已撤回', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setRevoking(null)
    }
  }

  const openInvites = invites.filter((i) => i.status === 'open' || i.status === 'expired')

  return (
    <View className="card admin-section" id="section-invites">
      <Text className="card-title">邀请</Text>
      {created ? (
        <NewInvite invite={created} onDone={() => setCreated(null)} />
      ) : (
        <View className="invite-form" id="invite-form">
          <Text className="form-label">邀请的身份</Text>
          <ChipGroup
            name="invite-role"
            options={ROLE_OPTIONS}
            value={role}
            onChange={(r) => {
              setRole(r)
              setServerError(null)
            }}
          />
          <FieldError error={error} field="role" id="error-invite-role" />
          <FieldError error={error} field="committeeBody" id="error-invite-body" />
          {role === 'representative' && (
            <>
              <Text className="form-label">负责的楼栋</Text>
              {buildings.length === 0 ? (
                <Text className="muted">还没有楼栋：先在上面添加楼栋。</Text>
              ) : (
                <ChipGroup
                  name="invite-building"
                  options={buildings.map((b) => ({ value: b.code, label: b.name }))}
                  value={buildingCode}
                  onChange={(code) => {
                    setBuildingCode(code)
                    setServerError(null)
                  }}
                />
              )}
              <FieldError error={error} field="buildingCode" id="error-invite-building" />
            </>
          )}
          <FieldError error={error} field="*" fields={FIELDS} id="invite-error" />
          <Text className="muted field-hint">邀请码 {INVITE_VALID_HOURS} 小时内有效，只能用一次。对方打开邀请、填上称呼就成为成员。</Text>
          <Button id="invite-create" type="primary" block loading={busy} disabled={busy} onClick={create}>
            生成邀请
          </Button>
        </View>
      )}
      {openInvites.length > 0 && (
        <View className="invite-list" id="invite-list">
          <Text className="form-label">未使用的邀请（{openInvites.length}）</Text>
          {openInvites.map((i) => (
            <InviteRow key={i.code} invite={i} busy={revoking === i.code} onRevoke={() => revoke(i.code)} />
          ))}
        </View>
      )}
    </View>
  )
}
