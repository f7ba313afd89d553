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

/** 选照片，最多 remaining 张（报事最多 9 张，减去已选的）；用户取消答 []。 */
export async function choosePhotos(remaining: number): Promise<string[]> {
  const count = Math.min(9, Math.floor(remaining))
  if (!(count > 0)) return []
  try {
    const { tempFiles } = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    for (const file of tempFiles) knownSizes.set(file.tempFilePath, file.size)
    return tempFiles.map((file) => file.tempFilePath)
  } catch (error) {
    if (isCancel(error)) return []
    // 多半是没给相册或相机权限（或没同意隐私保护指引）。
    throw new ApiError('PHOTO', '没能打开相册或相机，请检查权限后重试')
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
