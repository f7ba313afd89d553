import { useCallback, useEffect, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MAX_NOTICE_IMAGES, NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from '@/core/shared/catalog'
import { publishNoticeSchema, type PublishNoticeInput } from '@/core/notices/schema'
import type { ManagedNoticeListView } from '@/core/notices/views'
import { ChipGroup } from '@/components/ChipGroup'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { ApiError } from '@/services/transport'
import {
  addDays,
  DateField,
  failed,
  FieldError,
  fullDay,
  PageError,
  PhotoGrid,
  photoKey,
  today,
  useCommunityParam,
  usePhotoUploads,
  validateForm,
  type Load,
} from '../shared/repBits'
import { clearNoticeDraft, draftHasContent, emptyDraft, loadNoticeDraft, saveNoticeDraft, type NoticeDraft } from './draft'
import './index.scss'
import { LengthHint } from '@/components/LengthHint'
import { TextBox } from '@/components/TextBox'
import { LabeledSwitch } from '@/components/LabeledSwitch'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Field = 'target' | 'title' | 'body' | 'images' | 'pinned' | 'expires' | 'form'
const FIELD_ORDER: Field[] = ['target', 'title', 'body', 'images', 'pinned', 'expires', 'form']

/** 校验器说的字段 → 表单上的位置。 */
function fieldOf(name: string | undefined): Field {
  switch (name) {
    case 'target':
    case 'scope':
    case 'buildingCodes':
      return 'target'
    case 'title':
    case 'body':
    case 'images':
    case 'pinned':
      return name
    case 'expiresOn':
      return 'expires'
    default:
      return 'form'
  }
}

/** 函数拒绝时（如内容安全检查）的原因放在哪个字段下面：按原因里提到的字段猜，猜不到放在底部。 */
function fieldOfMessage(message: string): Field {
  if (/标题/.test(message)) return 'title'
  if (/正文|内容/.test(message)) return 'body'
  if (/图片/.test(message)) return 'images'
  if (/楼栋|小区/.test(message)) return 'target'
  return 'form'
}

const EXPIRY_OPTIONS = [
  { value: 'none', label: '不过期' },
  { value: '7', label: '7 天后' },
  { value: '30', label: '30 天后' },
] as const

interface FormProps {
  communityId: string
  buildings: ManagedNoticeListView['buildings']
  canTargetCommunity: boolean
}

function NoticeForm({ communityId, buildings, canTargetCommunity }: FormProps) {
  const [initial] = useState(() => loadNoticeDraft(communityId))
  const [draft, setDraft] = useState<NoticeDraft>(() => {
    const d = initial ?? emptyDraft(canTargetCommunity ? 'community' : 'buildings')
    // 只管一栋楼的代表：直接选好。草稿里不再能发的楼去掉。
    const allowed = d.buildingCodes.filter((c) => buildings.some((b) => b.code === c))
    const codes = allowed.length === 0 && buildings.length === 1 ? [buildings[0].code] : allowed
    return { ...d, scope: canTargetCommunity ? d.scope : 'buildings', buildingCodes: codes }
  })
  const [restored, setRestored] = useState(() => !!initial && draftHasContent(initial))
  const [showErrors, setShowErrors] = useState(false)
  const [serverError, setServerError] = useState<{ field: Field; message: string } | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const uploads = usePhotoUploads('notices', MAX_NOTICE_IMAGES, () => setServerError(null))
  const { setPhotos } = uploads

  // 草稿里已上传的图片放回照片格。
  useEffect(() => {
    if (initial?.images.length) setPhotos(initial.images.map((i) => ({ key: photoKey(), src: i.src, fileId: i.fileId, status: 'done' as const })))
  }, [initial, setPhotos])

  // 每次改动都存草稿（上传中、失败的图片不存）。
  const doneImages = uploads.photos.filter((p) => p.status === 'done' && p.fileId).map((p) => ({ fileId: p.fileId as string, src: p.src }))
  const imagesKey = doneImages.map((i) => i.fileId).join('|')
  useEffect(() => {
    saveNoticeDraft(communityId, { ...draft, images: doneImages })
    // doneImages 由 imagesKey 代表。
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communityId, draft, imagesKey])

  const update = (patch: Partial<NoticeDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setServerError(null)
  }

  const payload = (): PublishNoticeInput => ({
    requestId: draft.requestId,
    communityId,
    target: draft.scope === 'community' ? { scope: 'community' } : { scope: 'buildings', buildingCodes: draft.buildingCodes },
    title: draft.title,
    body: draft.body,
    images: uploads.doneIds,
    pinned: draft.pinned,
    expiresOn: draft.expiresOn,
  })

  const check = (): { value: PublishNoticeInput | null; errors: Partial<Record<Field, string>> } => {
    const errors: Partial<Record<Field, string>> = {}
    if (uploads.problem) errors.images = uploads.problem
    if (draft.expiresOn && draft.expiresOn < today()) errors.expires = '过期日期不能早于今天'
    const checked = validateForm(publishNoticeSchema, payload(), fieldOf)
    for (const [field, message] of Object.entries(checked.errors)) errors[field as Field] ??= message
    return { value: checked.value && Object.keys(errors).length === 0 ? checked.value : null, errors }
  }

  const { errors } = showErrors ? check() : { errors: {} as Partial<Record<Field, string>> }
  if (serverError) errors[serverError.field] ??= serverError.message
  const first = FIELD_ORDER.find((f) => errors[f])
  const count = FIELD_ORDER.filter((f) => errors[f]).length
  const summary = serverError?.message ?? (first ? (count > 1 ? `${errors[first]}（共 ${count} 处要改，见标红处）` : errors[first]) : null)

  const toggleBuilding = (code: string) => {
    const on = draft.buildingCodes.includes(code)
    update({ buildingCodes: on ? draft.buildingCodes.filter((c) => c !== code) : [...draft.buildingCodes, code] })
  }

  const submit = async () => {
    if (submitting) return
    setShowErrors(true)
    setServerError(null)
    const { value, errors: found } = check()
    if (!value) {
      const field = FIELD_ORDER.find((f) => found[f]) ?? 'form'
      try {
        Taro.pageScrollTo({ selector: `#field-${field}`, duration: 200 })?.catch?.(() => undefined)
      } catch {
        // 滚动只是方便。
      }
      return
    }
    setSubmitting(true)
    try {
      await api.notices.publish(value)
      clearNoticeDraft(communityId)
      Taro.showToast({ title: '已发布', icon: 'success' })
      setTimeout(() => {
        if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
        else Taro.redirectTo({ url: `/rep/notices/index?c=${encodeURIComponent(communityId)}` })
      }, 600)
    } catch (e) {
      const message = (e as Error).message
      if (e instanceof ApiError && e.code === 'NETWORK') {
        setServerError({ field: 'form', message: `${message}（再点发布不会重复）` })
      } else {
        // 内容安全检查等拒绝：原因放在相关字段下面，也弹一下。
        setServerError({ field: fieldOfMessage(message), message })
        Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      }
    } finally {
      setSubmitting(false)
    }
  }

  const startOver = () => {
    clearNoticeDraft(communityId)
    setDraft({ ...emptyDraft(canTargetCommunity ? 'community' : 'buildings'), buildingCodes: buildings.length === 1 ? [buildings[0].code] : [] })
    setPhotos([])
    setRestored(false)
    setShowErrors(false)
    setServerError(null)
  }

  const expiryChoice =
    draft.expiresOn === null ? 'none' : draft.expiresOn === addDays(today(), 7) ? '7' : draft.expiresOn === addDays(today(), 30) ? '30' : null

  return (
    <View style={pageTextScale()} className="page ne-page">
      {restored && (
        <View className="ne-restored" id="notice-draft-restored">
          <Text className="ne-restored__text">已恢复你上次没发布的内容</Text>
          <Text {...asButton} className="ne-restored__action" id="notice-draft-clear" onClick={startOver}>
            清空重填
          </Text>
        </View>
      )}

      <View className="card" id="field-target">
        <Text className="card-title">发给谁</Text>
        {canTargetCommunity && (
          <ChipGroup
            name="target"
            options={[
              { value: 'community', label: '整个小区' },
              { value: 'buildings', label: '选定楼栋' },
            ]}
            value={draft.scope}
            onChange={(scope) => update({ scope })}
          />
        )}
        {draft.scope === 'buildings' && (
          <View className="ne-buildings">
            {buildings.length === 0 ? (
              <Text className="muted">没有可以发往的楼栋</Text>
            ) : (
              buildings.map((b) => {
                const on = draft.buildingCodes.includes(b.code)
                return (
                  <View
                    {...asButton}
                    key={b.code}
                    className={`gcheck ${on ? 'gcheck--on' : ''}`}
                    id={`target-building-${b.code}`}
                    onClick={() => toggleBuilding(b.code)}
                  >
                    <View className="gcheck__box">{on ? '✓' : ''}</View>
                    <Text className="gcheck__label">{b.name}</Text>
                  </View>
                )
              })
            )}
          </View>
        )}
        {draft.scope === 'community' && <Text className="muted gov-hint">小区里每栋楼的居民都能看到，知晓率按楼统计。</Text>}
        <FieldError id="notice-target" message={errors.target} />
      </View>

      <View className="card" id="field-title">
        <Text className="card-title">标题</Text>
        <View id="notice-title-input">
          <Input className="gov-input" placeholder="如：11月25日 9:00–17:00 停水通知" value={draft.title} onChange={(title) => update({ title })} />
        </View>
        <LengthHint value={draft.title} max={NOTICE_TITLE_MAX} id="notice-title-length" />
        <FieldError id="notice-title" message={errors.title} />
      </View>

      <View className="card" id="field-body">
        <Text className="card-title">正文</Text>
        <TextBox
          id="notice-body-input"
          className="gov-textarea ne-body"
          placeholder="写清楚时间、范围、要居民做什么，以及联系人。"
          value={draft.body}
          max={NOTICE_BODY_MAX}
          lengthId="notice-body-length"
          onChange={(body) => update({ body })}
        />
        <FieldError id="notice-body" message={errors.body} />
      </View>

      <View className="card" id="field-images">
        <View className="gov-title-row">
          <Text className="card-title">图片</Text>
          <Text className="muted">选填，最多 {MAX_NOTICE_IMAGES} 张</Text>
        </View>
        <PhotoGrid id="notice-photo" photos={uploads.photos} max={MAX_NOTICE_IMAGES} onAdd={uploads.add} onRemove={uploads.remove} onRetry={uploads.retry} />
        <FieldError id="notice-images" message={errors.images} />
      </View>

      <View className="card ne-switch" id="field-pinned">
        <View className="ne-switch__text">
          <Text className="card-title">置顶</Text>
          <Text className="muted">置顶的公告排在居民列表最前面。</Text>
        </View>
        <View id="notice-pinned">
          <LabeledSwitch label="置顶" checked={draft.pinned} onChange={(pinned) => update({ pinned })} />
        </View>
      </View>

      <View className="card" id="field-expires">
        <Text className="card-title">有效期</Text>
        <ChipGroup
          name="expiry"
          options={EXPIRY_OPTIONS}
          value={expiryChoice}
          onChange={(v) => update({ expiresOn: v === 'none' ? null : addDays(today(), Number(v)) })}
        />
        <View className="ne-date">
          <DateField id="expiry-date" value={draft.expiresOn} placeholder="或选一个日期" start={today()} onChange={(expiresOn) => update({ expiresOn })} />
        </View>
        <Text className="muted gov-hint" id="expiry-text">
          {draft.expiresOn ? `到 ${fullDay(draft.expiresOn)}（含当天）为止，过期后居民列表里不再显示。` : '不过期：一直显示在居民列表里，直到撤回。'}
        </Text>
        <FieldError id="notice-expires" message={errors.expires} />
      </View>

      <View className="footer-bar gov-footer">
        {summary && (
          <Text className="error-text gov-footer__error" id="notice-error">
            {summary}
          </Text>
        )}
        <Button id="notice-submit" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
          发布
        </Button>
      </View>
    </View>
  )
}

/** 发布公告：发给整个小区或选定的楼栋；标题、正文、图片、置顶、有效期。 */
export default function NoticeEditPage() {
  // 没带 ?c= 时由 notices.managed 按身份取小区，答复里带回（表单与草稿用它）。
  const communityParam = useCommunityParam()
  const [load, setLoad] = useState<Load<ManagedNoticeListView>>({ state: 'loading' })

  const refresh = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', data: await api.notices.managed(communityParam ? { communityId: communityParam } : {}) })
    } catch (e) {
      setLoad(failed(e))
    }
  }, [communityParam])

  useEffect(() => {
    refresh()
  }, [refresh])

  if (load.state === 'error') return <PageError load={load} onRetry={refresh} title="无法发布公告" />
  if (load.state === 'loading') return <LoadingView />
  const { data } = load
  if (!data.canTargetCommunity && data.buildings.length === 0) {
    return <PageError load={{ message: '你没有可以发布公告的楼栋', retryable: false }} onRetry={refresh} title="无法发布公告" />
  }
  return <NoticeForm communityId={data.communityId} buildings={data.buildings} canTargetCommunity={data.canTargetCommunity} />
}
