/**
 * 存下的文字就是内容检测看过的文字：零宽字符拆开的敏感词在检测前就拼回去了；半个 emoji 拒收（不再被存成 U+FFFD）；
 * 只有零宽字符的称呼按没填拒收；倒序控制符不能把签名倒着显示。规则在共用的校验里（src/core/shared/schema.ts 的 userText）。
 */
import { aReport, BLOCKED_WORD, createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const storedTexts = () => (fx.store.db.prepare('SELECT text FROM reports').all() as { text: string }[]).map((r) => r.text)

describe('报事的文字', () => {
  it('零宽字符拆开的敏感词：检测前去掉零宽字符，照样拒收，什么都不存', async () => {
    const split = [...BLOCKED_WORD].join('\u200B')
    const reply = (await fx.call('reports', 'wang', 'submit', aReport({ text: `楼道里有人发${split}的传单` }))) as Reply
    expect(reply).toMatchObject({ code: 'INVALID', message: expect.stringContaining('内容可能含有不适宜公开的信息') })
    expect(fx.rowCounts().reports).toBe(0)
  })

  it('半个 emoji（落单的代理项）拒收并说明，什么都不存', async () => {
    const reply = (await fx.call('reports', 'wang', 'submit', aReport({ text: '电梯按钮失灵\uD83D，已经两天了' }))) as Reply
    expect(reply).toMatchObject({ code: 'INVALID', message: '问题描述：含有无法识别的字符，请删掉后重新输入' })
    expect(fx.rowCounts().reports).toBe(0)
  })

  it('检测看到的与存下的逐字相同：去掉零宽与双向控制符、统一成 NFC', async () => {
    const checked: string[] = []
    const original = fx.platform.content.checkText
    fx.platform.content.checkText = async (text, openid, scene) => {
      checked.push(text)
      return original(text, openid, scene)
    }
    const reply = (await fx.call('reports', 'wang', 'submit', aReport({ text: '\u202ECafe\u0301 门口的\u200D路灯\u2066不亮了' }))) as Reply
    expect(reply.code).toBe('OK')
    expect(storedTexts()).toEqual(['Caf\u00E9 门口的路灯不亮了'])
    expect(checked[0].split('\n')[0]).toBe(storedTexts()[0])
  })
})

describe('称呼与签名', () => {
  const invite = async (code: string) =>
    fx.store.saveInvite({
      code,
      communityId: 'c1',
      role: 'representative',
      buildingId: 'b2',
      body: null,
      createdBy: 'committee_zhang',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt: '2026-11-22T00:00:00.000Z',
      acceptedBy: null,
      acceptedAt: null,
      revokedAt: null,
    })

  it('只有零宽字符的称呼按没填拒收；带倒序控制符的称呼去掉控制符再存，公告的签名照正常的顺序显示', async () => {
    await invite('ZWNAMEA2')
    expect(await fx.call('account', 'new_rep', 'join', { code: 'ZWNAMEA2', name: '\u200B\u200C\u200D\uFEFF' })).toMatchObject({
      code: 'INVALID',
      message: '请填写称呼',
    })
    expect((await fx.call('account', 'new_rep', 'join', { code: 'ZWNAMEA2', name: '\u202E师老李\u202C' })).code).toBe('OK')
    expect((await fx.store.membershipsOf('new_rep')).map((m) => m.name)).toEqual(['师老李'])
    const notice = (await fx.call('notices', 'new_rep', 'publish', {
      requestId: 'sign-notice-01',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY2'] },
      title: '停水通知',
      body: '明天上午停水，请提前储水。',
      images: [],
      pinned: false,
      expiresOn: null,
    })) as Reply
    expect(notice.data.signedAs).toBe('2号楼业主代表 师老李')
  })
})
