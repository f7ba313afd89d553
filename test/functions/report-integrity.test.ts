/**
 * 红队发现 1、3、4、11：隐藏的报事不再外露内容；一条报事在统计里至多一次评价、管这栋楼的人不给本楼打分；
 * 报事人只在 30 天内重新打开已解决或不予受理的报事。
 */
import { aPng } from '../support/images'
import { createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const statusOf = async (reportId: string) => (await fx.store.reportById(reportId))?.status ?? 'pending'
const act = async (reportId: string, action: string, extra: Record<string, unknown> = {}, by = 'rep_li') => {
  const reply = (await fx.call('handling', by, 'act', {
    reportId,
    requestId: `act-${Math.random().toString(36).slice(2, 10)}`,
    action,
    expectedStatus: await statusOf(reportId),
    note: '',
    ...extra,
  })) as Reply
  if (reply.code !== 'OK') throw new Error(reply.message)
}
const answer = async (openid: string, reportId: string, over: Record<string, unknown> = {}) => {
  const shown = { reportId, requestId: `ans-${Math.random().toString(36).slice(2, 10)}`, expectedStatus: await statusOf(reportId) }
  const base = over.solved === false ? { ...shown, reason: '还是坏的' } : { ...shown, solved: true, rating: { speed: 5, attitude: 5, effect: 5 }, words: '' }
  return fx.call('reports', openid, 'answer', { ...base, ...over }) as Promise<Reply>
}
const ratings = async () => ((await fx.call('stats', 'committee_zhang', 'building', { buildingCode: 'CHY1' })) as Reply).data.month.figures.ratings
const at = (iso: string) => fx.setNow(iso)

describe('发现 1：隐藏的报事只给报事人与管这栋楼的人看内容', () => {
  const SECRET = '楼道里贴满了某某的电话号码'
  const NOTE = '含有个人信息，已隐藏'

  it('关注者的 track、listFollowed、再点"我也遇到"与进度消息都不再带描述、照片与说明；报事人与代表照旧', async () => {
    const png = await fx.platform.files.upload('reports/t/hidden.png', new Uint8Array(aPng()))
    const id = await fx.file('wang', { text: SECRET, photos: [png], location: { scope: 'public', area: '楼道/楼梯间', detail: '3楼' } })
    expect(((await fx.call('reports', 'zhao', 'follow', { reportId: id })) as Reply).code).toBe('OK')
    fx.platform.outbox.length = 0
    await act(id, 'hide', { note: NOTE })

    const leaks = (data: unknown) => [SECRET, NOTE, png, '楼道', '3楼'].filter((s) => JSON.stringify(data).includes(s))
    const tracked = (await fx.call('reports', 'zhao', 'track', { reportId: id })) as Reply
    const listed = (await fx.call('reports', 'zhao', 'listFollowed', {})) as Reply
    const followedAgain = (await fx.call('reports', 'zhao', 'follow', { reportId: id })) as Reply
    const followerMessages = fx.platform.outbox.filter((m) => m.touser === 'zhao')
    expect([tracked, listed, followedAgain, followerMessages].map(leaks)).toEqual([[], [], [], []])
    expect(tracked).toMatchObject({
      code: 'OK',
      data: { status: 'hidden', statusLabel: '已隐藏', text: '这条报事已被代表隐藏', photos: [], categoryLabel: '电梯' },
    })
    expect(listed.data.items).toMatchObject([{ id, status: 'hidden', text: '这条报事已被代表隐藏' }])

    // 报事人看得到自己写的与隐藏的原因；代表在处理报事里照旧看得到全部。
    const own = (await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply
    expect(own.data.text).toBe(SECRET)
    expect(JSON.stringify(own.data.timeline)).toContain(NOTE)
    expect(own.data.photos).toHaveLength(1)
    expect(((await fx.call('handling', 'rep_li', 'detail', { reportId: id })) as Reply).data.text).toBe(SECRET)
  })
})

describe('发现 11：台账里关联的报事只对管那栋楼的人、且没隐藏时露出开头', () => {
  it('隐藏的报事与别的楼栋的报事在台账里只有一句中性的话', async () => {
    const mine = await fx.file('wang', { text: '一楼大堂的灯坏了好几天' })
    const hidden = await fx.file('sun', { text: '某某家天天吵架打人' })
    const other = await fx.file('qian', { buildingCode: 'CHY2', text: '二号楼电梯门关不上' })
    await act(hidden, 'hide', { note: '涉及邻里隐私' })
    const added = (await fx.call('worklog', 'committee_zhang', 'add', {
      requestId: 'wl-links-1',
      communityId: 'c1',
      buildingCode: null,
      date: '2026-11-19',
      note: '',
      photos: [],
      reportIds: [mine, hidden, other],
      details: { kind: 'coordination', counterpart: '物业', subject: '协调几处报事', outcome: '' },
    })) as Reply
    expect(added.code).toBe('OK')
    const labels = async (openid: string) =>
      ((await fx.call('worklog', openid, 'detail', { entryId: added.data.id })) as Reply).data.reports.map((r: { label: string }) => r.label)
    expect(await labels('rep_chen')).toEqual(['（别的楼栋的报事）', '（一条已隐藏的报事）', '电梯：二号楼电梯门关不上'])
    expect(await labels('rep_li')).toEqual(['电梯：一楼大堂的灯坏了好几天', '（一条已隐藏的报事）', '（别的楼栋的报事）'])
    expect(await labels('committee_zhang')).toEqual(['电梯：一楼大堂的灯坏了好几天', '（一条已隐藏的报事）', '电梯：二号楼电梯门关不上'])
  })
})

describe('发现 3：一条报事在统计里至多一次评价；管这栋楼的人不给本楼打分', () => {
  it('确认 → 重新打开 → 再处理 → 再确认：评价只算第一次的', async () => {
    const id = await fx.file('wang')
    await act(id, 'handle')
    expect((await answer('wang', id, { rating: { speed: 2, attitude: 2, effect: 2 } })).code).toBe('OK')
    for (let round = 0; round < 3; round++) {
      expect((await answer('wang', id, { solved: false })).code).toBe('OK')
      await act(id, 'handle')
      expect(await answer('wang', id)).toMatchObject({ code: 'OK', data: { status: 'resolved' } })
    }
    const r = await ratings()
    expect([r.speed.count, r.speed.mean]).toEqual([1, 2])
    // 再次待确认时页面不给星级：再打的分不计入。
    expect((await answer('wang', id, { solved: false })).code).toBe('OK')
    await act(id, 'handle')
    expect(((await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply).data).toMatchObject({ canAnswer: true, canRate: false })
    await fx.expectTalliesMatchRecount()
  })

  it('本楼代表报的事：能确认，不能打分；页面不给星级', async () => {
    const id = await fx.file('rep_li')
    await act(id, 'handle')
    const view = (await fx.call('reports', 'rep_li', 'track', { reportId: id })) as Reply
    expect(view.data).toMatchObject({ canAnswer: true, canRate: false })
    expect(await answer('rep_li', id)).toMatchObject({ code: 'INVALID', message: '你管理这栋楼，不能给本楼的处理打分' })
    expect(await statusOf(id)).toBe('awaiting_confirmation')
    expect(await answer('rep_li', id, { rating: undefined })).toMatchObject({ code: 'OK', data: { status: 'resolved' } })
    expect((await ratings()).speed.count).toBe(0)
    // 普通居民第一次确认仍要打分。
    const resident = await fx.file('wang')
    await act(resident, 'handle')
    expect(((await fx.call('reports', 'wang', 'track', { reportId: resident })) as Reply).data.canRate).toBe(true)
    expect(await answer('wang', resident, { rating: undefined })).toMatchObject({ code: 'INVALID', message: expect.stringContaining('打分') })
    await fx.expectTalliesMatchRecount()
  })

  it('业委会报的事（管全小区）也不能打分', async () => {
    const id = await fx.file('committee_zhang', { buildingCode: 'CHY2' })
    await act(id, 'handle', {}, 'rep_chen')
    expect(await answer('committee_zhang', id)).toMatchObject({ code: 'INVALID', message: '你管理这栋楼，不能给本楼的处理打分' })
  })
})

describe('发现 4：已解决或不予受理的报事，报事人只在 30 天内重新打开', () => {
  it('第 31 天重新打开答 INVALID，什么都不改；30 天内照旧', async () => {
    const resolved = await fx.file('wang')
    await act(resolved, 'handle')
    expect((await answer('wang', resolved)).code).toBe('OK')
    const closed = await fx.file('wang', { text: '楼下广场舞声音太大了' })
    await act(closed, 'close', { note: '不属于本楼代表处理的范围' })

    at('2026-12-21T02:00:01.000Z')
    for (const id of [resolved, closed]) {
      const before = await statusOf(id)
      expect(await answer('wang', id, { solved: false })).toMatchObject({ code: 'INVALID', message: '已超过 30 天，不能重新打开；如问题又出现，请重新报事' })
      expect(await statusOf(id)).toBe(before)
    }
    const track = (await fx.call('reports', 'wang', 'track', { reportId: resolved })) as Reply
    expect(track.data).toMatchObject({ canReopen: false, reportAgainBuildingCode: 'CHY1' })

    at('2026-12-20T01:59:59.000Z')
    expect(((await fx.call('reports', 'wang', 'track', { reportId: resolved })) as Reply).data.canReopen).toBe(true)
    expect(await answer('wang', resolved, { solved: false })).toMatchObject({ code: 'OK', data: { status: 'processing' } })
    await fx.expectTalliesMatchRecount()
  })
})
