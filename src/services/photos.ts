/**
 * 报事照片的选择与上传：
 * - 选：Taro.chooseMedia，只要图片、压缩版（微信里生效；H5 没有压缩），相册或相机。
 * - 传：微信里直传云存储（Taro.cloud.uploadFile，cloudPath 为 reports/<年-月>/<随机>.<扩展名>）；
 *   H5 与本地演示传给本地宿主（POST /api/local/upload，请求体就是图片）。
 * 两条路都得到 fileID，随报事一起提交；类型与大小由服务端再核对一遍（文件头、5 MB）。
 */
import Taro from '@tarojs/taro'
import { ApiError, isLocalMode } from './transport'

/** 每张照片最多 5 MB（与 src/core/shared/catalog.ts 的 MAX_PHOTO_BYTES、服务端的核对同值）。 */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const UPLOAD_FAILED = '照片上传失败，请重试'
const TOO_LARGE = '照片太大：每张不超过 5 MB'

/** chooseMedia 告诉我们的文件大小：上传前就能拦下太大的，不用白传一趟。 */
const knownSizes = new Map<string, number>()

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: unknown })?.errMsg ?? (error as Error)?.message ?? ''))

/** 服务端收的图片类型（server/platform/images.ts 按文件头认；这里先按选择器报的类型拦下明显不是的）。 */
const ACCEPTED_TYPES = /^image\/(jpe?g|png|webp|gif)$/i

/** 选好的照片：收下的（本机路径），以及没收的各自的原因（选的时候就说，不等上传失败）。 */
export interface ChosenPhotos {
  paths: string[]
  refused: string[]
}

// 向上取到 0.1 MB：刚超过 5 MB 的不显示成"5.0 MB"。
const megabytes = (bytes: number) => `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1)} MB`

/** 一张选中的文件为什么不收；收下时为 null。type 为空（微信里 chooseMedia 只给图片）时不按类型判断。 */
export function refusalOf(file: { name: string; size: number; type: string }): string | null {
  if (file.type && !ACCEPTED_TYPES.test(file.type)) {
    return `${file.name}：${file.type.startsWith('image/') ? '这种图片格式收不了' : '不是图片'}，只收 JPG、PNG、WebP、GIF`
  }
  if (file.size > MAX_PHOTO_BYTES) return `${file.name}：有 ${megabytes(file.size)}，每张不超过 5 MB，请换一张或截屏后再选`
  return null
}

/**
 * H5 里 Taro 的 chooseMedia 把浏览器读不出的文件（不是图片、HEIC 之类）悄悄丢掉：
 * 在捕获阶段先记下文件选择框里选了哪些，之后对出被丢掉的，告诉居民原因。
 */
function watchFileInputs(): { chosen: () => File[]; stop: () => void } {
  if (typeof document === 'undefined' || !isLocalMode) return { chosen: () => [], stop: () => undefined }
  let files: File[] = []
  const onChange = (event: Event) => {
    const input = event.target as HTMLInputElement | null
    if (input?.type === 'file' && input.files) files = Array.from(input.files)
  }
  document.addEventListener('change', onChange, true)
  return { chosen: () => files, stop: () => document.removeEventListener('change', onChange, true) }
}

/** 选照片，最多 remaining 张（报事最多 9 张，减去已选的）；用户取消答空。太大的、不是图片的不收，并给出原因。 */
export async function choosePhotos(remaining: number): Promise<ChosenPhotos> {
  const count = Math.min(9, Math.floor(remaining))
  if (!(count > 0)) return { paths: [], refused: [] }
  const watch = watchFileInputs()
  try {
    const { tempFiles } = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    const paths: string[] = []
    const refused: string[] = []
    tempFiles.forEach((file, i) => {
      const original = (file as { originalFileObj?: File }).originalFileObj
      const reason = refusalOf({ name: original?.name ?? `第 ${i + 1} 张`, size: file.size, type: original?.type ?? '' })
      if (reason) refused.push(reason)
      else {
        knownSizes.set(file.tempFilePath, file.size)
        paths.push(file.tempFilePath)
      }
    })
    const kept = new Set(tempFiles.map((f) => (f as { originalFileObj?: File }).originalFileObj))
    for (const dropped of watch.chosen().filter((f) => !kept.has(f))) {
      refused.push(refusalOf(dropped) ?? `${dropped.name}：读不出这张图片，请换一张`)
    }
    return { paths, refused }
  } catch (error) {
    if (isCancel(error)) return { paths: [], refused: [] }
    // 多半是没给相册或相机权限（或没同意隐私保护指引）。
    throw new ApiError('PHOTO', '没能打开相册或相机，请检查权限后重试')
  } finally {
    watch.stop()
  }
}

/** 存储里的文件名：reports/<年-月>/<随机>.<扩展名>（扩展名只是习惯，类型以文件头为准）。 */
/** 上传目录：报事照片、公告图片、台账照片（服务端只收各自目录下的 fileID）。 */
export type UploadFolder = 'reports' | 'notices' | 'worklog'

function cloudPathFor(tempPath: string, folder: UploadFolder): string {
  const match = /\.(jpe?g|png|webp|gif)$/i.exec(tempPath)
  const ext = match ? match[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg'
  const bytes = new Uint8Array(12)
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${folder}/${new Date().toISOString().slice(0, 7)}/${random}.${ext}`
}

async function uploadToCloud(tempPath: string, folder: UploadFolder): Promise<string> {
  try {
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath: cloudPathFor(tempPath, folder), filePath: tempPath })
    if (!fileID) throw new Error('没有 fileID')
    return fileID
  } catch {
    throw new ApiError('NETWORK', UPLOAD_FAILED)
  }
}

async function uploadToLocalHost(tempPath: string, folder: UploadFolder): Promise<string> {
  let res: Response
  try {
    const blob = await (await fetch(tempPath)).blob()
    if (blob.size > MAX_PHOTO_BYTES) throw new ApiError('INVALID', TOO_LARGE)
    const base = process.env.TARO_APP_API_BASE ?? ''
    res = await fetch(`${base}/api/local/upload?folder=${folder}`, {
      method: 'POST',
      headers: { 'content-type': blob.type || 'image/jpeg' },
      credentials: 'include',
      body: blob,
    })
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('NETWORK', UPLOAD_FAILED)
  }
  const reply = (await res.json().catch(() => null)) as { fileId?: unknown; code?: unknown; message?: unknown } | null
  if (res.ok && typeof reply?.fileId === 'string') return reply.fileId
  // 太大、不是图片：宿主给的中文原因比"请重试"有用，重试也没用。
  if (reply?.code === 'INVALID' && typeof reply.message === 'string') throw new ApiError('INVALID', reply.message)
  throw new ApiError('NETWORK', UPLOAD_FAILED)
}

/** 上传一张选好的照片，答 fileID。失败抛 ApiError（NETWORK 可重试；INVALID 带原因，换一张再传）。 */
export async function uploadPhoto(tempPath: string, folder: UploadFolder = 'reports'): Promise<string> {
  const size = knownSizes.get(tempPath)
  if (size !== undefined && size > MAX_PHOTO_BYTES) throw new ApiError('INVALID', TOO_LARGE)
  const fileId = isLocalMode ? await uploadToLocalHost(tempPath, folder) : await uploadToCloud(tempPath, folder)
  knownSizes.delete(tempPath)
  return fileId
}
