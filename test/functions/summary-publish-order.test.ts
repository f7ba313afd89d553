/**
 * 征求意见先改状态、改成了才发公告：代表与业委会同时对同一份草稿点"征求意见"，一个成功、一个答冲突，
 * 公告只有一条（以前两边都先发公告，输的一方留下一条没有总结认领的公告）。已经公示的再发：拒绝，不发公告。
 * 状态改了、公告没发出去（两步之间中断）：发布人重试时按记下的公告编号补发，仍然只有一条。
 */
import { createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

const DRAFT = { communityId: 'c1', buildingCode: 'CHY1', period: { kind: 'month', start: '2026-11', end: '2026-11' }, kind: null }

describe('征求意见：先改状态，再发公告', () => {
  const fx = createFixture()
  const saveDraft = async (requestId: string) => {
    const saved = (await fx.call('summary', 'rep_li', 'save', { requestId, summaryId: null, baseVersion: null, draft: DRAFT, title: null, edits: [] })) as Reply
    expect(saved.code).toBe('OK')
    return saved.data.id as string
  }
  const publish = (openid: string, summaryId: string, requestId: string) =>
    fx.call('summary', openid, 'publish', { requestId, summaryId, closesOn: '2026-11-30' }) as Promise<Reply>
  const noticesOf = async (summaryId: string) => (await fx.store.rawRecords()).notices.filter((n) => n.summaryId === summaryId)

  beforeAll(async () => {
    await fx.ready
    await fx.file('wang', { requestId: 'order-report-01' })
  })
  afterAll(() => fx.cleanup())

  it('两人同时点：一个成功、一个冲突，公告只有一条，就是总结记下的那条', async () => {
    const id = await saveDraft('order-save-01')
    const replies = await Promise.all([publish('rep_li', id, 'order-pub-a1'), publish('committee_zhang', id, 'order-pub-b1')])
    expect(replies.map((r) => r.code).sort()).toEqual(['CONFLICT', 'OK'])
    const notices = await noticesOf(id)
    expect(notices).toHaveLength(1)
    expect((await fx.store.summaryById(id))?.noticeId).toBe(notices[0].id)
    // 发布人再点（换了请求编号也一样）：答现在的样子，不多发。
    const winner = replies[0].code === 'OK' ? 'rep_li' : 'committee_zhang'
    expect((await publish(winner, id, 'order-pub-a2')).code).toBe('OK')
    expect(await noticesOf(id)).toHaveLength(1)
    await fx.expectTalliesMatchRecount()
  })

  it('已经公示的再征求意见：拒绝，不发公告', async () => {
    const id = await saveDraft('order-save-02')
    expect(((await fx.call('summary', 'rep_li', 'finalize', { requestId: 'order-fin-01', summaryId: id })) as Reply).code).toBe('OK')
    const before = (await fx.store.rawRecords()).notices.length
    expect(await publish('rep_li', id, 'order-pub-c1')).toMatchObject({ code: 'INVALID', message: '这份总结已经公示，不能再改' })
    expect((await fx.store.rawRecords()).notices).toHaveLength(before)
  })

  it('状态改了、公告没发出去：重试时补发记下的那条，仍然只有一条', async () => {
    const id = await saveDraft('order-save-03')
    const s = (await fx.store.summaryById(id))!
    // 模拟上次在两步之间中断：状态已是征求意见、记下了公告编号，公告还没存。
    expect(
      await fx.store.updateSummaryStatus(id, 'draft', s.latestVersion, {
        status: 'consulting',
        noticeId: 'lost-notice-01',
        consultUntil: '2026-11-30T16:00:00.000Z',
        updatedAt: '2026-11-20T02:00:00.000Z',
      }),
    ).toBe(true)
    expect(await noticesOf(id)).toHaveLength(0)
    expect((await publish('rep_li', id, 'order-pub-d1')).code).toBe('OK')
    expect((await publish('rep_li', id, 'order-pub-d2')).code).toBe('OK')
    const notices = await noticesOf(id)
    expect(notices.map((n) => [n.id, n.title.startsWith('【征求意见】')])).toEqual([['lost-notice-01', true]])
    const read = (await fx.call('notices', 'zhao', 'read', { noticeId: 'lost-notice-01', buildingCode: 'CHY1' })) as Reply
    expect(read.data.summary).toMatchObject({ id, status: 'consulting', canComment: true })
    await fx.expectTalliesMatchRecount()
  })
})
