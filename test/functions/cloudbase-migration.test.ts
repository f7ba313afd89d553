/**
 * 云开发上的旧数据（状态 id 旧含义、旧形状的统计桶）由 npm run cloud:migrate 迁移：
 * 状态按含义改名，桶按原始记录重算；中断后重跑、再次运行都安全。
 */
import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { CLOUDBASE_MIGRATIONS, migrateCloudbase } from '../../server/storage/cloudbaseMigrations'
import { recountAll } from '../../src/core/sources'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

const now = () => '2026-11-21T00:00:00.000Z'

/** 与 main f372524 的云开发适配器写下的文档同形。 */
async function writeLegacyDocs(h: ReturnType<typeof openCloudbaseHarness>) {
  const base = { communityId: 'c1', buildingId: 'b1', kind: 'repair', category: 'elevator', text: '电梯按钮失灵', location: { scope: 'public', area: '电梯轿厢', detail: '' }, anonymous: false, photos: [], reporterId: 'wang', month: '2026-10', revision: 0 }
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
  for (const [dim, count] of [['reports', 3], ['kind:repair', 3], ['category:elevator', 3], ['status:pending', 1], ['status:resolved', 1], ['status:confirmed', 1]] as const) {
    await h.db.collection(COLLECTIONS.tallies).doc(`b1:2026-10:${dim}`).set({ data: { buildingId: 'b1', month: '2026-10', dim, count } })
  }
}

describe('云开发数据迁移（npm run cloud:migrate）', () => {
  it('状态按含义改名，留痕同样改名，旧桶换成重算的新桶；再次运行全部跳过', async () => {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    const outcomes = await migrateCloudbase(h.db, now)
    expect(outcomes.map((o) => o.state)).toEqual(['applied', 'applied', 'applied'])
    const status = Object.fromEntries(h.executor.documents(COLLECTIONS.reports).map((d) => [d._id, d.status]))
    expect(status).toEqual({ r1: 'pending', r2: 'awaiting_confirmation', r3: 'resolved' })
    const steps = h.executor.documents(COLLECTIONS.statusChanges).sort((a, b) => (a._id < b._id ? -1 : 1)).map((c) => `${c.from}→${c.to}`)
    expect(steps).toEqual(['pending→awaiting_confirmation', 'pending→accepted', 'accepted→awaiting_confirmation', 'awaiting_confirmation→resolved'])
    const store = createCloudbaseStore(h.db)
    expect(h.executor.documents(COLLECTIONS.tallies).every((d) => typeof d.metric === 'string')).toBe(true)
    expect(await store.allBuckets()).toEqual(recountAll(await store.rawRecords()))
    expect((await store.bucketsOf(['building:b1'], ['2026-10'])).find((b) => b.metric === 'report.status.resolved')?.count).toBe(1)
    const again = await migrateCloudbase(h.db, now)
    expect(again.map((o) => o.state)).toEqual(['skipped', 'skipped', 'skipped'])
    h.dispose()
  })

  it('第一步之后中断，重跑从第二步继续，不会把新的 resolved 又改回待确认', async () => {
    const h = openCloudbaseHarness()
    await writeLegacyDocs(h)
    await migrateCloudbase(h.db, now, CLOUDBASE_MIGRATIONS.slice(0, 1))
    const outcomes = await migrateCloudbase(h.db, now)
    expect(outcomes.map((o) => `${o.id}:${o.state}`)).toEqual(['2026-11-status-ids-1:skipped', '2026-11-status-ids-2:applied', '2026-11-general-tallies:applied'])
    const status = Object.fromEntries(h.executor.documents(COLLECTIONS.reports).map((d) => [d._id, d.status]))
    expect(status).toEqual({ r1: 'pending', r2: 'awaiting_confirmation', r3: 'resolved' })
    h.dispose()
  })
})
