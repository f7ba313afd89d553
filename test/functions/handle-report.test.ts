/**
 * 代表处理报事（handling 函数）：队列、待办数、详情、受理 / 开始处理（派给）/ 已处理 / 不予受理 / 重复 / 隐藏 / 重新打开。
 * 每个动作：合法、不合法、越权（别的楼的代表、居民冒充代表）、重试、并发。统计总与从原始记录的重算相同。
 */
import { aReport, createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const file = (openid: string, over: Parameters<typeof aReport>[0] = {}) => fx.file(openid, over)
/** 代表在详情页上点一个动作：页面显示的状态（expectedStatus）默认是此刻存储里的；并发的测试显式给出。 */
const act = async (openid: string, reportId: string, action: string, extra: Record<string, unknown> = {}) =>
  fx.call('handling', openid, 'act', {
    reportId,
    requestId: `act-${action}-${Math.random().toString(36).slice(2, 10)}`,
    action,
    expectedStatus: (await fx.store.reportById(reportId))?.status ?? 'pending',
    note: '',
    ...extra,
  }) as Promise<Reply>

const expectTalliesMatchRecount = () => fx.expectTalliesMatchRecount()

describe('handling.queue 与 counts', () => {
  it('代表只看自己的楼；业委会看全小区；按状态组、分类、紧急程度、超时筛选；最早在前并能翻页', async () => {
    fx.setNow('2026-11-17T02:00:00.000Z')
    const old = await file('wang', { category: 'elevator', urgency: 'urgent' })
    fx.setNow('2026-11-19T02:00:00.000Z')
    const fresh = await file('zhao', { category: 'sanitation', text: '楼道里堆满了纸箱没人清理' })
    const other = await file('qian', { buildingCode: 'CHY2' })
    fx.setNow('2026-11-20T02:00:00.000Z')

    const mine = (await fx.call('handling', 'rep_li', 'queue', { order: 'oldest' })) as Reply
    expect(mine.code).toBe('OK')
    expect(mine.data.items.map((i: { id: string }) => i.id)).toEqual([old, fresh])
    expect(mine.data.items[0]).toMatchObject({ overdue: true, urgencyLabel: '紧急', buildingCode: 'CHY1' })
    expect(mine.data.items[1]).toMatchObject({ overdue: false })
    // 返回给代表的队列里没有报事人的 openid。
    expect(JSON.stringify(mine.data)).not.toContain('wang')

    const all = (await fx.call('handling', 'committee_zhang', 'queue', { order: 'newest' })) as Reply
    expect(all.data.items.map((i: { id: string }) => i.id)).toEqual([other, fresh, old])
    expect(((await fx.call('handling', 'rep_li', 'queue', { overdue: true })) as Reply).data.items.map((i: { id: string }) => i.id)).toEqual([old])
    expect(((await fx.call('handling', 'rep_li', 'queue', { category: 'sanitation' })) as Reply).data.items.map((i: { id: string }) => i.id)).toEqual([fresh])
    expect(((await fx.call('handling', 'rep_li', 'queue', { urgency: 'urgent' })) as Reply).data.items.map((i: { id: string }) => i.id)).toEqual([old])
    expect(((await fx.call('handling', 'rep_li', 'queue', { group: 'fixed' })) as Reply).data.items).toEqual([])

    const counts = (await fx.call('handling', 'rep_li', 'counts', {})) as Reply
    expect(counts.data).toMatchObject({ pending: 2, open: 2, overdue: 1, awaitingConfirmation: 0 })
  })

  it('翻页：25 条分两页，不重不漏', async () => {
    for (let i = 0; i < 25; i++) {
      fx.setNow(new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 3_600_000).toISOString())
      await file(`resident_${i}`)
    }
    const first = (await fx.call('handling', 'rep_li', 'queue', {})) as Reply
    expect(first.data.items).toHaveLength(20)
    const second = (await fx.call('handling', 'rep_li', 'queue', { cursor: first.data.nextCursor })) as Reply
    expect(second.data.items).toHaveLength(5)
    expect(second.data.nextCursor).toBeNull()
    expect(new Set([...first.data.items, ...second.data.items].map((i: { id: string }) => i.id)).size).toBe(25)
  })

  it('默认排序：待受理·紧急、待受理·一般、处理中·紧急、处理中·一般、其余，段内最新在前；翻页跨段不重不漏，筛选取交集', async () => {
    // 30 条：状态与紧急程度轮换，提交时间各不相同（一年前的超时旧报事与今天的紧急报事混在一起）。
    const plan = ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed'] as const
    for (let i = 0; i < 30; i++) {
      fx.setNow(new Date(Date.parse('2025-11-20T00:00:00.000Z') + i * 12 * 86_400_000).toISOString())
      const id = await file(`resident_${i}`, { urgency: i % 4 === 0 ? 'urgent' : 'normal' })
      const target = plan[i % plan.length]
      const path: Record<string, string[]> = {
        pending: [],
        accepted: ['accept'],
        processing: ['accept', 'start'],
        awaiting_confirmation: ['handle'],
        resolved: ['handle'],
        closed: ['close'],
      }
      for (const action of path[target]) {
        const extra = action === 'start' ? { assignee: { party: 'property', name: '' } } : action === 'close' ? { note: '不属于本楼' } : {}
        expect((await act('rep_li', id, action, extra)).code).toBe('OK')
      }
      if (target === 'resolved') {
        const r = (await fx.call('reports', `resident_${i}`, 'answer', {
          reportId: id,
          requestId: `answer-request-${i}`,
          expectedStatus: 'awaiting_confirmation',
          solved: true,
          rating: { speed: 4, attitude: 4, effect: 4 },
          words: '',
        })) as Reply
        expect(r.code).toBe('OK')
      }
    }
    fx.setNow('2026-12-07T02:00:00.000Z')
    // 重算：直接读表，按"段、再最新在前"排。
    const rank = (status: string, urgency: string) =>
      status === 'pending' ? (urgency === 'urgent' ? 0 : 1) : ['accepted', 'processing'].includes(status) ? (urgency === 'urgent' ? 2 : 3) : 4
    const expected = (
      fx.store.db.prepare(`SELECT id, status, urgency, created_at FROM reports WHERE building_id = 'b1'`).all() as {
        id: string
        status: string
        urgency: string
        created_at: string
      }[]
    )
      .sort(
        (a, b) =>
          rank(a.status, a.urgency) - rank(b.status, b.urgency) || (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1),
      )
      .map((r) => r.id)
    const first = (await fx.call('handling', 'rep_li', 'queue', {})) as Reply
    expect(first.data.items).toHaveLength(20)
    const second = (await fx.call('handling', 'rep_li', 'queue', { cursor: first.data.nextCursor })) as Reply
    expect(second.data.nextCursor).toBeNull()
    expect([...first.data.items, ...second.data.items].map((i: { id: string }) => i.id)).toEqual(expected)
    // 只看一般的：紧急的段跳过，其余照样。
    const normal = (await fx.call('handling', 'rep_li', 'queue', { urgency: 'normal' })) as Reply
    const normalIds = [
      ...normal.data.items,
      ...((await fx.call('handling', 'rep_li', 'queue', { urgency: 'normal', cursor: normal.data.nextCursor })) as Reply).data.items,
    ]
    const normalExpected = fx.store.db.prepare(`SELECT id FROM reports WHERE building_id = 'b1' AND urgency = 'normal'`).all() as { id: string }[]
    expect(normalIds.map((i: { id: string }) => i.id)).toEqual(expected.filter((id) => normalExpected.some((r) => r.id === id)))
    // 旧格式（最早/最新的）翻页位置拿到默认排序上答无效，不会读错段。
    expect(await fx.call('handling', 'rep_li', 'queue', { cursor: '2026-11-01T00:00:00.000Z|r1' })).toMatchObject({ code: 'INVALID' })
    expect(await fx.call('handling', 'rep_li', 'queue', { cursor: '9|2026-11-01T00:00:00.000Z|r1' })).toMatchObject({ code: 'INVALID' })
  })

  it('落地页：管这栋楼的人在"处理报事"入口上看到待受理与超时件数，等于直接读表的重算；别的楼的代表与居民没有', async () => {
    fx.setNow('2026-11-10T02:00:00.000Z')
    await file('wang', { urgency: 'urgent' })
    const accepted = await file('zhao')
    await act('rep_li', accepted, 'accept')
    fx.setNow('2026-11-19T20:00:00.000Z')
    await file('qian', { urgency: 'urgent' })
    await file('sun')
    await file('zhou', { buildingCode: 'CHY2' })
    const now = '2026-11-20T02:00:00.000Z'
    fx.setNow(now)
    const rows = fx.store.db.prepare(`SELECT status, urgency, created_at FROM reports WHERE building_id = 'b1'`).all() as {
      status: string
      urgency: string
      created_at: string
    }[]
    // 超时：未办结且提交超过时限（紧急 24 小时、一般 72 小时）。
    const hours = (r: { created_at: string }) => (Date.parse(now) - Date.parse(r.created_at)) / 3_600_000
    const recount = {
      pending: rows.filter((r) => r.status === 'pending').length,
      overdue: rows.filter((r) => ['pending', 'accepted', 'processing'].includes(r.status) && hours(r) > (r.urgency === 'urgent' ? 24 : 72)).length,
    }
    expect(recount).toEqual({ pending: 3, overdue: 2 })
    for (const openid of ['rep_li', 'committee_zhang']) {
      expect(((await fx.call('account', openid, 'landing', { buildingCode: 'CHY1' })) as Reply).data.triage).toEqual(recount)
    }
    for (const openid of ['rep_chen', 'wang']) {
      expect(((await fx.call('account', openid, 'landing', { buildingCode: 'CHY1' })) as Reply).data.triage).toBeNull()
    }
  })

  it('居民、别的楼的代表看不到；坏的翻页位置与筛选值被拒绝', async () => {
    expect(await fx.call('handling', 'wang', 'queue', {})).toMatchObject({ code: 'FORBIDDEN', message: '只有业主代表或业委会可以处理报事' })
    expect(await fx.call('handling', 'rep_chen', 'queue', { buildingCode: 'CHY1' })).toMatchObject({ code: 'FORBIDDEN', message: '你不负责这栋楼的报事' })
    expect(await fx.call('handling', 'rep_li', 'queue', { cursor: 'garbage' })).toMatchObject({ code: 'INVALID' })
    expect(await fx.call('handling', 'rep_li', 'queue', { group: 'everything' })).toMatchObject({ code: 'INVALID', message: '状态组无效' })
  })
})

describe('handling.detail', () => {
  it('本楼代表看到联系电话与时间线；业委会看到时间线，电话只知道留了（表单上说只给本楼代表看）；别的楼的代表、居民被拒绝', async () => {
    const id = await file('wang', { contactPhone: '13800001234' })
    const detail = (await fx.call('handling', 'rep_li', 'detail', { reportId: id })) as Reply
    expect(detail.data).toMatchObject({
      contactPhone: '13800001234',
      phoneLeftForRepresentative: false,
      actions: ['accept', 'start', 'handle', 'close', 'merge', 'hide'],
    })
    expect(detail.data.timeline).toHaveLength(1)
    const committee = (await fx.call('handling', 'committee_zhang', 'detail', { reportId: id })) as Reply
    expect(committee.data).toMatchObject({ contactPhone: null, phoneLeftForRepresentative: true })
    expect(JSON.stringify(committee.data)).not.toContain('13800001234')
    // 业委会动手之后答的详情也一样。
    const acted = await act('committee_zhang', id, 'accept')
    expect(acted.data).toMatchObject({ status: 'accepted', contactPhone: null, phoneLeftForRepresentative: true })
    expect(await fx.call('handling', 'rep_chen', 'detail', { reportId: id })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await fx.call('handling', 'wang', 'detail', { reportId: id })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await fx.call('handling', 'rep_li', 'detail', { reportId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(JSON.stringify(detail.data)).not.toContain('"wang"')
  })
})

describe('handling.act', () => {
  it('受理 → 开始处理并派给物业 → 标记已处理：时间线、派给、统计与重算相同，报事人收到进度消息', async () => {
    const id = await file('wang')
    fx.setNow('2026-11-20T03:00:00.000Z')
    expect(await act('rep_li', id, 'accept', { note: '今天安排人看' })).toMatchObject({ code: 'OK', data: { status: 'accepted' } })
    const started = await act('rep_li', id, 'start', { note: '已派单', assignee: { party: 'property', name: '春晖物业' } })
    expect(started.data).toMatchObject({ status: 'processing', assigneeLabel: '物业 · 春晖物业' })
    fx.setNow('2026-11-21T02:00:00.000Z')
    const handled = await act('rep_li', id, 'handle', { note: '已修好' })
    expect(handled.data.status).toBe('awaiting_confirmation')
    expect(handled.data.timeline.map((e: { title: string }) => e.title)).toEqual(['提交报事', '受理', '开始处理', '标记已处理'])
    expect(handled.data.timeline[2]).toMatchObject({ actorLabel: '你', assigneeLabel: '物业 · 春晖物业', note: '已派单' })
    const stats = (await fx.call('stats', 'rep_li', 'building', { buildingCode: 'CHY1' })) as Reply
    expect(stats.data.month.figures).toMatchObject({
      actions: { accept: 1, start: 1, handle: 1 },
      response: { count: 1, totalMinutes: 60 },
      handling: { count: 1, totalMinutes: 1440 },
    })
    const progress = fx.platform.outbox.filter((m) => m.templateId === 'TPL_PROGRESS')
    expect(progress.map((m) => [m.touser, m.data.phrase2.value])).toEqual([
      ['wang', '已受理'],
      ['wang', '处理中'],
      ['wang', '待确认'],
    ])
    await expectTalliesMatchRecount()
  })

  it('不合规的动作：状态不允许、缺原因、派给用错动作、并入别的楼或自己；什么都不改', async () => {
    const id = await file('wang')
    const otherBuilding = await file('qian', { buildingCode: 'CHY2' })
    const before = await fx.store.rawRecords()
    expect(await act('rep_li', id, 'reopen', { note: '再看看' })).toMatchObject({ code: 'INVALID', message: '当前状态为“待受理”，不能重新打开' })
    expect(await act('rep_li', id, 'close')).toMatchObject({ code: 'INVALID', message: '不予受理要写明原因，报事人会看到' })
    expect(await act('rep_li', id, 'hide', { note: '' })).toMatchObject({ code: 'INVALID' })
    expect(await act('rep_li', id, 'accept', { assignee: { party: 'property', name: '' } })).toMatchObject({
      code: 'INVALID',
      message: '只有"开始处理"时可以派给某方',
    })
    expect(await act('rep_li', id, 'merge', { mergeInto: id })).toMatchObject({ code: 'INVALID', message: '不能与自己重复' })
    expect(await act('rep_li', id, 'merge', { mergeInto: otherBuilding })).toMatchObject({ code: 'INVALID', message: '只能并入同一栋楼的另一条报事' })
    expect(await act('rep_li', id, 'merge')).toMatchObject({ code: 'INVALID', message: '请选择与哪条报事重复' })
    expect(
      await fx.call('handling', 'rep_li', 'act', { reportId: id, requestId: 'bad-act-0001', action: 'confirm', expectedStatus: 'pending', note: '' }),
    ).toMatchObject({ code: 'INVALID', message: '不支持的操作' })
    expect(
      await fx.call('handling', 'rep_li', 'act', {
        reportId: id,
        requestId: 'bad-act-0002',
        action: 'accept',
        expectedStatus: 'pending',
        note: 'x'.repeat(201),
      }),
    ).toMatchObject({ code: 'INVALID' })
    expect(await fx.store.rawRecords()).toEqual(before)
  })

  it('越权：别的楼的代表、居民（含报事人本人）不能处理；什么都不改', async () => {
    const id = await file('wang')
    const before = await fx.store.rawRecords()
    expect(await act('rep_chen', id, 'accept')).toMatchObject({ code: 'FORBIDDEN', message: '你不负责这栋楼的报事' })
    expect(await act('wang', id, 'accept')).toMatchObject({ code: 'FORBIDDEN' })
    expect(await act('zhao', id, 'hide', { note: '我不喜欢' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await fx.store.rawRecords()).toEqual(before)
  })

  it('重试：同一请求编号再来一次只留一条痕，答同样的结果', async () => {
    const id = await file('wang')
    const payload = { reportId: id, requestId: 'accept-retry-1', action: 'accept', expectedStatus: 'pending', note: '' }
    const first = (await fx.call('handling', 'rep_li', 'act', payload)) as Reply
    const second = (await fx.call('handling', 'rep_li', 'act', payload)) as Reply
    expect(first.code).toBe('OK')
    expect(second).toMatchObject({ code: 'OK', data: { status: 'accepted' } })
    expect(await fx.store.statusChangesOf(id)).toHaveLength(1)
    await expectTalliesMatchRecount()
  })

  it('两位代表同时操作：一个生效，另一个得到 CONFLICT 和现在的状态，只留一条痕', async () => {
    const id = await file('wang')
    const [a, b] = await Promise.all([act('rep_li', id, 'accept'), act('committee_zhang', id, 'close', { note: '不属于处理范围' })])
    const outcomes = [a.code, b.code].sort()
    expect(outcomes).toEqual(['CONFLICT', 'OK'])
    const loser = a.code === 'CONFLICT' ? a : b
    expect(loser.message).toMatch(/这条报事刚刚有了变化，现在是"(已受理|不予受理)"/)
    expect(await fx.store.statusChangesOf(id)).toHaveLength(1)
    await expectTalliesMatchRecount()
  })

  it('三个决定在"待受理"上的动作（受理、不予受理、隐藏）先后到达：只有第一个生效，不会连成 待受理→已受理→不予受理→已隐藏', async () => {
    const id = await file('wang')
    const onPending = { expectedStatus: 'pending' }
    const replies = [
      await act('rep_li', id, 'accept', onPending),
      await act('committee_zhang', id, 'close', { ...onPending, note: '不属于处理范围' }),
      await act('rep_li', id, 'hide', { ...onPending, note: '含有个人信息' }),
    ]
    expect(replies.map((r) => r.code)).toEqual(['OK', 'CONFLICT', 'CONFLICT'])
    expect(replies[1].message).toBe('这条报事刚刚有了变化，现在是"已受理"，请刷新后再操作')
    expect((await fx.store.statusChangesOf(id)).map((c) => c.to)).toEqual(['accepted'])
    expect((await fx.store.reportById(id))?.status).toBe('accepted')
    await expectTalliesMatchRecount()
  })

  it('三个决定在"待受理"上的动作同时到达：只有一个生效', async () => {
    const id = await file('wang')
    const onPending = { expectedStatus: 'pending' }
    const replies = await Promise.all([
      act('rep_li', id, 'accept', onPending),
      act('committee_zhang', id, 'close', { ...onPending, note: '不属于处理范围' }),
      act('rep_li', id, 'hide', { ...onPending, note: '含有个人信息' }),
    ])
    expect(replies.map((r) => r.code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK'])
    expect(await fx.store.statusChangesOf(id)).toHaveLength(1)
    await expectTalliesMatchRecount()
  })

  it('动作要带上页面显示的状态：缺了或不是一个状态都被拒绝，什么都不改', async () => {
    const id = await file('wang')
    const before = await fx.store.rawRecords()
    expect(await fx.call('handling', 'rep_li', 'act', { reportId: id, requestId: 'no-expected-01', action: 'accept', note: '' })).toMatchObject({
      code: 'INVALID',
      message: '缺少报事现在的状态，请刷新后再操作',
    })
    expect(
      await fx.call('handling', 'rep_li', 'act', { reportId: id, requestId: 'bad-expected-01', action: 'accept', note: '', expectedStatus: 'done' }),
    ).toMatchObject({ code: 'INVALID', message: '缺少报事现在的状态，请刷新后再操作' })
    expect(await fx.store.rawRecords()).toEqual(before)
  })

  it('合并为重复：原报事的报事人与关注者转去关注目标；目标的报事人不算关注者；重试不重复加', async () => {
    const target = await file('wang')
    const dup = await file('zhao', { text: '3单元电梯按钮又失灵了' })
    expect(await fx.call('reports', 'sun', 'follow', { reportId: dup })).toMatchObject({ code: 'OK' })
    expect(await fx.call('reports', 'wang', 'follow', { reportId: dup })).toMatchObject({ code: 'OK' })
    const payload = { reportId: dup, requestId: 'merge-0001', action: 'merge', expectedStatus: 'pending', note: '同一个问题', mergeInto: target }
    const merged = (await fx.call('handling', 'rep_li', 'act', payload)) as Reply
    expect(merged.data).toMatchObject({ status: 'duplicate', statusLabel: '重复', mergedInto: target })
    expect((await fx.store.followersOf(target)).sort()).toEqual(['sun', 'zhao'])
    expect((await fx.store.reportById(target))?.followers).toBe(2)
    await fx.call('handling', 'rep_li', 'act', payload)
    expect((await fx.store.reportById(target))?.followers).toBe(2)
    // 合并后被转去的人能在"我关注的"里看到目标，也收到它之后的进度。
    expect(((await fx.call('reports', 'zhao', 'listFollowed', {})) as Reply).data.items.map((i: { id: string }) => i.id)).toEqual([target])
    await act('rep_li', target, 'accept')
    expect(
      fx.platform.outbox
        .filter((m) => m.templateId === 'TPL_PROGRESS' && m.page.endsWith(target))
        .map((m) => m.touser)
        .sort(),
    ).toEqual(['sun', 'wang', 'zhao'])
    const figures = ((await fx.call('stats', 'rep_li', 'building', { buildingCode: 'CHY1' })) as Reply).data.month.figures
    // 2 条报事，1 条重复；受影响的居民：1 位报事人 + 关注者（原 2 条上的 2 次 + 转来的 2 次）。
    expect(figures.byStatus.duplicate).toBe(1)
    expect(figures.completion.denominator).toBe(1)
    // 从原始记录数：留着的报事的报事人与关注者（重复那条上的关注已随合并转走，不再算两次）。
    const raw = await fx.store.rawRecords()
    const kept = raw.reports.filter((r) => r.status !== 'duplicate' && r.status !== 'hidden').map((r) => r.id)
    const keptFollows = raw.follows.filter((f) => kept.includes(f.reportId)).length
    expect(figures.followers).toBe(keptFollows)
    expect(figures.affected).toBe(kept.length + keptFollows)
    expect(figures.affected).toBe(3)
    await expectTalliesMatchRecount()
  })

  it('隐藏有人关注的报事：它的报事人与关注者都离开受影响居民', async () => {
    const id = await file('wang')
    expect(await fx.call('reports', 'zhao', 'follow', { reportId: id })).toMatchObject({ code: 'OK' })
    expect(await fx.call('reports', 'sun', 'follow', { reportId: id })).toMatchObject({ code: 'OK' })
    const stats = async () => ((await fx.call('stats', 'rep_li', 'building', { buildingCode: 'CHY1' })) as Reply).data.month.figures
    expect(await stats()).toMatchObject({ affected: 3, followers: 2 })
    expect(await act('rep_li', id, 'hide', { note: '含有他人电话号码' })).toMatchObject({ code: 'OK', data: { status: 'hidden' } })
    expect(await stats()).toMatchObject({ affected: 0, followers: 0 })
    await expectTalliesMatchRecount()
  })

  it('隐藏：报事人仍能看到原因，别人的"同类报事"里不再出现', async () => {
    const id = await file('wang')
    expect(await act('rep_li', id, 'hide', { note: '含有他人电话号码' })).toMatchObject({ code: 'OK', data: { status: 'hidden' } })
    const mine = (await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply
    expect(mine.data.timeline.at(-1)).toMatchObject({ title: '隐藏', note: '含有他人电话号码', actorLabel: '业主代表' })
    expect(((await fx.call('reports', 'zhao', 'similar', { buildingCode: 'CHY1', category: 'elevator' })) as Reply).data.items).toEqual([])
  })
})
