/**
 * 转发到业主群（真 SQLite）：公告与问卷的分享卡片带楼栋码与 s=1，没扫过二维码的居民点开就读、就答（带 fromShare）。
 * 公告：
 *   - 读过的人、其中经群分享打开的人：代表的公告列表与统计桶都数到，与从原始阅读记录重算的一致；
 *   - 每人每条只算一次：先直接打开、后从分享打开的不算分享；同一人再从分享打开不再加；
 *   - 管这栋楼的人从分享打开不算（同知晓率）；
 *   - 读到的公告带上楼栋与小区的名字（卡片标题用）。
 */
import { SATISFACTION_DIMENSIONS } from '../../src/core/shared/catalog'
import { createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

describe('转发到业主群：经群分享打开', () => {
  const fx = createFixture()
  let noticeId = ''
  const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, openid, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }
  const managed = async () => {
    const list = await ok('notices', 'committee_zhang', 'managed', { communityId: 'c1' })
    return list.items.find((n: { id: string }) => n.id === noticeId)
  }

  beforeAll(async () => {
    await fx.ready
    const notice = await ok('notices', 'rep_li', 'publish', {
      requestId: 'share-notice-01',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY1'] },
      title: '电梯年检通知',
      body: '12 月 10 日上午电梯年检，请走楼梯',
      images: [],
      pinned: false,
      expiresOn: '2026-12-31',
    })
    noticeId = notice.id
  })
  afterAll(() => fx.cleanup())

  it('从没扫过二维码的居民点开分享卡片：读到公告，带着楼栋与小区的名字；计为经群分享打开', async () => {
    const view = await ok('notices', 'o_group_member_1', 'read', { noticeId, buildingCode: 'CHY1', fromShare: true })
    expect(view.title).toBe('电梯年检通知')
    expect(view.place).toEqual({ communityName: expect.any(String), buildingName: '1号楼' })
    const n = await managed()
    expect(n.readRates[0]).toMatchObject({ buildingCode: 'CHY1', readers: 1, sharedOpens: 1 })
    expect(n.sharedOpens).toBe(1)
    await fx.expectTalliesMatchRecount()
  })

  it('每人每条只算一次：再从分享打开不加；先直接打开的人后从分享打开也不算分享', async () => {
    await ok('notices', 'o_group_member_1', 'read', { noticeId, buildingCode: 'CHY1', fromShare: true })
    await ok('notices', 'o_direct_reader', 'read', { noticeId, buildingCode: 'CHY1' })
    await ok('notices', 'o_direct_reader', 'read', { noticeId, buildingCode: 'CHY1', fromShare: true })
    const n = await managed()
    expect(n.readRates[0]).toMatchObject({ readers: 2, sharedOpens: 1 })
    const raw = await fx.store.rawRecords()
    const reads = raw.noticeReads.filter((r) => r.noticeId === noticeId)
    expect(reads.map((r) => [r.openid, r.viaShare]).sort()).toEqual([
      ['o_direct_reader', false],
      ['o_group_member_1', true],
    ])
    await fx.expectTalliesMatchRecount()
  })

  it('管这栋楼的人从分享打开不算（不能抬高这个数）', async () => {
    await ok('notices', 'committee_zhang', 'read', { noticeId, buildingCode: 'CHY1', fromShare: true })
    const n = await managed()
    expect(n.readRates[0]).toMatchObject({ readers: 2, sharedOpens: 1 })
  })

  it('统计桶里的"其中经群分享打开"等于原始阅读记录里 viaShare 的条数', async () => {
    for (let i = 2; i <= 5; i++) await ok('notices', `o_group_member_${i}`, 'read', { noticeId, buildingCode: 'CHY1', fromShare: true })
    const raw = await fx.store.rawRecords()
    const shared = raw.noticeReads.filter((r) => r.noticeId === noticeId && r.viaShare).length
    expect(shared).toBe(5)
    const buckets = await fx.store.allBuckets()
    const counted = buckets.filter((b) => b.metric === 'notice.sharedRead').reduce((a, b) => a + b.count, 0)
    expect(counted).toBe(5)
    expect((await managed()).sharedOpens).toBe(5)
    await fx.expectTalliesMatchRecount()
  })

  it('fromShare 不是真假值：答中文的无效，什么都不记', async () => {
    const before = (await fx.store.rawRecords()).noticeReads.length
    const reply = (await fx.call('notices', 'o_someone', 'read', { noticeId, buildingCode: 'CHY1', fromShare: 'yes' })) as Reply
    expect(reply.code).toBe('INVALID')
    expect(reply.message).toMatch(/分享来源无效/)
    expect((await fx.store.rawRecords()).noticeReads.length).toBe(before)
  })
})

describe('转发到业主群：问卷', () => {
  const fx = createFixture()
  let surveyId = ''
  const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, openid, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }
  const values = (score: number) => ({ ...Object.fromEntries(SATISFACTION_DIMENSIONS.map((_, i) => [`q${i + 1}`, score])), q8: 9 })
  let serial = 0
  const answer = (openid: string, over: Record<string, unknown> = {}) =>
    ok('surveys', openid, 'answer', { surveyId, buildingCode: 'CHY1', requestId: `share-answer-${++serial}`, unit: '', room: '', values: values(4), ...over })
  const managed = async () => (await ok('surveys', 'rep_li', 'managed', { communityId: 'c1' })).items.find((s: { id: string }) => s.id === surveyId)

  beforeAll(async () => {
    await fx.ready
    const s = await ok('surveys', 'rep_li', 'create', {
      requestId: 'share-survey-01',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY1'] },
      title: '物业服务满意度调查',
      template: 'property_satisfaction',
      questions: [],
      opensOn: null,
      closesOn: '2026-12-31',
      minAnswers: 3,
    })
    surveyId = s.id
  })
  afterAll(() => fx.cleanup())

  it('问卷页带着楼栋与小区的名字（卡片标题用）；从分享打开后交的算"其中经群分享"', async () => {
    const form = await ok('surveys', 'o_group_a', 'form', { surveyId, buildingCode: 'CHY1' })
    expect(form.place).toEqual({ communityName: expect.any(String), buildingName: '1号楼' })
    await answer('o_group_a', { fromShare: true })
    await answer('o_direct_b')
    const s = await managed()
    expect(s.respondents).toBe(2)
    expect(s.sharedRespondents).toBe(1)
    await fx.expectTalliesMatchRecount()
  })

  it('替换答卷时跟着新的一份：从分享交的人后来直接改了再交，不再算分享', async () => {
    await answer('o_group_a', { values: values(2) })
    const s = await managed()
    expect(s.respondents).toBe(2)
    expect(s.sharedRespondents).toBe(0)
    const raw = await fx.store.rawRecords()
    expect(raw.surveyAnswers.filter((a) => a.surveyId === surveyId && a.viaShare)).toHaveLength(0)
    const buckets = await fx.store.allBuckets()
    expect(buckets.filter((b) => b.metric === 'survey.sharedRespondents').reduce((a, b) => a + b.count, 0)).toBe(0)
    await fx.expectTalliesMatchRecount()
  })
})
