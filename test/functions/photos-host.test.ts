/**
 * 本地宿主的照片：真宿主（临时 SQLite 文件、本地平台），真 HTTP。
 * 上传 → 按文件头核对 → 存进 uploads/ → 经临时地址取回；超限、非图片、越界都有像样的答复。
 * 本地的异步图片检测：结论以 wxa_media_check 推送的形状送到宿主登记的用例，含 LOUSHI-RISKY 记号的判 risky。
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { NOT_IMAGE_MESSAGE, TOO_LARGE_MESSAGE } from '../../server/host/photos'
import { MAX_PHOTO_BYTES } from '../../server/platform/images'
import { createLocalPlatform, LOCAL_RISKY_MARKER, type LocalPlatform } from '../../server/platform/local'
import type { SqliteStore } from '../../server/storage/sqlite'
import type { PhotoCheckStore, PhotoVerdict, MediaCheckPush } from '../../src/core/reports'
import { A_JPEG, aPng } from '../support/images'
import { startTestHost, type TestHost } from '../support/testHost'

let dir: string
let platform: LocalPlatform
let base: string
const logLines: string[] = []
/** 宿主交给存储的结论（替换存储的 setPhotoVerdict，只看宿主的接线）。 */
const verdicts: [string, PhotoVerdict][] = []

let host: TestHost

beforeAll(async () => {
  host = await startTestHost({
    prefix: 'loushi-photos-',
    prepare: (_dir, s) => {
      ;(s as SqliteStore & PhotoCheckStore).setPhotoVerdict = async (traceId, verdict) => {
        verdicts.push([traceId, verdict])
        return true
      }
    },
    log: (line) => void logLines.push(line),
  })
  ;({ dir, platform, base } = host)
})

afterAll(() => host.stop())

const upload = (body: Buffer, type = 'image/png') =>
  fetch(`${base}/api/local/upload`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) })

/** 原样发出请求行里的路径（fetch 会把 ".." 规范化掉）。 */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/`, { path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('POST /api/local/upload', () => {
  it('收下真 PNG：存进 uploads/reports/<年-月>/，答 fileId，发会话；经临时地址按文件头类型取回原字节', async () => {
    const png = aPng(3, 2)
    const res = await upload(png)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/loushi_sid=/)
    const { fileId } = (await res.json()) as { fileId: string }
    expect(fileId).toMatch(/^local:\/\/uploads\/reports\/2026-11\/[A-Za-z0-9_-]{16}\.png$/)

    expect(await platform.files.describe(fileId)).toEqual({ contentType: 'image/png', bytes: png.length, problem: null })
    const urls = await platform.files.temporaryUrls([fileId])
    expect(urls[fileId]).toMatch(/^\/api\/local\/files\/reports\/2026-11\/.+\.png\?expires=\d+&sig=[A-Za-z0-9_-]{43}$/)
    const got = await fetch(base + urls[fileId])
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await got.arrayBuffer())).toEqual(png)
  })

  it('类型看文件头，不看 Content-Type：声明成 PNG 的 JPEG 存成 .jpg，取回时是 image/jpeg', async () => {
    const res = await upload(A_JPEG, 'image/png')
    const { fileId } = (await res.json()) as { fileId: string }
    expect(fileId).toMatch(/\.jpg$/)
    const url = (await platform.files.temporaryUrls([fileId]))[fileId]
    expect((await fetch(base + url)).headers.get('content-type')).toBe('image/jpeg')
  })

  it('正好 5 MB 收下；多 1 字节答 413 和中文原因（连接不被掐断，答复读得到）', async () => {
    const exact = Buffer.concat([aPng(), Buffer.alloc(MAX_PHOTO_BYTES - aPng().length)])
    expect((await upload(exact)).status).toBe(200)
    const res = await upload(Buffer.concat([exact, Buffer.from([0])]))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ code: 'INVALID', message: TOO_LARGE_MESSAGE, data: null })
    expect(TOO_LARGE_MESSAGE).toBe('照片太大：每张不超过 5 MB')
  })

  it('声明的长度远超上限：不读请求体，直接答 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/local/upload`,
        { method: 'POST', headers: { 'content-type': 'image/png', 'content-length': String(100 * MAX_PHOTO_BYTES) } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write(aPng())
    })
    expect(status).toBe(413)
  })

  it.each([
    ['文本冒充 PNG', Buffer.from('楼道灯坏了'), 'image/png'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['空请求体', Buffer.alloc(0), 'image/jpeg'],
    ['真 PNG 但声明成文本', aPng(), 'text/plain'],
  ])('%s → 400 和中文原因', async (_name, body, type) => {
    const res = await upload(body, type)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 'INVALID', message: NOT_IMAGE_MESSAGE })
    expect(NOT_IMAGE_MESSAGE).toBe('只能上传 JPG、PNG、WebP 或 GIF 图片')
  })

  it.each([
    [
      '只有 PNG 魔数，后面是别的东西',
      Buffer.concat([aPng().subarray(0, 8), Buffer.from('<script>alert(1)</script>')]),
      '照片文件不完整或已损坏（读不出图片的宽高）',
    ],
    ['只有 JPEG 魔数', A_JPEG.subarray(0, 3), '照片文件不完整或已损坏（读不出图片的宽高）'],
    ['截断在 SOF 之前的 JPEG', A_JPEG.subarray(0, 40), '照片文件不完整或已损坏（读不出图片的宽高）'],
    ['宽高为 0 的 GIF', Buffer.from('GIF89a\0\0\0\0\0\0\0;', 'latin1'), '照片尺寸异常：宽、高须在 1–20000 像素之间，且合计不超过 1 亿像素'],
  ])('%s → 400，什么都不存', async (_name, body, message) => {
    const stored = () => readdirSync(path.join(dir, 'uploads'), { recursive: true }).length
    const before = stored()
    const res = await upload(body, 'image/png')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 'INVALID', message })
    expect(stored()).toBe(before)
  })
})

describe('GET /api/local/files/*', () => {
  it.each([
    ['..（原样）', '/api/local/files/../photos.db'],
    ['../..（原样）', '/api/local/files/reports/../../photos.db'],
    ['编码的斜杠', '/api/local/files/..%2Fphotos.db'],
    ['编码的点', '/api/local/files/%2e%2e/photos.db'],
    ['反斜杠', '/api/local/files/..%5Cphotos.db'],
    ['NUL', '/api/local/files/reports%00.png'],
    ['绝对路径', '/api/local/files/%2Fetc%2Fpasswd'],
    ['坏的百分号编码', '/api/local/files/%E0%A4%A'],
  ])('%s → 404', async (_name, rawPath) => {
    const res = await rawGet(rawPath)
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('SQLite')
  })

  it('没有签名的地址答 403，不论文件在不在（问不出哪个文件存在）', async () => {
    const { fileId } = (await (await upload(aPng())).json()) as { fileId: string }
    for (const rawPath of [
      '/api/local/files/reports/2026-11/nobody.png',
      '/api/local/files/reports',
      `/api/local/files/${fileId.slice('local://uploads/'.length)}`,
    ]) {
      expect((await rawGet(rawPath)).status).toBe(403)
    }
  })

  it('签了名的：不存在或是目录仍是 404', async () => {
    const fileId = await platform.files.upload('reports/2026-11/gone.png', new Uint8Array(aPng()))
    const url = (await platform.files.temporaryUrls([fileId]))[fileId]
    rmSync(path.join(dir, 'uploads/reports/2026-11/gone.png'))
    expect((await rawGet(url)).status).toBe(404)
    mkdirSync(path.join(dir, 'uploads/reports/2026-11/gone.png'))
    expect((await rawGet(url)).status).toBe(404)
  })

  it('uploads/ 里不是图片的文件也不送出（签了名也不送）', async () => {
    const fileId = await platform.files.upload('notes/readme.html', new TextEncoder().encode('<script>alert(1)</script>'))
    expect(await platform.files.describe(fileId)).toEqual({ contentType: null, bytes: 25, problem: null })
    const url = (await platform.files.temporaryUrls([fileId]))[fileId]
    expect(url).toMatch(/\?expires=/)
    expect((await rawGet(url)).status).toBe(404)
  })
})

describe('本地 FileStorage.describe', () => {
  it.each([
    ['越界', 'local://uploads/../photos.db'],
    ['开头的斜杠', 'local://uploads//etc/passwd'],
    ['别的前缀', 'cloud://env/reports/a.png'],
    ['不存在', 'local://uploads/reports/none.png'],
    ['空', ''],
  ])('%s → null', async (_name, fileId) => {
    expect(await platform.files.describe(fileId)).toBeNull()
  })
})

describe('本地异步图片检测', () => {
  /** 上传一张图，换成临时地址，送检。 */
  async function submit(bytes: Buffer) {
    const { fileId } = (await (await upload(bytes)).json()) as { fileId: string }
    const url = (await platform.files.temporaryUrls([fileId]))[fileId]
    return platform.content.submitImage(url, 'o_wang', 'forum')
  }

  it('宿主把结论交给用例，用例记到存储：普通图 pass，含 LOUSHI-RISKY 记号的图 risky', async () => {
    verdicts.length = 0
    const plain = await submit(aPng())
    const risky = await submit(Buffer.concat([aPng(), Buffer.from(LOCAL_RISKY_MARKER)]))
    expect(plain.traceId).toMatch(/^local-/)
    expect(risky.traceId).not.toBe(plain.traceId)
    await platform.settleMediaChecks()
    expect(verdicts).toEqual(
      expect.arrayContaining([
        [plain.traceId, 'pass'],
        [risky.traceId, 'risky'],
      ]),
    )
    expect(verdicts).toHaveLength(2)
  })

  it('推送与微信同形；接收者还对不上追踪号时稍后再推', async () => {
    const pushes: MediaCheckPush[] = []
    let answers = [false, true]
    const own = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', mediaCheckDelayMs: 0 })
    own.onMediaCheck((push) => {
      pushes.push(push)
      const answer = answers[0]
      answers = answers.slice(1)
      return answer
    })
    const fileId = await own.files.upload('reports/2026-11/marked.png', new Uint8Array(Buffer.concat([aPng(), Buffer.from(`..${LOCAL_RISKY_MARKER}..`)])))
    const url = (await own.files.temporaryUrls([fileId]))[fileId]
    const { traceId } = await own.content.submitImage(url, 'o_wang', 'forum')
    await own.settleMediaChecks()
    expect(pushes).toHaveLength(2)
    expect(pushes[0]).toEqual(pushes[1])
    expect(pushes[0]).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: traceId,
      version: 2,
      FromUserName: 'o_wang',
      result: { suggest: 'risky' },
    })
  })

  it('读不到的文件不推结论（停在 pending）', async () => {
    const pushes: MediaCheckPush[] = []
    const own = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:0', mediaCheckDelayMs: 0 })
    own.onMediaCheck((push) => {
      pushes.push(push)
      return true
    })
    await own.content.submitImage('/api/local/files/reports/2026-11/gone.png', 'o_wang', 'forum')
    await own.content.submitImage('/api/local/files/../photos.db', 'o_wang', 'forum')
    await own.settleMediaChecks()
    expect(pushes).toEqual([])
  })
})

it('宿主没有记下错误日志', () => {
  expect(logLines.filter((l) => l.includes('错误'))).toEqual([])
})
