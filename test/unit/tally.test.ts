import fc from 'fast-check'
import { CATEGORY_IDS, REPORT_KINDS } from '../../src/core/catalog'
import {
  applyDeltas,
  deltasForNewReport,
  deltasForStatusChange,
  formatRate,
  rate,
  rebuildBuckets,
  resolutionRate,
  summarize,
  type TallyBucket,
} from '../../src/core/tally'
import { REPORT_ACTIONS, transition, type ReportStatus } from '../../src/core/workflow'

const report = (over: Partial<{ buildingId: string; month: string; kind: (typeof REPORT_KINDS)[number]; category: (typeof CATEGORY_IDS)[number]; status: ReportStatus }> = {}) => ({
  buildingId: 'b1',
  month: '2026-11',
  kind: 'repair' as const,
  category: 'elevator' as const,
  status: 'pending' as ReportStatus,
  ...over,
})

describe('统计桶的增量', () => {
  it('新报事：总数、类型、分类、状态各加一', () => {
    expect(deltasForNewReport(report()).map((d) => `${d.dim}${d.delta}`)).toEqual(['reports1', 'kind:repair1', 'category:elevator1', 'status:pending1'])
  })

  it('状态变化记在提交月，旧状态减一新状态加一；不变则无增量', () => {
    const deltas = deltasForStatusChange(report({ month: '2026-03', status: 'processing' }), 'resolved')
    expect(deltas).toEqual([
      { buildingId: 'b1', month: '2026-03', dim: 'status:processing', delta: -1 },
      { buildingId: 'b1', month: '2026-03', dim: 'status:resolved', delta: 1 },
    ])
    expect(deltasForStatusChange(report(), 'pending')).toEqual([])
  })

  it('期间汇总只计入期间内的月份', () => {
    const buckets = rebuildBuckets([report({ month: '2026-10' }), report({ month: '2026-11', category: 'parking', status: 'confirmed' }), report({ month: '2026-12' })])
    const t = summarize(buckets, ['2026-10', '2026-11'])
    expect(t.total).toBe(2)
    expect(t.byCategory).toMatchObject({ elevator: 1, parking: 1, sanitation: 0 })
    expect(t.byGroup).toEqual({ open: 1, fixed: 1, closed: 0, hidden: 0 })
  })
})

describe('比率总带分母，小样本要标注', () => {
  it('解决率 = 已处理 /（总数 − 已隐藏）', () => {
    const t = summarize(
      rebuildBuckets([report({ status: 'confirmed' }), report({ status: 'resolved' }), report({ status: 'pending' }), report({ status: 'hidden' })]),
      ['2026-11'],
    )
    expect(resolutionRate(t)).toEqual({ numerator: 2, denominator: 3, percent: 67, smallSample: true })
  })

  it('格式：解决率 86%（43/50）；分母为 0 时不写 0%', () => {
    expect(formatRate('解决率', rate(43, 50))).toBe('解决率 86%（43/50）')
    expect(formatRate('解决率', rate(1, 1))).toBe('解决率 100%（1/1），样本较少')
    expect(formatRate('解决率', rate(0, 0))).toBe('解决率 —（暂无数据）')
  })
})

describe('性质：增量累加的桶 = 从原始记录重算的桶', () => {
  const arbReport = fc.record({
    buildingId: fc.constantFrom('b1', 'b2'),
    month: fc.constantFrom('2026-01', '2026-02', '2026-11'),
    kind: fc.constantFrom(...REPORT_KINDS),
    category: fc.constantFrom(...CATEGORY_IDS),
  })
  const arbStep = fc.record({ target: fc.nat(), action: fc.constantFrom(...REPORT_ACTIONS), byReporter: fc.boolean() })

  it('任意报事与任意流转序列之后，两者逐桶相同', () => {
    fc.assert(
      fc.property(fc.array(arbReport, { minLength: 1, maxLength: 40 }), fc.array(arbStep, { maxLength: 80 }), (seeds, steps) => {
        const reports = seeds.map((s) => ({ ...s, status: 'pending' as ReportStatus }))
        let buckets: TallyBucket[] = applyDeltas([], reports.flatMap(deltasForNewReport))
        for (const step of steps) {
          const r = reports[step.target % reports.length]
          const t = transition(r.status, step.action, step.byReporter ? 'reporter' : 'handler')
          if (!t.ok) continue
          buckets = applyDeltas(buckets, deltasForStatusChange(r, t.to))
          r.status = t.to
        }
        expect(buckets).toEqual(rebuildBuckets(reports))
        const t = summarize(buckets, ['2026-01', '2026-02', '2026-11'])
        expect(Object.values(t.byStatus).reduce((a, b) => a + b, 0)).toBe(t.total)
      }),
      { numRuns: 300 },
    )
  })
})
