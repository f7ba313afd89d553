/**
 * 上传照片的服务端核对：按文件头（magic number）认出图片类型，不信文件名，也不信客户端给的 Content-Type。
 * 只认报事照片用得到的四种：JPEG、PNG、WebP、GIF（GIF 微信图片检测取首帧）。
 * 光有魔数不够：inspectImage 再从文件头读出宽高（PNG 的 IHDR、JPEG 的 SOF 段、WebP 的 VP8/VP8L/VP8X 块、
 * GIF 的逻辑屏幕描述），读不出（截断、只有魔数）或宽高为 0、大得离谱的都不收。只读文件头，不解码像素。
 */

/** 每张照片最多 5 MB（与 src/core/shared/catalog.ts 的 MAX_PHOTO_BYTES 同值；微信图片检测的上限是 10 MB）。 */
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

/** 宽、高的上限（像素）与总像素上限：手机照片远在其下，再大只可能是造出来的（解码炸弹）。 */
export const MAX_IMAGE_SIDE = 20000
export const MAX_IMAGE_PIXELS = 100_000_000

/** 不收的原因：接在"第 N 张照片"或"照片"后面读得通。 */
export const IMAGE_PROBLEMS = {
  notImage: '不是图片：只能上传 JPG、PNG、WebP 或 GIF',
  damaged: '文件不完整或已损坏（读不出图片的宽高）',
  badSize: `尺寸异常：宽、高须在 1–${MAX_IMAGE_SIDE} 像素之间，且合计不超过 1 亿像素`,
} as const

export type ImageInspection =
  { ok: true; type: string; width: number; height: number } | { ok: false; type: string | null; problem: (typeof IMAGE_PROBLEMS)[keyof typeof IMAGE_PROBLEMS] }

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1]
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8)
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3])
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + ((b[i + 3] << 24) >>> 0)

type Size = { width: number; height: number } | null

/** 签名之后第一个块必须是 13 字节的 IHDR：宽、高各 4 字节（大端）。 */
function pngSize(b: Uint8Array): Size {
  if (b.length < 8 + 8 + 13 + 4 || u32be(b, 8) !== 13 || !startsWith(b, ascii('IHDR'), 12)) return null
  return { width: u32be(b, 16), height: u32be(b, 20) }
}

/** SOF 段（C0–CF，除去 C4 DHT、C8、CC DAC）：长度 2、精度 1、高 2、宽 2。扫描（DA）或结束（D9）之前必须遇到。 */
function jpegSize(b: Uint8Array): Size {
  let i = 2
  for (;;) {
    if (i >= b.length || b[i] !== 0xff) return null
    while (i < b.length && b[i] === 0xff) i++ // 标记前可以有填充的 0xFF
    if (i >= b.length) return null
    const marker = b[i++]
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue // 不带长度的标记
    if (marker === 0x00 || marker === 0xd9 || marker === 0xda) return null
    if (i + 2 > b.length) return null
    const length = u16be(b, i)
    if (length < 2) return null
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 7 || i + 7 > b.length) return null
      return { width: u16be(b, i + 5), height: u16be(b, i + 3) }
    }
    i += length
  }
}

/** "RIFF" 长度 "WEBP" 之后的第一个块：VP8（有损，帧头里 14 位宽高）、VP8L（无损，签名 0x2F 后 14+14 位）、VP8X（扩展，画布宽高减一各 24 位）。 */
function webpSize(b: Uint8Array): Size {
  const chunk = String.fromCharCode(...b.subarray(12, 16))
  if (chunk === 'VP8 ') {
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  }
  if (chunk === 'VP8L') {
    if (b.length < 25 || b[20] !== 0x2f) return null
    const bits = u32le(b, 21)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    if (b.length < 30) return null
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  }
  return null
}

/** 逻辑屏幕描述：签名 6 字节之后宽、高各 2 字节（小端），再 3 字节标志、背景色、宽高比。 */
function gifSize(b: Uint8Array): Size {
  return b.length < 13 ? null : { width: u16le(b, 6), height: u16le(b, 8) }
}

const SIZE_READERS: Record<string, (b: Uint8Array) => Size> = { 'image/png': pngSize, 'image/jpeg': jpegSize, 'image/webp': webpSize, 'image/gif': gifSize }

/** 文件头 → 类型与宽高，或不收的原因。纯函数，只看传入的字节（JPEG 的 SOF 可能在几十 KB 的 EXIF 之后：传整个文件）。 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const type = sniffImageType(bytes)
  if (!type) return { ok: false, type: null, problem: IMAGE_PROBLEMS.notImage }
  const size = SIZE_READERS[type](bytes)
  if (!size) return { ok: false, type, problem: IMAGE_PROBLEMS.damaged }
  const { width, height } = size
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return { ok: false, type, problem: IMAGE_PROBLEMS.badSize }
  }
  return { ok: true, type, width, height }
}

/** FileStorage.describe 要的两项：认出的类型（不是图片为 null），认得出类型却不能用时的原因。 */
export function describeImage(bytes: Uint8Array): { contentType: string | null; problem: string | null } {
  const image = inspectImage(bytes)
  return { contentType: image.type, problem: image.ok || !image.type ? null : image.problem }
}
