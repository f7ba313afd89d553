/**
 * 满意度问卷（surveys 函数）：代表按模板发问卷，居民答卷（每人每卷一份：同时的两次提交只存一份，问卷开着时再答是替换），
 * 结果只有合计、不到门槛不显示、环比；代表看到的任何返回里都没有答卷人的身份。统计与从原始记录的重算相同。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts, type AllStorePorts } from '../../server/functions'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { openSqliteStore } from '../../server/storage/sqlite'
import { SATISFACTION_DIMENSIONS } from '../../src/core/shared/catalog'
import { ANSWER_WORDING, formatReadRate, readRateText } from '../../src/core/shared/rates'
import { allParagraphs, renderText } from '../../src/core/summaryDocument'
import { Totals, type TallyBucket } from '../../src/core/tally'
import { seedDirectory } from '../contract/harness'
import { countingIds, memberOf } from '../samples'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

let serial = 0
const rid = (p: string) => `${p}-${String(++serial).padStart(5, '0')}`
const create = (openid: string, over: Record<string, unknown> = {}) =>
  fx.call('surveys', openid, 'create', {
    requestId: rid('survey'),
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '2026 年下半年物业服务满意度调查',
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: '2026-11-30',
    minAnswers: 3,
    ...over,
  }) as Promise<Reply>
/** 七个维度都打 score 分，推荐意愿 nps 分。 */
const values = (score: number, nps: number, text = '') => ({
  ...Object.fromEntries(SATISFACTION_DIMENSIONS.map((_, i) => [`q${i + 1}`, score])),
  q8: nps,
  ...(text ? { q9: text } : {}),
})
const answer = (openid: string, surveyId: string, v: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  fx.call('surveys', openid, 'answer', { surveyId, buildingCode: 'CHY1', requestId: rid('answer'), unit: '', room: '', values: v, ...over }) as Promise<Reply>
const results = async (openid: string, surveyId: string) => (await fx.call('surveys', openid, 'results', { surveyId })) as Reply

describe('答卷', () => {
  it('同一居民同时交两份（不同请求编号）：只存一份；同一请求编号的重试答同样的结果；问卷开着时再答是替换', async () => {
    const s = (await create('rep_li')).data
    const [a, b] = await Promise.all([answer('wang', s.id, values(4, 9)), answer('wang', s.id, values(2, 3))])
    expect([a.code, b.code]).toEqual(['OK', 'OK'])
    expect(await fx.store.answersOf(s.id)).toHaveLength(1)
    const retryId = 'answer-retry-001'
    await answer('wang', s.id, values(5, 10), { requestId: retryId })
    expect((await answer('wang', s.id, values(5, 10), { requestId: retryId })).data).toEqual({ replaced: false })
    const stored = await fx.store.answersOf(s.id)
    expect(stored.map((x) => x.values.q7)).toEqual([5])
    expect(new Totals(await fx.store.allBuckets(), ['2026-11']).count('survey.respondents')).toBe(1)
    await fx.expectTalliesMatchRecount()
  })

  it('问卷没开始、已结束、不面向这栋楼、答卷不合这份问卷：中文原因，什么都不存', async () => {
    const later = (await create('rep_li', { opensOn: '2026-11-25' })).data
    expect(await answer('wang', later.id, values(4, 9))).toMatchObject({ code: 'INVALID', message: '问卷还没开始' })
    const s = (await create('rep_li')).data
    expect(await answer('wang', s.id, { ...values(4, 9), q3: 7 })).toMatchObject({ code: 'INVALID', message: '第 3 题请打 1 到 5 分' })
    expect(await answer('zhao', s.id, values(4, 9), { buildingCode: 'CHY2' })).toMatchObject({ code: 'NOT_FOUND' })
    await fx.call('surveys', 'rep_li', 'close', { surveyId: s.id })
    expect(await answer('wang', s.id, values(4, 9))).toMatchObject({ code: 'INVALID', message: '问卷已经结束，谢谢关注' })
    expect(await fx.store.answersOf(s.id)).toEqual([])
    await fx.expectTalliesMatchRecount()
  })

  it('居民看到本楼开着的问卷与自己是否答过；打开表单时带着自己上次的答卷', async () => {
    const s = (await create('rep_li')).data
    expect(((await fx.call('surveys', 'wang', 'open', { buildingCode: 'CHY1' })) as Reply).data.items).toEqual([
      expect.objectContaining({ id: s.id, answered: false, questionCount: 9 }),
    ])
    expect(((await fx.call('surveys', 'zhao', 'open', { buildingCode: 'CHY2' })) as Reply).data.items).toEqual([])
    await answer('wang', s.id, values(4, 9, '楼道灯希望换成感应的'), { unit: '2', room: '702' })
    expect(((await fx.call('surveys', 'wang', 'open', { buildingCode: 'CHY1' })) as Reply).data.items[0].answered).toBe(true)
    const form = ((await fx.call('surveys', 'wang', 'form', { surveyId: s.id, buildingCode: 'CHY1' })) as Reply).data
    expect(form).toMatchObject({ status: 'open', mine: { unit: '2', room: '702', values: { q9: '楼道灯希望换成感应的' } } })
  })
})

describe('结果', () => {
  it('不到 3 份不显示；开着时只有份数；结束后出现均分与 NPS；代表看到的返回里没有任何答卷人的身份', async () => {
    const s = (await create('rep_li')).data
    await answer('o_res_a', s.id, values(5, 10, '保洁很及时'))
    await answer('o_res_b', s.id, values(4, 8))
    expect((await results('rep_li', s.id)).data.results).toMatchObject({ hidden: true, questions: null, respondents: 2 })
    await answer('o_res_c', s.id, values(3, 4, '停车位太少'))
    expect((await results('rep_li', s.id)).data.results).toMatchObject({ hidden: false, scoresReleased: false, questions: null, respondents: 3 })
    await fx.call('surveys', 'rep_li', 'close', { surveyId: s.id })
    const r = (await results('rep_li', s.id)).data
    expect(r.results.hidden).toBe(false)
    expect(r.results.questions.find((q: { id: string }) => q.id === 'q7')).toMatchObject({ count: 3, mean: 4, distribution: [0, 0, 1, 1, 1] })
    expect(r.results.questions.find((q: { type: string }) => q.type === 'nps')).toMatchObject({ promoters: 1, passives: 1, detractors: 1, nps: 0 })
    expect(r.results.buildings).toEqual([expect.objectContaining({ buildingCode: 'CHY1', respondents: 3, hidden: false })])
    for (const action of ['results', 'managed', 'close'] as const) {
      const reply = (await fx.call('surveys', 'committee_zhang', action, action === 'managed' ? { communityId: 'c1' } : { surveyId: s.id })) as Reply
      expect(JSON.stringify(reply.data)).not.toMatch(/o_res_|wang/)
    }
    expect(await results('rep_chen', s.id)).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('环比：同一模板的上一次问卷，各维度均分与 NPS 的变化', async () => {
    fx.setNow('2026-05-10T02:00:00.000Z')
    const before = (await create('committee_zhang', { target: { scope: 'community' }, title: '上半年满意度', closesOn: '2026-05-31' })).data
    for (const [who, score] of [
      ['a1', 3],
      ['a2', 3],
      ['a3', 2],
    ] as const)
      await answer(who, before.id, values(score, 6))
    fx.setNow('2026-11-10T02:00:00.000Z')
    const now = (await create('committee_zhang', { target: { scope: 'community' }, title: '下半年满意度', closesOn: '2026-11-30' })).data
    for (const [who, score] of [
      ['a1', 4],
      ['a2', 4],
      ['a4', 5],
    ] as const)
      await answer(who, now.id, values(score, 9))
    // 环比也是从分数算的：这次结束之前不给。
    expect((await results('committee_zhang', now.id)).data.comparison).toBeNull()
    await fx.call('surveys', 'committee_zhang', 'close', { surveyId: now.id })
    const cmp = (await results('committee_zhang', now.id)).data.comparison
    expect(cmp.previousTitle).toBe('上半年满意度')
    expect(cmp.dimensions.find((d: { dimension: string }) => d.dimension === 'overall')).toEqual({
      dimension: 'overall',
      label: '总体',
      current: 4.3,
      previous: 2.7,
      change: 1.6,
    })
    expect(cmp.nps).toEqual({ current: 100, previous: -100, change: 200 })
    await fx.expectTalliesMatchRecount()
  })

  it('环比只比同样的楼：上一次面向全小区，这次只问 1号楼，比的是 1号楼 在上一次的答卷', async () => {
    fx.setNow('2026-05-10T02:00:00.000Z')
    const before = (await create('committee_zhang', { target: { scope: 'community' }, title: '上半年满意度', closesOn: '2026-05-31' })).data
    // 1号楼 三份 2 分；2号楼 三份 5 分。全小区均分 3.5，1号楼 2.0。
    for (const who of ['b1', 'b2', 'b3']) await answer(who, before.id, values(2, 6))
    for (const who of ['c1', 'c2', 'c3']) await answer(who, before.id, values(5, 10), { buildingCode: 'CHY2' })
    fx.setNow('2026-11-10T02:00:00.000Z')
    const now = (await create('rep_li', { closesOn: '2026-11-30' })).data
    for (const who of ['b1', 'b2', 'b4']) await answer(who, now.id, values(3, 9))
    await fx.call('surveys', 'rep_li', 'close', { surveyId: now.id })
    const cmp = (await results('rep_li', now.id)).data.comparison
    expect(cmp.previousReleased).toBe(true)
    expect(cmp.dimensions.find((d: { dimension: string }) => d.dimension === 'overall')).toEqual({
      dimension: 'overall',
      label: '总体',
      current: 3,
      previous: 2,
      change: 1,
    })
    expect(cmp.nps).toEqual({ current: 100, previous: -100, change: 200 })
  })

  it('环比只用上一次公布了的格子：上一次 1号楼 只有 2 份（不公布），这次只问 1号楼，上一次那一边为空、不比较', async () => {
    fx.setNow('2026-05-10T02:00:00.000Z')
    const before = (await create('committee_zhang', { target: { scope: 'community' }, title: '上半年满意度', closesOn: '2026-05-31' })).data
    for (const who of ['b1', 'b2']) await answer(who, before.id, values(2, 6))
    for (const who of ['c1', 'c2', 'c3', 'c4']) await answer(who, before.id, values(5, 10), { buildingCode: 'CHY2' })
    fx.setNow('2026-11-10T02:00:00.000Z')
    const now = (await create('rep_li', { closesOn: '2026-11-30' })).data
    for (const who of ['b1', 'b2', 'b4']) await answer(who, now.id, values(3, 9))
    await fx.call('surveys', 'rep_li', 'close', { surveyId: now.id })
    const cmp = (await results('rep_li', now.id)).data.comparison
    expect(cmp.previousReleased).toBe(false)
    expect(cmp.dimensions.find((d: { dimension: string }) => d.dimension === 'overall')).toEqual({
      dimension: 'overall',
      label: '总体',
      current: 3,
      previous: null,
      change: null,
    })
    expect(cmp.nps).toEqual({ current: 100, previous: null, change: null })
  })

  it('代表只能面向自己的楼发问卷；整个小区要业委会；自建问卷按题型核对', async () => {
    expect(await create('rep_li', { target: { scope: 'buildings', buildingCodes: ['CHY2'] } })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await create('rep_li', { target: { scope: 'community' } })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await create('wang')).toMatchObject({ code: 'FORBIDDEN' })
    const custom = await create('rep_li', {
      template: null,
      title: '电梯加装意向',
      questions: [
        { type: 'single', title: '您是否支持加装电梯？', required: true, options: ['支持', '不支持', '无所谓'] },
        { type: 'text', title: '其他意见', required: false, options: [] },
      ],
    })
    expect(custom.code).toBe('OK')
    expect(await answer('wang', custom.data.id, { q1: 3 })).toMatchObject({ code: 'INVALID', message: '第 1 题请选一个选项' })
    expect((await answer('wang', custom.data.id, { q1: 0, q2: '希望补贴' })).code).toBe('OK')
    expect(await create('rep_li', { template: null, questions: [] })).toMatchObject({ code: 'INVALID' })
    await fx.expectTalliesMatchRecount()
  })
})

/**
 * 同一居民同时交的几份答卷经真实的 surveys 函数，分别落在两种存储上：只存一份。
 * 云开发那一份走真 wx-server-sdk（请求层接进程内执行器），并发的第一次插入在执行器里真的冲突。
 */
describe('答卷率：收到的答卷多于户数（一户几个人答）', () => {
  it('24 户的楼收到 30 份：问卷列表、结果（合计与按楼）、总结里的百分比最多 100，文字写收到的份数与户数', async () => {
    await fx.store.saveBuilding({ id: 'b3', communityId: 'c1', code: 'CHY3', name: '3号楼', households: 24, units: 2, floors: 6 })
    const s = (await create('committee_zhang', { target: { scope: 'buildings', buildingCodes: ['CHY3'] } })).data
    for (let i = 0; i < 30; i++) expect((await answer(`fresh_${String(i).padStart(2, '0')}`, s.id, values(4, 8), { buildingCode: 'CHY3' })).code).toBe('OK')

    const listed = ((await fx.call('surveys', 'committee_zhang', 'managed', { communityId: 'c1' })) as Reply).data.items.find(
      (x: { id: string }) => x.id === s.id,
    )
    expect(listed.responseRate).toMatchObject({ numerator: 30, denominator: 24, percent: 100 })
    // 问卷列表与结果页的文字（页面用同一个函数）。
    expect(readRateText(listed.responseRate, ANSWER_WORDING)).toBe('收到 30 份（超过 24 户，一户可能多人答）')

    const r = (await results('committee_zhang', s.id)).data.results
    expect(r.responseRate).toMatchObject({ numerator: 30, denominator: 24, percent: 100 })
    expect(r.buildings[0].responseRate).toMatchObject({ numerator: 30, denominator: 24, percent: 100 })

    // 结束之后总结里才说问卷的分项（分数放出）；物业服务总结有"满意度调查"一段，段落里有答卷率。
    expect(((await fx.call('surveys', 'committee_zhang', 'close', { surveyId: s.id })) as Reply).code).toBe('OK')
    const draft = (
      (await fx.call('summary', 'committee_zhang', 'draft', {
        communityId: 'c1',
        buildingCode: 'CHY3',
        period: { kind: 'month', start: '2026-11', end: '2026-11' },
        kind: 'property',
      })) as Reply
    ).data
    const figure = draft.document.figures['survey.responseRate']
    expect(figure.value).toBe(100)
    expect(figure.display).toBe('收到 30 份（超过应答的 24 户次，一户可能多人答）')
    expect(formatReadRate('问卷答卷率', figure.rate, true, ANSWER_WORDING)).toBe('问卷答卷率 收到 30 份（超过应答的 24 户次，一户可能多人答）')
    const text = allParagraphs(draft.document)
      .map((p) => renderText(p.text, draft.document.figures))
      .join('\n')
    expect(text).toContain('答卷率收到 30 份（超过应答的 24 户次，一户可能多人答）')
    expect(text).not.toMatch(/1[0-9]{2}%/)
  })
})

describe('同时交的答卷只存一份：两种存储', () => {
  const adapters: [string, () => Promise<{ store: AllStorePorts; dispose: () => void }>][] = [
    [
      'SQLite',
      async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'loushi-survey-'))
        const store = openSqliteStore(path.join(dir, 's.db'))
        return { store, dispose: () => (store.close(), rmSync(dir, { recursive: true, force: true })) }
      },
    ],
    [
      '云开发',
      async () => {
        const h = openCloudbaseHarness()
        return { store: createCloudbaseStore(h.db, { backoff: () => 1 }), dispose: h.dispose }
      },
    ],
  ]

  it.each(adapters)('%s：四份同时提交（不同请求编号）：成功的答 OK、输掉的答冲突（中文），库里只有这个人的一份，统计只计一人', async (_name, open) => {
    const { store, dispose } = await open()
    try {
      await seedDirectory(store)
      await store.addMember(memberOf('rep_li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
      const fns = createFunctions({
        ...storePorts(store),
        clock: { now: () => '2026-11-20T02:00:00.000Z' },
        ids: countingIds('s'),
        platform: createLocalPlatform({ dataDir: tmpdir(), publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false }),
        logger: createTextLogger(() => undefined),
      })
      const created = (await fns.surveys(
        {
          action: 'create',
          payload: {
            requestId: 'survey-both-01',
            communityId: 'c1',
            target: { scope: 'buildings', buildingCodes: ['CHY1'] },
            title: '满意度',
            template: 'property_satisfaction',
            questions: [],
            opensOn: null,
            closesOn: '2026-11-30',
            minAnswers: 3,
          },
        },
        { openid: 'rep_li' },
      )) as Reply
      const replies = (await Promise.all(
        [5, 4, 3, 2].map((score, i) =>
          fns.surveys(
            {
              action: 'answer',
              payload: { surveyId: created.data.id, buildingCode: 'CHY1', requestId: `answer-both-0${i}`, unit: '', room: '', values: values(score, 9) },
            },
            { openid: 'wang' },
          ),
        ),
      )) as Reply[]
      expect(replies.some((r) => r.code === 'OK')).toBe(true)
      for (const r of replies) if (r.code !== 'OK') expect(r).toMatchObject({ code: 'CONFLICT', message: '刚刚有另一份答卷同时提交，请刷新后再试' })
      const stored = await store.answersOf(created.data.id)
      expect(stored.map((a) => a.openid)).toEqual(['wang'])
      const buckets = await (store as AllStorePorts & { allBuckets(): Promise<TallyBucket[]> }).allBuckets()
      expect(new Totals(buckets, ['2026-11']).count('survey.respondents')).toBe(1)
      expect(new Totals(buckets, ['2026-11']).measure('survey.dimension.overall')).toEqual({ count: 1, sum: stored[0].values.q7 })
    } finally {
      dispose()
    }
  })
})

describe('问卷列表不被挤满', () => {
  const open = async (openid = 'wang', buildingCode = 'CHY1') =>
    ((await fx.call('surveys', openid, 'open', { buildingCode })) as Reply).data.items as { id: string }[]

  it('每栋楼最多 5 份没结束的问卷（开着的与没开始的）：代表发了 5 份后第 6 份被拒，业委会的全小区问卷照样出现在居民那里、照样能发；结束一份后又能发', async () => {
    const committee = (await create('committee_zhang', { target: { scope: 'community' }, title: '业委会：全小区满意度' })).data
    const mine: string[] = []
    for (let i = 1; i <= 4; i++) mine.push((await create('rep_li', { title: `代表问卷 ${i}` })).data.id)
    // 没开始的也算。
    mine.push((await create('rep_li', { title: '下周开始的问卷', opensOn: '2026-11-25' })).data.id)
    const sixth = await create('rep_li', { title: '第 6 份' })
    expect(sixth).toMatchObject({ code: 'RATE_LIMITED', message: '本楼已有 5 份问卷还没结束，请先结束不用的' })
    expect((await fx.store.surveys({ communityId: 'c1' }, 50)).length).toBe(6)
    expect((await open()).map((s) => s.id).sort()).toEqual([committee.id, ...mine.slice(0, 4)].sort())
    // 面向整个小区的另算：代表发满了本楼，业委会照样能发；全小区的也至多 5 份。
    for (let i = 2; i <= 5; i++) expect((await create('committee_zhang', { target: { scope: 'community' }, title: `全小区问卷 ${i}` })).code).toBe('OK')
    expect(await create('committee_zhang', { target: { scope: 'community' } })).toMatchObject({
      code: 'RATE_LIMITED',
      message: '全小区已有 5 份问卷还没结束，请先结束不用的',
    })
    expect(await open()).toHaveLength(9)
    // 别的楼不受影响。
    expect((await create('rep_chen', { target: { scope: 'buildings', buildingCodes: ['CHY2'] } })).code).toBe('OK')

    await fx.call('surveys', 'rep_li', 'close', { surveyId: mine[0] })
    expect((await create('rep_li', { title: '结束一份后的新问卷' })).code).toBe('OK')
  })

  it('居民看到本楼全部开着的问卷：库里已有的超过一页（规则之前的数据）也一份不少', async () => {
    const first = (await create('rep_li')).data
    const stored = (await fx.store.surveyById(first.id))!
    for (let i = 2; i <= 25; i++) {
      await fx.store.insertSurvey(
        {
          ...stored,
          id: `old-survey-${String(i).padStart(2, '0')}`,
          requestId: `old-survey-${i}`,
          createdAt: new Date(Date.parse(stored.createdAt) - i * 1000).toISOString(),
        },
        [],
      )
    }
    expect(await open()).toHaveLength(25)
  })

  it('代表的问卷列表按页取（加载更多）：22 份分两页，不丢不重', async () => {
    const all: string[] = []
    for (let i = 0; i < 22; i++) {
      fx.setNow(new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 1000).toISOString())
      const s = (await create('rep_li', { title: `问卷 ${i}` })).data
      all.push(s.id)
      await fx.call('surveys', 'rep_li', 'close', { surveyId: s.id })
    }
    const page1 = ((await fx.call('surveys', 'rep_li', 'managed', { communityId: 'c1' })) as Reply).data
    expect(page1.items).toHaveLength(20)
    expect(page1.nextCursor).toEqual(expect.any(String))
    const page2 = (await fx.call('surveys', 'rep_li', 'managed', { communityId: 'c1', cursor: page1.nextCursor })) as Reply
    expect(page2.code).toBe('OK')
    expect(page2.data.nextCursor).toBeNull()
    const seen = [...page1.items, ...page2.data.items].map((s: { id: string }) => s.id)
    expect(seen).toEqual([...all].reverse())
    expect(await fx.call('surveys', 'rep_li', 'managed', { communityId: 'c1', cursor: 'junk' })).toMatchObject({ code: 'INVALID' })
  })
})
