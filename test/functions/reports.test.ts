import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { recountAll } from '../../src/core/recount'
import { seedDemo } from '../../server/host/seed'
import { openSqliteStore } from '../../server/storage/sqlite'
import { aReport, createFixture } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const monthTotal = async (openid: string, buildingCode = 'CHY1') => {
  const reply = await fx.call('stats', openid, 'building', { buildingCode })
  if (reply.code !== 'OK') throw new Error(reply.message)
  return (reply.data as { month: { figures: { received: number; byCategory: Record<string, number>; byStatus: Record<string, number> } } }).month.figures
}

describe('reports.submit', () => {
  it('存下报事，报事人是上下文里的身份，代表的本月统计加一', async () => {
    const before = await monthTotal('rep_li')
    const reply = await fx.call('reports', 'resident_wang', 'submit', aReport())
    expect(reply).toMatchObject({ code: 'OK', data: { created: true, report: { status: 'pending' } } })
    // 答复只带页面与调用方接着要用的：编号、状态、提交时刻（页面随后转去"我的报事"读完整的）；不再把整份摘要序列化一遍。
    const submitted = (reply.data as { report: Record<string, unknown> }).report
    expect(Object.keys(submitted).sort()).toEqual(['createdAt', 'id', 'status'])
    const after = await monthTotal('rep_li')
    expect(after.received).toBe(before.received + 1)
    expect(after.byCategory.elevator).toBe(before.byCategory.elevator + 1)
    expect(after.byStatus.pending).toBe(before.byStatus.pending + 1)
    const stored = (await fx.store.rawRecords()).reports
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ reporterId: 'resident_wang', buildingId: 'b1', month: '2026-11' })
  })

  it('同一请求编号重试只存一次、只计一次', async () => {
    const input = aReport({ requestId: 'retry-0001' })
    const first = await fx.call('reports', 'resident_wang', 'submit', input)
    const second = await fx.call('reports', 'resident_wang', 'submit', input)
    expect(first.code).toBe('OK')
    expect(second).toMatchObject({ code: 'OK', data: { created: false } })
    expect((second.data as { report: { id: string } }).report.id).toBe((first.data as { report: { id: string } }).report.id)
    expect(fx.rowCounts().reports).toBe(1)
    expect((await monthTotal('rep_li')).received).toBe(1)
  })

  it('不同居民用了相同的请求编号，各存各的', async () => {
    await fx.call('reports', 'resident_wang', 'submit', aReport({ requestId: 'same-0001' }))
    await fx.call('reports', 'resident_zhao', 'submit', aReport({ requestId: 'same-0001' }))
    expect(fx.rowCounts().reports).toBe(2)
  })

  it.each([
    ['描述太短', aReport({ text: '坏了' }), '问题描述至少 5 个字'],
    ['未知楼栋', aReport({ buildingCode: 'NOPE1' }), '没有找到这栋楼，请重新扫描楼栋二维码'],
    ['缺分类', { ...aReport(), category: undefined }, '请选择问题分类'],
    ['冒充他人', { ...aReport(), reporterId: 'resident_zhao' }, '不接受的字段：reporterId'],
    ['载荷不是对象', 'DROP TABLE reports', '内容格式不正确'],
  ])('%s：返回中文错误，什么都不改', async (_name, payload, message) => {
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    const before = fx.rowCounts()
    const reply = await fx.call('reports', 'resident_wang', 'submit', payload)
    expect(reply.code).not.toBe('OK')
    expect(reply.message).toBe(message)
    expect(reply.data).toBeNull()
    expect(fx.rowCounts()).toEqual(before)
  })

  it('没有平台身份时拒绝；未知动作说明是哪个', async () => {
    expect(await fx.call('reports', '', 'submit', aReport())).toMatchObject({ code: 'FORBIDDEN', message: '无法确认你的身份，请在微信中重新打开小程序' })
    expect(await fx.call('reports', 'resident_wang', 'delete', {})).toMatchObject({ code: 'UNKNOWN_ACTION', message: '不支持的操作：delete' })
    expect(fx.rowCounts().reports).toBe(0)
  })

  it('确认过的写入在关闭重开文件后仍在', async () => {
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    fx.reopen()
    expect(fx.rowCounts().reports).toBe(1)
    expect((await monthTotal('rep_li')).received).toBe(1)
  })
})

describe('reports.listMine', () => {
  it('只列出自己的报事，新的在前，20 条一页', async () => {
    for (let i = 0; i < 23; i++) {
      fx.setNow(`2026-11-${String(1 + i).padStart(2, '0')}T02:00:00.000Z`)
      await fx.call('reports', 'resident_wang', 'submit', aReport({ text: `第${i + 1}件事：楼道灯不亮` }))
    }
    await fx.call('reports', 'resident_zhao', 'submit', aReport({ text: '别人的报事不该出现' }))
    const page1 = await fx.call('reports', 'resident_wang', 'listMine', {})
    const data1 = page1.data as { items: { text: string }[]; nextCursor: string }
    expect(data1.items).toHaveLength(20)
    expect(data1.items[0].text).toBe('第23件事：楼道灯不亮')
    const page2 = await fx.call('reports', 'resident_wang', 'listMine', { cursor: data1.nextCursor })
    const data2 = page2.data as { items: { text: string }[]; nextCursor: string | null }
    expect(data2.items.map((r) => r.text)).toEqual(['第3件事：楼道灯不亮', '第2件事：楼道灯不亮', '第1件事：楼道灯不亮'])
    expect(data2.nextCursor).toBeNull()
  })

  it('别人传 openid 也看不到我的报事', async () => {
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    const reply = await fx.call('reports', 'resident_zhao', 'listMine', { openid: 'resident_wang' })
    expect(reply).toMatchObject({ code: 'INVALID', message: '不接受的字段：openid' })
    expect((await fx.call('reports', 'resident_zhao', 'listMine', {})).data).toEqual({ items: [], nextCursor: null })
  })
})

describe('stats.building', () => {
  it('只有本楼代表与业委会能看；别的楼的代表与居民不能', async () => {
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    expect((await monthTotal('committee_zhang')).received).toBe(1)
    expect(await fx.call('stats', 'rep_chen', 'building', { buildingCode: 'CHY1' })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只有这栋楼的业主代表或业委会可以查看统计',
    })
    expect(await fx.call('stats', 'resident_wang', 'building', { buildingCode: 'CHY1' })).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('本月、本年、近 12 个月走势，办结率与解决率带分母', async () => {
    fx.setNow('2026-03-10T02:00:00.000Z')
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    fx.setNow('2026-11-10T02:00:00.000Z')
    await fx.call('reports', 'resident_wang', 'submit', aReport())
    await fx.call('reports', 'resident_wang', 'submit', aReport({ buildingCode: 'CHY2' }))
    const reply = await fx.call('stats', 'rep_li', 'building', { buildingCode: 'CHY1' })
    const data = reply.data as {
      month: { label: string; figures: { received: number; completion: unknown; resolution: unknown } }
      year: { figures: { received: number } }
      trend: { month: string; received: number }[]
    }
    // 11 月还没过完：标“至今”（与上月只列全月的数，不比升降）。
    expect(data.month.label).toBe('本月至今（11月1–10日）')
    expect(data.month.figures.received).toBe(1)
    expect(data.month.figures.completion).toEqual({ numerator: 0, denominator: 1, percent: 0, smallSample: true })
    expect(data.month.figures.resolution).toEqual({ numerator: 0, denominator: 0, percent: null, smallSample: true })
    expect(data.year.figures.received).toBe(2)
    expect(data.trend).toHaveLength(12)
    expect(data.trend.find((t) => t.month === '2026-03')?.received).toBe(1)
    expect(data.trend.reduce((s, t) => s + t.received, 0)).toBe(2)
  })
})

describe('演示数据', () => {
  it('播种的一年数据：统计桶与从原始记录重算的结果逐桶一致', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loushi-seed-'))
    const store = openSqliteStore(path.join(dir, 'seed.db'))
    const summary = await seedDemo(store, { now: '2026-11-20T02:00:00.000Z' })
    expect(summary.reports).toBeGreaterThan(300)
    const records = await store.rawRecords()
    // 两个演示小区：春晖苑（summary.reports）与槐树里小区（summary.oldEstate）。
    expect(records.reports).toHaveLength(summary.reports + (summary.oldEstate?.reports ?? 0))
    expect(await store.allBuckets()).toEqual(recountAll(records))
    store.close()
    rmSync(dir, { recursive: true, force: true })
    const statuses = new Set(records.reports.map((r) => r.status))
    expect(['pending', 'awaiting_confirmation', 'resolved'].every((s) => statuses.has(s as never))).toBe(true)
  })
})
