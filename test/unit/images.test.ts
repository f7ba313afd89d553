/** 按文件头认图片类型：真图片认得出，改了扩展名或 Content-Type 的非图片认不出。 */
import { IMAGE_EXTENSIONS, MAX_PHOTO_BYTES, sniffImageType } from '../../server/platform/images'
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
