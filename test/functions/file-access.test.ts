/**
 * 本地宿主只把文件送给用例准许看的人：/api/local/files/… 只认 temporaryUrls() 在用例授权那一刻签出的短期地址
 * （路径 + 到期时间的 HMAC），光知道路径（草稿的 .docx、别人的 risky 照片）不行，改路径、改到期、过期都不行。
 * 真宿主（临时 SQLite 文件、本地平台），真 HTTP，身份来自会话 Cookie。
 */
import { DEMO_IDENTITIES } from '../../server/host/seed'
import { LOCAL_FILE_PREFIX, LOCAL_RISKY_MARKER } from '../../server/platform/local'
import { aReport, memberOf } from '../samples'
import type { Reply } from './fixture'
import { aPng } from '../support/images'
import { startTestHost, type TestHost } from '../support/testHost'

jest.setTimeout(30_000)

let now = '2026-11-20T02:00:00.000Z'
let host: TestHost
const rep = DEMO_IDENTITIES.find((i) => i.key === 'rep1')!

beforeAll(async () => {
  host = await startTestHost({ prefix: 'loushi-file-access-', clock: { now: () => now } })
  const { store } = host
  await store.saveCommunity({ id: 'c_chunhui', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
  await store.saveBuilding({ id: 'b_chy1', communityId: 'c_chunhui', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
  await store.addMember(memberOf(rep.openid, { communityId: 'c_chunhui', buildingId: 'b_chy1', role: 'representative' }))
})
afterAll(() => host.stop())

/** 一个浏览器：自己的会话 Cookie；as(key) 切换成演示身份，不切就是新访客。 */
async function browser(key?: string) {
  let cookie = ''
  const remember = (res: Response) => {
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]
    return res
  }
  const get = (path: string) => fetch(`${host.base}${path}`, { headers: cookie ? { cookie } : {} }).then(remember)
  const post = (path: string, body: BodyInit, type = 'application/json') =>
    fetch(`${host.base}${path}`, { method: 'POST', headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, body }).then(remember)
  const call = async (fn: string, action: string, payload: unknown) => {
    const reply = (await (await post(`/api/fn/${fn}`, JSON.stringify({ action, payload }))).json()) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }
  await get('/healthz')
  await get('/api/local/identities')
  if (key) await post('/api/local/identity', JSON.stringify({ key }))
  return { get, post, call }
}

const filePath = (fileId: string) => `/api/local/files/${fileId.slice(LOCAL_FILE_PREFIX.length)}`

describe('导出的工作总结（草稿）', () => {
  it('起草的代表拿到的地址能下载；别人（和他自己）光凭路径都拿不到', async () => {
    const li = await browser('rep1')
    const saved = await li.call('summary', 'save', {
      requestId: 'save-1-000000',
      summaryId: null,
      baseVersion: null,
      draft: { communityId: 'c_chunhui', buildingCode: 'CHY1', period: { kind: 'month', start: '2026-11', end: '2026-11' }, kind: null },
      title: null,
      edits: [],
    })
    expect(saved.status).toBe('draft')
    const exported = await li.call('summary', 'export', { summaryId: saved.id, version: null, format: 'docx' })
    const own = await li.get(exported.url)
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toContain('wordprocessingml')

    const stranger = await browser()
    const bare = filePath(exported.fileId)
    expect(bare).toBe(`/api/local/files/summaries/${saved.id}/v1.docx`)
    for (const who of [stranger, li]) {
      const res = await who.get(bare)
      expect(res.status).toBe(403)
      expect((await res.json()).message).toBe('这个文件链接无效或已过期，请回到页面重新打开')
    }
    // 别人的总结他也导不出来（用例拒绝，拿不到签名地址）。
    await expect(stranger.call('summary', 'export', { summaryId: saved.id, version: null, format: 'docx' })).rejects.toThrow(/FORBIDDEN/)
  })
})

describe('判为 risky 的报事照片', () => {
  it('只有上传者拿得到地址；别的居民、代表的视图里没有它，光凭路径也取不到', async () => {
    const wang = await browser('resident')
    const upload = async (bytes: Buffer) =>
      ((await (await wang.post('/api/local/upload', new Uint8Array(bytes), 'image/png')).json()) as { fileId: string }).fileId
    const risky = await upload(Buffer.concat([aPng(3, 3), Buffer.from(LOCAL_RISKY_MARKER)]))
    const plain = await upload(aPng(2, 2))
    const { report } = await wang.call('reports', 'submit', aReport({ photos: [risky, plain] }))
    await host.platform.settleMediaChecks()

    const mine = await wang.call('reports', 'track', { reportId: report.id })
    const urls = Object.fromEntries(mine.photos.map((p: { fileId: string; url: string }) => [p.fileId, p.url]))
    expect(Object.keys(urls).sort()).toEqual([plain, risky].sort())
    expect((await wang.get(urls[risky])).status).toBe(200)

    const li = await browser('rep1')
    const detail = await li.call('handling', 'detail', { reportId: report.id })
    expect(detail.photos.map((p: { fileId: string }) => p.fileId)).toEqual([plain])
    expect((await li.get(detail.photos[0].url)).status).toBe(200)

    const stranger = await browser()
    for (const who of [stranger, li]) expect((await who.get(filePath(risky))).status).toBe(403)
    // 签给普通照片的地址换成 risky 照片的路径：签名对不上。
    const forged = detail.photos[0].url.replace(filePath(plain), filePath(risky))
    expect(forged).not.toBe(detail.photos[0].url)
    expect((await stranger.get(forged)).status).toBe(403)
  })
})

describe('签名地址', () => {
  it('改到期时间、改签名、过了有效期都取不到', async () => {
    const fileId = await host.platform.files.upload('reports/2026-11/expiry.png', new Uint8Array(aPng()))
    const url = (await host.platform.files.temporaryUrls([fileId]))[fileId]
    const stranger = await browser()
    expect((await stranger.get(url)).status).toBe(200)
    const later = new URL(url, host.base)
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600))
    expect((await stranger.get(later.pathname + later.search)).status).toBe(403)
    const flipped = new URL(url, host.base)
    const sig = flipped.searchParams.get('sig') ?? ''
    flipped.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1))
    expect((await stranger.get(flipped.pathname + flipped.search)).status).toBe(403)

    now = '2026-11-20T03:00:01.000Z' // 一小时零一秒之后
    expect((await stranger.get(url)).status).toBe(403)
    now = '2026-11-20T02:00:00.000Z'
  })
})
