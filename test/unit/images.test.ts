/** 按文件头认图片类型：真图片认得出，改了扩展名或 Content-Type 的非图片认不出。 */
import { IMAGE_EXTENSIONS, IMAGE_PROBLEMS, inspectImage, MAX_IMAGE_SIDE, MAX_PHOTO_BYTES, sniffImageType } from '../../server/platform/images'
import { A_GIF, A_JPEG, A_WEBP, aPng } from '../support/images'

describe('sniffImageType', () => {
  it.each([
    ['PNG（pngjs 现做）', aPng(), 'image/png'],
    ['JPEG', A_JPEG, 'image/jpeg'],
    ['WebP', A_WEBP, 'image/webp'],
    ['GIF89a', A_GIF, 'image/gif'],
    ['GIF87a', Buffer.from('GIF87a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
  ])('%s → %s', (_name, bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type)
    expect(IMAGE_EXTENSIONS[type]).toMatch(/^(jpg|png|webp|gif)$/)
  })

  it('只看文件头：PNG 后面跟着别的字节照样是 PNG', () => {
    expect(sniffImageType(Buffer.concat([aPng(), Buffer.from('LOUSHI-RISKY')]))).toBe('image/png')
  })

  it.each([
    ['空文件', Buffer.alloc(0)],
    ['文本', Buffer.from('楼道灯坏了，请尽快修理')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['SVG（能带脚本，不收）', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['PDF', Buffer.from('%PDF-1.7\n')],
    ['截断的 PNG 头', aPng().subarray(0, 7)],
    ['只有 SOI 的 JPEG', A_JPEG.subarray(0, 2)],
    ['RIFF 但不是 WebP（WAV）', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['BMP（微信能检测，但报事不收）', Buffer.from('BM\x3a\x00\x00\x00', 'latin1')],
  ])('%s → null', (_name, bytes) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBeNull()
  })

  it('每张照片上限 5 MB', () => {
    expect(MAX_PHOTO_BYTES).toBe(5 * 1024 * 1024)
  })
})

/** 只有文件头的 PNG：签名 + IHDR（宽、高），CRC 随便填（只读文件头，不解码）。 */
function pngHead(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25)
  ihdr.writeUInt32BE(13, 0)
  ihdr.write('IHDR', 4, 'latin1')
  ihdr.writeUInt32BE(width, 8)
  ihdr.writeUInt32BE(height, 12)
  ihdr.set([8, 2, 0, 0, 0], 16)
  return Buffer.concat([aPng().subarray(0, 8), ihdr])
}
const riff = (chunk: string, body: number[]) =>
  Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), Buffer.from(chunk, 'latin1'), Buffer.from([body.length, 0, 0, 0]), Buffer.from(body)])
/** 有损 WebP：帧标记 3 字节、起始码 9d 01 2a、宽高各 14 位。 */
const vp8 = (w: number, h: number) => riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, w & 0xff, w >> 8, h & 0xff, h >> 8])
/** 扩展 WebP：标志 4 字节，画布宽高减一各 24 位。 */
const vp8x = (w: number, h: number) =>
  riff('VP8X', [0, 0, 0, 0, (w - 1) & 0xff, ((w - 1) >> 8) & 0xff, (w - 1) >> 16, (h - 1) & 0xff, ((h - 1) >> 8) & 0xff, (h - 1) >> 16])
const gif = (w: number, h: number) => Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([w & 0xff, w >> 8, h & 0xff, h >> 8, 0, 0, 0])])

describe('inspectImage：读文件头里的宽高', () => {
  it.each([
    ['PNG（pngjs 现做）', aPng(3, 2), 'image/png', 3, 2],
    ['JPEG（渐进式 SOF2）', A_JPEG, 'image/jpeg', 1, 1],
    ['WebP 无损（VP8L）', A_WEBP, 'image/webp', 1, 1],
    ['WebP 有损（VP8）', vp8(640, 480), 'image/webp', 640, 480],
    ['WebP 扩展（VP8X）', vp8x(4000, 3000), 'image/webp', 4000, 3000],
    ['GIF', A_GIF, 'image/gif', 1, 1],
    ['GIF 逻辑屏幕 320×240', gif(320, 240), 'image/gif', 320, 240],
    ['PNG 20000×5000（边长上限，1 亿像素）', pngHead(20000, 5000), 'image/png', 20000, 5000],
  ])('%s → %s %d×%d', (_name, bytes, type, width, height) => {
    expect(inspectImage(new Uint8Array(bytes))).toEqual({ ok: true, type, width, height })
  })

  it.each([
    ['PNG', aPng().subarray(0, 8)],
    ['JPEG', A_JPEG.subarray(0, 3)],
    ['GIF', Buffer.from('GIF89a', 'latin1')],
    ['WebP', Buffer.from('RIFF\0\0\0\0WEBP', 'latin1')],
  ])('只有魔数的 %s → 不完整', (_name, bytes) => {
    expect(inspectImage(new Uint8Array(bytes))).toMatchObject({ ok: false, problem: IMAGE_PROBLEMS.damaged })
  })

  it.each([
    ['PNG 魔数后跟着垃圾', Buffer.concat([aPng().subarray(0, 8), Buffer.from('LOUSHI-RISKY but no IHDR chunk here')])],
    ['PNG 在 IHDR 中间截断', aPng().subarray(0, 20)],
    ['JPEG 在 SOF 之前截断', A_JPEG.subarray(0, A_JPEG.indexOf(Buffer.from([0xff, 0xc2])) + 4)],
    ['JPEG 段长度小于 2', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xc0])],
    ['JPEG 没有 SOF 就开始扫描', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xff, 0xd9])],
    ['JPEG 标记之间不是 0xFF', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0x12, 0x34])],
    ['GIF 逻辑屏幕截断', gif(320, 240).subarray(0, 10)],
    ['WebP 有损截断', vp8(640, 480).subarray(0, 27)],
    ['WebP 有损起始码不对', Buffer.from(vp8(640, 480).map((b, i) => (i === 23 ? 0 : b)))],
    ['WebP 无损签名不对', Buffer.from(A_WEBP.map((b, i) => (i === 20 ? 0 : b)))],
    ['WebP 不认识的块', riff('ABCD', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
  ])('%s → 不完整或已损坏', (_name, bytes) => {
    expect(inspectImage(new Uint8Array(bytes))).toMatchObject({ ok: false, problem: IMAGE_PROBLEMS.damaged })
  })

  it.each([
    ['PNG 宽 0', pngHead(0, 10)],
    ['PNG 高 0', pngHead(10, 0)],
    ['PNG 边长超过 20000', pngHead(20001, 10)],
    ['PNG 20000×20000（4 亿像素）', pngHead(20000, 20000)],
    ['PNG 宽 2^31', pngHead(0x80000000, 1)],
    ['GIF 0×0', gif(0, 0)],
    ['JPEG 高 0（DNL 才给高度）', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x00, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00])],
    ['WebP 有损 0×0', vp8(0, 0)],
  ])('%s → 尺寸异常', (_name, bytes) => {
    expect(inspectImage(new Uint8Array(bytes))).toMatchObject({ ok: false, problem: IMAGE_PROBLEMS.badSize })
  })

  it('不是这四种图片：不是图片', () => {
    expect(inspectImage(new TextEncoder().encode('楼道灯坏了'))).toEqual({ ok: false, type: null, problem: IMAGE_PROBLEMS.notImage })
  })

  it('原因是接在"第 N 张照片"后面读得通的中文', () => {
    expect(IMAGE_PROBLEMS).toEqual({
      notImage: '不是图片：只能上传 JPG、PNG、WebP 或 GIF',
      damaged: '文件不完整或已损坏（读不出图片的宽高）',
      badSize: `尺寸异常：宽、高须在 1–${MAX_IMAGE_SIDE} 像素之间，且合计不超过 1 亿像素`,
    })
  })
})
