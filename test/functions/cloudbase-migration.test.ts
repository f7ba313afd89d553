/**
 * 云开发上的旧数据（状态 id 旧含义、旧形状的统计桶、缺后来加的字段、没有 id 的成员）由 npm run cloud:migrate 迁移：
 * 状态按含义改名，缺的字段补默认值，桶按原始记录重算；中断后重跑、再次运行都安全。
 */
import { COLLECTIONS, createCloudbaseStore, legacyMemberId } from '../../server/storage/cloudbase'
import { CLOUDBASE_MIGRATIONS, migrateCloudbase } from '../../server/storage/cloudbase/migrations'
import { recountAll } from '../../src/core/recount'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

const now = () => '2026-11-21T00:00:00.000Z'

/** 与 main f372524 的云开发适配器写下的文档同形。 */
async function writeLegacyDocs(h: ReturnType<typeof openCloudbaseHarness>) {
  await h.db
    .collection(COLLECTIONS.communities)
    .doc('c1')
    .set({ data: { name: '春晖苑', hasPropertyCompany: true } })
  for (const [openid, buildingId, role] of [
    ['li', 'b1', 'representative'],
    ['zhang', null, 'committee'],
  ] as const) {
    await h.db
      .collection(COLLECTIONS.memberships)
      .doc(`${openid}|c1|${buildingId ?? ''}|${role}`)
      .set({ data: { openid, communityId: 'c1', buildingId, role } })
  }
  const base = {
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'repair',
    category: 'elevator',
    text: '电梯按钮失灵',
    location: { scope: 'public', area: '电梯轿厢', detail: '' },
    anonymous: false,
    photos: [],
    reporterId: 'wang',
    month: '2026-10',
    revision: 0,
  }
  const legacy = [
    { _id: 'r1', status: 'pending', createdAt: '2026-10-01T02:00:00.000Z' },
    { _id: 'r2', status: 'resolved', createdAt: '2026-10-02T02:00:00.000Z' },
    { _id: 'r3', status: 'confirmed', createdAt: '2026-10-03T02:00:00.000Z' },
  ]
  for (const r of legacy) await h.db.collection(COLLECTIONS.reports).add({ data: { ...base, ...r, requestId: `req-${r._id}`, updatedAt: r.createdAt } })
  const changes = [
    ['r2', 1, 'pending', 'resolved', '2026-10-02T05:00:00.000Z'],
    ['r3', 1, 'pending', 'accepted', '2026-10-03T03:00:00.000Z'],
    ['r3', 2, 'accepted', 'resolved', '2026-10-04T02:00:00.000Z'],
    ['r3', 3, 'resolved', 'confirmed', '2026-10-05T02:00:00.000Z'],
  ] as const
  for (const [reportId, seq, from, to, at] of changes) {
    await h.db.collection(COLLECTIONS.statusChanges).add({ data: { _id: `${reportId}:000${seq}`, seq, reportId, from, to, note: '', actorId: 'li', at } })
  }
  for (const [dim, count] of [
    ['reports', 3],
    ['kind:repair', 3],
    ['category:elevator', 3],
    ['status:pending', 1],
    ['status:resolved', 1],
    ['status:confirmed', 1],
  ] as const) {
    await h.db
      .collection(COLLECTIONS.tallies)
      .doc(`b1:2026-10:${dim}`)
      .set({ data: { buildingId: 'b1', month: '2026-10', dim, count } })
  }
}

describe('云开发数据迁移（npm run cloud:migrate）', () => {
  it('状态按含义改名，留痕同样改名，旧桶换成重算的新桶；再次运行全部跳过', async () => {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    const outcomes = await migrateCloudbase(h.db, now)
    expect(outcomes.map((o) => o.state)).toEqual(Array(9).fill('applied'))
    const status = Object.fromEntries(h.executor.documents(COLLECTIONS.reports).map((d) => [d._id, d.status]))
    expect(status).toEqual({ r1: 'pending', r2: 'awaiting_confirmation', r3: 'resolved' })
    const steps = h.executor
      .documents(COLLECTIONS.statusChanges)
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .map((c) => `${c.from}→${c.to}`)
    expect(steps).toEqual(['pending→awaiting_confirmation', 'pending→accepted', 'accepted→awaiting_confirmation', 'awaiting_confirmation→resolved'])
    const store = createCloudbaseStore(h.db)
    expect(h.executor.documents(COLLECTIONS.tallies).every((d) => typeof d.metric === 'string')).toBe(true)
    expect(await store.allBuckets()).toEqual(recountAll(await store.rawRecords()))
    expect((await store.bucketsOf(['building:b1'], ['2026-10'])).find((b) => b.metric === 'report.status.resolved')?.count).toBe(1)
    const again = await migrateCloudbase(h.db, now)
    expect(again.map((o) => o.state)).toEqual(Array(9).fill('skipped'))
    h.dispose()
  })

  it('第一步之后中断，重跑从第二步继续，不会把新的 resolved 又改回待确认', async () => {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 1))
    const outcomes = await migrateCloudbase(h.db, now)
    expect(outcomes.map((o) => `${o.id}:${o.state}`)).toEqual([
      '2026-11-status-ids-1:skipped',
      '2026-11-status-ids-2:applied',
      '2026-11-general-tallies:applied',
      '2026-11-report-life:applied',
      '2026-11-governance:applied',
      '2026-11-summary:applied',
      '2026-12-one-rating:applied',
      '2026-12-kind-category:applied',
      '2026-12-kept-followers:applied',
    ])
    const status = Object.fromEntries(h.executor.documents(COLLECTIONS.reports).map((d) => [d._id, d.status]))
    expect(status).toEqual({ r1: 'pending', r2: 'awaiting_confirmation', r3: 'resolved' })
    h.dispose()
  })
})

describe('迁移 2026-11-report-life：报事的一生', () => {
  /** 已做完前三步的库（统计是当时的口径），再加后来的新字段之前写下的文档。 */
  async function migratedBeforeReportLife() {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 3))
    // 当时的统计没有按紧急程度与动作的指标：删掉它们，模拟那时重算出的桶。
    await h.db
      .collection(COLLECTIONS.tallies)
      .where({ metric: h.db.command.in(['report.urgency.normal', 'report.action.handle', 'report.action.accept', 'report.action.confirm']) })
      .remove()
    return h
  }

  it('旧文档补上新字段的默认值（已有的值不动），新指标从原始记录补算出来', async () => {
    const h = await migratedBeforeReportLife()
    await h.db
      .collection(COLLECTIONS.reports)
      .doc('r1')
      .update({ data: { urgency: 'urgent' } })
    const store = createCloudbaseStore(h.db)
    expect(await store.allBuckets()).not.toEqual(recountAll(await store.rawRecords()))

    const outcome = (await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 4))).at(-1)
    expect(outcome).toMatchObject({ id: '2026-11-report-life', state: 'applied' })
    const reports = h.executor.documents(COLLECTIONS.reports).sort((a, b) => (a._id < b._id ? -1 : 1))
    expect(reports.map((r) => [r._id, r.urgency, r.contactPhone, r.assignee, r.mergedInto, r.followers])).toEqual([
      ['r1', 'urgent', '', null, null, 0],
      ['r2', 'normal', '', null, null, 0],
      ['r3', 'normal', '', null, null, 0],
    ])
    expect(h.executor.documents(COLLECTIONS.statusChanges).every((c) => c.requestId === '' && JSON.stringify(c.details) === '{}')).toBe(true)
    expect(h.executor.documents(COLLECTIONS.communities)).toEqual([
      { _id: 'c1', name: '春晖苑', hasPropertyCompany: true, overdueHours: { urgent: 24, normal: 72 } },
    ])

    expect(await store.allBuckets()).toEqual(recountAll(await store.rawRecords()))
    const metrics = (await store.bucketsOf(['building:b1'], ['2026-10'])).map((b) => `${b.metric}=${b.count}`)
    expect(metrics).toEqual(expect.arrayContaining(['report.urgency.urgent=1', 'report.urgency.normal=2', 'report.action.handle=2', 'report.action.confirm=1']))
    // 补过字段的库按紧急程度筛得出旧报事。
    expect(await store.countReports({ buildingIds: ['b1'], statuses: [], urgency: 'normal', order: 'asc' })).toBe(2)
    h.dispose()
  })

  it('重跑（记录写下前中断）不改动已补的字段，也不再改统计', async () => {
    const h = await migratedBeforeReportLife()
    const step = CLOUDBASE_MIGRATIONS.find((m) => m.id === '2026-11-report-life')!
    await step.run(h.db)
    const before = { reports: h.executor.documents(COLLECTIONS.reports), tallies: h.executor.documents(COLLECTIONS.tallies) }
    expect(await step.run(h.db)).toBe('补字段：报事 0 处，流转留痕 0 处，小区 0 处；统计桶写入 0 个，删除 0 个')
    expect(h.executor.documents(COLLECTIONS.reports)).toEqual(before.reports)
    expect(h.executor.documents(COLLECTIONS.tallies)).toEqual(before.tallies)
    h.dispose()
  })
})

describe('迁移 2026-11-governance：治理', () => {
  /** 已做完前四步的库，成员与小区还是旧形状。 */
  async function migratedBeforeGovernance() {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 4))
    return h
  }

  it('小区补上 oldEstate = false；旧成员的 id 由 _id 确定地算出（不含 openid），称呼与加入时刻为空、名义为无；统计不变', async () => {
    const h = await migratedBeforeGovernance()
    const store = createCloudbaseStore(h.db)
    const tallies = h.executor.documents(COLLECTIONS.tallies)
    // 迁移前读出时已补默认值，id 与迁移写进去的相同。
    const before = await store.membershipsOf('li')
    const liId = legacyMemberId('li|c1|b1|representative')
    expect(before.map((m) => m.id)).toEqual([liId])
    expect(liId).toMatch(/^m[0-9a-f]{19}$/)

    const outcome = (await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 5))).at(-1)
    expect(outcome).toMatchObject({ id: '2026-11-governance', state: 'applied', detail: '补字段：小区 1 处，成员 id 2 个，成员其余字段 6 处' })
    expect(h.executor.documents(COLLECTIONS.communities)[0]).toMatchObject({ _id: 'c1', oldEstate: false })
    const members = h.executor.documents(COLLECTIONS.memberships).sort((a, b) => (a._id < b._id ? -1 : 1))
    expect(members).toEqual([
      { _id: 'li|c1|b1|representative', id: liId, openid: 'li', communityId: 'c1', buildingId: 'b1', role: 'representative', name: '', body: null, since: '' },
      {
        _id: 'zhang|c1||committee',
        id: legacyMemberId('zhang|c1||committee'),
        openid: 'zhang',
        communityId: 'c1',
        buildingId: null,
        role: 'committee',
        name: '',
        body: null,
        since: '',
      },
    ])
    expect(await store.membershipsOf('li')).toEqual(before)
    expect(await store.community('c1')).toMatchObject({ oldEstate: false })
    expect(h.executor.documents(COLLECTIONS.tallies)).toEqual(tallies)

    // 补好的成员照常移除；已是成员的人不再加。
    expect(await store.addMember({ ...before[0], id: 'new-id' })).toBe(false)
    expect(await store.removeMember(liId)).toBe(true)
    expect(await store.membershipsOf('li')).toEqual([])
    h.dispose()
  })

  it('迁移前的旧成员（没有 id 字段）也能按读出的 id 移除', async () => {
    const h = await migratedBeforeGovernance()
    const store = createCloudbaseStore(h.db)
    const [zhang] = await store.membershipsOf('zhang')
    expect(await store.removeMember(zhang.id)).toBe(true)
    expect(await store.membersOf('c1')).toHaveLength(1)
    h.dispose()
  })

  it('重跑（记录写下前中断）什么都不改；已有的值不动', async () => {
    const h = await migratedBeforeGovernance()
    await h.db
      .collection(COLLECTIONS.communities)
      .doc('c1')
      .update({ data: { oldEstate: true } })
    const step = CLOUDBASE_MIGRATIONS.find((m) => m.id === '2026-11-governance')!
    await step.run(h.db)
    const before = { communities: h.executor.documents(COLLECTIONS.communities), memberships: h.executor.documents(COLLECTIONS.memberships) }
    expect(before.communities[0].oldEstate).toBe(true)
    expect(await step.run(h.db)).toBe('补字段：小区 0 处，成员 id 0 个，成员其余字段 0 处')
    expect(h.executor.documents(COLLECTIONS.communities)).toEqual(before.communities)
    expect(h.executor.documents(COLLECTIONS.memberships)).toEqual(before.memberships)
    h.dispose()
  })
})

describe('迁移 2026-11-summary：报事的里程碑', () => {
  it('旧报事按留痕补上里程碑（与 SQLite 迁移 7 同一规则）；读回的报事里没有它们；重跑算出同样的值', async () => {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    const outcome = (await migrateCloudbase(h.db, now)).find((o) => o.id === '2026-11-summary')
    expect(outcome).toMatchObject({ id: '2026-11-summary', state: 'applied', detail: '补里程碑：报事 3 条' })
    const docs = Object.fromEntries(h.executor.documents(COLLECTIONS.reports).map((d) => [d._id, d]))
    expect(docs.r1).toMatchObject({
      respondedAt: null,
      handledAt: null,
      handlingMinutes: null,
      handledCount: 0,
      resolvedAt: null,
      ratingCount: 0,
      firstTimeResolved: false,
    })
    expect(docs.r2).toMatchObject({
      respondedAt: '2026-10-02T05:00:00.000Z',
      handledAt: '2026-10-02T05:00:00.000Z',
      handlingMinutes: 180,
      handledCount: 1,
      resolvedAt: null,
    })
    expect(docs.r3).toMatchObject({
      respondedAt: '2026-10-03T03:00:00.000Z',
      handledAt: '2026-10-04T02:00:00.000Z',
      handledCount: 1,
      resolvedAt: '2026-10-05T02:00:00.000Z',
      firstTimeResolved: true,
    })
    const store = createCloudbaseStore(h.db)
    expect(Object.keys((await store.reportById('r3')) ?? {})).not.toContain('handledAt')
    expect((await store.traceReports({ buildingIds: ['b1'], months: ['2026-10'], has: 'handling' }, 10)).map((r) => r.id)).toEqual(['r2', 'r3'])
    const step = CLOUDBASE_MIGRATIONS.find((m) => m.id === '2026-11-summary')!
    const before = h.executor.documents(COLLECTIONS.reports)
    await step.run(h.db)
    expect(h.executor.documents(COLLECTIONS.reports)).toEqual(before)
    h.dispose()
  })
})
