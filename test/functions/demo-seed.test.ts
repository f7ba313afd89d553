/**
 * 演示数据的第二个小区"槐树里小区"：无物业的老旧小区，经管理函数建成；四栋六层无电梯的楼没有电梯类报事；
 * 成员经邀请加入；一年半的报事、台账、公告、问卷都走真实的云函数，统计桶与从原始记录的重算逐桶一致；
 * 春晖苑的数据不因多种了一个小区而变；两种相关的总结在这份数据上说得通。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_COMMUNITY, DEMO_IDENTITIES, seedDemo, type SeedSummary } from '../../server/host/seed'
import { OLD_ESTATE_BUILDING_CODES, OLD_ESTATE_NAME } from '../../server/host/seedOldEstate'
import { PLAUSIBLE_LOCATIONS } from '../../server/host/seedLocations'
import type { CategoryId } from '../../src/core/shared/catalog'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import type { Building } from '../../src/core/directory'
import { recountAll } from '../../src/core/recount'
import { allParagraphs, render, type SummaryKind } from '../../src/core/summaryDocument'
import { defaultKind, draftSummary, periodMonths } from '../../src/core/summary'
import { buildingScope, communityScope, Totals } from '../../src/core/tally'

const NOW = '2026-11-20T02:00:00.000Z'

describe('演示数据：第二个小区槐树里小区（无物业、老旧小区）', () => {
  let dir: string
  let store: SqliteStore
  let seeded: SeedSummary
  let oldEstateId: string
  let buildings: Building[]
  let records: Awaited<ReturnType<SqliteStore['rawRecords']>>
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'loushi-demo-seed-'))
    store = openSqliteStore(path.join(dir, 'seed.db'))
    seeded = await seedDemo(store, { now: NOW })
    // 小区 id 是建小区时服务端随机生成的：从种子的答复里读。
    oldEstateId = seeded.oldEstate!.communityId
    buildings = await store.buildingsOfCommunity(oldEstateId)
    records = await store.rawRecords()
  })
  afterAll(() => {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const ofSecond = <T extends { buildingId: string }>(xs: readonly T[]) => xs.filter((x) => buildings.some((b) => b.id === x.buildingId))

  it('小区没有物业、是老旧小区；四栋六层的楼，每栋 36–72 户，楼栋码 HSL1–HSL4', async () => {
    const community = await store.community(oldEstateId)
    expect(community).toMatchObject({ name: OLD_ESTATE_NAME, hasPropertyCompany: false, oldEstate: true })
    expect(buildings.map((b) => b.code).sort()).toEqual([...OLD_ESTATE_BUILDING_CODES])
    for (const b of buildings) {
      expect(b.floors).toBe(6)
      expect(b.households).toBeGreaterThanOrEqual(36)
      expect(b.households).toBeLessThanOrEqual(72)
    }
    expect(defaultKind(community!, 'committee', 'residents_committee')).toBe('noProperty')
  })

  it('成员：管理员周敏建的小区，志愿代表管 1、2号楼，居委会委员看全部；新身份在身份切换条里、属于这个小区', async () => {
    const members = await store.membersOf(oldEstateId)
    const codeOf = (id: string | null) => buildings.find((b) => b.id === id)?.code ?? null
    const rep3 = DEMO_IDENTITIES.find((i) => i.key === 'rep3')!
    const committee2 = DEMO_IDENTITIES.find((i) => i.key === 'committee2')!
    expect([rep3, committee2].map((i) => i.community)).toEqual(['oldEstate', 'oldEstate'])
    expect(members.filter((m) => m.openid === 'demo_admin_zhou').map((m) => m.role)).toEqual(['admin'])
    // 管理员周敏的身份里找得到这个小区（建小区的那一次让他成为管理员）。
    const zhou = await store.membershipsOf('demo_admin_zhou')
    expect(
      zhou
        .filter((m) => m.role === 'admin')
        .map((m) => m.communityId)
        .sort(),
    ).toEqual([DEMO_COMMUNITY.id, oldEstateId].sort())
    expect(members.filter((m) => m.openid === rep3.openid).map((m) => [m.role, codeOf(m.buildingId), m.name])).toEqual([
      ['representative', 'HSL1', rep3.name],
      ['representative', 'HSL2', rep3.name],
    ])
    expect(members.filter((m) => m.openid === committee2.openid).map((m) => [m.role, m.body, m.name])).toEqual([
      ['committee', 'residents_committee', committee2.name],
    ])
    // 春晖苑的成员里没有槐树里的身份。
    const chunhui = await store.membersOf(DEMO_COMMUNITY.id)
    expect(chunhui.some((m) => [rep3.openid, committee2.openid].includes(m.openid))).toBe(false)
    expect(new Set(DEMO_IDENTITIES.map((i) => i.key)).size).toBe(DEMO_IDENTITIES.length)
  })

  it('统计桶与从原始记录的重算逐桶一致（两个小区一起）', async () => {
    expect(await store.allBuckets()).toEqual(recountAll(records))
  })

  it('没有电梯：各楼的报事里没有电梯类、没有"电梯轿厢"，也没有物业服务类', () => {
    const reports = ofSecond(records.reports)
    expect(reports).toHaveLength(seeded.oldEstate!.reports)
    for (const b of buildings) {
      const own = reports.filter((r) => r.buildingId === b.id)
      expect(own.length).toBeGreaterThan(30)
      expect(own.filter((r) => r.category === 'elevator' || r.category === 'service')).toEqual([])
      expect(own.filter((r) => r.location.scope === 'public' && r.location.area === '电梯轿厢')).toEqual([])
    }
  })

  it('两个小区的每条报事，位置都合它的分类（停车不在外墙/门窗，电梯不在住户家中……）', () => {
    const whereOf = (r: (typeof records.reports)[number]) => (r.location.scope === 'public' ? r.location.area : '住户家中')
    // 独立于种子的表：一眼就不对的组合，逐条列出。
    const implausible: Partial<Record<CategoryId, string[]>> = {
      parking: ['外墙/门窗', '天台/屋面', '电梯轿厢', '楼道/楼梯间', '住户家中'],
      elevator: ['外墙/门窗', '天台/屋面', '楼栋周边', '地下车库', '住户家中'],
      greenery: ['外墙/门窗', '天台/屋面', '电梯轿厢', '楼道/楼梯间', '大堂', '住户家中'],
      sanitation: ['外墙/门窗', '电梯轿厢', '住户家中'],
      fire: ['外墙/门窗', '电梯轿厢', '住户家中'],
      security: ['外墙/门窗', '天台/屋面', '住户家中'],
      noise: ['外墙/门窗', '天台/屋面', '电梯轿厢', '地下车库'],
    }
    const misplaced = records.reports
      .filter(
        (r) =>
          implausible[r.category]?.includes(whereOf(r)) ||
          !(r.location.scope === 'unit' ? PLAUSIBLE_LOCATIONS[r.category].home : PLAUSIBLE_LOCATIONS[r.category].areas.includes(r.location.area)),
      )
      .map((r) => `${r.category}@${whereOf(r)}`)
    expect(misplaced).toEqual([])
    expect(records.reports.length).toBeGreaterThan(700)
    // 表不是摆设：两个小区都用到了公共区域与住户家中，停车问题落在车库或楼栋周边。
    expect(new Set(records.reports.map(whereOf)).size).toBeGreaterThan(6)
    expect(new Set(records.reports.filter((r) => r.category === 'parking').map(whereOf))).toEqual(new Set(['地下车库', '楼栋周边', '单元门/门禁']))
  })

  it('报事走完各种一生：各状态都有，有说没解决后重新处理的，有拖过时限的，也有去年的（可比同比）', () => {
    const reports = ofSecond(records.reports)
    const statuses = new Set(reports.map((r) => r.status))
    for (const s of ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed', 'duplicate'] as const)
      expect({ s, has: statuses.has(s) }).toEqual({ s, has: true })
    const ids = new Set(reports.map((r) => r.id))
    const changes = records.statusChanges.filter((c) => ids.has(c.reportId))
    expect(changes.filter((c) => c.from === 'awaiting_confirmation' && c.to === 'processing').length).toBeGreaterThan(10)
    const tenDaysAgo = new Date(Date.parse(NOW) - 10 * 86_400_000).toISOString()
    expect(reports.filter((r) => ['accepted', 'processing'].includes(r.status) && r.createdAt < tenDaysAgo).length).toBeGreaterThan(10)
    expect(reports.filter((r) => r.month < '2025-11').length).toBeGreaterThan(50)
    expect(reports.filter((r) => r.kind === 'suggestion').length).toBeGreaterThan(20)
  })

  it('台账：每月的议事会（议题与决定）、志愿服务、三种调解结果、巡查与未整改的隐患、沟通协调；居委会的公告与自建问卷', () => {
    const log = records.workLog.filter((e) => e.communityId === oldEstateId)
    const councils = log.filter((e) => e.details.kind === 'meeting' && e.details.type === 'council')
    expect(councils.length).toBeGreaterThanOrEqual(12)
    for (const c of councils) expect(c.details.kind === 'meeting' && c.details.topics.length > 0 && c.details.decisions.length > 0).toBe(true)
    expect(log.filter((e) => e.details.kind === 'volunteer').length).toBeGreaterThan(20)
    expect(new Set(log.flatMap((e) => (e.details.kind === 'mediation' ? [e.details.outcome] : [])))).toEqual(new Set(['success', 'ongoing', 'failed']))
    const hazards = log.flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards : []))
    expect(hazards.filter((h) => h.fixedOn === null).length).toBeGreaterThan(0)
    expect(hazards.filter((h) => h.fixedOn !== null).length).toBeGreaterThan(0)
    expect(log.filter((e) => e.details.kind === 'coordination').length).toBeGreaterThan(10)
    const committee2 = DEMO_IDENTITIES.find((i) => i.key === 'committee2')!.openid
    const notices = records.notices.filter((n) => n.communityId === oldEstateId)
    expect(notices.length).toBe(seeded.oldEstate!.notices)
    expect(notices.filter((n) => n.authorId === committee2 && n.wholeCommunity).length).toBeGreaterThan(12)
    const survey = records.surveys.find((s) => s.communityId === oldEstateId)!
    expect(survey.template).toBeNull()
    expect(records.surveyAnswers.filter((a) => a.surveyId === survey.id)).toHaveLength(seeded.oldEstate!.answers)
  })

  it.each<[SummaryKind, string]>([
    ['noProperty', '议事会'],
    ['oldEstate', '维修'],
  ])('%s 总结在这份数据上：说到议事会或维修，指出停车类的不足，问卷段没有空的分项', async (kind, mentions) => {
    const community = (await store.community(oldEstateId))!
    const ids = buildings.map((b) => b.id)
    const buckets = await store.allBuckets()
    const period = { kind: 'year' as const, start: '2026-01', end: '2026-12' }
    const m = periodMonths(period)
    const scopes = [...ids.map(buildingScope), communityScope(community.id)]
    const doc = draftSummary({
      kind,
      community,
      scope: {
        communityId: community.id,
        communityName: community.name,
        building: null,
        buildingIds: ids,
        households: buildings.reduce((n, b) => n + b.households, 0),
        includesCommunity: true,
      },
      author: { role: 'committee', body: 'residents_committee', name: '刘秀兰' },
      period,
      tallies: {
        current: new Totals(buckets, m.current, scopes),
        previous: new Totals(buckets, m.previous, scopes),
        yearAgo: new Totals(buckets, m.yearAgo, scopes),
      },
      workLog: records.workLog.filter((e) => e.communityId === community.id && m.current.includes(e.month)),
      caseCandidates: [],
      asOf: NOW,
      surveys: [],
    })
    const text = render(doc)
    expect(text).toContain(mentions)
    expect(text).not.toMatch(/[：:]，/)
    expect(doc.weaknesses.map((w) => w.subject)).toContain('停车类报事的办结率')
    expect(doc.figures['received@prev'].value).toBeGreaterThan(0)
    // 问卷还开着（截止在 10 天后）：只说份数与答卷率，分项等问卷结束。
    expect(allParagraphs(doc).some((p) => (p.id === 'survey' || p.id === 'survey.hidden') && p.text.includes('{{f:survey.respondents}}'))).toBe(
      kind === 'oldEstate',
    )
  })

  it('春晖苑的数据与不种第二个小区时逐条相同', async () => {
    const alone = openSqliteStore(path.join(dir, 'alone.db'))
    try {
      const summary = await seedDemo(alone, { now: NOW, oldEstate: false })
      expect(summary.oldEstate).toBeNull()
      const raw = await alone.rawRecords()
      const chunhui = await store.buildingsOfCommunity(DEMO_COMMUNITY.id)
      const mine = records.reports.filter((r) => chunhui.some((b) => b.id === r.buildingId))
      expect(raw.reports).toEqual(mine)
      expect(raw.workLog).toEqual(records.workLog.filter((e) => e.communityId === DEMO_COMMUNITY.id))
    } finally {
      alone.close()
    }
  })
})
