import { useEffect, useRef, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  MAX_PHOTOS,
  PUBLIC_AREAS,
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  TEXT_MAX,
  URGENCY_LABELS,
  type CategoryId,
  type Urgency,
} from '@/core/shared/catalog'
import { DRAFT_FIELD_ORDER, EMPTY_DRAFT, validateDraft, type DraftErrors, type DraftField, type ReportDraft } from '@/core/reports/draft'
import type { SimilarReportView } from '@/core/reports/views'
import { ChipGroup } from '@/components/ChipGroup'
import { EmptyView } from '@/components/StateView'
import { api } from '@/services/api'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { choosePhotos, uploadPhoto } from '@/services/photos'
import { requestProgressSubscription } from '@/services/progressSubscribe'
import { isRetryable } from '@/services/transport'
import { clearDraft, hasContent, loadDraft, saveDraft, type StoredDraft } from './draftStorage'
import { PhotoPicker, type PhotoItem } from './PhotoPicker'
import { SimilarReports } from '@/components/SimilarReports'
import { TextBox } from '@/components/TextBox'
import './index.scss'
import { LabeledSwitch } from '@/components/LabeledSwitch'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

/** 提交没成功（网络、服务暂时出错）时说什么：草稿与请求编号都在本机，再点不会多出一条。 */
const SUBMIT_LATER = '内容已保存在手机上，恢复网络后再点提交，不会重复提交'

const kindOptions = REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))
const categoryOptions = CATEGORY_IDS.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))
const areaOptions = PUBLIC_AREAS.map((a) => ({ value: a, label: a }))
const urgencyOptions = (['normal', 'urgent'] as const).map((u) => ({ value: u, label: URGENCY_LABELS[u] }))
const scopeOptions = [
  { value: 'public' as const, label: '公共区域' },
  { value: 'unit' as const, label: '自家/某户' },
]

let photoSerial = 0
const photoKey = () => `p${Date.now().toString(36)}${++photoSerial}`

/** 字段下面的一句错误。 */
function FieldError({ field, errors }: { field: DraftField; errors: DraftErrors }) {
  const message = errors[field]
  if (!message) return null
  return (
    <Text className="error-text field-error" id={`error-${field}`}>
      {message}
    </Text>
  )
}

/** 报事表单。 */
export default function ReportPage() {
  const { params } = useRouter()
  const [buildingCode] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  // 草稿、请求编号、已上传的照片都从本地存储恢复（每栋楼一份）。
  const [initial] = useState(() => (buildingCode ? loadDraft(buildingCode) : null))
  const [draft, setDraft] = useState<ReportDraft>(initial?.stored.draft ?? EMPTY_DRAFT)
  const [photos, setPhotos] = useState<PhotoItem[]>(() =>
    (initial?.stored.photos ?? []).map((p) => ({ key: photoKey(), path: p.path, fileId: p.fileId, status: 'done' as const })),
  )
  const [restored, setRestored] = useState(() => !!initial && initial.restored && hasContent(initial.stored))
  // 同一份草稿（直到函数确认存下）始终用同一个请求编号：断网重试、重新打开页面再提交，都只存一次。
  const requestId = useRef(initial?.stored.requestId ?? '')
  const [showErrors, setShowErrors] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  // 选照片时没收下的（太大、不是图片）及原因；下一次选照片时换成新的。
  const [refusedPhotos, setRefusedPhotos] = useState<string[]>([])
  const [submitting, setSubmitting] = useState(false)
  const [buildingLabel, setBuildingLabel] = useState('')
  const [similar, setSimilar] = useState<{ category: CategoryId; items: SimilarReportView[] } | null>(null)
  const [dismissed, setDismissed] = useState<CategoryId | null>(null)
  const [following, setFollowing] = useState<string | null>(null)

  // 落地页点"我要报事"时给的"正在打开"，这一页显示出来就收起。
  useEffect(() => {
    // 没有"正在打开"时（直接扫码进来）微信会答失败：不用管。
    Promise.resolve(Taro.hideLoading({ noConflict: true })).catch(() => undefined)
  }, [])

  useEffect(() => {
    if (buildingCode)
      api.account.building({ buildingCode }).then(
        (b) => setBuildingLabel(`${b.communityName} · ${b.name}`),
        () => setBuildingLabel(''),
      )
  }, [buildingCode])

  // 每次改动都存草稿（上传中、失败的照片不存：重新打开后无从续传）。
  const donePhotos = photos.filter((p) => p.status === 'done' && p.fileId)
  const donePhotoIds = donePhotos.map((p) => p.fileId as string)
  useEffect(() => {
    if (!buildingCode) return
    const stored: StoredDraft = {
      v: 1,
      draft: { ...draft, photos: donePhotoIds },
      requestId: requestId.current,
      photos: donePhotos.map((p) => ({ fileId: p.fileId as string, path: p.path })),
      savedAt: new Date().toISOString(),
    }
    saveDraft(buildingCode, stored)
    // donePhotos 由 photos 算出。
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buildingCode, draft, photos])

  // 选了分类就查本楼同类、还没办结的报事："是否是同一个问题？"
  useEffect(() => {
    const category = draft.category
    if (!buildingCode || !category) return
    let live = true
    api.reports.similar({ buildingCode, category }).then(
      (r) => live && setSimilar({ category, items: r.items }),
      () => live && setSimilar(null),
    )
    return () => {
      live = false
    }
  }, [buildingCode, draft.category])

  if (!buildingCode) {
    return (
      <View style={pageTextScale()} className="page">
        <EmptyView title="请先扫描楼栋二维码" description="报事需要知道是哪栋楼。" />
      </View>
    )
  }

  const update = (patch: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setServerError(null)
  }

  /* ----- 照片 ----- */

  const upload = async (key: string, path: string) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, status: 'uploading' } : p)))
    try {
      const fileId = await uploadPhoto(path)
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, status: 'done', fileId } : p)))
    } catch (e) {
      // 宿主说清了原因的（太大、不是图片）重试也没用：标成"不收"并写原因；网络问题才给重试。
      const refused = !isRetryable(e)
      setPhotos((list) =>
        list.map((p) =>
          p.key === key ? { ...p, status: refused ? 'refused' : 'failed', reason: refused ? (e as Error).message : undefined, fileId: undefined } : p,
        ),
      )
    }
  }

  const addPhotos = async () => {
    const remaining = MAX_PHOTOS - photos.length
    if (remaining <= 0) return
    let paths: string[]
    try {
      const chosen = await choosePhotos(remaining)
      paths = chosen.paths
      setRefusedPhotos(chosen.refused)
    } catch (e) {
      setRefusedPhotos([(e as Error).message])
      return
    }
    const added = paths.slice(0, remaining).map((path) => ({ key: photoKey(), path, status: 'uploading' as const }))
    if (added.length === 0) return
    setPhotos((list) => [...list, ...added])
    setServerError(null)
    await Promise.all(added.map((p) => upload(p.key, p.path)))
  }

  const removePhoto = (key: string) => {
    setPhotos((list) => list.filter((p) => p.key !== key))
    setServerError(null)
  }

  const retryPhoto = (key: string) => {
    const photo = photos.find((p) => p.key === key)
    if (photo) upload(photo.key, photo.path)
  }

  /* ----- 校验：提交过一次之后，每次改动都重新校验，改对的错误随即消失 ----- */

  const check = () => {
    const result = validateDraft({ ...draft, photos: donePhotoIds }, buildingCode, requestId.current)
    const errors: DraftErrors = result.ok ? {} : { ...result.errors }
    if (!errors.photos) {
      if (photos.some((p) => p.status === 'uploading')) errors.photos = '照片还在上传，请稍等'
      else if (photos.some((p) => p.status === 'refused')) errors.photos = '有照片收不了（原因写在照片上）：请删掉它'
      else if (photos.some((p) => p.status === 'failed')) errors.photos = '有照片上传失败：点照片重试，或删掉它'
    }
    return { result, errors }
  }
  const { errors } = showErrors ? check() : { errors: {} as DraftErrors }
  const errorCount = Object.keys(errors).length
  const firstField = DRAFT_FIELD_ORDER.find((f) => errors[f])
  const firstError = firstField ? errors[firstField] : null
  const summary = serverError ?? (firstError ? (errorCount > 1 ? `${firstError}（共 ${errorCount} 处要改，见标红处）` : firstError) : null)

  const submit = async () => {
    setShowErrors(true)
    setServerError(null)
    const { result, errors: found } = check()
    if (!result.ok || Object.keys(found).length > 0) {
      const field = DRAFT_FIELD_ORDER.find((f) => found[f]) ?? 'form'
      const anchor = ['area', 'detail', 'unit', 'floor', 'room'].includes(field) ? 'location' : field === 'form' ? 'anonymous' : field
      try {
        Taro.pageScrollTo({ selector: `#field-${anchor}`, duration: 200 })?.catch?.(() => undefined)
      } catch {
        // 滚动只是方便，不行也无妨。
      }
      return
    }
    // 订阅请求必须由点击直接触发，放在任何网络请求之前；拒绝了也照常提交。
    await requestProgressSubscription()
    setSubmitting(true)
    try {
      await api.reports.submit(result.value)
      clearDraft(buildingCode)
      Taro.showToast({ title: '已提交', icon: 'success' })
      setTimeout(() => Taro.redirectTo({ url: '/resident/mine/index' }), 600)
    } catch (e) {
      // 网络失败时草稿与请求编号都还在本地：再点一次提交用的是同一个编号，所以直说内容没丢、不会重复。
      setServerError(isRetryable(e) ? `提交没有成功：${SUBMIT_LATER}` : (e as Error).message)
    } finally {
      setSubmitting(false)
    }
  }

  /* ----- "我也遇到" ----- */

  const follow = async (item: SimilarReportView) => {
    if (following) return
    await requestProgressSubscription()
    setFollowing(item.id)
    try {
      await api.reports.follow({ reportId: item.id })
      // 是同一个问题：这份草稿不再需要。
      clearDraft(buildingCode)
      Taro.showToast({ title: '已关注，进展会通知你', icon: 'none' })
      Taro.redirectTo({ url: `/resident/track/index?id=${item.id}` })
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setFollowing(null)
    }
  }

  const startOver = () => {
    clearDraft(buildingCode)
    const fresh = loadDraft(buildingCode)
    requestId.current = fresh.stored.requestId
    setDraft(fresh.stored.draft)
    setPhotos([])
    setRestored(false)
    setShowErrors(false)
    setServerError(null)
  }

  const similarItems = similar && similar.category === draft.category && dismissed !== draft.category ? similar.items : []

  return (
    <View style={pageTextScale()} className="page report-page">
      {buildingLabel && (
        <Text className="muted report-target" id="report-target">
          报给：{buildingLabel} 的业主代表
        </Text>
      )}
      {restored && (
        <View className="restored" id="draft-restored">
          <Text className="restored__text">已恢复你上次没提交的内容</Text>
          <Text {...asButton} className="restored__action" id="draft-clear" onClick={startOver}>
            清空重填
          </Text>
        </View>
      )}
      <View className="card" id="field-kind">
        <Text className="card-title">类型</Text>
        <ChipGroup name="kind" options={kindOptions} value={draft.kind} onChange={(kind) => update({ kind })} />
        <FieldError field="kind" errors={errors} />
      </View>

      <View className="card" id="field-category">
        <Text className="card-title">问题分类</Text>
        <ChipGroup name="category" options={categoryOptions} value={draft.category} onChange={(category) => update({ category })} />
        <FieldError field="category" errors={errors} />
        {similarItems.length > 0 && (
          <SimilarReports
            items={similarItems}
            following={following}
            onFollow={follow}
            onOpen={(r) => Taro.navigateTo({ url: `/resident/track/index?id=${r.id}` })}
            onDismiss={() => setDismissed(draft.category)}
          />
        )}
      </View>

      <View className="card" id="field-text">
        <Text className="card-title">问题描述</Text>
        <TextBox
          className="report-text"
          placeholder="发生了什么？例如：3单元电梯按钮失灵，已经两天了"
          value={draft.text}
          max={TEXT_MAX}
          lengthId="report-text-length"
          onChange={(text) => update({ text })}
        />
        <FieldError field="text" errors={errors} />
      </View>

      <View className="card" id="field-photos">
        <View className="card-title-row">
          <Text className="card-title">照片</Text>
          <Text className="muted">选填，最多 {MAX_PHOTOS} 张</Text>
        </View>
        <PhotoPicker photos={photos} onAdd={addPhotos} onRemove={removePhoto} onRetry={retryPhoto} />
        {refusedPhotos.length > 0 && (
          <View className="photo-refused" id="photo-refused">
            <Text className="error-text">这些照片没有加上：</Text>
            {refusedPhotos.map((reason) => (
              <Text className="error-text photo-refused__line" key={reason}>
                {reason}
              </Text>
            ))}
          </View>
        )}
        <FieldError field="photos" errors={errors} />
      </View>

      <View className="card" id="field-location">
        <Text className="card-title">位置</Text>
        <ChipGroup name="scope" options={scopeOptions} value={draft.scope} onChange={(scope) => update({ scope })} />
        <FieldError field="location" errors={errors} />
        {draft.scope === 'public' ? (
          <View className="location">
            <ChipGroup name="area" options={areaOptions} value={draft.area} onChange={(area) => update({ area })} />
            <FieldError field="area" errors={errors} />
            <Input className="field" placeholder="具体位置（选填），如：2单元3楼楼梯口" value={draft.detail} onChange={(detail) => update({ detail })} />
            <FieldError field="detail" errors={errors} />
          </View>
        ) : (
          <View className="location location--unit">
            <Input className="field" placeholder="单元，如：2单元" value={draft.unit} onChange={(unit) => update({ unit })} />
            <FieldError field="unit" errors={errors} />
            <Input className="field" placeholder="楼层，如：5；地下一层填 -1" type="digit" value={draft.floor} onChange={(floor) => update({ floor })} />
            <FieldError field="floor" errors={errors} />
            <Input className="field" placeholder="房号（选填）" value={draft.room} onChange={(room) => update({ room })} />
            <FieldError field="room" errors={errors} />
          </View>
        )}
      </View>

      <View className="card" id="field-urgency">
        <Text className="card-title">紧急程度</Text>
        <ChipGroup name="urgency" options={urgencyOptions} value={draft.urgency} onChange={(urgency: Urgency) => update({ urgency })} />
        <Text className="muted field-hint">紧急：电梯困人、漏水、停电、安全隐患等需要马上处理的。</Text>
        <FieldError field="urgency" errors={errors} />
      </View>

      <View className="card" id="field-contactPhone">
        <View className="card-title-row">
          <Text className="card-title">联系电话</Text>
          <Text className="muted">选填</Text>
        </View>
        <Input
          className="field"
          id="contact-phone"
          placeholder="方便代表联系你，只给本楼代表看"
          type="tel"
          value={draft.contactPhone}
          onChange={(contactPhone) => update({ contactPhone })}
        />
        <FieldError field="contactPhone" errors={errors} />
      </View>

      <View className="card anonymous" id="field-anonymous">
        <View className="anonymous__text">
          <Text className="card-title">匿名提交</Text>
          <Text className="muted">匿名后，代表和其他居民看不到你是谁；你仍能在“我的报事”里跟进。</Text>
        </View>
        <LabeledSwitch id="anonymous-switch" label="匿名提交" checked={draft.anonymous} onChange={(anonymous) => update({ anonymous })} />
      </View>
      <FieldError field="form" errors={errors} />

      <View className="footer-bar">
        {summary && (
          <Text className="error-text report-error" id="report-error">
            {summary}
          </Text>
        )}
        <Button id="submit-report" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
          提交
        </Button>
      </View>
    </View>
  )
}
