/**
 * 公告草稿存在本地（每个小区一份）：每次改动都存，重新打开时恢复，发布成功才清掉。
 * 连同请求编号一起存：断网后重试、甚至关掉页面再发，用的还是同一个编号，函数只存一次。
 */
import Taro from '@tarojs/taro'
import { newRequestId } from '@/services/api'

export interface NoticeDraft {
  v: 1
  requestId: string
  scope: 'community' | 'buildings'
  buildingCodes: string[]
  title: string
  body: string
  /** 已上传的图片：fileID 与显示用的本机路径。 */
  images: { fileId: string; src: string }[]
  pinned: boolean
  expiresOn: string | null
}

const key = (communityId: string) => `loushi.noticeDraft.${communityId}`

export const emptyDraft = (scope: NoticeDraft['scope']): NoticeDraft => ({
  v: 1,
  requestId: newRequestId(),
  scope,
  buildingCodes: [],
  title: '',
  body: '',
  images: [],
  pinned: false,
  expiresOn: null,
})

export function loadNoticeDraft(communityId: string): NoticeDraft | null {
  try {
    const raw = Taro.getStorageSync(key(communityId)) as Partial<NoticeDraft> | ''
    if (!raw || typeof raw !== 'object' || raw.v !== 1 || typeof raw.requestId !== 'string') return null
    return {
      ...emptyDraft(raw.scope === 'buildings' ? 'buildings' : 'community'),
      ...raw,
      buildingCodes: Array.isArray(raw.buildingCodes) ? raw.buildingCodes.filter((c) => typeof c === 'string') : [],
      images: Array.isArray(raw.images) ? raw.images.filter((i) => i && typeof i.fileId === 'string') : [],
    } as NoticeDraft
  } catch {
    return null
  }
}

export function saveNoticeDraft(communityId: string, draft: NoticeDraft): void {
  try {
    Taro.setStorageSync(key(communityId), draft)
  } catch {
    // 存储不可用：照常能发布，只是关掉后恢复不了。
  }
}

export function clearNoticeDraft(communityId: string): void {
  try {
    Taro.removeStorageSync(key(communityId))
  } catch {
    // 同上
  }
}

export const draftHasContent = (d: NoticeDraft) => !!(d.title.trim() || d.body.trim() || d.images.length || d.pinned || d.expiresOn)
