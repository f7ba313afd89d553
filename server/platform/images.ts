/**
 * 上传照片的服务端核对：按文件头（magic number）认出图片类型，不信文件名，也不信客户端给的 Content-Type。
 * 只认报事照片用得到的四种：JPEG、PNG、WebP、GIF（GIF 微信图片检测取首帧）。
 */

/** 每张照片最多 5 MB（与 src/core/catalog.ts 的 MAX_PHOTO_BYTES 同值；微信图片检测的上限是 10 MB）。 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

/** 认类型要读的文件头字节数（WebP 要看到第 12 个字节）。 */
export const SNIFF_BYTES = 16

/** 认得的图片类型 → 存文件用的扩展名。 */
export const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** SOI 之后紧跟下一个标记的 0xFF。 */
const JPEG = [0xff, 0xd8, 0xff]
const GIF87 = ascii('GIF87a')
const GIF89 = ascii('GIF89a')
const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')

/** 文件头 → MIME 类型；不是这四种图片就是 null。纯函数，只看传入的字节。 */
export function sniffImageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  return null
}
