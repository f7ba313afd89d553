/**
 * 代表记工作台账（worklog 函数）：六种台账、巡查隐患的整改、编辑与删除、权限与范围、并发修改；
 * 统计按事情发生的月份（整改按整改月）记，与从原始记录的重算相同。
 */
import { Totals } from '../../src/core/tally'
import { createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

let serial = 0
const add = (openid: string, details: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  fx.call('worklog', openid, 'add', {
    requestId: `worklog-${String(++serial).padStart(4, '0')}`,
    communityId: 'c1',
    buildingCode: 'CHY1',
    date: '2026-11-03',
    note: '',
    photos: [],
    reportIds: [],
    details,
    ...over,
  }) as Promise<Reply>
const INSPECTION = { kind: 'inspection', area: '地下车库与消防通道', hazards: [{ text: '消防通道堆放杂物' }, { text: '2单元应急灯不亮' }] }
const totals = async (month: string) => new Totals(await fx.store.allBuckets(), [month])
const list = (openid: string, over: Record<string, unknown> = {}) => fx.call('worklog', openid, 'list', { communityId: 'c1', ...over }) as Promise<Reply>

describe('巡查与隐患', () => {
  it('记一次巡查、两处隐患；12 月整改一处：11 月发现 2、12 月整改 1，未整改 1；重试同一日期答同样的结果', async () => {
    const added = await add('rep_li', INSPECTION)
    expect(added.code).toBe('OK')
    expect(added.data).toMatchObject({
      kind: 'inspection',
      buildingCode: 'CHY1',
      signedAs: '1号楼业主代表',
      canEdit: true,
      details: {
        hazards: [
          { id: 'h1', fixedOn: null },
          { id: 'h2', fixedOn: null },
        ],
      },
    })
    expect((await list('rep_li')).data.openHazards).toBe(2)

    fx.setNow('2026-12-02T02:00:00.000Z')
    const fixed = (await fx.call('worklog', 'rep_li', 'fixHazard', { entryId: added.data.id, hazardId: 'h1', fixedOn: '2026-12-02' })) as Reply
    expect(fixed.data.details.hazards).toEqual([
      expect.objectContaining({ id: 'h1', fixedOn: '2026-12-02' }),
      expect.objectContaining({ id: 'h2', fixedOn: null }),
    ])
    expect((await fx.call('worklog', 'rep_li', 'fixHazard', { entryId: added.data.id, hazardId: 'h1', fixedOn: '2026-12-02' })) as Reply).toMatchObject({
      code: 'OK',
    })
    expect(await fx.call('worklog', 'rep_li', 'fixHazard', { entryId: added.data.id, hazardId: 'h1', fixedOn: '2026-12-01' })).toMatchObject({
      code: 'INVALID',
    })
    expect(await fx.call('worklog', 'rep_li', 'fixHazard', { entryId: added.data.id, hazardId: 'h2', fixedOn: '2026-11-01' })).toMatchObject({
      code: 'INVALID',
      message: '整改日期：应在巡查日期与今天之间',
    })
    expect(await fx.call('worklog', 'rep_li', 'fixHazard', { entryId: added.data.id, hazardId: 'h9', fixedOn: '2026-12-01' })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await list('rep_li')).data.openHazards).toBe(1)

    const nov = await totals('2026-11')
    const dec = await totals('2026-12')
    expect([
      nov.count('worklog.entry.inspection'),
      nov.count('worklog.hazard.found'),
      nov.count('worklog.hazard.fixed'),
      dec.count('worklog.hazard.fixed'),
    ]).toEqual([1, 2, 0, 1])
    await fx.expectTalliesMatchRecount()
  })
})

describe('六种台账与范围', () => {
  it('每种都能记；整个小区的会议要业委会；代表不能记别的楼', async () => {
    const kinds = [
      { kind: 'activity', name: '重阳节敬老活动', participants: 46 },
      { kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'ongoing' },
      { kind: 'volunteer', volunteers: 8, hours: 2.5 },
      { kind: 'coordination', counterpart: '物业公司', subject: '电梯年检延期', outcome: '物业承诺月底前完成' },
    ]
    for (const details of kinds) expect((await add('rep_li', details)).code).toBe('OK')
    const meeting = { kind: 'meeting', type: 'joint', attendees: 12, topics: '加装电梯意见征集', decisions: '下月召开业主大会' }
    expect(await add('rep_li', meeting, { buildingCode: null })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await add('rep_li', meeting, { buildingCode: 'CHY2' })).toMatchObject({ code: 'FORBIDDEN', message: '你不负责这栋楼，不能为它记台账' })
    expect(await add('o_visitor', meeting)).toMatchObject({ code: 'FORBIDDEN' })
    const whole = await add('committee_zhang', meeting, { buildingCode: null })
    expect(whole.data).toMatchObject({ buildingCode: null, buildingName: '全小区', signedAs: '业委会' })

    const nov = await totals('2026-11')
    expect(nov.measure('worklog.activity.participants')).toEqual({ count: 1, sum: 46 })
    expect(nov.measure('worklog.volunteer.minutes')).toEqual({ count: 1, sum: 150 })
    expect(nov.measure('worklog.meeting.joint')).toEqual({ count: 1, sum: 12 })
    // 代表看得到自己楼的和全小区的；2 号楼代表看不到 1 号楼的。
    expect((await list('rep_li')).data.items).toHaveLength(5)
    expect((await list('rep_chen')).data.items.map((i: { buildingCode: string | null }) => i.buildingCode)).toEqual([null])
    expect(await fx.call('worklog', 'rep_chen', 'detail', { entryId: (await list('rep_li', { buildingCode: 'CHY1' })).data.items[0].id })).toMatchObject({
      code: 'FORBIDDEN',
    })
    await fx.expectTalliesMatchRecount()
  })

  it('日期不能在将来、也不能太久以前；关联的报事要在自己负责的楼；同一请求重试只记一条', async () => {
    expect(await add('rep_li', INSPECTION, { date: '2026-11-21' })).toMatchObject({ code: 'INVALID', message: '日期：不能是将来的日子' })
    expect(await add('rep_li', INSPECTION, { date: '2024-01-01' })).toMatchObject({ code: 'INVALID' })
    const other = await fx.file('zhao', { buildingCode: 'CHY2' })
    expect(await add('rep_li', INSPECTION, { reportIds: [other] })).toMatchObject({ code: 'INVALID', message: '关联报事：只能关联你负责的楼栋里的报事' })
    const mine = await fx.file('wang')
    const linked = await add('rep_li', INSPECTION, { reportIds: [mine], requestId: 'wl-same-1' })
    expect(linked.data.reports).toEqual([expect.objectContaining({ id: mine, status: 'pending' })])
    expect((await add('rep_li', INSPECTION, { reportIds: [mine], requestId: 'wl-same-1' })).data.id).toBe(linked.data.id)
    expect((await list('rep_li')).data.items).toHaveLength(1)
    await fx.expectTalliesMatchRecount()
  })
})

describe('编辑与删除', () => {
  it('调解从进行中改为成功：统计跟着改；种类不能改；别楼代表不能改，业委会可以', async () => {
    const entry = (await add('rep_li', { kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'ongoing' })).data
    const edit = (openid: string, details: Record<string, unknown>) =>
      fx.call('worklog', openid, 'edit', {
        entryId: entry.id,
        buildingCode: 'CHY1',
        date: '2026-11-03',
        note: '第二次上门',
        photos: [],
        reportIds: [],
        details,
      }) as Promise<Reply>
    expect((await edit('rep_li', { kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'success' })).data.details.outcome).toBe('success')
    expect(await edit('rep_li', { kind: 'activity', name: '改成活动', participants: 3 })).toMatchObject({
      code: 'INVALID',
      message: '台账种类不能修改；请删掉这条再记一条',
    })
    expect(await edit('rep_chen', { kind: 'mediation', parties: '两户邻居', outcome: 'failed' })).toMatchObject({ code: 'FORBIDDEN' })
    expect((await edit('committee_zhang', { kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'failed' })).code).toBe('OK')
    const nov = await totals('2026-11')
    expect([nov.count('worklog.mediation.ongoing'), nov.count('worklog.mediation.success'), nov.count('worklog.mediation.failed')]).toEqual([0, 0, 1])
    await fx.expectTalliesMatchRecount()
  })

  it('同一毫秒的两次修改：一次生效，另一次答冲突', async () => {
    const entry = (await add('rep_li', INSPECTION)).data
    const replies = (await Promise.all(
      ['h1', 'h2'].map((hazardId) => fx.call('worklog', 'rep_li', 'fixHazard', { entryId: entry.id, hazardId, fixedOn: '2026-11-20' })),
    )) as Reply[]
    expect(replies.map((r) => r.code).sort()).toEqual(['CONFLICT', 'OK'])
    const stored = await fx.store.workLogById(entry.id)
    expect(stored?.details.kind === 'inspection' && stored.details.hazards.filter((h) => h.fixedOn).length).toBe(1)
    await fx.expectTalliesMatchRecount()
  })

  it('删除：不再显示、不再计数，记录留着；重试答已删除', async () => {
    const entry = (await add('rep_li', INSPECTION)).data
    expect(((await fx.call('worklog', 'rep_li', 'remove', { entryId: entry.id })) as Reply).data).toEqual({ removed: true })
    expect(((await fx.call('worklog', 'rep_li', 'remove', { entryId: entry.id })) as Reply).data).toEqual({ removed: true })
    expect((await list('rep_li')).data.items).toEqual([])
    expect((await totals('2026-11')).count('worklog.hazard.found')).toBe(0)
    expect((await fx.store.workLogById(entry.id))?.removedAt).toBeTruthy()
    expect(await fx.call('worklog', 'rep_li', 'detail', { entryId: entry.id })).toMatchObject({ code: 'NOT_FOUND' })
    await fx.expectTalliesMatchRecount()
  })
})
