/**
 * 微信平台适配器走真的 wx-server-sdk：请求在 SDK 的 CloudBase 实例处被接住（见 wechatOpenApi.ts），
 * 所以这里断言的是 SDK 真正要发给微信的参数（下划线命名、字段取值），以及它对微信答复的解析。
 */
import { TEMPORARY_URL_SECONDS } from '../../server/platform/fileUrls'
import { createJsonLogger } from '../../server/platform/logger'
import { createWechatPlatform, OPENAPI } from '../../server/platform/wechat'
import type { WxCloud } from '../../server/platform/wxCloud'
import { newReportMessage } from '../../src/core/reports'
import type { Report } from '../../src/core/reports'
import { A_JPEG, aPng } from '../support/images'
import { routeSdkOpenApiTo, type OpenApiHandler } from '../support/wechatOpenApi'
import '../support/cloudbaseHarness'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk') as WxCloud
cloud.init({ env: 'loushi-test' })

let answer: OpenApiHandler = () => ({ json: { errcode: 0, errmsg: 'ok' } })
const route = routeSdkOpenApiTo((api, data) => answer(api, data))
afterAll(() => route.restore())
beforeEach(() => {
  route.calls.length = 0
})

/** 部署后的日志适配器，写出的行收在这里。 */
const logLines: string[] = []
const platform = createWechatPlatform(cloud, { envVersion: 'trial', logger: createJsonLogger((line) => void logLines.push(line)) })

describe('内容安全（security.msgSecCheck v2）', () => {
  it('发出 v2 请求：场景论坛、带 openid；pass 收下，review 收下并标记', async () => {
    answer = () => ({ json: { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, trace_id: 't1' } })
    expect(await platform.content.checkText('楼道灯坏了', 'o_wang', 'forum')).toEqual({ ok: true, needsReview: false })
    expect(route.calls).toEqual([{ api: OPENAPI.msgSecCheck, data: { openid: 'o_wang', scene: 3, version: 2, content: '楼道灯坏了' } }])
    answer = () => ({ json: { errcode: 0, errmsg: 'ok', result: { suggest: 'review', label: 21000 } } })
    expect(await platform.content.checkText('有点可疑', 'o_wang', 'comment')).toEqual({ ok: true, needsReview: true })
    expect(route.calls[1].data.scene).toBe(2)
  })

  it('risky 拒收，给一句不回显原文的中文原因', async () => {
    answer = () => ({ json: { errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20003 } } })
    const verdict = await platform.content.checkText('……', 'o_wang', 'forum')
    expect(verdict).toEqual({ ok: false, reason: '内容可能含有不适宜公开的信息（辱骂），请修改后再提交' })
  })

  it('图片异步检测（security.mediaCheckAsync）：发出图片地址与类型，拿回追踪号', async () => {
    answer = () => ({ json: { errcode: 0, errmsg: 'ok', trace_id: 'trace-42' } })
    expect(await platform.content.submitImage('https://example.com/a.jpg', 'o_wang', 'forum')).toEqual({ traceId: 'trace-42' })
    expect(route.calls[0]).toEqual({
      api: OPENAPI.mediaCheckAsync,
      data: { openid: 'o_wang', scene: 3, version: 2, media_url: 'https://example.com/a.jpg', media_type: 2 },
    })
  })
})

describe('订阅消息（subscribeMessage.send）', () => {
  const report: Report = {
    id: 'r1',
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'repair',
    category: 'elevator',
    text: '电梯在七楼和八楼之间异响，已经持续好几天了',
    location: { scope: 'public', area: '电梯轿厢', detail: '' },
    anonymous: false,
    photos: [],
    status: 'pending',
    urgency: 'normal',
    contactPhone: '',
    assignee: null,
    mergedInto: null,
    followers: 0,
    reporterId: 'o_wang',
    requestId: 'req-00000001',
    createdAt: '2026-11-20T01:05:00.000Z',
    updatedAt: '2026-11-20T01:05:00.000Z',
    month: '2026-11',
  }
  const building = { id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 }

  it('按模板发出：template_id、page、体验版状态、每个字段都在限制内', async () => {
    const message = newReportMessage('TPL_NEW', 'o_li', report, building)
    if (!message.ok) throw new Error(message.message)
    expect(await platform.notifier.send(message.data)).toBe('sent')
    const sent = route.calls[0]
    expect(sent.api).toBe(OPENAPI.subscribeSend)
    expect(sent.data).toMatchObject({ touser: 'o_li', template_id: 'TPL_NEW', page: 'rep/detail/index?id=r1', miniprogram_state: 'trial', lang: 'zh_CN' })
    const values = Object.values(sent.data.data as Record<string, { value: string }>).map((v) => v.value)
    expect(values.every((v) => Array.from(v).length <= 20)).toBe(true)
  })

  it('用户没订阅（43101）答 not_subscribed，其他错误答 failed，都不抛出', async () => {
    const message = newReportMessage('TPL_NEW', 'o_li', report, building)
    if (!message.ok) throw new Error(message.message)
    answer = () => ({ json: { errcode: 43101, errmsg: 'user refuse to accept the msg' } })
    expect(await platform.notifier.send(message.data)).toBe('not_subscribed')
    expect(logLines).toEqual([])
    answer = () => ({ json: { errcode: 47003, errmsg: 'argument invalid!' } })
    expect(await platform.notifier.send(message.data)).toBe('failed')
    // 没订阅是常态，不记；其他错误记一行 JSON，带上微信的错误码。
    expect(logLines).toHaveLength(1)
    expect(JSON.parse(logLines[0])).toMatchObject({ level: 'error', message: '订阅消息发送失败', details: { templateId: 'TPL_NEW' } })
  })
})

describe('小程序码（wxacode.getUnlimited）与云存储', () => {
  it('楼栋码放进 scene，落地页为楼栋首页；返回图片字节', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    answer = () => ({ contentType: 'image/png', buffer: png })
    const image = await platform.qr.buildingQr('CHY1')
    expect(image.contentType).toBe('image/png')
    expect(Buffer.from(image.data)).toEqual(png)
    expect(route.calls[0]).toEqual({
      api: OPENAPI.getUnlimited,
      data: { scene: 'b=CHY1', page: 'pages/building/index', check_path: false, env_version: 'trial', width: 430 },
    })
  })

  it('上传后得到 fileID，换得临时地址；不存在的文件不在结果里', async () => {
    const fileID = await platform.files.upload('reports/r1/1.jpg', new Uint8Array([1, 2, 3]))
    expect(fileID).toMatch(/^cloud:\/\/.+\/loushi\/reports\/r1\/1\.jpg$/)
    expect(route.files.get(fileID)).toEqual(Buffer.from([1, 2, 3]))
    route.tempUrlRequests.length = 0
    const urls = await platform.files.temporaryUrls([fileID, 'cloud://loushi-test.6c6f-loushi-test/missing.jpg'])
    expect(Object.keys(urls)).toEqual([fileID])
    expect(urls[fileID]).toMatch(/^https:\/\/.+loushi\/reports\/r1\/1\.jpg$/)
    // 地址是凭据：每个都只要一小时（不给 maxAge 时云存储给一天）。
    expect(route.tempUrlRequests).toEqual([
      { fileID, maxAge: TEMPORARY_URL_SECONDS },
      { fileID: 'cloud://loushi-test.6c6f-loushi-test/missing.jpg', maxAge: TEMPORARY_URL_SECONDS },
    ])
    expect(TEMPORARY_URL_SECONDS).toBe(3600)
    expect(await platform.files.temporaryUrls([])).toEqual({})
  })

  it('describe：下载文件，按文件头认类型、数字节；不存在或不是 cloud:// 的答 null（不存在记 warn）', async () => {
    const png = aPng(4, 3)
    const pngId = await platform.files.upload('reports/2026-11/a.png', new Uint8Array(png))
    const jpgId = await platform.files.upload('reports/2026-11/b.png', new Uint8Array(A_JPEG))
    const textId = await platform.files.upload('reports/2026-11/c.jpg', new TextEncoder().encode('不是图片'))
    expect(await platform.files.describe(pngId)).toEqual({ contentType: 'image/png', bytes: png.length, problem: null })
    // 扩展名不算数。
    expect(await platform.files.describe(jpgId)).toEqual({ contentType: 'image/jpeg', bytes: A_JPEG.length, problem: null })
    expect(await platform.files.describe(textId)).toEqual({ contentType: null, bytes: 12, problem: null })
    // 只有魔数的 PNG：类型认得出，文件头读不出宽高。
    const magicId = await platform.files.upload('reports/2026-11/d.png', new Uint8Array(png.subarray(0, 8)))
    expect(await platform.files.describe(magicId)).toEqual({ contentType: 'image/png', bytes: 8, problem: '文件不完整或已损坏（读不出图片的宽高）' })

    logLines.length = 0
    expect(await platform.files.describe('cloud://loushi-test.6c6f-loushi-test/reports/missing.jpg')).toBeNull()
    expect(logLines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: '读取云存储文件失败，按找不到处理',
        details: { fileId: 'cloud://loushi-test.6c6f-loushi-test/reports/missing.jpg' },
      }),
    ])
    expect(await platform.files.describe('local://uploads/a.png')).toBeNull()
    expect(await platform.files.describe('https://example.com/a.png')).toBeNull()
  })
})
