/**
 * 公告与工作台账四个代表页面共用的小件：取小区、确认框、日期选择、照片上传。
 * 放在分包里：居民扫码打开的主包不带它们。
 */
import { useState, type ReactNode } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Picker, Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import type { z } from 'zod/mini'
import { parsePayload } from '@/core/shared/schema'
import { dateOf } from '@/core/shared/time'
import { ErrorView } from '@/components/StateView'
import { choosePhotos, uploadPhoto, type UploadFolder } from '@/services/photos'
import type { Load } from '@/components/useLoad'
import { previewImage } from '@/services/previewImage'
import './repBits.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton, labelled, tappableImage } from '@/components/a11y'

// 加载状态与出错的说法在 components/useLoad（居民的公告列表也用）；代表页面照旧从这里取。
export { failed, type Load } from '@/components/useLoad'

/**
 * 按页取的列表的"加载更多"（按钮与滑到底）：接上下一页、按 id 去掉重复；页面在这期间刷新过（seq 变了）就丢掉晚到的那页。
 * 公告、台账、问卷三个代表列表共用。
 */
export function useLoadMore<D extends { items: { id: string }[]; nextCursor: string | null }>(
  load: Load<D>,
  setLoad: (next: Load<D>) => void,
  seq: { current: number },
  fetchPage: (data: D, cursor: string) => Promise<{ items: D['items']; nextCursor: string | null }>,
) {
  const [loadingMore, setLoadingMore] = useState(false)
  // 记下是哪一次加载的翻页出的错：页面刷新过（seq 变了）就不再显示。
  const [failure, setFailure] = useState<{ seq: number; message: string } | null>(null)
  const moreError = failure && failure.seq === seq.current ? failure.message : null
  const loadMore = async () => {
    if (load.state !== 'ready' || !load.data.nextCursor || loadingMore) return
    const mine = seq.current
    setLoadingMore(true)
    setFailure(null)
    try {
      const page = await fetchPage(load.data, load.data.nextCursor)
      if (mine === seq.current) {
        const ids = new Set(load.data.items.map((x) => x.id))
        setLoad({
          state: 'ready',
          data: { ...load.data, items: [...load.data.items, ...page.items.filter((x) => !ids.has(x.id))], nextCursor: page.nextCursor },
        })
      }
    } catch (e) {
      if (mine === seq.current) setFailure({ seq: mine, message: (e as Error).message })
    } finally {
      setLoadingMore(false)
    }
  }
  useReachBottom(() => {
    if (!moreError) loadMore()
  })
  return { loadMore, loadingMore, moreError }
}

/**
 * 用表单与函数共用的校验规则查一遍：parsePayload 给出能不能提交（与函数的判断一致），
 * 每个字段下面放校验器对它说的第一句话（规则里的话本来就带着字段名，如"请填写巡查区域"）。
 * fieldOf 把校验器的字段名（路径的最后一段）换成表单上的位置。
 */
export function validateForm<T>(
  schema: z.ZodMiniType<T>,
  payload: unknown,
  fieldOf: (name: string | undefined) => string,
): { value: T | null; errors: Record<string, string> } {
  const parsed = parsePayload(schema, payload)
  if (parsed.ok) return { value: parsed.value, errors: {} }
  const errors: Record<string, string> = {}
  const result = schema.safeParse(payload)
  for (const issue of result.success ? [] : result.error.issues) {
    const field = fieldOf(issue.path.filter((p): p is string => typeof p === 'string').pop())
    errors[field] ??= issue.message
  }
  if (Object.keys(errors).length === 0) errors[fieldOf(parsed.field)] = parsed.message
  return { value: null, errors }
}

/** 公告的过期时刻是过期日次日 0 点（北京时间）：显示"有效期至"要退回到过期日本身。 */
export { lastDayOf } from '@/core/shared/time'

/** 公告知晓率的文字（读过的人多于户数时不写百分比）；问卷答卷率见 shared/surveyBits 的 rateText。 */
export { readRateText } from '@/core/shared/rates'

/** 北京时间的今天 'YYYY-MM-DD'。 */
export const today = () => dateOf(new Date().toISOString())
/** 'YYYY-MM-DD' 加减天数。 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10)
}
/** '2026-11-03' → '11月3日'（今年的不写年份）。 */
export function shortDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y === Number(today().slice(0, 4)) ? '' : `${y}年`}${m}月${d}日`
}

/**
 * 代表页面的小区：页面参数 c=；没带时为 undefined——页面自己的那次调用（公告、台账、问卷的列表与表单）
 * 不带小区，函数按我的身份取第一个代表、业委会或管理员身份所在的小区，并在答复里带回小区编号。
 * 于是页面不必先问一次"我是谁"（每页首次渲染一次调用）。
 */
export function useCommunityParam(): string | undefined {
  const { params } = useRouter()
  const [c] = useState(() => (params.c ? decodeURIComponent(params.c) : undefined))
  return c
}

/** 整页的出错说明：可重试的给"重试"，否则回首页。 */
export function PageError({ load, onRetry, title = '无法打开' }: { load: { message: string; retryable: boolean }; onRetry: () => void; title?: string }) {
  return (
    <View style={pageTextScale()} className="page">
      <ErrorView
        title={load.retryable ? '出了点问题' : title}
        message={load.message}
        onRetry={load.retryable ? onRetry : undefined}
        action={{ text: '回楼栋首页', onClick: () => Taro.reLaunch({ url: '/pages/building/index' }) }}
      />
    </View>
  )
}

/** 字段下面的一句错误。 */
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  if (!message) return null
  return (
    <Text className="error-text gov-error" id={`error-${id}`}>
      {message}
    </Text>
  )
}

interface ConfirmProps {
  /** 元素 id 的前缀：`${id}`（对话框）、`${id}-ok`、`${id}-cancel`。 */
  id: string
  title: string
  message?: string
  confirmText: string
  danger?: boolean
  busy?: boolean
  error?: string | null
  children?: ReactNode
  onConfirm: () => void
  onCancel: () => void
}

/** 居中的确认框（撤回、删除、标记整改）：比系统弹窗多了可测的 id，还能放一个日期选择。 */
export function ConfirmDialog({ id, title, message, confirmText, danger, busy, error, children, onConfirm, onCancel }: ConfirmProps) {
  return (
    <View className="gdialog" id={id}>
      <View {...labelled('关闭')} className="gdialog__mask" onClick={busy ? undefined : onCancel} />
      <View className="gdialog__panel">
        <Text className="gdialog__title">{title}</Text>
        {message && <Text className="gdialog__message">{message}</Text>}
        {children}
        {error && (
          <Text className="error-text gdialog__error" id={`${id}-error`}>
            {error}
          </Text>
        )}
        <View className="gdialog__buttons">
          <Button id={`${id}-cancel`} className="gdialog__button" fill="outline" disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            id={`${id}-ok`}
            className={`gdialog__button ${danger ? 'gdialog__button--danger' : ''}`}
            type={danger ? 'danger' : 'primary'}
            loading={busy}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}

/** 日期选择（微信里是原生滚轮）：显示"2026年11月3日"这样的字。 */
export function DateField({
  id,
  value,
  placeholder,
  start,
  end,
  onChange,
}: {
  id: string
  value: string | null
  placeholder: string
  start?: string
  end?: string
  onChange: (date: string) => void
}) {
  return (
    <Picker mode="date" value={value ?? today()} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`gdate ${value ? '' : 'gdate--empty'}`} id={id}>
        <Text>{value ? fullDay(value) : placeholder}</Text>
        <Text className="gdate__arrow">›</Text>
      </View>
    </Picker>
  )
}

export function fullDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/* ---------- 照片 ---------- */

export interface PhotoItem {
  key: string
  /** 显示用：本机临时路径，或已存的照片的地址。 */
  src: string
  status: 'uploading' | 'done' | 'failed'
  fileId?: string
}

let photoSerial = 0
export const photoKey = () => `g${Date.now().toString(36)}${++photoSerial}`

/** 选、传、删、重试；done 的 fileId 随表单提交。 */
export function usePhotoUploads(folder: UploadFolder, max: number, onChange?: () => void) {
  const [photos, setPhotos] = useState<PhotoItem[]>([])

  const upload = async (key: string, path: string) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, status: 'uploading' } : p)))
    try {
      const fileId = await uploadPhoto(path, folder)
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, status: 'done', fileId } : p)))
    } catch (e) {
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, status: 'failed', fileId: undefined } : p)))
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  const add = async () => {
    const remaining = max - photos.length
    if (remaining <= 0) return
    let paths: string[]
    try {
      const chosen = await choosePhotos(remaining)
      paths = chosen.paths
      // 太大、不是图片的：选的时候就说清楚为什么没加上（不让它变成一张永远"上传失败"的格子）。
      if (chosen.refused.length > 0) Taro.showModal({ title: '这些照片没有加上', content: chosen.refused.join('\n'), showCancel: false })
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
      return
    }
    const added = paths.slice(0, remaining).map((path) => ({ key: photoKey(), src: path, status: 'uploading' as const }))
    if (added.length === 0) return
    setPhotos((list) => [...list, ...added])
    onChange?.()
    await Promise.all(added.map((p) => upload(p.key, p.src)))
  }

  const remove = (key: string) => {
    setPhotos((list) => list.filter((p) => p.key !== key))
    onChange?.()
  }
  const retry = (key: string) => {
    const p = photos.find((x) => x.key === key)
    if (p) upload(p.key, p.src)
  }

  const doneIds = photos.filter((p) => p.status === 'done' && p.fileId).map((p) => p.fileId as string)
  const problem = photos.some((p) => p.status === 'uploading')
    ? '照片还在上传，请稍等'
    : photos.some((p) => p.status === 'failed')
      ? '有照片上传失败：点它重试，或删掉它'
      : null
  return { photos, setPhotos, add, remove, retry, doneIds, problem }
}

/** 照片格：缩略图、删除、上传状态、失败重试，最后一格是"添加"。id 是前缀：`${id}-add`、`${id}-0`、`${id}-remove-0`…… */
export function PhotoGrid({
  id,
  photos,
  max,
  onAdd,
  onRemove,
  onRetry,
}: {
  id: string
  photos: PhotoItem[]
  max: number
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}) {
  const [broken, setBroken] = useState<Record<string, boolean>>({})
  const preview = (current: string) => {
    const urls = photos.filter((p) => !broken[p.key]).map((p) => p.src)
    previewImage(urls, current).catch(() => undefined)
  }
  return (
    <View className="gphotos" id={`${id}s`}>
      {photos.map((p, i) => (
        <View key={p.key} className={`gphoto gphoto--${p.status}`} id={`${id}-${i}`}>
          {broken[p.key] ? (
            <View className="gphoto__placeholder">
              <Text>照片 {i + 1}</Text>
            </View>
          ) : (
            <Image
              {...tappableImage(`照片 ${i + 1}，点开看大图`)}
              className="gphoto__img"
              src={p.src}
              mode="aspectFill"
              onClick={() => preview(p.src)}
              onError={() => setBroken((b) => ({ ...b, [p.key]: true }))}
            />
          )}
          {p.status === 'uploading' && (
            <View className="gphoto__mask">
              <Text>上传中…</Text>
            </View>
          )}
          {p.status === 'failed' && (
            <View {...asButton} className="gphoto__mask gphoto__mask--failed" id={`${id}-retry-${i}`} onClick={() => onRetry(p.key)}>
              <Text>上传失败</Text>
              <Text>点此重试</Text>
            </View>
          )}
          <View {...asButton} className="gphoto__remove" id={`${id}-remove-${i}`} onClick={() => onRemove(p.key)}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < max && (
        <View {...asButton} className="gphoto gphoto--add" id={`${id}-add`} onClick={onAdd}>
          <Text className="gphoto__plus">+</Text>
          <Text className="muted">
            {photos.length}/{max}
          </Text>
        </View>
      )}
    </View>
  )
}
