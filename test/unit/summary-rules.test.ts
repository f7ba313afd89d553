/**
 * 总结的规则，各用一个手写的小数据集：偏低要说偏低并给建议；比上期低要说低；没有的数据留空不编；
 * 每项不足都有点名的建议；样本少要标注、不夸；措辞因楼而异、对同一楼同一期间不变；默认种类；典型案例的挑法；自定义期间。
 */
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { allParagraphs, render, renderText, segments, type CaseCandidate, type SummaryDocument } from '../../src/core/summaryDocument'
import { chooseTypicalCases, defaultKind, draftSummary, PHRASES, PRAISE_WORDS, SUMMARY_THRESHOLDS } from '../../src/core/summary'
import { checkRange, previousRange, rangeLabel, rangeYearBefore } from '../../src/core/shared/time'
import { namesSubject } from './summary-names'
import { act, answer, emptyWorld, entry, factsFor, follow, newReport, replay, seededWorld, survey, type Target, type World } from './summary-seed'

const Q3: Target = { buildingId: 'b1', period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, kind: 'representative' }
const at = (month: string, day = 10, hour = 2) => `${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`
const draft = (w: World, t: Target = Q3) => draftSummary(factsFor(w, replay(w), t))
const paragraph = (doc: SummaryDocument, id: string) => {
  const p = allParagraphs(doc).find((x) => x.id === id)
  if (!p)
    throw new Error(
      `没有段落 ${id}：${allParagraphs(doc)
        .map((x) => x.id)
        .join(', ')}`,
    )
  return renderText(p.text, doc.figures)
}

/** 在某月提交 n 条报事，其中 handled 条处理并被确认（评分 rating）。 */
function reports(
  w: World,
  month: string,
  n: number,
  handled: number,
  over: Partial<Parameters<typeof newReport>[1]> = {},
  rating = { speed: 4, attitude: 4, effect: 4 },
) {
  for (let i = 0; i < n; i++) {
    const r = newReport(w, { createdAt: at(month, 1 + (i % 28)), ...over })
    if (i < handled) {
      act(w, r, 'accept', 30)
      act(w, r, 'handle', 600)
      act(w, r, 'confirm', 60, rating)
    }
  }
}

describe('客观公正：偏低说偏低，下降说下降，样本少要说', () => {
  it('办结率 25%（3/12）说"偏低"，问题里有它，建议点名办结率', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 3)
    const doc = draft(w)
    expect(doc.figures.completion).toMatchObject({ value: 25, rate: { numerator: 3, denominator: 12 } })
    expect(paragraph(doc, 'reports.overview')).toMatch(/办结率25%（3\/12），[^；]*偏低/)
    expect(paragraph(doc, 'problem:low:completion')).toMatch(/办结率.*25%（3\/12）.*偏低/)
    expect(paragraph(doc, 'suggest:low:completion')).toContain('办结率')
    expect(SUMMARY_THRESHOLDS.completionLow).toBeGreaterThan(25)
  })

  it('比上期低：办结率从 100%（10/10）降到 50%（5/10），文中说出两个数并说"下降/低于"；收到的件数少了也照说', () => {
    const w = emptyWorld()
    reports(w, '2026-05', 12, 12)
    reports(w, '2026-08', 10, 5)
    const doc = draft(w)
    const text = paragraph(doc, 'reports.compare')
    expect(text).toMatch(/办结率50%（5\/10）[^；]*100%（12\/12）[^；]*(下降|低于|低了)/)
    expect(text).toMatch(/收到报事10 件[^；]*12 件[^；]*(减少|少|下降|低于)/)
    expect(doc.figures['completion~prev']).toMatchObject({ value: -50 })
    expect(doc.weaknesses.map((x) => x.id)).toContain('drop:completion@prev')
    expect(paragraph(doc, 'suggest:drop:completion@prev')).toContain('办结率')
  })

  it('上期没有数据：说没有可比数据，而不是"下降 100%"或"0%"', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 11)
    const doc = draft(w)
    const text = paragraph(doc, 'reports.compare')
    expect(text).toMatch(/上期(没有可比数据|无记录|暂无数据可比)/)
    expect(text).not.toContain('个百分点')
    // 关键数字表里上期一栏显示"—（暂无数据）"，不是 0%。
    expect(doc.figures['completion@prev']).toMatchObject({ value: null, display: '—（暂无数据）' })
    expect(doc.weaknesses.some((x) => x.id.startsWith('drop:'))).toBe(false)
  })

  it('样本较少：1/1 = 100% 标"样本较少"，不夸；样本够多的 100% 才说好', () => {
    const small = emptyWorld()
    reports(small, '2026-08', 1, 1, {}, { speed: 5, attitude: 5, effect: 5 })
    const doc = draft(small)
    const overview = paragraph(doc, 'reports.overview')
    expect(overview).toContain('100%（1/1），样本较少')
    for (const word of PRAISE_WORDS) {
      expect(overview).not.toContain(word)
      expect(paragraph(doc, 'ratings')).not.toContain(word)
    }
    const big = emptyWorld()
    reports(big, '2026-08', 12, 12)
    const praised = paragraph(draft(big), 'reports.overview')
    expect(praised).toContain('100%（12/12）')
    expect(PRAISE_WORDS.some((word) => praised.includes(word))).toBe(true)
  })
})

describe('问题导向：每项不足都有点名的建议', () => {
  function troubled(): World {
    const w = emptyWorld()
    // 上期都办好了；本期电梯类办结率低、响应慢，一般的也拖。
    reports(w, '2026-05', 12, 12)
    for (let i = 0; i < 8; i++) {
      const r = newReport(w, { createdAt: at('2026-08', 1 + i), category: 'elevator', urgency: i % 2 ? 'urgent' : 'normal', text: `电梯故障${i}` })
      if (i < 2) {
        act(w, r, 'accept', 3000)
        act(w, r, 'handle', 6000)
      } else if (i < 6) act(w, r, 'accept', 2000)
      if (i === 7) follow(w, r, 'zhao')
    }
    reports(w, '2026-08', 3, 3, { category: 'sanitation' })
    entry(
      w,
      {
        kind: 'inspection',
        area: '地下车库',
        hazards: [
          { id: 'h1', text: '消防通道堆物', fixedOn: null },
          { id: 'h2', text: '应急灯不亮', fixedOn: '2026-08-20' },
        ],
      },
      { date: '2026-08-12' },
    )
    const s = survey(w, '2026-09')
    // 推荐意愿给 9 分（NPS 为正）：这里要检验的五项不足不被"NPS 为负"挤出前八项。
    for (let i = 0; i < 12; i++) answer(w, s, 'b1', { cleaning: 2, security: 4, overall: 4 }, 9)
    return w
  }

  it('分类办结率偏低、响应慢、满意度某项偏低、隐患未整改、较上期下降：各有建议，建议里点到它', () => {
    const doc = draft(troubled(), Q3)
    const ids = doc.weaknesses.map((x) => x.id)
    expect(ids).toEqual(
      expect.arrayContaining(['low:category.elevator.completion', 'slow:response', 'low:survey.dim.cleaning', 'open:hazards', 'drop:completion@prev']),
    )
    for (const wk of doc.weaknesses) {
      const suggestion = allParagraphs(doc).find((p) => p.id === `suggest:${wk.id}`)
      expect(suggestion?.weaknessId).toBe(wk.id)
      const said = renderText(suggestion!.text, doc.figures)
      expect({ said, named: namesSubject(said, wk.subject) }).toEqual({ said, named: true })
    }
    expect(paragraph(doc, 'suggest:open:hazards')).toMatch(/尚未整改的隐患|消防通道堆物/)
    expect(paragraph(doc, 'problem:open:hazards')).toContain('消防通道堆物')
    expect(paragraph(doc, 'problem:low:survey.dim.cleaning')).toMatch(/保洁满意度.*2\.0 分.*偏低/)
  })

  it('隐患整改完成率 90%（9/10）不说偏低（阈值 80%），但剩下的那一处仍是一项不足、有建议；60%（3/5）说偏低', () => {
    const w = emptyWorld()
    const hazards = (n: number, fixed: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `h${i + 1}`, text: `隐患${i + 1}`, fixedOn: i < fixed ? '2026-08-20' : null }))
    entry(w, { kind: 'inspection', area: '楼道', hazards: hazards(10, 9) }, { date: '2026-08-12' })
    const good = draft(w)
    expect(good.figures['hazards.rate'].rate).toMatchObject({ numerator: 9, denominator: 10 })
    expect(paragraph(good, 'inspection')).not.toMatch(/偏低/)
    expect(good.weaknesses.map((x) => x.id)).toContain('open:hazards')
    const w2 = emptyWorld()
    entry(w2, { kind: 'inspection', area: '楼道', hazards: hazards(5, 3) }, { date: '2026-08-12' })
    expect(paragraph(draft(w2), 'inspection')).toMatch(/60%（3\/5）[^。]*偏低/)
  })

  it('没有不足时不硬找，说明请代表补充', () => {
    const w = emptyWorld()
    reports(w, '2026-05', 12, 12)
    reports(w, '2026-08', 12, 12)
    const doc = draft(w)
    expect(doc.weaknesses).toEqual([])
    expect(paragraph(doc, 'problems.none')).toMatch(/补充/)
  })
})

describe('不编造：没有的数据留醒目的空', () => {
  it('物业总结：团队建设是空；没有问卷就说没有，不出满意度数字', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 5, 3)
    const doc = draft(w, { ...Q3, buildingId: null, kind: 'property' })
    const team = doc.sections.find((s) => s.heading === '团队建设')!.paragraphs[0]
    expect(team.gap).toEqual({ label: '团队人员、培训与考核情况', hint: '系统中没有记录团队数据' })
    expect(renderText(team.text, doc.figures)).toBe('【待补充：团队人员、培训与考核情况（系统中没有记录团队数据）】')
    expect(doc.gaps.map((g) => g.label)).toContain('团队人员、培训与考核情况')
    expect(paragraph(doc, 'survey.none')).toMatch(/没有/)
    expect(Object.keys(doc.figures).some((id) => id.startsWith('survey.dim.'))).toBe(false)
  })

  it('无物业总结：社区基金收支是空；老旧小区：费用与财务是空；没有台账时说没有记录', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 3, 1)
    const noProperty = draft(w, { ...Q3, buildingId: null, kind: 'noProperty', hasPropertyCompany: false })
    expect(render(noProperty)).toContain('【待补充：社区基金的收入、支出与结余（系统中没有记录社区基金）】')
    expect(paragraph(noProperty, 'inspection.none')).toMatch(/没有|未记录/)
    const old = draft(w, { ...Q3, buildingId: null, kind: 'oldEstate', oldEstate: true })
    expect(old.sections.find((s) => s.heading === '费用与财务')!.paragraphs[0].gap?.label).toBe('物业费收缴率与公共收益收支')
  })
})

describe('措辞：因楼而异，对同一楼同一期间不变', () => {
  const w = seededWorld(7)
  const buckets = replay(w)
  const templates = (doc: SummaryDocument) => new Map(allParagraphs(doc).map((p) => [p.id, p.text]))

  it('两栋楼的同种总结读起来不一样（同一段落用了不同的句式）', () => {
    const a = templates(draftSummary(factsFor(w, buckets, { ...Q3, buildingId: 'b1' })))
    const b = templates(draftSummary(factsFor(w, buckets, { ...Q3, buildingId: 'b2' })))
    const shared = [...a.keys()].filter((k) => b.has(k))
    const differing = shared.filter((k) => a.get(k) !== b.get(k))
    expect(shared.length).toBeGreaterThan(10)
    expect(differing.length).toBeGreaterThan(shared.length / 3)
  })

  it('同一栋楼、同一期间：逐字相同', () => {
    expect(render(draftSummary(factsFor(w, buckets, Q3)))).toBe(render(draftSummary(factsFor(w, buckets, Q3))))
  })
})

describe('默认种类', () => {
  it('跟着小区与起草人', () => {
    const withProperty = { hasPropertyCompany: true, oldEstate: false }
    const old = { hasPropertyCompany: true, oldEstate: true }
    expect(defaultKind(withProperty, 'representative')).toBe('representative')
    expect(defaultKind({ hasPropertyCompany: false, oldEstate: false }, 'representative')).toBe('noProperty')
    expect(defaultKind({ hasPropertyCompany: false, oldEstate: true }, 'committee', 'property')).toBe('noProperty')
    expect(defaultKind(withProperty, 'committee', 'residents_committee')).toBe('joint')
    expect(defaultKind(withProperty, 'committee', 'property')).toBe('property')
    expect(defaultKind(old, 'committee', 'property')).toBe('oldEstate')
    expect(defaultKind(old, 'committee', 'residents_committee')).toBe('joint')
    expect(defaultKind(withProperty, 'admin')).toBe('joint')
    expect(defaultKind(old, 'committee', 'owners_committee')).toBe('oldEstate')
  })

  it('不指定种类时按默认起草；指定了就用指定的', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 3, 1)
    const facts = factsFor(w, replay(w), { ...Q3, kind: undefined })
    expect(draftSummary(facts).kind).toBe('representative')
    expect(draftSummary({ ...facts, kind: 'property' }).kind).toBe('property')
  })
})

describe('典型案例：按规则挑，不重复，最多三件', () => {
  const c = (over: Partial<CaseCandidate> & { id: string }): CaseCandidate => ({
    kind: 'repair',
    category: 'elevator',
    excerpt: '电梯故障',
    place: '电梯轿厢',
    urgency: 'normal',
    followers: 0,
    receivedAt: '2026-08-01T02:00:00.000Z',
    handledAt: null,
    resolvedAt: null,
    status: 'pending',
    ...over,
  })

  it('关注最多的已办结、最快的紧急、开得最久的', () => {
    const cs = [
      c({ id: 'a', followers: 9, status: 'resolved', handledAt: '2026-08-05T02:00:00.000Z' }),
      c({ id: 'b', followers: 12, status: 'processing' }),
      c({ id: 'c', urgency: 'urgent', status: 'awaiting_confirmation', receivedAt: '2026-08-03T02:00:00.000Z', handledAt: '2026-08-03T04:00:00.000Z' }),
      c({ id: 'd', urgency: 'urgent', status: 'resolved', handledAt: '2026-08-02T02:00:00.000Z' }),
      c({ id: 'e', status: 'pending', receivedAt: '2026-07-02T02:00:00.000Z' }),
      c({ id: 'f', status: 'hidden', receivedAt: '2026-06-02T02:00:00.000Z' }),
    ]
    expect(chooseTypicalCases(cs).map((x) => [x.reason, x.candidate.id])).toEqual([
      ['mostFollowed', 'a'],
      ['fastestUrgent', 'c'],
      // 未办结的按要紧程度挑（issue 21）：12 人关注的 b 先于提交更早、没人关注的 e。
      ['longestOpen', 'b'],
    ])
  })

  it('一件报事只当一次案例；没有符合的规则就少挑', () => {
    const only = c({ id: 'x', urgency: 'urgent', followers: 3, status: 'resolved', handledAt: '2026-08-01T03:00:00.000Z' })
    expect(chooseTypicalCases([only]).map((x) => x.reason)).toEqual(['mostFollowed'])
    expect(chooseTypicalCases([])).toEqual([])
  })

  it('起草时案例带日期与用时，数字可追到那条报事；居民的话默认不引，只作为可选的引用带着', () => {
    const w = emptyWorld()
    const r = newReport(w, { createdAt: at('2026-08', 3), urgency: 'urgent', text: '楼道起火隐患' })
    act(w, r, 'handle', 90)
    const doc = draft(w)
    const p = allParagraphs(doc).find((x) => x.id === 'case1')!
    const text = renderText(p.text, doc.figures)
    for (const part of ['8月3日', '1.5 小时']) expect(text).toContain(part)
    expect(text).not.toContain('楼道起火隐患')
    expect(p.quote).toEqual({ text: '楼道起火隐患', shown: false })
    expect(doc.figures['case1.handlingMinutes'].trace).toEqual({ source: 'report', reportId: r.id, field: 'handlingMinutes' })
  })
})

describe('期间：自定义起止月份；环比与同比', () => {
  it('自定义 2026 年 3–7 月：标题写明，上期是前 5 个月，同比是去年 3–7 月', () => {
    const range = { start: '2026-03', end: '2026-07' }
    expect(rangeLabel(range)).toBe('2026年3月至7月')
    expect(rangeLabel({ start: '2025-11', end: '2026-02' })).toBe('2025年11月至2026年2月')
    expect(previousRange(range)).toEqual({ start: '2025-10', end: '2026-02' })
    expect(rangeYearBefore(range)).toEqual({ start: '2025-03', end: '2025-07' })
    expect(checkRange({ start: '2026-01', end: '2026-12' })).toBeNull()
    expect(checkRange({ start: '2025-12', end: '2026-12' })).toMatch(/12 个月/)
    expect(checkRange({ start: '2026-05', end: '2026-03' })).toMatch(/早于/)
    const w = emptyWorld()
    reports(w, '2026-04', 4, 2)
    reports(w, '2025-12', 3, 3)
    const doc = draft(w, { ...Q3, period: { kind: 'custom', ...range } })
    expect(doc.title).toContain('2026年3月至7月')
    expect(doc.figures.received).toMatchObject({ value: 4, trace: { source: 'reports', months: ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07'] } })
    expect(doc.figures['received@prev']).toMatchObject({ value: 3 })
  })

  it('数字可拆成可点的片段；占位符全部换成显示文字', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 3)
    const doc = draft(w)
    const p = allParagraphs(doc).find((x) => x.id === 'reports.overview')!
    const segs = segments(p, doc.figures)
    expect(segs.filter((s) => 'figure' in s).map((s) => ('figure' in s ? s.figure.id : ''))).toEqual(
      p.figureIds.length ? expect.arrayContaining(p.figureIds) : [],
    )
    expect(segs.map((s) => ('figure' in s ? s.figure.display : s.text)).join('')).toBe(renderText(p.text, doc.figures))
    expect(DEFAULT_OVERDUE_HOURS.urgent).toBe(24)
  })
})

describe('措辞库的约定（phrases.ts）', () => {
  const bank = PHRASES as Record<string, readonly string[]>
  it('措辞里不写数字；反复出现的句子至少三个变体', () => {
    for (const [key, variants] of Object.entries(bank)) {
      for (const v of variants) expect({ key, v }).toEqual({ key, v: v.replace(/[0-9]/g, '') })
      if (!/item$|^gap$/i.test(key)) expect({ key, n: variants.length >= 3 }).toEqual({ key, n: true })
    }
  })
  it('"下降"的每个变体都说出低于或下降；每条建议都点名 {subject}；夸奖只在 judge.good 里', () => {
    for (const key of ['cmp.lower', 'cmp.countFewer', 'cmp.slower', 'weakness.drop']) for (const v of bank[key]) expect(v).toMatch(/下降|低于|低了/)
    for (const [key, variants] of Object.entries(bank)) {
      if (key.startsWith('suggest.')) for (const v of variants) expect(v).toContain('{subject}')
      if (key !== 'judge.good')
        for (const v of variants) for (const word of PRAISE_WORDS) expect({ key, v, has: v.includes(word) }).toEqual({ key, v, has: false })
    }
  })
})

describe('年度总结：上期就是去年同期，只比一次', () => {
  it('年度的老旧小区总结按上一年比较，不重复同比；季度的同时有环比与同比', () => {
    const w = seededWorld(3)
    const buckets = replay(w)
    const year = draftSummary(
      factsFor(w, buckets, { buildingId: null, period: { kind: 'year', start: '2026-01', end: '2026-12' }, kind: 'oldEstate', oldEstate: true }),
    )
    expect(Object.keys(year.figures).some((id) => id.includes('@yoy') || id.includes('~yoy'))).toBe(false)
    expect(year.figures['received@prev'].trace).toMatchObject({ months: expect.arrayContaining(['2025-01', '2025-12']) })
    const quarter = draftSummary(
      factsFor(w, buckets, { buildingId: null, period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, kind: 'oldEstate', oldEstate: true }),
    )
    expect(quarter.figures['received@yoy'].trace).toMatchObject({ months: ['2025-07', '2025-08', '2025-09'] })
  })
})
