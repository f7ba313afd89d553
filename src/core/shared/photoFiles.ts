/** 服务端核对上传的照片（报事、公告、台账共用）。 */
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from './catalog'
import type { Platform } from './ports'

/** 核对每张照片（图片）确实上传了、是图片、不超过大小、文件头读得出宽高；what 是页面上的叫法（照片、图片）。 */
export async function checkPhotoFiles(files: Platform['files'], fileIds: readonly string[], what = '照片'): Promise<string | null> {
  for (const [i, fileId] of fileIds.entries()) {
    const found = await files.describe(fileId)
    if (!found) return `第 ${i + 1} 张${what}没有上传成功，请删掉重新添加`
    if (!found.contentType || !(PHOTO_TYPES as readonly string[]).includes(found.contentType)) return `第 ${i + 1} 张不是图片：只能上传 JPG、PNG、WebP 或 GIF`
    if (found.bytes > MAX_PHOTO_BYTES) return `第 ${i + 1} 张${what}太大：每张不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`
    if (found.problem) return `第 ${i + 1} 张${what}${found.problem}，请删掉重新添加`
  }
  return null
}
