/**
 * 居民跟进报事（reports 函数）：提交前的同类报事、"我也遇到"、我关注的、看时间线、回答"解决了吗？"。
 * 每个动作：合法、不合法、越权（别人的报事）、重试、并发；统计与从原始记录的重算相同。
 */
import { aPng } from '../support/images'
import { aReport, createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const file = (openid: string, over: Parameters<typeof aReport>[0] = {}) => fx.file(openid, over)
const statusOf = async (reportId: string) => (await fx.store.reportById(reportId))?.status ?? 'pending'
const act = async (reportId: string, action: string, extra: Record<string, unknown> = {}) => {
  const reply = (await fx.call('handling', 'rep_li', 'act', {
    reportId,
    requestId: `act-${Math.random().toString(36).slice(2, 10)}`,
    action,
    expectedStatus: await statusOf(reportId),
    note: '',
    ...extra,
  })) as Reply
  if (reply.code !== 'OK') throw new Error(reply.message)
}
/** 默认"解决了"并打 4/5/4；传 solved: false 时换成"没解决"的载荷（只带原因）。页面显示的状态默认是此刻存储里的。 */
const answer = async (openid: string, reportId: string, over: Record<string, unknown> = {}) => {
  const requestId = `ans-${Math.random().toString(36).slice(2, 10)}`
  const shown = { reportId, requestId, expectedStatus: await statusOf(reportId) }
  const base = over.solved === false ? shown : { ...shown, solved: true, rating: { speed: 4, attitude: 5, effect: 4 }, words: '' }
  return fx.call('reports', openid, 'answer', { ...base, ...over }) as Promise<Reply>
}
const figures = async () => ((await fx.call('stats', 'rep_li', 'building', { buildingCode: 'CHY1' })) as Reply).data.month.figures

const expectTalliesMatchRecount = () => fx.expectTalliesMatchRecount()

describe('reports.similar 与 follow', () => {
  it('同楼同分类未办结的报事被提出来；"我也遇到"成为关注者，计入统计，进度消息也发给他', async () => {
    const id = await file('wang')
    await file('qian', { buildingCode: 'CHY2' })
    await file('sun', { category: 'parking', text: '消防通道上长期停着一辆车' })
    const similar = (await fx.call('reports', 'zhao', 'similar', { buildingCode: 'CHY1', category: 'elevator' })) as Reply
    expect(similar.data.items.map((i: { id: string }) => i.id)).toEqual([id])
    expect(similar.data.items[0]).toMatchObject({ mine: false, following: false, followers: 0 })
    expect(JSON.stringify(similar.data)).not.toContain('wang')

    const followed = (await fx.call('reports', 'zhao', 'follow', { reportId: id })) as Reply
    expect(followed).toMatchObject({ code: 'OK', data: { created: true, report: { relation: 'follower', followers: 1 } } })
    const again = (await fx.call('reports', 'zhao', 'follow', { reportId: id })) as Reply
    expect(again.data.created).toBe(false)
    expect((await fx.store.reportById(id))?.followers).toBe(1)
    expect(((await fx.call('reports', 'zhao', 'similar', { buildingCode: 'CHY1', category: 'elevator' })) as Reply).data.items[0]).toMatchObject({
      following: true,
      followers: 1,
    })
    // 本楼 2 条报事的报事人 + 1 位关注者。
    expect((await figures()).affected).toBe(3)

    await act(id, 'accept')
    expect(
      fx.platform.outbox
        .filter((m) => m.templateId === 'TPL_PROGRESS')
        .map((m) => m.touser)
        .sort(),
    ).toEqual(['wang', 'zhao'])
    expect(((await fx.call('reports', 'zhao', 'listFollowed', {})) as Reply).data.items).toMatchObject([{ id, relation: 'follower', status: 'accepted' }])
    await expectTalliesMatchRecount()
  })

  it('不能关注自己报的、已办结的、不存在的；并发的同一人关注只算一次', async () => {
    const id = await file('wang')
    expect(await fx.call('reports', 'wang', 'follow', { reportId: id })).toMatchObject({ code: 'INVALID', message: '这是你自己报的事，进展会直接通知你' })
    expect(await fx.call('reports', 'zhao', 'follow', { reportId: 'missing' })).toMatchObject({ code: 'NOT_FOUND' })
    const replies = (await Promise.all([1, 2, 3].map(() => fx.call('reports', 'zhao', 'follow', { reportId: id })))) as Reply[]
    expect(replies.filter((r) => r.code === 'OK' && r.data.created)).toHaveLength(1)
    expect(await fx.store.followersOf(id)).toEqual(['zhao'])
    await act(id, 'handle')
    expect(await fx.call('reports', 'sun', 'follow', { reportId: id })).toMatchObject({ code: 'INVALID', message: expect.stringContaining('不能再关注') })
    await expectTalliesMatchRecount()
  })
})

describe('别人的报事：居民只看到认出同一个问题所需的（分类、公共区域、描述、时间）', () => {
  const HOME = { scope: 'unit', unit: '2单元', floor: 17, room: '1702' } as const
  /** 住户家里的位置、公共区域的具体位置、电话：只给管这栋楼的人（与报事人自己）。 */
  const PRIVATE = ['2单元', '17层', '1702', '302门口', '13800001234']
  const leaks = (data: unknown) => PRIVATE.filter((s) => JSON.stringify(data).includes(s))

  it('拿到楼栋码的陌生人：同类列表、"我也遇到"、我关注的、详情里都没有单元楼层房号、具体位置、电话与代表的说明；报事人自己照旧', async () => {
    const home = await file('wang', {
      anonymous: true,
      category: 'facilities',
      text: '家里卫生间顶上漏水，像是楼上管道',
      location: HOME,
      contactPhone: '13800001234',
    })
    const lobby = await file('qian', { category: 'facilities', text: '大堂灯不亮，晚上很黑', location: { scope: 'public', area: '大堂', detail: '302门口' } })
    await act(home, 'accept', { note: '已约 1702 的住户明早上门' })

    const similar = (await fx.call('reports', 'stranger', 'similar', { buildingCode: 'CHY1', category: 'facilities' })) as Reply
    expect(leaks(similar.data)).toEqual([])
    expect(similar.data.items.map((i: { id: string; locationLabel: string; location: unknown }) => [i.id, i.locationLabel, i.location])).toEqual([
      [lobby, '大堂', { scope: 'public', area: '大堂' }],
      [home, '住户家中', { scope: 'unit' }],
    ])

    const followed = (await fx.call('reports', 'stranger', 'follow', { reportId: home })) as Reply
    expect(followed.code).toBe('OK')
    expect(leaks(followed.data)).toEqual([])
    const tracked = (await fx.call('reports', 'stranger', 'track', { reportId: home })) as Reply
    expect(leaks(tracked.data)).toEqual([])
    // 关注者看到每一步的状态、时间与谁做的，看不到代表写的说明（只给报事人）。
    expect(tracked.data.timeline.map((e: { title: string; note: string }) => [e.title, e.note])).toEqual([
      ['提交报事', ''],
      ['受理', ''],
    ])
    expect(leaks(((await fx.call('reports', 'stranger', 'listFollowed', {})) as Reply).data)).toEqual([])

    // 报事人自己：位置、说明都在。
    const own = (await fx.call('reports', 'wang', 'track', { reportId: home })) as Reply
    expect(own.data).toMatchObject({ locationLabel: '2单元 17层 1702', location: HOME })
    expect(own.data.timeline.at(-1)).toMatchObject({ title: '受理', note: '已约 1702 的住户明早上门' })
    const ownSimilar = (await fx.call('reports', 'qian', 'similar', { buildingCode: 'CHY1', category: 'facilities' })) as Reply
    expect(ownSimilar.data.items.find((i: { id: string }) => i.id === lobby)).toMatchObject({ mine: true, locationLabel: '大堂 · 302门口' })
  })

  it('关注者收到的进度消息不带代表的说明；报事人的照旧', async () => {
    const home = await file('wang', { category: 'facilities', text: '家里卫生间顶上漏水，像是楼上管道', location: HOME })
    await fx.call('reports', 'stranger', 'follow', { reportId: home })
    await act(home, 'accept', { note: '已约 1702 的住户明早上门' })
    const progress = fx.platform.outbox.filter((m) => m.templateId === 'TPL_PROGRESS')
    expect(Object.fromEntries(progress.map((m) => [m.touser, m.data.thing4.value]))).toEqual({ wang: '已约 1702 的住户明早上门', stranger: '无' })
  })
})

describe('"我也遇到"的限额', () => {
  it('一小时内第 31 次被拒绝并说明；已在关注的再点不算；一小时后可以再点', async () => {
    const ids: string[] = []
    for (let i = 0; i < 31; i++) ids.push(await file(`resident_${i}`, { requestId: `limit-follow-${String(i).padStart(3, '0')}` }))
    for (const id of ids.slice(0, 30))
      expect(await fx.call('reports', 'zhao', 'follow', { reportId: id })).toMatchObject({ code: 'OK', data: { created: true } })
    const before = await fx.store.rawRecords()
    expect(await fx.call('reports', 'zhao', 'follow', { reportId: ids[30] })).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('一小时内最多点 30 次'),
    })
    expect(await fx.store.rawRecords()).toEqual(before)
    expect(await fx.call('reports', 'zhao', 'follow', { reportId: ids[0] })).toMatchObject({ code: 'OK', data: { created: false } })
    fx.setNow('2026-11-20T03:00:01.000Z')
    expect(await fx.call('reports', 'zhao', 'follow', { reportId: ids[30] })).toMatchObject({ code: 'OK', data: { created: true } })
  })
})

describe('reports.track', () => {
  it('报事人与关注者看到时间线；别人看不到', async () => {
    const id = await file('wang')
    await act(id, 'accept', { note: '明天上午来修' })
    const mine = (await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply
    expect(mine.data.timeline.map((e: { title: string; actorLabel: string; note: string }) => [e.title, e.actorLabel, e.note])).toEqual([
      ['提交报事', '你', ''],
      ['受理', '业主代表', '明天上午来修'],
    ])
    expect(mine.data).toMatchObject({ relation: 'reporter', canAnswer: false })
    expect(await fx.call('reports', 'zhao', 'track', { reportId: id })).toMatchObject({ code: 'FORBIDDEN', message: '只能查看自己报的或关注的报事' })
    // 代表的身份不出现在居民看到的数据里。
    expect(JSON.stringify(mine.data)).not.toContain('rep_li')
  })
})

describe('reports.answer（解决了吗？）', () => {
  it('解决了：确认并记下三项评分；统计与重算相同', async () => {
    const id = await file('wang')
    await act(id, 'accept')
    await act(id, 'handle', { note: '已修好' })
    const tracked = (await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply
    expect(tracked.data).toMatchObject({ canAnswer: true, answerDeadline: '2026-11-27T02:00:00.000Z' })
    const reply = await answer('wang', id, { words: '师傅很负责' })
    expect(reply.data).toMatchObject({ status: 'resolved', statusLabel: '已解决', canAnswer: false })
    expect(reply.data.timeline.at(-1)).toMatchObject({ title: '确认解决了', note: '', rating: { speed: 4, attitude: 5, effect: 4, words: '师傅很负责' } })
    const f = await figures()
    expect(f.ratings.attitude).toMatchObject({ count: 1, mean: 5 })
    expect(f.firstTime).toMatchObject({ numerator: 1, denominator: 1 })
    expect(f.resolution).toMatchObject({ numerator: 1, denominator: 1 })
    await expectTalliesMatchRecount()
  })

  it('没解决：要写原因，重新打开回到处理中；再处理后确认不算一次解决', async () => {
    const id = await file('wang')
    await act(id, 'handle')
    expect(await answer('wang', id, { solved: false, reason: '' })).toMatchObject({ code: 'INVALID', message: expect.stringContaining('哪里还没解决') })
    const reopened = await answer('wang', id, { solved: false, reason: '灯还是不亮' })
    expect(reopened.data).toMatchObject({ status: 'processing' })
    expect(reopened.data.timeline.at(-1)).toMatchObject({ title: '没解决', note: '灯还是不亮', actorLabel: '你' })
    // 居民自己的回答不给自己发消息：发件箱里只有代表标记已处理时发给他的那一条。
    expect(fx.platform.outbox.filter((m) => m.templateId === 'TPL_PROGRESS').map((m) => m.touser)).toEqual(['wang'])
    await act(id, 'handle')
    await answer('wang', id)
    const f = await figures()
    expect(f.actions).toMatchObject({ reopen: 1, handle: 2, confirm: 1 })
    expect(f.firstTime).toMatchObject({ numerator: 0, denominator: 1 })
    await expectTalliesMatchRecount()
  })

  it('只有报事人能回答；不在待确认时不能回答；超过 7 天不能再回答，仍计入办结率、不计入解决率', async () => {
    const id = await file('wang')
    expect(await answer('wang', id)).toMatchObject({ code: 'INVALID', message: '当前状态为“待受理”，不能确认已解决' })
    await act(id, 'handle')
    expect(await answer('zhao', id)).toMatchObject({ code: 'FORBIDDEN' })
    expect(await answer('wang', id, { rating: { speed: 6, attitude: 5, effect: 4 } })).toMatchObject({
      code: 'INVALID',
      message: '速度评分：评分应为 1 到 5 分',
    })
    expect(((await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply).data).toMatchObject({
      canAnswer: true,
      answerWindowClosed: false,
      reportAgainBuildingCode: null,
    })
    fx.setNow('2026-11-28T02:00:01.000Z')
    // 过了窗口：页面说明按待确认处理，并给"重新报事"（本楼的楼栋码）。
    expect(((await fx.call('reports', 'wang', 'track', { reportId: id })) as Reply).data).toMatchObject({
      canAnswer: false,
      answerWindowClosed: true,
      reportAgainBuildingCode: 'CHY1',
      status: 'awaiting_confirmation',
    })
    expect(await answer('wang', id)).toMatchObject({ code: 'INVALID', message: expect.stringContaining('超过 7 天') })
    const f = await figures()
    expect(f.completion).toMatchObject({ numerator: 1, denominator: 1 })
    expect(f.resolution).toMatchObject({ numerator: 0, denominator: 1 })
  })

  it('落地页与我的报事提示"解决了吗？"在等回答：件数等于直接读表的重算（只数报事人自己的、待确认、7 天之内）', async () => {
    const DAY = 86_400_000
    const at = (base: string, days: number) => new Date(Date.parse(base) + days * DAY).toISOString()
    const start = '2026-11-20T02:00:00.000Z'
    // 4 条 wang 的：一条 8 天前标记已处理（过了窗口）、一条已确认、一条没解决后再标记已处理、一条还在待受理；zhao 关注其中一条。
    const expired = await file('wang')
    await act(expired, 'handle')
    fx.setNow(at(start, 2))
    const confirmed = await file('wang')
    await act(confirmed, 'handle')
    await answer('wang', confirmed)
    const again = await file('wang')
    await act(again, 'handle')
    await answer('wang', again, { solved: false, reason: '还是不亮' })
    await file('wang')
    expect((await fx.call('reports', 'zhao', 'follow', { reportId: again })).code).toBe('OK')
    fx.setNow(at(start, 7))
    await act(again, 'handle')
    const fresh = await file('wang', { category: 'parking', text: '消防通道上长期停着一辆车' })
    fx.setNow(at(start, 8))
    await act(fresh, 'handle')
    const now = at(start, 8.5)
    fx.setNow(now)

    // 重算：直接读表，待确认且最近一次进入待确认在 7 天之内。
    const recount = (openid: string) =>
      fx.store.db
        .prepare(
          `SELECT r.id FROM reports r WHERE r.reporter_id = ? AND r.status = 'awaiting_confirmation'
             AND (SELECT MAX(c.at) FROM status_changes c WHERE c.report_id = r.id AND c.to_status = 'awaiting_confirmation') > ?
           ORDER BY r.created_at DESC`,
        )
        .all(openid, at(now, -7))
        .map((row) => (row as { id: string }).id)
    expect(recount('wang')).toEqual([fresh, again])
    const landing = async (openid: string) => ((await fx.call('account', openid, 'landing', { buildingCode: 'CHY1' })) as Reply).data
    expect((await landing('wang')).awaitingAnswer).toEqual({ count: recount('wang').length, latestReportId: recount('wang')[0] })
    // 关注者不用回答；居民看不到处理入口的数。
    expect((await landing('zhao')).awaitingAnswer).toEqual({ count: 0, latestReportId: null })
    expect((await landing('wang')).triage).toBeNull()

    const mine = ((await fx.call('reports', 'wang', 'listMine', {})) as Reply).data.items as { id: string; awaitsAnswer: boolean }[]
    expect(mine.filter((i) => i.awaitsAnswer).map((i) => i.id)).toEqual(recount('wang'))
    // 过了窗口的那条仍是待确认，只是不再提示（详情页说明按什么处理）。
    expect(mine.find((i) => i.id === expired)).toMatchObject({ status: 'awaiting_confirmation', awaitsAnswer: false })
    const followed = ((await fx.call('reports', 'zhao', 'listFollowed', {})) as Reply).data.items
    expect(followed).toMatchObject([{ id: again, awaitsAnswer: false }])
  })

  it('重试同一回答只确认一次；并发的两个回答只有一个生效', async () => {
    const id = await file('wang')
    await act(id, 'handle')
    const payload = {
      reportId: id,
      requestId: 'answer-retry-1',
      expectedStatus: 'awaiting_confirmation',
      solved: true,
      rating: { speed: 5, attitude: 5, effect: 5 },
      words: '',
    }
    const [a, b] = (await Promise.all([fx.call('reports', 'wang', 'answer', payload), fx.call('reports', 'wang', 'answer', payload)])) as Reply[]
    expect([a.code, b.code]).toEqual(['OK', 'OK'])
    expect((await fx.store.statusChangesOf(id)).filter((c) => c.to === 'resolved')).toHaveLength(1)
    const other = await answer('wang', id, { solved: false, reason: '其实没修好' })
    // 已解决之后报事人仍可说"没解决"（问题复发），会重新打开。
    expect(other.data.status).toBe('processing')
    await expectTalliesMatchRecount()
  })
})

describe('reports.answer 带上页面显示的状态', () => {
  it('"解决了"与"没解决"都决定在"待确认"上、先后到达：只有第一个生效，不会连成 已解决→处理中', async () => {
    const id = await file('wang')
    await act(id, 'handle')
    const onAwaiting = { expectedStatus: 'awaiting_confirmation' }
    const solved = await answer('wang', id, onAwaiting)
    const unsolved = await answer('wang', id, { ...onAwaiting, solved: false, reason: '灯还是不亮' })
    expect([solved.code, unsolved.code]).toEqual(['OK', 'CONFLICT'])
    expect(unsolved.message).toBe('这条报事刚刚有了变化，现在是"已解决"，请刷新后再操作')
    expect((await fx.store.reportById(id))?.status).toBe('resolved')
    // 问题复发：看着"已解决"说没解决，照样重新打开。
    expect(await answer('wang', id, { expectedStatus: 'resolved', solved: false, reason: '又坏了' })).toMatchObject({
      code: 'OK',
      data: { status: 'processing' },
    })
    await expectTalliesMatchRecount()
  })
})

describe('reports.submit 的新字段与限额', () => {
  it('紧急程度与联系电话存下；联系电话只给代表，不回给别的居民', async () => {
    const id = await file('wang', { urgency: 'urgent', contactPhone: '138-0000-1234' })
    expect(await fx.store.reportById(id)).toMatchObject({ urgency: 'urgent', contactPhone: '138-0000-1234' })
    await fx.call('reports', 'zhao', 'follow', { reportId: id })
    expect(JSON.stringify(await fx.call('reports', 'zhao', 'track', { reportId: id }))).not.toContain('1234')
    expect((await figures()).byUrgency).toEqual({ urgent: 1, normal: 0 })
  })

  it('一小时内第 11 条被拒绝并说明；一小时后可以再报；已到限额时重试原请求仍答原报事', async () => {
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      fx.setNow(new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 60_000).toISOString())
      ids.push(await file('wang', { requestId: `limit-${String(i).padStart(4, '0')}` }))
    }
    const over = (await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'limit-0010' }))) as Reply
    expect(over).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('一小时内最多提交 10 条报事') })
    const retry = (await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'limit-0003' }))) as Reply
    expect(retry).toMatchObject({ code: 'OK', data: { created: false, report: { id: ids[3] } } })
    expect(fx.rowCounts().reports).toBe(10)
    fx.setNow('2026-11-20T03:00:30.000Z')
    expect((await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'limit-0011' }))).code).toBe('OK')
  })

  it('照片要真的上传过、是图片、不超过 5 MB', async () => {
    const png = await fx.platform.files.upload('reports/t/a.png', new Uint8Array(aPng()))
    const text = await fx.platform.files.upload('reports/t/a.txt', new TextEncoder().encode('not an image'))
    expect(await fx.call('reports', 'wang', 'submit', aReport({ photos: ['local://uploads/reports/t/missing.png'] }))).toMatchObject({
      code: 'INVALID',
      message: '第 1 张照片没有上传成功，请删掉重新添加',
    })
    expect(await fx.call('reports', 'wang', 'submit', aReport({ photos: [png, text] }))).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('第 2 张不是图片'),
    })
    expect(fx.rowCounts().reports).toBe(0)
    const ok = (await fx.call('reports', 'wang', 'submit', aReport({ photos: [png] }))) as Reply
    expect(ok.code).toBe('OK')
    // 送检：每张一条检测记录，结论未到之前是 pending。
    expect(fx.store.db.prepare('SELECT file_id, verdict FROM photo_checks').all()).toEqual([{ file_id: png, verdict: 'pending' }])
  })

  it('只有图片魔数、文件头读不出宽高或宽高离谱的"照片"不收，什么都不存（微信里照片直传云存储，不经上传路由）', async () => {
    const before = fx.rowCounts().reports
    const magicOnly = await fx.platform.files.upload('reports/t/magic.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))
    const jpegMagic = await fx.platform.files.upload('reports/t/magic.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))
    const zeroWide = await fx.platform.files.upload('reports/t/zero.gif', new Uint8Array(Buffer.from('GIF89a\0\0\x10\0\0\0\0;', 'latin1')))
    const good = await fx.platform.files.upload('reports/t/good.png', new Uint8Array(aPng()))
    expect(await fx.call('reports', 'wang', 'submit', aReport({ photos: [good, magicOnly] }))).toMatchObject({
      code: 'INVALID',
      message: '第 2 张照片文件不完整或已损坏（读不出图片的宽高），请删掉重新添加',
    })
    expect(await fx.call('reports', 'wang', 'submit', aReport({ photos: [jpegMagic] }))).toMatchObject({
      code: 'INVALID',
      message: '第 1 张照片文件不完整或已损坏（读不出图片的宽高），请删掉重新添加',
    })
    expect(await fx.call('reports', 'wang', 'submit', aReport({ photos: [zeroWide] }))).toMatchObject({
      code: 'INVALID',
      message: '第 1 张照片尺寸异常：宽、高须在 1–20000 像素之间，且合计不超过 1 亿像素，请删掉重新添加',
    })
    expect(fx.rowCounts().reports).toBe(before)
  })
})

describe('照片的检测结论', () => {
  it('判为有风险的照片只给上传者看：关注者与代表看不到它，报事照常', async () => {
    const png = new Uint8Array(aPng())
    const clean = await fx.platform.files.upload('reports/t/clean.png', png)
    const risky = await fx.platform.files.upload('reports/t/risky.png', png)
    const id = await file('wang', { photos: [clean, risky] })
    await fx.call('reports', 'zhao', 'follow', { reportId: id })
    const checks = fx.store.db.prepare('SELECT trace_id, file_id FROM photo_checks').all() as { trace_id: string; file_id: string }[]
    for (const c of checks) await fx.store.setPhotoVerdict(c.trace_id, c.file_id === risky ? 'risky' : 'pass')

    const photosSeenBy = async (name: 'reports' | 'handling', openid: string, action: string) =>
      ((await fx.call(name, openid, action, { reportId: id })) as Reply).data.photos.map((p: { fileId: string }) => p.fileId)
    expect(await photosSeenBy('reports', 'wang', 'track')).toEqual([clean, risky])
    expect(await photosSeenBy('reports', 'zhao', 'track')).toEqual([clean])
    expect(await photosSeenBy('handling', 'rep_li', 'detail')).toEqual([clean])
    expect((await fx.store.reportById(id))?.status).toBe('pending')
  })

  it('检测还没出结论的照片也只给上传者看：通过了才给关注者与代表；一小时还没结论就照常给（平台漏推时代表不至于永远看不到）', async () => {
    const png = new Uint8Array(aPng())
    const first = await fx.platform.files.upload('reports/t/first.png', png)
    const second = await fx.platform.files.upload('reports/t/second.png', png)
    const id = await file('wang', { photos: [first, second] })
    await fx.call('reports', 'zhao', 'follow', { reportId: id })
    const photosSeenBy = async (name: 'reports' | 'handling', openid: string, action: string) =>
      ((await fx.call(name, openid, action, { reportId: id })) as Reply).data.photos.map((p: { fileId: string }) => p.fileId)
    const seen = async () => ({
      reporter: await photosSeenBy('reports', 'wang', 'track'),
      follower: await photosSeenBy('reports', 'zhao', 'track'),
      rep: await photosSeenBy('handling', 'rep_li', 'detail'),
      committee: await photosSeenBy('handling', 'committee_zhang', 'detail'),
    })
    // 刚提交：两张都在检测中（本夹具里结论不会自己推来），别人一张也拿不到。
    const checks = fx.store.db.prepare('SELECT trace_id, file_id, verdict FROM photo_checks').all() as { trace_id: string; file_id: string; verdict: string }[]
    expect(checks.map((c) => c.verdict)).toEqual(['pending', 'pending'])
    expect(await seen()).toEqual({ reporter: [first, second], follower: [], rep: [], committee: [] })
    // 第一张通过：别人看到它；第二张仍在检测中。
    await fx.store.setPhotoVerdict(checks.find((c) => c.file_id === first)?.trace_id ?? '', 'pass')
    expect(await seen()).toEqual({ reporter: [first, second], follower: [first], rep: [first], committee: [first] })
    // 送检过了一小时第二张还没有结论：照常给出。
    const sentAt = (fx.store.db.prepare('SELECT MAX(at) AS at FROM photo_checks').get() as { at: string }).at
    fx.setNow(new Date(Date.parse(sentAt) + 60 * 60 * 1000 + 1).toISOString())
    expect(await seen()).toEqual({ reporter: [first, second], follower: [first, second], rep: [first, second], committee: [first, second] })
  })
})
