/**
 * 客户端的照片服务（src/services/photos.ts）：选照片走 Taro.chooseMedia（替身），
 * H5 的上传对着真的本地宿主（data: 地址代替浏览器的 blob: 临时地址），微信的上传看它交给 Taro.cloud.uploadFile 的参数。
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createHost } from '../../server/host/app'
import { createLocalPlatform, type LocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { aPng } from '../support/images'

const taro = {
  chooseMedia: jest.fn(),
  cloud: { uploadFile: jest.fn(), callFunction: jest.fn() },
}
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: taro }))

type PhotosModule = typeof import('../../src/services/photos')
type TransportModule = typeof import('../../src/services/transport')

/** 按 TARO_ENV 加载一份新的服务模块（isLocalMode 在加载时定下）。 */
function load(env: 'h5' | 'weapp'): { photos: PhotosModule; transport: TransportModule } {
  const before = process.env.TARO_ENV
  process.env.TARO_ENV = env
  let loaded!: { photos: PhotosModule; transport: TransportModule }
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = { photos: require('../../src/services/photos'), transport: require('../../src/services/transport') }
  })
  process.env.TARO_ENV = before
  return loaded
}

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`

let dir: string
let store: SqliteStore
let platform: LocalPlatform
let server: http.Server

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-photos-client-'))
  store = openSqliteStore(path.join(dir, 'client.db'))
  platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', logMessages: false })
  server = createHost({
    store,
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
    platform,
    staticDir: path.join(dir, 'no-h5'),
    logger: createTextLogger(() => undefined),
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.TARO_APP_API_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  delete process.env.TARO_APP_API_BASE
  platform.onMediaCheck(null)
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  taro.chooseMedia.mockReset()
  taro.cloud.uploadFile.mockReset()
})

describe('choosePhotos', () => {
  it('只要图片、压缩版、相册或相机，最多剩下的张数；答临时路径', async () => {
    const { photos } = load('weapp')
    taro.chooseMedia.mockResolvedValue({
      type: 'image',
      tempFiles: [
        { tempFilePath: 'http://tmp/a.jpg', size: 1000 },
        { tempFilePath: 'http://tmp/b.png', size: 2000 },
      ],
    })
    expect(await photos.choosePhotos(3)).toEqual({ paths: ['http://tmp/a.jpg', 'http://tmp/b.png'], refused: [] })
    expect(taro.chooseMedia).toHaveBeenCalledWith({ count: 3, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    await photos.choosePhotos(20)
    expect(taro.chooseMedia.mock.calls[1][0].count).toBe(9)
  })

  it('一张都不能再选时不打开相册；用户取消答空；没有权限抛中文错误', async () => {
    const { photos, transport } = load('weapp')
    expect(await photos.choosePhotos(0)).toEqual({ paths: [], refused: [] })
    expect(taro.chooseMedia).not.toHaveBeenCalled()
    taro.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' })
    expect(await photos.choosePhotos(9)).toEqual({ paths: [], refused: [] })
    taro.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail auth deny' })
    const error = await photos.choosePhotos(9).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(transport.ApiError)
    expect((error as Error).message).toBe('没能打开相册或相机，请检查权限后重试')
  })
})

describe('uploadPhoto（微信：直传云存储）', () => {
  it('cloudPath 为 reports/<年-月>/<随机>.<扩展名>，答 fileID', async () => {
    const { photos } = load('weapp')
    taro.cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env/reports/2026-11/x.jpg', statusCode: 200 })
    expect(await photos.uploadPhoto('http://tmp/photo.JPEG')).toBe('cloud://env/reports/2026-11/x.jpg')
    const [{ cloudPath, filePath }] = taro.cloud.uploadFile.mock.calls[0]
    expect(filePath).toBe('http://tmp/photo.JPEG')
    expect(cloudPath).toMatch(/^reports\/\d{4}-\d{2}\/[0-9a-f]{24}\.jpg$/)
    await photos.uploadPhoto('wxfile://tmp_abc')
    expect(taro.cloud.uploadFile.mock.calls[1][0].cloudPath).toMatch(/\.jpg$/)
  })

  it('失败抛 ApiError「照片上传失败，请重试」（可重试）', async () => {
    const { photos, transport } = load('weapp')
    taro.cloud.uploadFile.mockRejectedValue({ errMsg: 'cloud.uploadFile:fail network' })
    const error = await photos.uploadPhoto('http://tmp/a.png').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(transport.ApiError)
    expect(error).toMatchObject({ code: 'NETWORK', message: '照片上传失败，请重试' })
    expect(transport.isRetryable(error)).toBe(true)
  })

  it('选的时候就不收太大的与不是图片的，说出原因（改之前：太大的成了一格"上传失败 / 点此重试"，不是图片的在 H5 里悄悄不见）', async () => {
    const { photos } = load('weapp')
    taro.chooseMedia.mockResolvedValue({
      type: 'image',
      tempFiles: [
        { tempFilePath: 'http://tmp/huge.jpg', size: 6 * 1024 * 1024 },
        { tempFilePath: 'http://tmp/ok.jpg', size: 1000 },
      ],
    })
    expect(await photos.choosePhotos(9)).toEqual({
      paths: ['http://tmp/ok.jpg'],
      refused: ['第 1 张：有 6.0 MB，每张不超过 5 MB，请换一张或截屏后再选'],
    })
    const h5 = load('h5').photos
    const file = (name: string, type: string, size = 1000) => ({ tempFilePath: `blob:${name}`, size, originalFileObj: { name, type, size } })
    taro.chooseMedia.mockResolvedValue({
      type: 'image',
      tempFiles: [
        file('合同.pdf', 'application/pdf'),
        file('IMG_0001.HEIC', 'image/heic'),
        file('门口.png', 'image/png'),
        file('大图.jpg', 'image/jpeg', 5 * 1024 * 1024 + 1),
      ],
    })
    expect(await h5.choosePhotos(9)).toEqual({
      paths: ['blob:门口.png'],
      refused: [
        '合同.pdf：不是图片，只收 JPG、PNG、WebP、GIF',
        'IMG_0001.HEIC：这种图片格式收不了，只收 JPG、PNG、WebP、GIF',
        '大图.jpg：有 5.1 MB，每张不超过 5 MB，请换一张或截屏后再选',
      ],
    })
  })
})

describe('uploadPhoto（H5：传给本地宿主）', () => {
  it('答宿主存下的 fileId，文件取得回来', async () => {
    const { photos } = load('h5')
    const png = aPng(5, 5)
    const fileId = await photos.uploadPhoto(dataUrl(png))
    expect(fileId).toMatch(/^local:\/\/uploads\/reports\/2026-11\/.+\.png$/)
    expect(await platform.files.describe(fileId)).toEqual({ contentType: 'image/png', bytes: png.length, problem: null })
  })

  it('不是图片：抛带宿主原因的 INVALID（不可重试）', async () => {
    const { photos, transport } = load('h5')
    const error = await photos.uploadPhoto(dataUrl(Buffer.from('楼道灯坏了'), 'image/png')).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID', message: '只能上传 JPG、PNG、WebP 或 GIF 图片' })
    expect(transport.isRetryable(error)).toBe(false)
  })

  it('超过 5 MB：不上传，直接抛「照片太大」', async () => {
    const { photos } = load('h5')
    const big = Buffer.concat([aPng(), Buffer.alloc(5 * 1024 * 1024)])
    expect(await photos.uploadPhoto(dataUrl(big)).catch((e: unknown) => e)).toMatchObject({ code: 'INVALID', message: '照片太大：每张不超过 5 MB' })
  })

  it('宿主连不上：抛「照片上传失败，请重试」', async () => {
    const { photos } = load('h5')
    const saved = process.env.TARO_APP_API_BASE
    process.env.TARO_APP_API_BASE = 'http://127.0.0.1:9'
    try {
      expect(await photos.uploadPhoto(dataUrl(aPng())).catch((e: unknown) => e)).toMatchObject({ code: 'NETWORK', message: '照片上传失败，请重试' })
    } finally {
      process.env.TARO_APP_API_BASE = saved
    }
  })
})
