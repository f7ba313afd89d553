/**
 * 报事写进统计的数字：写入时的增量，与直接从原始记录的重算，必须逐桶相同。
 */
import fc from 'fast-check'
import { CATEGORY_IDS, REPORT_KINDS, URGENCIES } from '../../src/core/shared/catalog'
import type { Follow, Report, StatusChange } from '../../src/core/reports'
import { completionRate, formatRate, rate, resolutionRate } from '../../src/core/shared/rates'
import { recountAll } from '../../src/core/recount'
import {
  categoryCompletion,
  deltasForFollow,
  deltasForNewReport,
  deltasForStatusChange,
  handledWithin,
  recountReports,
  reportFigures,
  REPORT_ACTIONS,
  transition,
  type ReportStatus,
} from '../../src/core/reports'
import { applyDeltas, mergeDeltas, Totals, type TallyBucket } from '../../src/core/tally'
import { REPORT_STATUSES } from '../../src/core/reports/workflow'
import { aReport } from '../contract/harness'

/** 契约测试的报事样本；这里默认 11 月 10 日提交。 */
const report = (over: Partial<Report> = {}): Report => aReport({ createdAt: '2026-11-10T02:00:00.000Z', month: '2026-11', ...over })
const metrics = (deltas: TallyBucket[]) => deltas.map((d) => `${d.metric}=${d.count}/${d.sum}`)

describe('报事的增量', () => {
  it('新报事：收到、类型、分类、状态（总的、按类型、按分类）各加一，记在提交月、本楼范围', () => {
    const deltas = deltasForNewReport(report({ kind: 'complaint', category: 'noise', month: '2026-03' }))
    expect(metrics(deltas)).toEqual([
      'report.category.noise=1/0',
      'report.category_status.noise.pending=1/0',
      'report.kind.complaint=1/0',
      'report.kind_category.complaint.noise=1/0',
      'report.kind_status.complaint.pending=1/0',
      'report.received=1/0',
      'report.status.pending=1/0',
      'report.urgency.normal=1/0',
    ])
    expect(new Set(deltas.map((d) => `${d.scope} ${d.month}`))).toEqual(new Set(['building:b1 2026-03']))
  })

  it('新报事的增量不经 mergeDeltas 也已是合并、排好序的：每种类型、分类、紧急程度、状态下与 mergeDeltas 之后逐项相同', () => {
    for (const kind of REPORT_KINDS)
      for (const category of CATEGORY_IDS)
        for (const urgency of URGENCIES)
          for (const status of REPORT_STATUSES) {
            const deltas = deltasForNewReport(report({ kind, category, urgency, status }))
            expect(deltas).toEqual(mergeDeltas(deltas))
            expect(deltas).toHaveLength(8)
          }
  })

  it('第一次响应记下分钟数与分箱；隐藏不算响应；之后的流转不再记响应', () => {
    const r = report({ createdAt: '2026-11-10T02:00:00.000Z' })
    const accepted = deltasForStatusChange(r, { to: 'accepted', at: '2026-11-10T05:30:00.000Z' }, [])
    expect(metrics(accepted)).toEqual(
      expect.arrayContaining([
        'report.response.repair=1/210',
        'report.response_bin.repair.lt4h=1/0',
        'report.status.pending=-1/0',
        'report.status.accepted=1/0',
      ]),
    )
    expect(metrics(deltasForStatusChange(r, { to: 'hidden', at: '2026-11-11T00:00:00.000Z' }, [])).some((m) => m.startsWith('report.response'))).toBe(false)
    const later = deltasForStatusChange({ ...r, status: 'accepted' }, { to: 'processing', at: '2026-11-12T00:00:00.000Z' }, [{ to: 'accepted' }])
    expect(metrics(later).some((m) => m.startsWith('report.response'))).toBe(false)
  })

  it('第一次标记已处理记下处理时长；重新打开后再次标记不重复计', () => {
    const r = report({ status: 'processing', createdAt: '2026-11-10T02:00:00.000Z' })
    const first = deltasForStatusChange(r, { to: 'awaiting_confirmation', at: '2026-11-13T02:00:00.000Z' }, [{ to: 'accepted' }, { to: 'processing' }])
    expect(metrics(first)).toEqual(expect.arrayContaining(['report.handling.repair=1/4320', 'report.handling_bin.repair.lt7d=1/0']))
    const again = deltasForStatusChange(r, { to: 'awaiting_confirmation', at: '2026-11-20T02:00:00.000Z' }, [
      { to: 'processing' },
      { to: 'awaiting_confirmation' },
      { to: 'processing' },
    ])
    expect(metrics(again).some((m) => m.startsWith('report.handling'))).toBe(false)
    // 处理中再"开始处理"（改派）：状态不变，只记一次动作。
    expect(metrics(deltasForStatusChange(r, { to: 'processing', at: '2026-11-20T02:00:00.000Z' }, []))).toEqual(['report.action.start=1/0'])
  })

  it('确认已解决：每个维度记分数与分布；第一次标记已处理就被确认才算一次解决', () => {
    const r = report({ status: 'awaiting_confirmation', urgency: 'urgent' })
    const rating = { speed: 4, attitude: 5, effect: 3, words: '' }
    const first = deltasForStatusChange(r, { to: 'resolved', at: '2026-11-14T02:00:00.000Z', details: { rating } }, [
      { to: 'accepted' },
      { to: 'awaiting_confirmation' },
    ])
    expect(metrics(first)).toEqual(
      expect.arrayContaining([
        'report.action.confirm=1/0',
        'report.rating.speed=1/4',
        'report.rating.attitude=1/5',
        'report.rating_score.effect.3=1/0',
        'report.first_time_resolved=1/0',
      ]),
    )
    const second = deltasForStatusChange(r, { to: 'resolved', at: '2026-11-15T02:00:00.000Z', details: { rating } }, [
      { to: 'awaiting_confirmation' },
      { to: 'processing' },
      { to: 'awaiting_confirmation' },
    ])
    expect(metrics(second)).not.toContain('report.first_time_resolved=1/0')
  })

  it('一条报事至多一份评价：重新打开后再确认带的评分，增量与重算都不计', () => {
    const rating = { speed: 5, attitude: 5, effect: 5, words: '' }
    const r = report({ status: 'awaiting_confirmation' })
    const earlier = [{ to: 'awaiting_confirmation' }, { to: 'resolved' }, { to: 'processing' }, { to: 'awaiting_confirmation' }] as const
    expect(
      metrics(deltasForStatusChange(r, { to: 'resolved', at: '2026-11-15T02:00:00.000Z', details: { rating } }, earlier)).filter((m) =>
        m.startsWith('report.rating'),
      ),
    ).toEqual([])
    const change = (from: ReportStatus, to: ReportStatus, day: number, details = {}): StatusChange => ({
      reportId: r.id,
      from,
      to,
      note: '',
      actorId: 'u',
      at: `2026-11-${day}T02:00:00.000Z`,
      requestId: `q${day}`,
      details,
    })
    const history = [
      change('pending', 'awaiting_confirmation', 11),
      change('awaiting_confirmation', 'resolved', 12, { rating: { ...rating, speed: 2 } }),
      change('resolved', 'processing', 13),
      change('processing', 'awaiting_confirmation', 14),
      change('awaiting_confirmation', 'resolved', 15, { rating }),
    ]
    const speed = recountReports([{ ...r, status: 'resolved' }], history).find((b) => b.metric === 'report.rating.speed')
    expect(speed).toMatchObject({ count: 1, sum: 2 })
  })

  it('隐藏或合并为重复：它的关注者离开受影响居民；隐藏、重复的报事上再加关注不计', () => {
    const r = report({ status: 'processing', followers: 3, month: '2026-10' })
    expect(metrics(deltasForStatusChange(r, { to: 'hidden', at: '2026-11-11T00:00:00.000Z' }, []))).toContain('report.followers=-3/0')
    expect(metrics(deltasForStatusChange(r, { to: 'duplicate', at: '2026-11-11T00:00:00.000Z' }, []))).toContain('report.followers=-3/0')
    // 重复再隐藏：早已离开，不再减。
    expect(
      metrics(deltasForStatusChange({ ...r, status: 'duplicate' }, { to: 'hidden', at: '2026-11-12T00:00:00.000Z' }, [])).some((m) =>
        m.startsWith('report.followers'),
      ),
    ).toBe(false)
    expect(deltasForFollow({ ...r, status: 'hidden' })).toEqual([])
    // 独立重算：隐藏与重复的报事上的关注者不计。
    const follows: Follow[] = ['a', 'b'].map((openid) => ({ reportId: r.id, openid, at: '2026-11-10T04:00:00.000Z', via: 'follow' }))
    for (const status of ['hidden', 'duplicate'] as const)
      expect(recountReports([{ ...r, status }], [], follows).some((b) => b.metric === 'report.followers')).toBe(false)
    expect(recountReports([r], [], follows).find((b) => b.metric === 'report.followers')).toMatchObject({ count: 2 })
  })

  it('关注者记在被关注报事的提交月；处理时长也按紧急程度记', () => {
    expect(metrics(deltasForFollow(report({ month: '2026-10' })))).toEqual(['report.followers=1/0'])
    const r = report({ status: 'processing', urgency: 'urgent', createdAt: '2026-11-10T02:00:00.000Z' })
    const handled = deltasForStatusChange(r, { to: 'awaiting_confirmation', at: '2026-11-11T12:00:00.000Z' }, [])
    expect(metrics(handled)).toEqual(expect.arrayContaining(['report.handling_urgency.urgent=1/2040', 'report.handling_urgency_bin.urgent.lt3d=1/0']))
  })
})

describe('办结率与解决率：各定义一次，总带分母', () => {
  it('办结率 = 已办结（待确认 + 已解决）/（收到 − 已隐藏 − 重复）；解决率 = 已解决 / 已办结', () => {
    const counts = { received: 13, hidden: 2, duplicate: 1, awaitingConfirmation: 3, resolved: 5 }
    expect(completionRate(counts)).toEqual({ numerator: 8, denominator: 10, percent: 80, smallSample: false })
    expect(resolutionRate(counts)).toEqual({ numerator: 5, denominator: 8, percent: 63, smallSample: true })
  })

  it('格式：办结率 86%（43/50）；分母为 0 时不写 0%', () => {
    expect(formatRate('办结率', rate(43, 50))).toBe('办结率 86%（43/50）')
    expect(formatRate('解决率', rate(1, 1))).toBe('解决率 100%（1/1），样本较少')
    expect(formatRate('解决率', rate(0, 0))).toBe('解决率 —（暂无数据）')
  })

  it('从桶读出：各状态、两个比率、平均响应与中位数所在区间、某分类的办结率', () => {
    const rs = [
      report({ status: 'resolved' }),
      report({ status: 'awaiting_confirmation' }),
      report({ status: 'pending', category: 'parking' }),
      report({ status: 'hidden', kind: 'complaint' }),
    ]
    const changes: StatusChange[] = [
      { reportId: rs[0].id, from: 'pending', to: 'accepted', note: '', actorId: 'li', at: '2026-11-10T03:00:00.000Z', requestId: 'q1', details: {} },
      { reportId: rs[1].id, from: 'pending', to: 'processing', note: '', actorId: 'li', at: '2026-11-10T05:00:00.000Z', requestId: 'q2', details: {} },
      {
        reportId: rs[1].id,
        from: 'processing',
        to: 'awaiting_confirmation',
        note: '',
        actorId: 'li',
        at: '2026-11-11T02:00:00.000Z',
        requestId: 'q3',
        details: {},
      },
    ]
    const follows: Follow[] = [
      { reportId: rs[0].id, openid: 'zhao', at: '2026-11-10T04:00:00.000Z', via: 'follow' },
      { reportId: rs[2].id, openid: 'qian', at: '2026-11-10T04:00:00.000Z', via: 'follow' },
    ]
    const t = new Totals(recountReports(rs, changes, follows), ['2026-11'])
    const f = reportFigures(t)
    expect(f.received).toBe(4)
    expect(f.byGroup).toEqual({ open: 1, fixed: 2, closed: 0, hidden: 1 })
    expect(f.completion).toMatchObject({ numerator: 2, denominator: 3 })
    expect(f.resolution).toMatchObject({ numerator: 1, denominator: 2 })
    expect(f.response).toMatchObject({ count: 2, totalMinutes: 240, meanMinutes: 120, medianBin: 'lt4h' })
    expect(f.handling).toMatchObject({ count: 1, totalMinutes: 1440, medianBin: 'lt3d' })
    expect(reportFigures(t, ['complaint'])).toMatchObject({ received: 1, byStatus: { hidden: 1 } })
    expect(categoryCompletion(t, 'parking')).toMatchObject({ numerator: 0, denominator: 1 })
    // 受影响的居民：4 位报事人 − 1 条隐藏 + 2 位关注者。
    expect(f.followers).toBe(2)
    expect(f.affected).toBe(5)
    expect(f.actions).toMatchObject({ accept: 1, start: 1, handle: 1, confirm: 0 })
  })
})

describe('性质：增量累加的桶 = 从原始记录独立重算的桶', () => {
  const arbReport = fc.record({
    buildingId: fc.constantFrom('b1', 'b2'),
    month: fc.constantFrom('2026-01', '2026-02', '2026-11'),
    kind: fc.constantFrom(...REPORT_KINDS),
    category: fc.constantFrom(...CATEGORY_IDS),
    urgency: fc.constantFrom(...URGENCIES),
  })
  const arbRating = fc.record({
    speed: fc.integer({ min: 1, max: 5 }),
    attitude: fc.integer({ min: 1, max: 5 }),
    effect: fc.integer({ min: 1, max: 5 }),
    words: fc.constant(''),
  })
  // 一步：要么提交一条新报事，要么对某条已有报事做一个动作；时间前进若干分钟。
  const arbStep = fc.oneof(
    fc.record({ type: fc.constant('submit' as const), seed: arbReport, minutes: fc.nat({ max: 600 }) }),
    fc.record({
      type: fc.constant('act' as const),
      target: fc.nat(),
      action: fc.constantFrom(...REPORT_ACTIONS),
      byReporter: fc.boolean(),
      rating: arbRating,
      minutes: fc.nat({ max: 20_000 }),
    }),
    fc.record({ type: fc.constant('follow' as const), target: fc.nat(), who: fc.constantFrom('zhao', 'qian', 'sun'), minutes: fc.nat({ max: 600 }) }),
  )

  it('任意提交与流转交错之后，两者逐桶相同', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 120 }), (steps) => {
        const reports: Report[] = []
        const changes: StatusChange[] = []
        const follows: Follow[] = []
        let buckets: TallyBucket[] = []
        let clock = Date.parse('2026-01-01T00:00:00.000Z')
        for (const step of steps) {
          clock += step.minutes * 60_000
          const at = new Date(clock).toISOString()
          if (step.type === 'submit') {
            const r = report({ ...step.seed, createdAt: at, updatedAt: at })
            reports.push(r)
            buckets = applyDeltas(buckets, deltasForNewReport(r))
            continue
          }
          if (reports.length === 0) continue
          const r = reports[step.target % reports.length]
          if (step.type === 'follow') {
            if (follows.some((f) => f.reportId === r.id && f.openid === step.who)) continue
            follows.push({ reportId: r.id, openid: step.who, at, via: 'follow' })
            buckets = applyDeltas(buckets, deltasForFollow(r))
            r.followers += 1
            continue
          }
          const t = transition(r.status, step.action, step.byReporter ? 'reporter' : 'handler')
          if (!t.ok) continue
          const details = t.to === 'resolved' ? { rating: step.rating } : {}
          const change: StatusChange = { reportId: r.id, from: r.status, to: t.to, note: '', actorId: 'x', at, requestId: `q${changes.length}`, details }
          const earlier = changes.filter((c) => c.reportId === r.id)
          buckets = applyDeltas(buckets, deltasForStatusChange(r, change, earlier))
          changes.push(change)
          r.status = t.to as ReportStatus
        }
        expect(buckets).toEqual(
          recountAll({ reports, statusChanges: changes, follows, notices: [], noticeReads: [], workLog: [], surveys: [], surveyAnswers: [] }),
        )
      }),
      { numRuns: 400 },
    )
  })
})

describe('按时办结率：时限落在箱边才算', () => {
  it('紧急 24 小时：1 天以内的三箱算按时；时限不在箱边答 null', () => {
    const r = (id: string) => report({ id, urgency: 'urgent', status: 'awaiting_confirmation', createdAt: '2026-11-10T00:00:00.000Z' })
    const at = (minutes: number) => new Date(Date.parse('2026-11-10T00:00:00.000Z') + minutes * 60_000).toISOString()
    const rs = [r('a'), r('b'), r('c'), r('d')]
    const changes: StatusChange[] = [30, 300, 1440, 1441].map((m, i) => ({
      reportId: rs[i].id,
      from: 'processing',
      to: 'awaiting_confirmation',
      note: '',
      actorId: 'li',
      at: at(m),
      requestId: `h${i}`,
      details: {},
    }))
    const f = reportFigures(new Totals(recountReports(rs, changes), ['2026-11']))
    // 箱的上界不含：24 小时整（1440 分钟）落进"1–3 天"一箱，不算按时。队列的超时判断是"晚于时限"，整点那一分钟两边差一分钟。
    expect(handledWithin(f.handlingByUrgency.urgent, 24)).toMatchObject({ numerator: 2, denominator: 4 })
    expect(handledWithin(f.handlingByUrgency.urgent, 48)).toBeNull()
    expect(handledWithin(f.handlingByUrgency.normal, 72)).toMatchObject({ numerator: 0, denominator: 0, percent: null })
  })
})
