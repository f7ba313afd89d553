/**
 * 本地宿主的照片路由（H5 与本地演示用；微信里照片直接传云存储，不经过这里）：
 *   POST /api/local/upload[?folder=reports|notices|worklog]
 *                            请求体就是图片本身（Content-Type: image/*），最多 5 MB；按文件头认类型、读宽高，
 *                            存到 uploads/<目录>/<yyyy-mm>/<随机>.<扩展名>（默认 reports），答 { fileId }。
 *   GET  /api/local/files/…?expires=…&sig=…
 *                            只认 temporaryUrls() 签出、还没过期的地址（用例准许看的那一刻签的），否则 403；
 *                            按文件头给出类型，送出已上传的文件；越界、不存在或不是图片一律 404。
 * 答复里的 message 是给居民看的中文。
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type http from 'node:http'
import type { Clock } from '../../src/core/shared/ports'
import { IMAGE_EXTENSIONS, inspectImage, MAX_PHOTO_BYTES } from '../platform/images'
import { TEMPORARY_URL_SECONDS } from '../platform/fileUrls'
import { isSafeUploadPath, LOCAL_FILE_ROUTE, type LocalPlatform } from '../platform/local'

import { readLimitedBody, replyTooLarge, sendJson } from './replies'

export const UPLOAD_ROUTE = '/api/local/upload'
/** 上传目录：报事照片、公告图片、台账照片（各自的载荷只收自己目录下的 fileID）。 */
export const UPLOAD_FOLDERS = ['reports', 'notices', 'worklog'] as const
export { LOCAL_FILE_ROUTE }

export const TOO_LARGE_MESSAGE = '照片太大：每张不超过 5 MB'
export const NOT_IMAGE_MESSAGE = '只能上传 JPG、PNG、WebP 或 GIF 图片'
export const UNSIGNED_FILE_MESSAGE = '这个文件链接无效或已过期，请回到页面重新打开'

/**
 * 超限后还肯读完（丢弃）的字节数：读完再答 413，浏览器才收得到答复，而不是看到连接被掐断。
 * 声明的长度超过这个数就不读了，直接答 413 并在答完后关掉连接。
 */
const DISCARD_LIMIT = 4 * MAX_PHOTO_BYTES

export function createPhotoRoutes({ platform, clock }: { platform: LocalPlatform; clock: Clock }) {
  /** POST /api/local/upload：调用者已由宿主确认会话。 */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, folderParam: string | null = null): Promise<void> {
    const folder = folderParam ?? 'reports'
    if (!(UPLOAD_FOLDERS as readonly string[]).includes(folder)) return sendJson(res, 400, { code: 'INVALID', message: '上传目录无效' })
    const read = await readLimitedBody(req, MAX_PHOTO_BYTES, DISCARD_LIMIT)
    if (!read.ok) return replyTooLarge(req, res, TOO_LARGE_MESSAGE)
    // Content-Type 只是声明：真正的类型看文件头，宽高也要从文件头读得出来（只有魔数的不收）。
    const declaredType = String(req.headers['content-type'] ?? '')
    const image = inspectImage(read.body)
    if (!declaredType.startsWith('image/') || !image.type) return sendJson(res, 400, { code: 'INVALID', message: NOT_IMAGE_MESSAGE })
    if (!image.ok) return sendJson(res, 400, { code: 'INVALID', message: `照片${image.problem}` })
    const type = image.type
    const month = clock.now().slice(0, 7)
    const fileId = await platform.files.upload(
      `${folder}/${month}/${randomBytes(12).toString('base64url')}.${IMAGE_EXTENSIONS[type]}`,
      new Uint8Array(read.body),
    )
    return sendJson(res, 200, { fileId })
  }

  /**
   * GET/HEAD /api/local/files/<路径>。rawPath 是请求行里原样的路径（不经 URL 规范化），
   * 这样 "/api/local/files/../x" 也落到这里并被拒绝，而不是被规范化成别的路径。
   * 先看路径写法、再核对签名、最后才碰文件系统：没有签名的人问不出哪个文件存在。
   */
  async function serveFile(rawPath: string, params: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let relative: string
    try {
      relative = decodeURIComponent(rawPath.slice(LOCAL_FILE_ROUTE.length))
    } catch {
      return sendJson(res, 404, { message: '没有这个文件' })
    }
    if (!isSafeUploadPath(relative)) return sendJson(res, 404, { message: '没有这个文件' })
    if (!platform.isSignedFor(relative, params)) return sendJson(res, 403, { code: 'FORBIDDEN', message: UNSIGNED_FILE_MESSAGE })
    const found = await platform.localFile(relative)
    if (!found || !found.contentType) return sendJson(res, 404, { message: '没有这个文件' })
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-length': String(found.bytes),
      // 文件名是随机的、内容不会变；只给这台浏览器缓存，不超过地址的有效期。
      'cache-control': `private, max-age=${TEMPORARY_URL_SECONDS}, immutable`,
      'x-content-type-options': 'nosniff',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(found.file).pipe(res)
  }

  return { upload, serveFile }
}
