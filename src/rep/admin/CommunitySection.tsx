/** 建小区的表单，与概览里的"小区信息"（查看、修改名称、物业情况与超时时限）。 */
import { useRef, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { parsePayload } from '@/core/shared/schema'
import { createCommunitySchema, updateCommunitySchema } from '@/core/directory/schema'
import type { CommunityAdminView } from '@/core/directory/views'
import { api, newRequestId } from '@/services/api'
import { errorOf, FieldError, toCount, YesNoChips } from '../shared/formBits'
import { LengthHint } from '@/components/LengthHint'
import { COMMUNITY_NAME_MAX } from '@/core/shared/catalog'
import { pageTextScale } from '@/services/textScale'

/** 新建小区：创建者就是管理员。请求编号在页面里保留：网络断了再点一次，只建一个小区。 */
export function CreateCommunity({ onCreated }: { onCreated: (view: CommunityAdminView) => void }) {
  const requestId = useRef(newRequestId())
  const [name, setName] = useState('')
  const [hasPropertyCompany, setHasProperty] = useState<boolean | null>(null)
  const [oldEstate, setOldEstate] = useState<boolean | null>(null)
  const [tried, setTried] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const parsed = parsePayload(createCommunitySchema, {
    requestId: requestId.current,
    name,
    hasPropertyCompany: hasPropertyCompany ?? undefined,
    oldEstate: oldEstate ?? undefined,
  })
  const error = (tried ? errorOf(parsed) : null) ?? (serverError ? { message: serverError } : null)
  const fields = ['name', 'hasPropertyCompany', 'oldEstate']
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setServerError(null)
    }

  const submit = async () => {
    setTried(true)
    setServerError(null)
    if (!parsed.ok) return
    setBusy(true)
    try {
      const view = await api.admin.createCommunity(parsed.value)
      Taro.showToast({ title: '小区已创建', icon: 'success' })
      onCreated(view)
    } catch (e) {
      // 请求编号不变：再点一次是同一次创建。
      setServerError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View style={pageTextScale()} className="page admin-page">
      <View className="admin-intro">
        <Text className="admin-intro__title">创建小区</Text>
        <Text className="muted">建好后添加楼栋、邀请业主代表和业委会。每栋楼会有自己的报事二维码，贴在楼里居民一扫就能报事。</Text>
      </View>
      <View className="card" id="field-community-name">
        <Text className="card-title">小区名称</Text>
        <Input className="field" id="community-name" placeholder="例如：春晖苑" value={name} onChange={edit(setName)} />
        <LengthHint value={name} max={COMMUNITY_NAME_MAX} id="community-name-length" />
        <FieldError error={error} field="name" id="error-community-name" />
      </View>
      <View className="card" id="field-has-property">
        <Text className="card-title">是否有物业</Text>
        <YesNoChips name="has-property" value={hasPropertyCompany} yes="有物业" no="无物业" onChange={edit(setHasProperty)} />
        <Text className="muted field-hint">无物业的小区，由志愿者代表和业委会处理报事，工具一样。</Text>
        <FieldError error={error} field="hasPropertyCompany" id="error-has-property" />
      </View>
      <View className="card" id="field-old-estate">
        <Text className="card-title">是否老旧小区</Text>
        <YesNoChips name="old-estate" value={oldEstate} yes="是老旧小区" no="不是" onChange={edit(setOldEstate)} />
        <Text className="muted field-hint">用于工作总结的写法（如“老旧小区物业工作总结”）。</Text>
        <FieldError error={error} field="oldEstate" id="error-old-estate" />
      </View>
      <FieldError error={error} field="*" fields={fields} id="community-create-error" />
      <View className="footer-bar">
        <Button id="community-create" type="primary" block loading={busy} disabled={busy} onClick={submit}>
          创建小区
        </Button>
      </View>
    </View>
  )
}

/** 小区信息：查看与修改。 */
export function CommunitySection({ view, onSaved }: { view: CommunityAdminView; onSaved: (view: CommunityAdminView) => void }) {
  const { community } = view
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(community.name)
  const [hasPropertyCompany, setHasProperty] = useState<boolean | null>(community.hasPropertyCompany)
  const [oldEstate, setOldEstate] = useState<boolean | null>(community.oldEstate)
  const [urgent, setUrgent] = useState(String(community.overdueHours.urgent))
  const [normal, setNormal] = useState(String(community.overdueHours.normal))
  const [tried, setTried] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const open = () => {
    setName(community.name)
    setHasProperty(community.hasPropertyCompany)
    setOldEstate(community.oldEstate)
    setUrgent(String(community.overdueHours.urgent))
    setNormal(String(community.overdueHours.normal))
    setTried(false)
    setServerError(null)
    setEditing(true)
  }

  const parsed = parsePayload(updateCommunitySchema, {
    communityId: community.id,
    name,
    hasPropertyCompany: hasPropertyCompany ?? undefined,
    oldEstate: oldEstate ?? undefined,
    overdueHours: { urgent: toCount(urgent), normal: toCount(normal) },
  })
  const error = (tried ? errorOf(parsed) : null) ?? (serverError ? { message: serverError } : null)
  const fields = ['name', 'hasPropertyCompany', 'oldEstate', 'urgent', 'normal']
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setServerError(null)
    }

  const save = async () => {
    setTried(true)
    setServerError(null)
    if (!parsed.ok) return
    setBusy(true)
    try {
      onSaved(await api.admin.updateCommunity(parsed.value))
      setEditing(false)
      Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setServerError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (!editing) {
    return (
      <View className="card admin-section" id="section-community">
        <View className="admin-section__head">
          <Text className="card-title">小区信息</Text>
          <Button size="small" fill="outline" type="primary" id="community-edit" onClick={open}>
            修改
          </Button>
        </View>
        <Text className="community-name" id="community-title">
          {community.name}
        </Text>
        <View className="tag-row">
          <Text className="tag tag--plain">{community.hasPropertyCompany ? '有物业' : '无物业'}</Text>
          {community.oldEstate && <Text className="tag tag--plain">老旧小区</Text>}
        </View>
        <Text className="muted community-limits" id="community-limits">
          超时时限：紧急报事 {community.overdueHours.urgent} 小时 · 一般报事 {community.overdueHours.normal} 小时
        </Text>
      </View>
    )
  }

  return (
    <View className="card admin-section" id="section-community">
      <Text className="card-title">修改小区信息</Text>
      <Text className="form-label">小区名称</Text>
      <Input className="field" id="community-edit-name" value={name} onChange={edit(setName)} />
      <LengthHint value={name} max={COMMUNITY_NAME_MAX} id="community-edit-name-length" />
      <FieldError error={error} field="name" id="error-community-edit-name" />
      <Text className="form-label">是否有物业</Text>
      <YesNoChips name="edit-has-property" value={hasPropertyCompany} yes="有物业" no="无物业" onChange={edit(setHasProperty)} />
      <FieldError error={error} field="hasPropertyCompany" id="error-edit-has-property" />
      <Text className="form-label">是否老旧小区</Text>
      <YesNoChips name="edit-old-estate" value={oldEstate} yes="是老旧小区" no="不是" onChange={edit(setOldEstate)} />
      <FieldError error={error} field="oldEstate" id="error-edit-old-estate" />
      <Text className="form-label">超时时限（小时）</Text>
      <Text className="muted field-hint">报事超过时限还没办结，会在待办里标为“超时”。</Text>
      <View className="hours-row">
        <Text className="hours-row__label">紧急</Text>
        <Input
          className="field hours-row__input"
          id="overdue-urgent"
          type="number"
          placeholder="如 24"
          maxLength={4}
          value={urgent}
          onChange={edit(setUrgent)}
        />
        <Text className="hours-row__label">一般</Text>
        <Input
          className="field hours-row__input"
          id="overdue-normal"
          type="number"
          placeholder="如 72"
          maxLength={4}
          value={normal}
          onChange={edit(setNormal)}
        />
      </View>
      <FieldError error={error} field="urgent" id="error-overdue-urgent" />
      <FieldError error={error} field="normal" id="error-overdue-normal" />
      <FieldError error={error} field="*" fields={fields} id="community-save-error" />
      <View className="form-buttons">
        <Button id="community-cancel" fill="outline" disabled={busy} onClick={() => setEditing(false)}>
          取消
        </Button>
        <Button id="community-save" type="primary" loading={busy} disabled={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}
