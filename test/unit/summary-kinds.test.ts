/**
 * 五种工作总结，各在同一个种子数据上起草：docs/SUMMARY.md 要求的章节都在，每个数字都等于直接从原始记录
 * （报事与流转、台账、公告阅读、答卷）数出的值——核对器不经过统计桶，见 summary-seed.ts 的 expected。
 * 桶由生产的增量函数逐条重放得到，并先确认与独立重算一致。
 */
import { allParagraphs, render, SUMMARY_KINDS, type SummaryDocument, type SummaryKind } from '../../src/core/summaryDocument'
import { draftSummary } from '../../src/core/summary'
import { isCleanDiff, diffBuckets } from '../../src/core/tally'
import { namesSubject } from './summary-names'
import { BUILDINGS, expected, expectedCase, factsFor, recount, replay, seededWorld, type Target } from './summary-seed'

const world = seededWorld()
const buckets = replay(world)

/** docs/SUMMARY.md "五种总结"：每种必须有的章节（含小节）与必须能说的数字。 */
const REQUIRED: Record<SummaryKind, { target: Target; sections: (string | RegExp)[]; figures: (string | RegExp)[] }> = {
  representative: {
    target: { buildingId: 'b1', period: { kind: 'quarter', start: '2026-07', end: '2026-09' } },
    sections: [
      '引言',
      '主要工作与成果',
      '沟通协调',
      '监督检查',
      '权益维护',
      '社区活动',
      '存在的问题与不足',
      '经验与体会',
      '未来工作展望与建议',
      '个人计划',
      /对业委会.*物业.*业主的建议/,
      '结语',
    ],
    // 收集意见数、已解决数、解决率、巡查次数、发现隐患数、已整改数、典型案例（带日期）
    figures: ['received', 'resolved', 'resolution', 'worklog.inspection', 'hazards.found', 'hazards.fixedOfFound', /^case\d\.receivedAt$/],
  },
  joint: {
    target: { buildingId: null, period: { kind: 'half', start: '2026-07', end: '2026-12' } },
    sections: [
      '服务质量与环境',
      '环境卫生',
      '设施设备',
      '安全保障',
      '便民服务',
      '社区治理与居民参与',
      '联席会议',
      '矛盾纠纷化解',
      '文化活动与志愿服务',
      '信息公开',
      '应急管理与风险防控',
      '挑战与瓶颈',
      '策略与展望',
    ],
    // 报修响应时间、维修完成率、调解成功率、投诉办结率、活动场次/参与人次、志愿服务时长、信息公开次数、居民知晓率、隐患排查次数/整改完成率
    figures: [
      'repair.response.mean',
      'repair.completion',
      'mediation.rate',
      'complaint.completion',
      'worklog.activity',
      'activity.participants',
      'volunteer.hours',
      'notices.published',
      'notices.readRate',
      'worklog.inspection',
      'hazards.rate',
    ],
  },
  noProperty: {
    target: { buildingId: null, period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, hasPropertyCompany: false },
    sections: [
      '引言',
      '主要工作与亮点',
      '沟通协调与信息公开',
      '问题解决与设施维护',
      '社区活动与居民参与',
      '资源管理与财务公开',
      '典型案例',
      '挑战与不足',
      '经验与启示',
      '计划',
      '结语',
    ],
    // 登记问题数、解决数、解决率、议事会次数/收集意见/已落实、志愿者人数/服务时长、活动次数/参与人次；社区基金收支是缺口
    figures: [
      'received',
      'resolved',
      'resolution',
      'meeting.council',
      'kind.suggestion',
      'suggestion.completed',
      'volunteer.people',
      'volunteer.hours',
      'worklog.activity',
      'activity.participants',
    ],
  },
  property: {
    target: { buildingId: null, period: { kind: 'year', start: '2026-01', end: '2026-12' } },
    sections: ['客户满意度与体验', '投诉处理', '满意度调查', '基础服务', '保洁', '安保', '维修', '绿化', '停车', '社区文化与增值服务', '团队建设', /持续改进/],
    // 投诉总量、类型分布、处理时长、首次解决率、满意度分项、报修处理量/响应时间/修复率
    figures: [
      'kind.complaint',
      /^category\.\w+$/,
      'complaint.handling.mean',
      'firstTime',
      /^survey\.dim\.\w+$/,
      'kind.repair',
      'repair.response.mean',
      'repair.completion',
    ],
  },
  oldEstate: {
    target: { buildingId: null, period: { kind: 'year', start: '2026-01', end: '2026-12' }, oldEstate: true },
    sections: ['年度回顾', '环境卫生', '公共秩序与安防', '工程维修', '社区服务与居民沟通', '费用与财务', '团队', '问题与不足', '改进措施与展望'],
    // 投诉受理量、及时率、解决率、与上一年比较（年度总结的上期就是上一年）
    figures: ['kind.complaint', /^onTime\.(urgent|normal)$/, 'resolution', 'received@prev', 'completion@prev', /~prev$/],
  },
}

const headings = (doc: SummaryDocument) => {
  const out: string[] = []
  const walk = (s: SummaryDocument['sections'][number]) => {
    out.push(s.heading)
    s.children.forEach(walk)
  }
  doc.sections.forEach(walk)
  return out
}
const matches = (pattern: string | RegExp, value: string) => (typeof pattern === 'string' ? value === pattern : pattern.test(value))

/** 段落里说出来的数字：文字中的占位符。 */
const statedFigureIds = (doc: SummaryDocument) => new Set(allParagraphs(doc).flatMap((p) => p.figureIds))

it('种子数据：逐条重放的增量桶 = 从原始记录的独立重算', () => {
  expect(isCleanDiff(diffBuckets(buckets, recount(world)))).toBe(true)
  expect(world.reports.length).toBeGreaterThan(300)
})

describe.each(SUMMARY_KINDS)('%s', (kind) => {
  const req = REQUIRED[kind]
  const facts = factsFor(world, buckets, { ...req.target, kind })
  const doc = draftSummary(facts)
  const asOf = facts.asOf

  it('是所选的种类，标题含范围与期间', () => {
    expect(doc.kind).toBe(kind)
    expect(doc.title).toContain(doc.periodLabel)
    expect(doc.title).toContain(doc.kindLabel)
  })

  it('docs/SUMMARY.md 要求的章节都在', () => {
    const hs = headings(doc)
    for (const s of req.sections) expect(hs.some((h) => matches(s, h)) ? s : `缺少章节 ${String(s)}`).toBe(s)
  })

  it('要求能说的数字都在文中说了', () => {
    const stated = [...statedFigureIds(doc)]
    for (const f of req.figures) expect(stated.some((id) => matches(f, id)) ? f : `没有说 ${String(f)}`).toBe(f)
  })

  it('文中每个数字都等于从原始记录重数的值（比率连分子分母）', () => {
    const ids = Object.keys(doc.figures)
    expect(ids.length).toBeGreaterThan(20)
    for (const id of ids) {
      const f = doc.figures[id]
      const want = f.trace.source === 'report' ? expectedCase(world, f.trace.reportId, f.trace.field, asOf) : expected(world, req.target, id)
      expect({ id, value: f.value }).toEqual({ id, value: want.value })
      if (want.rate) expect({ id, numerator: f.rate?.numerator, denominator: f.rate?.denominator }).toEqual({ id, ...want.rate })
    }
  })

  it('段落里只有登记了的数字，文字本身不写数字（数字都来自占位符）', () => {
    const names = [doc.periodLabel, doc.scopeLabel, ...BUILDINGS.map((b) => b.name)]
    for (const p of allParagraphs(doc)) {
      for (const id of p.figureIds) expect(doc.figures[id]).toBeDefined()
      let bare = p.text.replace(/\{\{f:[^}]+\}\}/g, '').replace(/「[^」]*」/g, '')
      for (const n of names) bare = bare.split(n).join('')
      expect({ id: p.id, bare }).toEqual({ id: p.id, bare: bare.replace(/[0-9]/g, '') })
    }
    expect(render(doc)).not.toMatch(/\{\{f:/)
  })

  it('每项不足在建议里点了名', () => {
    for (const w of doc.weaknesses) {
      const suggestion = allParagraphs(doc).find((p) => p.weaknessId === w.id && p.id.startsWith('suggest:'))
      expect(suggestion ? w.id : `没有建议：${w.id}`).toBe(w.id)
      const said = render({ ...doc, sections: [{ id: 'x', heading: 'x', paragraphs: [suggestion!], children: [] }] })
      expect({ said, named: namesSubject(said, w.subject) }).toEqual({ said, named: true })
    }
  })

  it('同样的输入，逐字相同的文档', () => {
    expect(draftSummary(factsFor(world, buckets, { ...req.target, kind }))).toEqual(doc)
  })
})

it('无物业的总结有两到三个典型案例，财务是留给代表填的空', () => {
  const doc = draftSummary(factsFor(world, buckets, { ...REQUIRED.noProperty.target, kind: 'noProperty' }))
  const cases = doc.sections.find((s) => s.heading === '典型案例')!.paragraphs
  expect(cases.filter((p) => !p.gap).length).toBeGreaterThanOrEqual(2)
  expect(cases.filter((p) => !p.gap).length).toBeLessThanOrEqual(3)
  expect(render(doc)).toContain('【待补充：社区基金的收入、支出与结余')
})

it('种子数据确实触发了要检验的规则（否则上面的"每项不足有建议"是空话）', () => {
  const doc = draftSummary(factsFor(world, buckets, { ...REQUIRED.representative.target, kind: 'representative' }))
  const types = doc.weaknesses.map((w) => w.id)
  // 不足按严重程度 × 样本量排序、最多列 8 项（issue 21）：这里只要求确实触发了多种规则，且最要紧的长期未办结在列。
  expect(types).toEqual(expect.arrayContaining(['open:longest', 'late:urgent']))
  expect(new Set(types.map((id) => id.split(':')[0])).size).toBeGreaterThanOrEqual(4)
  const property = draftSummary(factsFor(world, buckets, { buildingId: null, period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, kind: 'property' }))
  expect(property.weaknesses.map((w) => w.id)).toEqual(expect.arrayContaining(['low:survey.dim.cleaning', 'drop:survey.dim.cleaning@prev']))
  expect(new Set(property.weaknesses.map((w) => w.id.split(':')[0])).size).toBeGreaterThanOrEqual(3)
})
