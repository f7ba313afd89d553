/**
 * 平台能力接进业务流程（本地平台实现 + 真 SQLite）：内容检测拦下的报事什么都不改；
 * 新报事提醒只发给本楼代表、重试不重发；楼栋二维码只给管这栋楼的人。
 */
import { BLOCKED_WORD, aReport, createFixture } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

describe('提交报事时的内容检测', () => {
  it('不通过：答中文原因，不存报事、不动统计、不发提醒', async () => {
    const before = fx.rowCounts()
    const reply = await fx.call('reports', 'resident_wang', 'submit', aReport({ text: `楼下有人${BLOCKED_WORD}` }))
    expect(reply).toMatchObject({ code: 'INVALID', data: null })
    expect(reply.message).toContain('不适宜公开')
    expect(fx.rowCounts()).toEqual(before)
    expect(fx.platform.outbox).toEqual([])
  })

  it('位置补充说明也要检测', async () => {
    const reply = await fx.call('reports', 'resident_wang', 'submit', aReport({ location: { scope: 'public', area: '大堂', detail: BLOCKED_WORD } }))
    expect(reply.code).toBe('INVALID')
  })

  it('检测服务本身出错时放行并记下（报事不能因为检测抖动而丢）', async () => {
    fx.platform.content.checkText = async () => {
      throw new Error('平台超时')
    }
    const reply = await fx.call('reports', 'resident_wang', 'submit', aReport())
    expect(reply.code).toBe('OK')
    expect(fx.logLines).toHaveLength(1)
    expect(fx.logLines[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} 警告 内容检测不可用，已放行\n {4}Error: 平台超时/)
  })
})

describe('新报事提醒（订阅消息）', () => {
  it('只发给本楼代表，字段在限制内，点开进这条报事的处理页；重试不重发', async () => {
    const input = aReport({ requestId: 'notify-0001', text: '1单元电梯按钮失灵，电梯门反复开关，已经两天没人处理了' })
    await fx.call('reports', 'resident_wang', 'submit', input)
    await fx.call('reports', 'resident_wang', 'submit', input)
    expect(fx.platform.outbox).toHaveLength(1)
    const [message] = fx.platform.outbox
    expect(message).toMatchObject({ touser: 'rep_li', templateId: 'TPL_NEW_REPORT', page: expect.stringMatching(/^rep\/detail\/index\?id=/) })
    expect(message.data.thing1.value).toBe('1号楼')
    expect(Array.from(message.data.thing2.value)).toHaveLength(20)
    expect(message.data.time3.value).toBe('2026年11月20日 10:00')
  })

  it('别的楼的报事不提醒 1 号楼代表；代表自己报的不提醒自己', async () => {
    await fx.call('reports', 'resident_wang', 'submit', aReport({ buildingCode: 'CHY2' }))
    await fx.call('reports', 'rep_li', 'submit', aReport())
    expect(fx.platform.outbox.map((m) => m.touser)).toEqual(['rep_chen'])
  })
})

/**
 * 在 jest 的沙箱里 pngjs 编一张 430 像素的 PNG 要 1.5–2.5 s（普通 Node 里约 0.1 s），
 * 与模糊测试等并行时会超过默认时限：这两条给足时间。
 */
const QR_TIMEOUT = 60_000

describe('account.buildingQr', () => {
  it(
    '代表拿到本楼二维码（PNG），里面写的是本楼的扫码地址',
    async () => {
      const reply = await fx.call('account', 'rep_li', 'buildingQr', { buildingCode: 'chy1' })
      expect(reply).toMatchObject({ code: 'OK', data: { buildingCode: 'CHY1', buildingName: '1号楼', communityName: '春晖苑', contentType: 'image/png' } })
      const png = Buffer.from((reply.data as { base64: string }).base64, 'base64')
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      // 同样的地址用 qrcode 库直接生成，应逐字节相同：证明编码进去的是 /b/CHY1。
      const QRCode = await import('qrcode')
      const expected = await QRCode.toBuffer('http://192.168.1.5:8787/b/CHY1', { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
      expect(png.equals(expected)).toBe(true)
    },
    QR_TIMEOUT,
  )

  it(
    '业委会可以生成任一楼；别楼代表与居民不行；楼栋码不存在答 NOT_FOUND',
    async () => {
      expect((await fx.call('account', 'committee_zhang', 'buildingQr', { buildingCode: 'CHY2' })).code).toBe('OK')
      expect(await fx.call('account', 'rep_chen', 'buildingQr', { buildingCode: 'CHY1' })).toMatchObject({
        code: 'FORBIDDEN',
        message: '只有这栋楼的业主代表或业委会可以生成楼栋二维码',
      })
      expect((await fx.call('account', 'resident_wang', 'buildingQr', { buildingCode: 'CHY1' })).code).toBe('FORBIDDEN')
      expect((await fx.call('account', 'rep_li', 'buildingQr', { buildingCode: 'NONE1' })).code).toBe('NOT_FOUND')
    },
    QR_TIMEOUT,
  )
})
