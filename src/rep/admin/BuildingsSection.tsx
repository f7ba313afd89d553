/** 楼栋：列表（户数、单元、层数、代表），添加与修改，每栋的海报。 */
import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { parsePayload } from '@/core/shared/schema'
import { saveBuildingSchema } from '@/core/directory/schema'
import type { AdminBuildingView, CommunityAdminView } from '@/core/directory/views'
import { api } from '@/services/api'
import { errorOf, FieldError, toCount } from '../shared/formBits'
import { LengthHint } from '@/components/LengthHint'
import { BUILDING_NAME_MAX } from '@/core/shared/catalog'
import { asButton } from '@/components/a11y'

/** 正在填的楼栋：新建时没有楼栋码。 */
type Draft = { buildingCode?: string; name: string; households: string; units: string; floors: string }
const EMPTY: Draft = { name: '', households: '', units: '', floors: '' }
const draftOf = (b: AdminBuildingView): Draft => ({
  buildingCode: b.code,
  name: b.name,
  households: String(b.households),
  units: String(b.units),
  floors: String(b.floors),
})
const FIELDS = ['name', 'households', 'units', 'floors']

function BuildingForm({
  communityId,
  initial,
  onSaved,
  onCancel,
}: {
  communityId: string
  initial: Draft
  onSaved: (view: CommunityAdminView) => void
  onCancel: () => void
}) {
  const [draft, setDraft] = useState(initial)
  const [tried, setTried] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const isNew = !initial.buildingCode

  const parsed = parsePayload(saveBuildingSchema, {
    communityId,
    ...(draft.buildingCode && { buildingCode: draft.buildingCode }),
    name: draft.name,
    households: toCount(draft.households),
    units: toCount(draft.units),
    floors: toCount(draft.floors),
  })
  const error = (tried ? errorOf(parsed) : null) ?? (serverError ? { message: serverError } : null)
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setServerError(null)
  }

  const save = async () => {
    setTried(true)
    setServerError(null)
    if (!parsed.ok) return
    setBusy(true)
    try {
      onSaved(await api.admin.saveBuilding(parsed.value))
      Taro.showToast({ title: isNew ? '楼栋已添加' : '已保存', icon: 'success' })
    } catch (e) {
      setServerError((e as Error).message)
      setBusy(false)
    }
  }

  return (
    <View className="building-form" id="building-form">
      <Text className="building-form__title">{isNew ? '添加楼栋' : `修改 ${initial.name}`}</Text>
      <Text className="form-label">楼栋名称</Text>
      <Input className="field" id="building-form-name" placeholder="例如：1号楼、A座" value={draft.name} onChange={(name) => set({ name })} />
      <LengthHint value={draft.name} max={BUILDING_NAME_MAX} id="building-form-name-length" />
      <FieldError error={error} field="name" id="error-building-name" />
      <View className="building-form__numbers">
        <View className="building-form__number">
          <Text className="form-label">户数</Text>
          <Input
            className="field"
            id="building-form-households"
            type="number"
            placeholder="108"
            maxLength={4}
            value={draft.households}
            onChange={(households) => set({ households })}
          />
        </View>
        <View className="building-form__number">
          <Text className="form-label">单元数</Text>
          <Input
            className="field"
            id="building-form-units"
            type="number"
            placeholder="3"
            maxLength={2}
            value={draft.units}
            onChange={(units) => set({ units })}
          />
        </View>
        <View className="building-form__number">
          <Text className="form-label">层数</Text>
          <Input
            className="field"
            id="building-form-floors"
            type="number"
            placeholder="18"
            maxLength={3}
            value={draft.floors}
            onChange={(floors) => set({ floors })}
          />
        </View>
      </View>
      <FieldError error={error} field="households" id="error-building-households" />
      <FieldError error={error} field="units" id="error-building-units" />
      <FieldError error={error} field="floors" id="error-building-floors" />
      <Text className="muted field-hint">户数用来算公告知晓率等比例，按实际户数填。</Text>
      <FieldError error={error} field="*" fields={FIELDS} id="building-save-error" />
      <View className="form-buttons">
        <Button id="building-cancel" fill="outline" disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button id="building-save" type="primary" loading={busy} disabled={busy} onClick={save}>
          {isNew ? '添加' : '保存'}
        </Button>
      </View>
    </View>
  )
}

export function BuildingsSection({
  view,
  onSaved,
  onInviteFor,
}: {
  view: CommunityAdminView
  onSaved: (view: CommunityAdminView) => void
  onInviteFor: (buildingCode: string) => void
}) {
  const { community, buildings } = view
  /** 正在编辑的：'new' 或楼栋码。 */
  const [editing, setEditing] = useState<string | null>(null)
  const saved = (next: CommunityAdminView) => {
    setEditing(null)
    onSaved(next)
  }

  return (
    <View className="card admin-section" id="section-buildings">
      <View className="admin-section__head">
        <Text className="card-title">楼栋（{buildings.length}）</Text>
        {editing === null && (
          <Button size="small" type="primary" id="building-add" onClick={() => setEditing('new')}>
            添加楼栋
          </Button>
        )}
      </View>
      {editing === 'new' && <BuildingForm communityId={community.id} initial={EMPTY} onSaved={saved} onCancel={() => setEditing(null)} />}
      {buildings.length === 0 && editing !== 'new' && (
        <Text className="muted admin-empty" id="buildings-empty">
          还没有楼栋。先添加楼栋，每栋楼会生成自己的报事二维码。
        </Text>
      )}
      {buildings.map((b) =>
        editing === b.code ? (
          <BuildingForm key={b.code} communityId={community.id} initial={draftOf(b)} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <View className="admin-row" key={b.code} id={`building-row-${b.code}`}>
            <View className="admin-row__main">
              <View className="admin-row__title">
                <Text className="admin-row__name">{b.name}</Text>
                <Text className="muted">楼栋码 {b.code}</Text>
              </View>
              <Text className="admin-row__meta">
                {b.households} 户 · {b.units} 个单元 · {b.floors} 层
              </Text>
              {b.representatives.length > 0 ? (
                <Text className="admin-row__meta">代表：{b.representatives.join('、')}</Text>
              ) : (
                <Text className="admin-row__meta admin-row__meta--warn">
                  还没有代表 ·{' '}
                  <Text {...asButton} className="link" id={`building-invite-${b.code}`} onClick={() => onInviteFor(b.code)}>
                    邀请代表
                  </Text>
                </Text>
              )}
            </View>
            <View className="admin-row__actions">
              <Button size="small" fill="outline" id={`building-edit-${b.code}`} disabled={editing !== null} onClick={() => setEditing(b.code)}>
                修改
              </Button>
              <Button
                size="small"
                fill="outline"
                type="primary"
                id={`building-poster-${b.code}`}
                onClick={() => Taro.navigateTo({ url: `/rep/qrcode/index?b=${b.code}` })}
              >
                海报
              </Button>
            </View>
          </View>
        ),
      )}
      {buildings.length > 0 && (
        <Text
          {...asButton}
          className="link admin-section__foot"
          id="posters-all"
          onClick={() => Taro.navigateTo({ url: `/rep/qrcode/index?c=${community.id}` })}
        >
          全部楼栋的海报 ›
        </Text>
      )}
    </View>
  )
}
