/**
 * 报事草稿存在本地（每栋楼一份）：每次改动都存，打开表单时恢复，函数确认存下后才清掉。
 * 连同请求编号一起存：断网后重试、甚至重新打开页面再提交，用的还是同一个编号，函数只存一次。
 */
import Taro from '@tarojs/taro'
import { EMPTY_DRAFT, type ReportDraft } from '@/core/reports/draft'
import { newRequestId } from '@/services/api'

/** 一张已上传的照片：fileID，以及本机的临时路径（重新打开后可能已失效，只用于显示）。 */
export interface StoredPhoto {
  fileId: string
  path: string
}

export interface StoredDraft {
  v: 1
  draft: ReportDraft
  requestId: string
  photos: StoredPhoto[]
  savedAt: string
}

export const draftKey = (buildingCode: string) => `loushi.reportDraft.${buildingCode}`

function isStored(value: unknown): value is StoredDraft {
  if (!value || typeof value !== 'object') return false
  const v = value as Partial<StoredDraft>
  return v.v === 1 && !!v.draft && typeof v.draft === 'object' && typeof v.requestId === 'string' && Array.isArray(v.photos)
}

/** 读出草稿；没有或格式不对时给一份新的（新的请求编号）。 */
export function loadDraft(buildingCode: string): { stored: StoredDraft; restored: boolean } {
  let raw: unknown = null
  try {
    raw = Taro.getStorageSync(draftKey(buildingCode))
  } catch {
    raw = null
  }
  if (isStored(raw)) {
    const photos = raw.photos.filter((p) => p && typeof p.fileId === 'string' && p.fileId)
    return { stored: { ...raw, draft: { ...EMPTY_DRAFT, ...raw.draft, photos: photos.map((p) => p.fileId) }, photos }, restored: true }
  }
  return { stored: { v: 1, draft: EMPTY_DRAFT, requestId: newRequestId(), photos: [], savedAt: new Date().toISOString() }, restored: false }
}

export function saveDraft(buildingCode: string, stored: StoredDraft): void {
  try {
    Taro.setStorageSync(draftKey(buildingCode), stored)
  } catch {
    // 存储满或不可用：表单照常能提交，只是重新打开时恢复不了。
  }
}

export function clearDraft(buildingCode: string): void {
  try {
    Taro.removeStorageSync(draftKey(buildingCode))
  } catch {
    // 同上
  }
}

/** 草稿里有没有居民填过的东西（决定要不要提示"已恢复"）。 */
export function hasContent(stored: StoredDraft): boolean {
  const d = stored.draft
  return !!(
    d.category ||
    d.text.trim() ||
    d.unit ||
    d.floor ||
    d.room ||
    d.area ||
    d.detail ||
    d.contactPhone ||
    stored.photos.length ||
    d.urgency !== 'normal' ||
    d.kind !== EMPTY_DRAFT.kind ||
    d.anonymous
  )
}
