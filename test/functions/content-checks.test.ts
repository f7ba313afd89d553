/**
 * 红队复查的四条（内容与存在性）：
 * 2. 台账的文字会进总结、再经【征求意见】公告给居民看：记台账与改台账都过内容检测；起草时从台账抄进总结的每一段文字
 *    （巡查区域、隐患、会议议题与决定、活动名称、沟通事项……）先去掉个人信息，草稿、公告、导出与"数字背后的记录"都一样。
 * 5. 总结发出的【征求意见】/【公示】公告也占发布人每小时 20 条公告的额度；超了答限额，总结的状态不变。
 * 6. 问卷（标题、题目、选项）、接受邀请时填的称呼、小区与楼栋的名称都过内容检测。
 * 10. 总结的起草、存稿、看记录、列表先看成员关系：不存在的小区与别人的小区答同样的拒绝；
 *     对不存在的总结提意见，答得与对不能提意见的总结一样。
 */
import { HOURLY_LIMITS } from '../../src/core/shared/hourlyLimit'
import { BLOCKED_WORD, createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const REFUSED = { code: 'INVALID', message: '内容可能含有不适宜公开的信息（本地词表），请修改后再提交' }
const PERIOD = { kind: 'month', start: '2026-11', end: '2026-11' }
const DRAFT = { communityId: 'c1', buildingCode: null, period: PERIOD, kind: null }
/** 代表式的总结：沟通协调、会议、巡查、活动各有一段。 */
const FULL_DRAFT = { ...DRAFT, kind: 'representative' }

let serial = 0
const rid = (p: string) => `${p}-${String(++serial).padStart(5, '0')}`
const call = (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => fx.call(fn, openid, action, payload) as Promise<Reply>
const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
  const reply = await call(fn, openid, action, payload)
  if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
  return reply.data
}
const addWorkLog = (openid: string, details: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  call('worklog', openid, 'add', {
    requestId: rid('worklog'),
    communityId: 'c1',
    buildingCode: null,
    date: '2026-11-03',
    note: '',
    photos: [],
    reportIds: [],
    details,
    ...over,
  })

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn)
  return []
}

describe('2. 台账的文字', () => {
  const KINDS: Record<string, (bad: string) => Record<string, unknown>> = {
    'inspection.area': (bad) => ({ kind: 'inspection', area: bad, hazards: [] }),
    'inspection.hazards': (bad) => ({ kind: 'inspection', area: '地下车库', hazards: [{ text: bad }] }),
    'meeting.topics': (bad) => ({ kind: 'meeting', type: 'owners_assembly', attendees: 12, topics: bad, decisions: '' }),
    'meeting.decisions': (bad) => ({ kind: 'meeting', type: 'owners_assembly', attendees: 12, topics: '议题', decisions: bad }),
    'activity.name': (bad) => ({ kind: 'activity', name: bad, participants: 20 }),
    'mediation.parties': (bad) => ({ kind: 'mediation', parties: bad, outcome: 'ongoing' }),
    'coordination.counterpart': (bad) => ({ kind: 'coordination', counterpart: bad, subject: '漏水', outcome: '' }),
    'coordination.subject': (bad) => ({ kind: 'coordination', counterpart: '物业', subject: bad, outcome: '' }),
    'coordination.outcome': (bad) => ({ kind: 'coordination', counterpart: '物业', subject: '漏水', outcome: bad }),
  }

  it('记台账：每个文字栏（含备注）里有敏感词都拒收，什么都不存', async () => {
    const bad = `${BLOCKED_WORD}：与住户沟通`
    const cases = [
      ...Object.entries(KINDS).map(([field, make]) => [field, make(bad), {}] as const),
      ['note', { kind: 'volunteer', volunteers: 3, hours: 2 }, { note: bad }] as const,
    ]
    const codes: Record<string, string> = {}
    for (const [field, details, over] of cases) codes[field] = (await addWorkLog('committee_zhang', details, over)).code
    expect(codes).toEqual(Object.fromEntries(cases.map(([field]) => [field, 'INVALID'])))
    expect(await addWorkLog('committee_zhang', KINDS['coordination.subject'](bad))).toMatchObject(REFUSED)
    expect((await fx.store.rawRecords()).workLog).toHaveLength(0)
  })

  it('改台账：改成含敏感词的文字拒收，原来的不变', async () => {
    const added = await ok('worklog', 'committee_zhang', 'add', {
      requestId: rid('worklog'),
      communityId: 'c1',
      buildingCode: null,
      date: '2026-11-03',
      note: '',
      photos: [],
      reportIds: [],
      details: KINDS['coordination.subject']('楼顶漏水'),
    })
    const edit = {
      entryId: added.id,
      buildingCode: null,
      date: '2026-11-03',
      note: '',
      photos: [],
      reportIds: [],
      details: KINDS['coordination.subject'](`${BLOCKED_WORD}漏水`),
    }
    expect(await call('worklog', 'committee_zhang', 'edit', edit)).toMatchObject(REFUSED)
    expect((await fx.store.workLogById(added.id))?.details).toMatchObject({ subject: '楼顶漏水' })
  })

  it('起草时抄进总结的台账文字先去掉个人信息：居民读到的公告、导出的文字、数字背后的记录里都没有', async () => {
    const PERSONAL = ['王秀英', '1502', '13812345678', '5678', '李建国', '0301']
    const entries = [
      { kind: 'coordination', counterpart: '我是住户王秀英', subject: '与2单元1502王秀英（13812345678）沟通漏水', outcome: '已约好时间' },
      { kind: 'activity', name: '联系人李建国 139 0000 0301 组织的义诊', participants: 20 },
      { kind: 'inspection', area: '2单元1502门口', hazards: [{ text: '1502的业主堆放杂物，电话13812345678' }] },
      { kind: 'meeting', type: 'owners_assembly', attendees: 12, topics: '我是王秀英，议漏水', decisions: '' },
    ]
    for (const details of entries)
      await ok('worklog', 'committee_zhang', 'add', {
        requestId: rid('worklog'),
        communityId: 'c1',
        buildingCode: null,
        date: '2026-11-03',
        note: '',
        photos: [],
        reportIds: [],
        details,
      })
    const leaks = (value: unknown) => stringsIn(value).filter((s) => PERSONAL.some((p) => s.includes(p)))

    const draft = await ok('summary', 'committee_zhang', 'draft', FULL_DRAFT)
    const draftText = stringsIn(draft.document).join('\n')
    // 抄进来了（去掉个人信息之后），而不是被整段删掉。
    expect(draftText).toContain('沟通漏水')
    expect(leaks(draft)).toEqual([])
    const saved = await ok('summary', 'committee_zhang', 'save', {
      requestId: rid('save'),
      summaryId: null,
      baseVersion: null,
      draft: FULL_DRAFT,
      title: null,
      edits: [],
    })
    const published = await ok('summary', 'committee_zhang', 'publish', { requestId: rid('publish'), summaryId: saved.id, closesOn: '2026-11-30' })
    const read = await ok('notices', 'stranger_zhao', 'read', { noticeId: published.noticeId, buildingCode: 'CHY2' })
    expect(stringsIn(read).join('\n')).toContain('沟通漏水')
    expect(leaks(read)).toEqual([])
    expect(leaks(await ok('summary', 'committee_zhang', 'export', { summaryId: saved.id, version: null, format: 'text' }))).toEqual([])
    for (const figureId of ['worklog.coordination', 'worklog.activity', 'hazards.found', 'meeting.owners_assembly']) {
      const traced = await ok('summary', 'committee_zhang', 'trace', { summaryId: saved.id, version: null, draft: null, figureId, cursor: null })
      expect(traced.records.length).toBeGreaterThan(0)
      expect(leaks(traced)).toEqual([])
    }
  })
})

describe('5. 总结发出的公告占发布人的公告额度', () => {
  it('一小时已发 20 条公告：征求意见与公示都答限额，总结的状态不变、不多发公告', async () => {
    for (let i = 0; i < HOURLY_LIMITS.notice; i++) {
      await ok('notices', 'committee_zhang', 'publish', {
        requestId: rid('notice'),
        communityId: 'c1',
        target: { scope: 'community' },
        title: `通知 ${i + 1}`,
        body: '请各位居民留意',
        images: [],
        pinned: false,
        expiresOn: null,
      })
    }
    const save = async () =>
      (await ok('summary', 'committee_zhang', 'save', { requestId: rid('save'), summaryId: null, baseVersion: null, draft: DRAFT, title: null, edits: [] }))
        .id as string
    const consulting = await save()
    const finalizing = await save()
    const limited = { code: 'RATE_LIMITED', message: expect.stringContaining('公告') }
    expect(await call('summary', 'committee_zhang', 'publish', { requestId: rid('publish'), summaryId: consulting, closesOn: '2026-11-30' })).toMatchObject(
      limited,
    )
    expect(await call('summary', 'committee_zhang', 'finalize', { requestId: rid('finalize'), summaryId: finalizing })).toMatchObject(limited)
    expect(await fx.store.summaryById(consulting)).toMatchObject({ status: 'draft', noticeId: null, consultUntil: null })
    expect(await fx.store.summaryById(finalizing)).toMatchObject({ status: 'draft', finalizedAt: null, finalNoticeId: null })
    expect((await fx.store.rawRecords()).notices).toHaveLength(HOURLY_LIMITS.notice)
    await fx.expectTalliesMatchRecount()

    // 一小时之后照常：状态与公告都在。
    fx.setNow('2026-11-20T03:00:01.000Z')
    expect((await call('summary', 'committee_zhang', 'publish', { requestId: rid('publish'), summaryId: consulting, closesOn: '2026-11-30' })).code).toBe('OK')
    expect((await call('summary', 'committee_zhang', 'finalize', { requestId: rid('finalize'), summaryId: finalizing })).code).toBe('OK')
    expect(await fx.store.summaryById(consulting)).toMatchObject({ status: 'consulting' })
    expect(await fx.store.summaryById(finalizing)).toMatchObject({ status: 'final', finalNoticeId: expect.any(String) })
    expect((await fx.store.rawRecords()).notices).toHaveLength(HOURLY_LIMITS.notice + 2)
  })
})

describe('6. 问卷、称呼与名称的内容检测', () => {
  const survey = (over: Record<string, unknown>) =>
    call('surveys', 'rep_li', 'create', {
      requestId: rid('survey'),
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY1'] },
      title: '电梯更新意见征集',
      template: null,
      questions: [{ type: 'single', title: '你支持更换电梯吗', required: true, options: ['支持', '不支持'] }],
      opensOn: null,
      closesOn: '2026-11-30',
      minAnswers: 3,
      ...over,
    })

  it('问卷的标题、题目与选项里有敏感词都拒收，什么都不存', async () => {
    const replies = [
      await survey({ title: `${BLOCKED_WORD}意见征集` }),
      await survey({ questions: [{ type: 'text', title: `${BLOCKED_WORD}怎么看`, required: false, options: [] }] }),
      await survey({ questions: [{ type: 'single', title: '你支持吗', required: true, options: ['支持', BLOCKED_WORD] }] }),
    ]
    for (const r of replies) expect(r).toMatchObject(REFUSED)
    expect((await fx.store.rawRecords()).surveys).toHaveLength(0)
    expect((await survey({})).code).toBe('OK')
  })

  it('接受邀请时的称呼、小区名与楼栋名里有敏感词都拒收，什么都不存', async () => {
    const created = await call('admin', 'founder_wu', 'createCommunity', {
      requestId: rid('community'),
      name: `${BLOCKED_WORD}家园`,
      hasPropertyCompany: false,
      oldEstate: true,
    })
    expect(created).toMatchObject(REFUSED)
    expect(await fx.store.communitiesCreatedBy('founder_wu')).toBe(0)

    const community = (
      await ok('admin', 'founder_wu', 'createCommunity', { requestId: rid('community'), name: '新城家园', hasPropertyCompany: false, oldEstate: true })
    ).community.id as string
    expect(
      await call('admin', 'founder_wu', 'updateCommunity', {
        communityId: community,
        name: `${BLOCKED_WORD}小区`,
        hasPropertyCompany: false,
        oldEstate: true,
        overdueHours: { urgent: 24, normal: 72 },
      }),
    ).toMatchObject(REFUSED)
    expect((await fx.store.community(community))?.name).toBe('新城家园')
    expect(
      await call('admin', 'founder_wu', 'saveBuilding', { communityId: community, name: `${BLOCKED_WORD}楼`, households: 10, units: 1, floors: 6 }),
    ).toMatchObject(REFUSED)
    expect(await fx.store.buildingsOfCommunity(community)).toHaveLength(0)
    const overview = await ok('admin', 'founder_wu', 'saveBuilding', { communityId: community, name: '1幢', households: 10, units: 1, floors: 6 })
    const code = overview.buildings[0].code as string
    expect(
      await call('admin', 'founder_wu', 'saveBuilding', {
        communityId: community,
        buildingCode: code,
        name: `${BLOCKED_WORD}楼`,
        households: 10,
        units: 1,
        floors: 6,
      }),
    ).toMatchObject(REFUSED)
    expect((await fx.store.buildingByCode(code))?.name).toBe('1幢')

    const invite = await ok('admin', 'founder_wu', 'invite', { communityId: community, role: 'representative', buildingCode: code })
    expect(await call('account', 'new_rep', 'join', { code: invite.code, name: `${BLOCKED_WORD}老师` })).toMatchObject(REFUSED)
    expect(await fx.store.membershipsOf('new_rep')).toEqual([])
    expect((await fx.store.inviteByCode(invite.code))?.acceptedBy).toBeNull()
    expect((await call('account', 'new_rep', 'join', { code: invite.code, name: '王老师' })).code).toBe('OK')
  })
})

describe('10. 总结的动作不透露存在', () => {
  it('不存在的小区与别人的小区：起草、存稿、看记录、列表答同样的拒绝', async () => {
    const other = (
      await ok('admin', 'founder_wu', 'createCommunity', { requestId: rid('community'), name: '新城家园', hasPropertyCompany: false, oldEstate: true })
    ).community.id as string
    const asked = (communityId: string) => {
      const draft = { communityId, buildingCode: null, period: PERIOD, kind: null }
      return Promise.all([
        call('summary', 'rep_li', 'draft', draft),
        call('summary', 'rep_li', 'save', { requestId: rid('save'), summaryId: null, baseVersion: null, draft, title: null, edits: [] }),
        call('summary', 'rep_li', 'trace', { summaryId: null, version: null, draft, figureId: 'received', cursor: null }),
        call('summary', 'rep_li', 'list', { communityId }),
      ])
    }
    const shape = (replies: Reply[]) => replies.map((r) => `${r.code} ${r.message}`)
    const foreign = shape(await asked(other))
    const missing = shape(await asked('no-such-community'))
    expect(missing).toEqual(foreign)
    for (const line of missing) expect(line).toMatch(/^FORBIDDEN /)
  })

  it('对不存在的总结提意见，答得与对别的楼的总结提意见一样', async () => {
    const saved = await ok('summary', 'rep_chen', 'save', {
      requestId: rid('save'),
      summaryId: null,
      baseVersion: null,
      draft: { communityId: 'c1', buildingCode: 'CHY2', period: PERIOD, kind: null },
      title: null,
      edits: [],
    })
    await ok('summary', 'rep_chen', 'publish', { requestId: rid('publish'), summaryId: saved.id, closesOn: '2026-11-30' })
    const draftOnly = await ok('summary', 'rep_li', 'save', {
      requestId: rid('save'),
      summaryId: null,
      baseVersion: null,
      draft: { communityId: 'c1', buildingCode: 'CHY1', period: PERIOD, kind: null },
      title: null,
      edits: [],
    })
    const comment = (summaryId: string) =>
      call('summary', 'resident_wang', 'comment', { requestId: rid('comment'), summaryId, buildingCode: 'CHY1', text: '建议多巡查地下车库' })
    const shape = (r: Reply) => `${r.code} ${r.message}`
    const foreign = shape(await comment(saved.id))
    expect(shape(await comment('no-such-summary'))).toBe(foreign)
    expect(shape(await comment(draftOnly.id))).toBe(foreign)
    expect((fx.store.db.prepare('SELECT COUNT(*) AS n FROM summary_comments').get() as { n: number }).n).toBe(0)
  })
})
