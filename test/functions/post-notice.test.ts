/**
 * 代表发公告、居民读公告（notices 函数）：目标楼栋与权限、内容检测、置顶与过期、撤回、
 * 每人一次的阅读回执与各楼知晓率、订阅提醒的额度；统计与从原始记录的重算相同；
 * 居民打开落地页（公告条）在云开发上的数据库请求数不回涨。
 */
import { tmpdir } from 'node:os'
import { createFunctions, storePorts } from '../../server/functions'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { rememberStaticDirectory } from '../../server/functions/warmDirectory'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { countingIds, memberOf } from '../samples'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { BLOCKED_WORD, createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

let serial = 0
const publish = (openid: string, over: Record<string, unknown> = {}) =>
  fx.call('notices', openid, 'publish', {
    requestId: `notice-${String(++serial).padStart(4, '0')}`,
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '11月25日停水通知',
    body: '因管网检修，11 月 25 日 9:00–12:00 停水，请提前储水。',
    images: [],
    pinned: false,
    expiresOn: null,
    ...over,
  }) as Promise<Reply>
const list = (openid: string, buildingCode = 'CHY1') => fx.call('notices', openid, 'list', { buildingCode }) as Promise<Reply>
const read = (openid: string, noticeId: string, buildingCode = 'CHY1') => fx.call('notices', openid, 'read', { noticeId, buildingCode }) as Promise<Reply>
const managed = (openid: string) => fx.call('notices', openid, 'managed', { communityId: 'c1' }) as Promise<Reply>

describe('发布与阅读', () => {
  it('代表发给本楼：本楼居民看到未读，读过一次记一次（重复打开、发布人自己打开都不算），代表看到知晓率 2/108', async () => {
    const published = await publish('rep_li')
    expect(published.code).toBe('OK')
    const id = published.data.id
    expect(published.data).toMatchObject({ signedAs: '1号楼业主代表', wholeCommunity: false, total: { numerator: 0, denominator: 108 } })

    expect((await list('wang')).data).toMatchObject({ items: [{ id, read: false }], unread: 1 })
    expect((await list('zhao', 'CHY2')).data.items).toEqual([])
    expect(await read('zhao', id, 'CHY2')).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这条公告' })

    expect((await read('wang', id)).data).toMatchObject({ title: '11月25日停水通知', status: 'published', expired: false })
    await read('wang', id)
    await read('qian', id)
    await read('rep_li', id)
    await Promise.all([1, 2, 3].map(() => read('sun', id)))
    expect((await list('wang')).data).toMatchObject({ items: [{ id, read: true }], unread: 0 })

    const view = (await managed('rep_li')).data.items[0]
    expect(view.readRates).toEqual([
      expect.objectContaining({
        buildingCode: 'CHY1',
        readers: 3,
        households: 108,
        rate: expect.objectContaining({ numerator: 3, denominator: 108, percent: 3 }),
      }),
    ])
    expect(await fx.store.readersByBuilding(id)).toEqual({ b1: 3 })
    expect(JSON.stringify((await managed('rep_li')).data)).not.toMatch(/wang|qian|sun/)
    await fx.expectTalliesMatchRecount()
  })

  it('记阅读失败（高峰时事务冲突）：公告照样给出、仍显示未读；下次打开再记，只记一次', async () => {
    const id = (await publish('rep_li')).data.id
    const recordRead = fx.store.recordRead
    fx.store.recordRead = async () => {
      throw new Error('[ResourceUnavailable.TransactionConflict] Transaction is conflict')
    }
    try {
      expect(await read('wang', id)).toMatchObject({ code: 'OK', data: { title: '11月25日停水通知', status: 'published' } })
    } finally {
      fx.store.recordRead = recordRead
    }
    expect(fx.logLines.some((l) => l.includes('记公告阅读失败'))).toBe(true)
    expect((await list('wang')).data).toMatchObject({ items: [{ id, read: false }], unread: 1 })
    await read('wang', id)
    await read('wang', id)
    expect((await list('wang')).data).toMatchObject({ items: [{ id, read: true }], unread: 0 })
    expect((await managed('rep_li')).data.items[0].total).toMatchObject({ numerator: 1, denominator: 108 })
    await fx.expectTalliesMatchRecount()
  })

  it('代表只能发给自己的楼；整个小区要业委会：发给两栋楼，分母 108 + 44', async () => {
    expect(await publish('rep_li', { target: { scope: 'buildings', buildingCodes: ['CHY2'] } })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能发给你负责的楼栋',
    })
    expect(await publish('rep_li', { target: { scope: 'community' } })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await publish('o_visitor')).toMatchObject({ code: 'FORBIDDEN' })
    expect((await fx.store.notices({ communityId: 'c1' }, 10)).length).toBe(0)

    const whole = await publish('committee_zhang', { target: { scope: 'community' } })
    expect(whole.data).toMatchObject({ wholeCommunity: true, signedAs: '业委会', total: { denominator: 152 } })
    expect((await list('zhao', 'CHY2')).data.items.map((i: { id: string }) => i.id)).toEqual([whole.data.id])
    await read('zhao', whole.data.id, 'CHY2')
    const rates = (await managed('committee_zhang')).data.items[0].readRates
    expect(rates.map((r: { buildingCode: string; readers: number }) => `${r.buildingCode}:${r.readers}`)).toEqual(['CHY1:0', 'CHY2:1'])
    await fx.expectTalliesMatchRecount()
  })

  it('业委会发给整个小区的公告：1号楼代表只看到 1号楼的知晓率，合计也只算 1号楼；业委会看到每栋楼', async () => {
    const whole = await publish('committee_zhang', { target: { scope: 'community' } })
    await read('wang', whole.data.id)
    for (const reader of ['zhao', 'qian2', 'sun2']) await read(reader, whole.data.id, 'CHY2')

    const seenByRep = (await managed('rep_li')).data.items.find((i: { id: string }) => i.id === whole.data.id)
    expect(seenByRep.readRates.map((r: { buildingCode: string; readers: number }) => `${r.buildingCode}:${r.readers}`)).toEqual(['CHY1:1'])
    expect(seenByRep.total).toMatchObject({ numerator: 1, denominator: 108 })
    expect(seenByRep.wholeCommunity).toBe(true)
    expect(JSON.stringify(seenByRep)).not.toMatch(/CHY2|2号楼/)

    const seenByCommittee = (await managed('committee_zhang')).data.items.find((i: { id: string }) => i.id === whole.data.id)
    expect(seenByCommittee.readRates.map((r: { buildingCode: string; readers: number }) => `${r.buildingCode}:${r.readers}`)).toEqual(['CHY1:1', 'CHY2:3'])
    expect(seenByCommittee.total).toMatchObject({ numerator: 4, denominator: 152 })
  })

  it('同一请求重试只存一条；含违禁内容的被拒、什么都不存', async () => {
    const first = await publish('rep_li', { requestId: 'notice-same-1' })
    const retry = await publish('rep_li', { requestId: 'notice-same-1' })
    expect(retry.data.id).toBe(first.data.id)
    const blocked = await publish('rep_li', { body: `请大家注意${BLOCKED_WORD}` })
    expect(blocked.code).toBe('INVALID')
    expect((await fx.store.notices({ communityId: 'c1' }, 10)).length).toBe(1)
    await fx.expectTalliesMatchRecount()
  })

  it('置顶的在前；过期的不在列表但还能打开；撤回后列表没有、打开只剩标题；别楼代表不能撤回，业委会可以', async () => {
    const old = await publish('rep_li', { title: '旧的置顶通知', pinned: true })
    fx.setNow('2026-11-20T03:00:00.000Z')
    const newer = await publish('rep_li', { title: '新的普通通知' })
    const expiring = await publish('rep_li', { title: '今天到期的通知', expiresOn: '2026-11-20' })
    expect(await publish('rep_li', { expiresOn: '2026-11-19' })).toMatchObject({ code: 'INVALID', message: '过期时间：不能早于今天' })
    const first = (await list('wang')).data
    expect(first.pinned.map((n: { id: string }) => n.id)).toEqual([old.data.id])
    expect(first.items.map((n: { id: string }) => n.id)).toEqual([expiring.data.id, newer.data.id])

    fx.setNow('2026-11-20T16:00:00.000Z') // 北京时间 11 月 21 日 0 点：20 日到期的过期了
    expect((await list('wang')).data.items.map((n: { id: string }) => n.id)).toEqual([newer.data.id])
    expect((await read('wang', expiring.data.id)).data).toMatchObject({ expired: true })

    expect(await fx.call('notices', 'rep_chen', 'withdraw', { noticeId: newer.data.id })).toMatchObject({ code: 'FORBIDDEN' })
    const withdrawn = (await fx.call('notices', 'committee_zhang', 'withdraw', { noticeId: newer.data.id })) as Reply
    expect(withdrawn.data).toMatchObject({ status: 'withdrawn', canWithdraw: false })
    expect((await list('wang')).data.items).toEqual([])
    expect((await read('wang', newer.data.id)).data).toMatchObject({ status: 'withdrawn', body: '', images: [] })
    // 撤回不改统计：公告确实公开过。
    await fx.expectTalliesMatchRecount()
  })

  it('订阅提醒：点一次给一次额度，发布时每位订阅者收到一条、额度用掉；没订阅的不发', async () => {
    expect(((await fx.call('notices', 'wang', 'subscribe', { buildingCode: 'CHY1' })) as Reply).data).toEqual({ subscribed: true })
    await fx.call('notices', 'zhao', 'subscribe', { buildingCode: 'CHY2' })
    const before = fx.platform.outbox.length
    const n = await publish('rep_li')
    const sent = fx.platform.outbox.slice(before)
    expect(sent.map((m) => m.touser)).toEqual(['wang'])
    expect(sent[0]).toMatchObject({ templateId: 'TPL_NOTICE', page: `pages/notice/index?id=${n.data.id}&b=CHY1` })
    await publish('rep_li')
    expect(fx.platform.outbox.length).toBe(before + 1)
  })
})

describe('置顶与知晓率不被挤掉、不被抬高', () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id)

  it('业委会置顶一条全小区公告，代表再给 1号楼 置顶 5 条：居民的置顶条里先是业委会那条，每条公告都在置顶条或列表里（不重复）；落地页同样', async () => {
    const committee = await publish('committee_zhang', { target: { scope: 'community' }, title: '业委会：年度维修基金公示', pinned: true })
    const repPinned: string[] = []
    for (let i = 1; i <= 5; i++) {
      fx.setNow(`2026-11-20T0${2 + i}:00:00.000Z`)
      repPinned.push((await publish('rep_li', { title: `代表置顶第 ${i} 条`, pinned: true })).data.id)
    }
    const plain = (await publish('rep_li', { title: '普通通知' })).data.id
    const all = [committee.data.id, ...repPinned, plain]

    const first = (await list('wang')).data
    expect(first.pinned[0].id).toBe(committee.data.id)
    expect(first.pinned).toHaveLength(5)
    const shown = [...ids(first.pinned), ...ids(first.items)]
    expect(new Set(shown).size).toBe(shown.length)
    expect([...shown].sort()).toEqual([...all].sort())
    // 挤出置顶条的那条按日期出现在列表里（最早的代表置顶，在普通通知之后）。
    expect(ids(first.items)).toEqual([plain, repPinned[0]])
    expect(first.unread).toBe(all.length)

    const landing = ((await fx.call('account', 'wang', 'landing', { buildingCode: 'CHY1' })) as Reply).data.notices
    expect(ids(landing.pinned)).toEqual(ids(first.pinned))
    expect(ids(landing.items)).toEqual(ids(first.items))
  })

  it('翻页时也不丢不重：置顶条之外的置顶公告按日期落在各页里', async () => {
    const all: string[] = []
    for (let i = 0; i < 18; i++) {
      fx.setNow(new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 60_000).toISOString())
      // 20 条一小时的额度：代表与业委会各发一半。
      all.push((await publish(i % 2 ? 'rep_li' : 'committee_zhang', { title: `通知 ${i}`, pinned: i % 3 === 0 })).data.id)
    }
    const first = (await list('wang')).data
    const seen = [...ids(first.pinned), ...ids(first.items)]
    let cursor = first.nextCursor
    while (cursor) {
      const next = ((await fx.call('notices', 'wang', 'list', { buildingCode: 'CHY1', cursor })) as Reply).data
      expect(next.pinned).toEqual([])
      seen.push(...ids(next.items))
      cursor = next.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort()).toEqual([...all].sort())
  })

  /** 按给定的先后发布（每条晚一小时，不碰每小时的额度），答发布记录：新的在后。 */
  async function publishInOrder(plan: { by: 'committee_zhang' | 'rep_li'; pinned: boolean }[]) {
    const published: { id: string; whole: boolean; pinned: boolean }[] = []
    for (const [i, p] of plan.entries()) {
      fx.setNow(new Date(Date.parse('2026-11-01T02:00:00.000Z') + i * 3_600_000).toISOString())
      const whole = p.by === 'committee_zhang'
      const reply = await publish(p.by, { title: `通知 ${i}`, pinned: p.pinned, ...(whole ? { target: { scope: 'community' } } : {}) })
      expect(reply.code).toBe('OK')
      published.push({ id: reply.data.id, whole, pinned: p.pinned })
    }
    fx.setNow('2026-11-20T02:00:00.000Z')
    return published
  }

  /** 从发布记录推出应有的置顶条（整个小区的最新置顶在前，本楼的最新置顶补满 5 条）与其余按日期的列表，与居民看到的逐页比较。 */
  async function expectStripAndPages(published: { id: string; whole: boolean; pinned: boolean }[]) {
    const newestFirst = [...published].reverse()
    const community = newestFirst.filter((n) => n.pinned && n.whole).slice(0, 5)
    const strip = [...community, ...newestFirst.filter((n) => n.pinned && !n.whole).slice(0, 5 - community.length)].map((n) => n.id)
    const rest = newestFirst.map((n) => n.id).filter((id) => !strip.includes(id))
    const first = (await list('wang')).data
    expect(ids(first.pinned)).toEqual(strip)
    const pages = [ids(first.items)]
    let cursor = first.nextCursor
    while (cursor) {
      const next = ((await fx.call('notices', 'wang', 'list', { buildingCode: 'CHY1', cursor })) as Reply).data
      expect(next.pinned).toEqual([])
      pages.push(ids(next.items))
      cursor = next.nextCursor
    }
    expect(pages.flat()).toEqual(rest)
    expect(pages.slice(0, -1).every((p) => p.length === 10)).toBe(true)
    const landing = ((await fx.call('account', 'wang', 'landing', { buildingCode: 'CHY1' })) as Reply).data.notices
    expect(landing).toEqual(first)
  }

  it('置顶公告比一次读的（10 条）还多：更早的两条全小区置顶照样在置顶条最前，再补本楼最新的 3 条；其余按日期逐页，不丢不重', async () => {
    const published = await publishInOrder([
      ...Array.from({ length: 2 }, () => ({ by: 'committee_zhang' as const, pinned: true })),
      ...Array.from({ length: 12 }, () => ({ by: 'rep_li' as const, pinned: true })),
      ...Array.from({ length: 6 }, () => ({ by: 'rep_li' as const, pinned: false })),
    ])
    await expectStripAndPages(published)
  })

  it('最新的置顶公告里全小区的已有 5 条：置顶条就是它们（更早的全小区置顶与本楼置顶按日期在列表里）', async () => {
    const published = await publishInOrder([
      ...Array.from({ length: 12 }, (_, i) => ({ by: i % 2 ? ('rep_li' as const) : ('committee_zhang' as const), pinned: true })),
      ...Array.from({ length: 5 }, () => ({ by: 'rep_li' as const, pinned: false })),
    ])
    await expectStripAndPages(published)
  })

  it('公告不满一页加置顶条（16 条）：置顶条与列表同样', async () => {
    await expectStripAndPages(
      await publishInOrder([
        { by: 'committee_zhang', pinned: true },
        { by: 'rep_li', pinned: true },
        { by: 'rep_li', pinned: false },
        { by: 'committee_zhang', pinned: false },
        { by: 'rep_li', pinned: true },
      ]),
    )
  })

  it('管着公告所面向楼栋的人（本楼代表、业委会）打开公告：照样看到，但不算居民知晓', async () => {
    const repNotice = (await publish('rep_li')).data.id
    const communityNotice = (await publish('committee_zhang', { target: { scope: 'community' } })).data.id
    expect((await read('committee_zhang', repNotice)).data).toMatchObject({ id: repNotice, status: 'published' })
    expect((await read('rep_li', communityNotice)).data).toMatchObject({ id: communityNotice, status: 'published' })
    expect((await read('rep_chen', communityNotice, 'CHY2')).code).toBe('OK')
    expect(await fx.store.readersByBuilding(repNotice)).toEqual({})
    expect(await fx.store.readersByBuilding(communityNotice)).toEqual({})
    await read('wang', communityNotice)
    expect(await fx.store.readersByBuilding(communityNotice)).toEqual({ b1: 1 })
    // 管理者自己的列表里不显示为未读（他们不必"读"才算知道）。
    expect((await list('rep_li')).data.unread).toBe(0)
    await fx.expectTalliesMatchRecount()
  })
})

describe('落地页每次打开的数据库请求（云开发，真 wx-server-sdk）', () => {
  /** 与 fixture 同样的小区、楼与身份，存在模拟的云开发上；requests() 是到达请求层的请求数。 */
  async function openCloud({ warm = false } = {}) {
    const h = openCloudbaseHarness()
    const store = createCloudbaseStore(h.db, { backoff: () => 1 })
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
    await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
    await store.saveBuilding({ id: 'b2', communityId: 'c1', code: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 })
    await store.addMember(memberOf('rep_li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
    await store.addMember(memberOf('committee_zhang', { communityId: 'c1', buildingId: null, role: 'committee' }, { body: 'owners_committee' }))
    let now = '2026-11-20T02:00:00.000Z'
    const fns = createFunctions({
      ...storePorts(store),
      // 部署后的实例（server/runtime.ts）记住楼栋与小区；warm 时同一组函数就是一个热实例。
      ...(warm && { directory: rememberStaticDirectory(store) }),
      clock: { now: () => now },
      ids: countingIds('n'),
      platform: createLocalPlatform({ dataDir: tmpdir(), publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false }),
      logger: createTextLogger(() => undefined),
    })
    const call = (name: 'account' | 'notices' | 'surveys', openid: string, action: string, payload: unknown = {}) =>
      fns[name]({ action, payload }, { openid }) as Promise<Reply>
    let serial = 0
    const publishAt = async (at: string, openid: string, over: Record<string, unknown> = {}) => {
      now = at
      const reply = await call('notices', openid, 'publish', {
        requestId: `cloud-notice-${++serial}`,
        communityId: 'c1',
        target: { scope: 'buildings', buildingCodes: ['CHY1'] },
        title: `通知 ${serial}`,
        body: '因管网检修，明天 9:00–12:00 停水，请提前储水。',
        images: [],
        pinned: false,
        expiresOn: null,
        ...over,
      })
      expect(reply.code).toBe('OK')
      return reply.data.id as string
    }
    /** 一次调用到达请求层的请求数与答复。 */
    const counted = async (run: () => Promise<Reply>) => {
      const before = h.executor.received.length
      const reply = await run()
      expect(reply.code).toBe('OK')
      return { requests: h.executor.received.length - before, reply }
    }
    return { h, store, call, publishAt, counted, setNow: (at: string) => void (now = at) }
  }

  it('热实例（部署后同一实例接着处理）：第二次打开落地页不再读楼栋与小区，至多 5 次请求（其中一次查等我回答的报事）；居民第一次打开公告至多 3 次、再打开至多 3 次；成员关系照读：移除的代表下一次打开就不是代表', async () => {
    const cloud = await openCloud({ warm: true })
    try {
      const notice = await cloud.publishAt('2026-11-20T03:00:00.000Z', 'rep_li')
      const first = await cloud.counted(() => cloud.call('account', 'wang', 'landing', { buildingCode: 'CHY1' }))
      const second = await cloud.counted(() => cloud.call('account', 'wang', 'landing', { buildingCode: 'CHY1' }))
      expect(second.reply.data).toEqual(first.reply.data)
      // 冷的实例（没有这层记忆）这里是 7 次：楼栋、小区、身份、公告页、已读、问卷、等我回答的报事各一次。
      expect(second.requests).toBeLessThanOrEqual(5)
      // 读公告：公告、身份各一次，回执（带着统计增量）一次写；楼栋已记住。改之前冷的 10 次（回执与统计在一个事务里）。
      const read = await cloud.counted(() => cloud.call('notices', 'wang', 'read', { noticeId: notice, buildingCode: 'CHY1' }))
      expect(read.requests).toBeLessThanOrEqual(3)
      const again = await cloud.counted(() => cloud.call('notices', 'wang', 'read', { noticeId: notice, buildingCode: 'CHY1' }))
      expect(again.requests).toBeLessThanOrEqual(3)
      expect(await cloud.store.readersByBuilding(notice)).toEqual({ b1: 1 })

      const asRep = await cloud.counted(() => cloud.call('account', 'rep_li', 'landing', { buildingCode: 'CHY1' }))
      expect(asRep.reply.data.me.roles.map((r: { role: string }) => r.role)).toEqual(['representative'])
      const [rep] = (await cloud.store.membersOf('c1')).filter((m) => m.openid === 'rep_li')
      expect(await cloud.store.removeMember(rep.id)).toBe(true)
      const removed = await cloud.counted(() => cloud.call('account', 'rep_li', 'landing', { buildingCode: 'CHY1' }))
      expect(removed.reply.data.me.roles).toEqual([])
    } finally {
      cloud.h.dispose()
    }
  })

  it('本楼 4 条公告（两条置顶）、1 份开着的问卷：居民打开落地页至多 8 次请求，本楼代表至多 10 次，业委会至多 11 次；答复与分别调各动作的相同', async () => {
    const cloud = await openCloud()
    try {
      await cloud.publishAt('2026-11-20T02:00:00.000Z', 'committee_zhang', { target: { scope: 'community' }, pinned: true })
      const read = await cloud.publishAt('2026-11-20T03:00:00.000Z', 'rep_li', { pinned: true })
      await cloud.publishAt('2026-11-20T04:00:00.000Z', 'rep_li')
      await cloud.publishAt('2026-11-20T05:00:00.000Z', 'rep_li')
      const survey = await cloud.call('surveys', 'rep_li', 'create', {
        requestId: 'cloud-survey-1',
        communityId: 'c1',
        target: { scope: 'buildings', buildingCodes: ['CHY1'] },
        title: '满意度',
        template: 'property_satisfaction',
        questions: [],
        opensOn: null,
        closesOn: '2026-11-30',
        minAnswers: 3,
      })
      expect(survey.code).toBe('OK')
      expect((await cloud.call('notices', 'wang', 'read', { noticeId: read, buildingCode: 'CHY1' })).code).toBe('OK')

      // 改之前：居民 12 次、代表 14 次、业委会 14 次（四个部分各自找楼、读小区与身份，置顶条两次查询）。
      // 加上“解决了吗？”提示（各 +1 次：等我回答的报事）与处理入口的两个数（成员 +2 次：待受理、超时）之前：7、6、7。
      // 楼栋码试错的守卫（router.ts）：一个人在一个实例上一分钟里第一次带楼栋码的调用多读一次试错次数（代表、业委会 +1；
      // 居民刚读过公告，守卫还记着他"没有试错"）。
      const limits = { wang: 8, rep_li: 10, committee_zhang: 11 }
      for (const [openid, most] of Object.entries(limits)) {
        const { requests, reply } = await cloud.counted(() => cloud.call('account', openid, 'landing', { buildingCode: 'CHY1' }))
        expect({ openid, requests }).toEqual({ openid, requests: Math.min(requests, most) })
        // 同一份答复：各部分就是各自的动作。
        expect(reply.data.building).toEqual((await cloud.call('account', openid, 'building', { buildingCode: 'CHY1' })).data)
        expect(reply.data.me).toEqual((await cloud.call('account', openid, 'me')).data)
        expect(reply.data.notices).toEqual((await cloud.call('notices', openid, 'list', { buildingCode: 'CHY1' })).data)
        expect(reply.data.surveys).toEqual((await cloud.call('surveys', openid, 'open', { buildingCode: 'CHY1' })).data.items)
        expect(reply.data.surveys).toEqual([expect.objectContaining({ id: survey.data.id, answered: false })])
      }
      const wang = (await cloud.call('account', 'wang', 'landing', { buildingCode: 'CHY1' })).data
      expect(wang.notices).toMatchObject({ unread: 3 })
      expect(wang.notices.pinned.map((n: { id: string; read: boolean }) => `${n.id}:${n.read}`)).toContain(`${read}:true`)
    } finally {
      cloud.h.dispose()
    }
  })

  it('本楼公告多于一页加置顶条（20 条，3 条置顶，没有问卷）：居民第一次打开落地页至多 9 次请求（置顶条另查一次，等我回答的报事一次，楼栋码试错的守卫一次）', async () => {
    const cloud = await openCloud()
    try {
      for (let i = 0; i < 20; i++) {
        const at = new Date(Date.parse('2026-11-01T02:00:00.000Z') + i * 3_600_000).toISOString()
        await cloud.publishAt(at, i % 4 ? 'rep_li' : 'committee_zhang', { pinned: i % 7 === 0, ...(i % 4 ? {} : { target: { scope: 'community' } }) })
      }
      cloud.setNow('2026-11-20T02:00:00.000Z')
      // 改之前：11 次；加上等我回答的报事之前 7 次；楼栋码试错的守卫第一次读试错次数 +1。
      const { requests, reply } = await cloud.counted(() => cloud.call('account', 'wang', 'landing', { buildingCode: 'CHY1' }))
      expect(requests).toBeLessThanOrEqual(9)
      expect(reply.data.notices.pinned).toHaveLength(3)
      expect(reply.data.notices.items).toHaveLength(10)
      expect(reply.data.notices).toEqual((await cloud.call('notices', 'wang', 'list', { buildingCode: 'CHY1' })).data)
    } finally {
      cloud.h.dispose()
    }
  })
})
