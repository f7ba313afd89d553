/**
 * Issue 21 的十点，各用一个手写的小数据集（每条在 issue 21 之前的起草器上都不通过）：
 * 1 实情（物业、老旧、起草人、户数）；2 问卷按轮；3 期间的覆盖与薄样本；4 进步与不足的排序；5 报修、投诉各自的分布；
 * 6 调解成功率、已落实、演练；7 台账的内容；8 典型案例；9 读起来是一篇（拼接、落款、目标、责任方）；10 各种总结各有其内容。
 */
import { allParagraphs, renderText, SUMMARY_KINDS, type SummaryDocument, type SummaryKind } from '../../src/core/summaryDocument'
import * as summary from '../../src/core/summary'
import { draftSummary } from '../../src/core/summary'
import { PHRASES } from '../../src/core/summary/phrases'
import { rateNameConflicts, repeatedSubjects } from './summary-names'
import { act, answer, emptyWorld, entry, factsFor, follow, newReport, notice, replay, seededWorld, survey, type Target, type World } from './summary-seed'

const Q3: Target = { buildingId: 'b1', period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, kind: 'representative' }
const at = (month: string, day = 10) => `${month}-${String(day).padStart(2, '0')}T02:00:00.000Z`
const draft = (w: World, t: Target = Q3) => draftSummary(factsFor(w, replay(w), t))
const text = (doc: SummaryDocument) =>
  allParagraphs(doc)
    .map((p) => renderText(p.text, doc.figures))
    .join('\n')
const para = (doc: SummaryDocument, id: string) => {
  const p = allParagraphs(doc).find((x) => x.id === id)
  return p ? renderText(p.text, doc.figures) : ''
}

/** 某月 n 条报事，其中 fixed 条处理并确认。 */
function reports(w: World, month: string, n: number, fixed: number, over: Partial<Parameters<typeof newReport>[1]> = {}, handleAfter = 600) {
  for (let i = 0; i < n; i++) {
    const r = newReport(w, { createdAt: at(month, 1 + (i % 27)), ...over })
    if (i < fixed) {
      act(w, r, 'accept', 30)
      act(w, r, 'handle', handleAfter)
      act(w, r, 'confirm', 60, { speed: 4, attitude: 4, effect: 4 })
    }
  }
}

describe('1 实情：谁在服务、谁在写、是不是老旧小区、多少户', () => {
  const w = emptyWorld()
  reports(w, '2026-08', 12, 10)
  it('有物业的小区选"无物业"：不说没有物业；没有物业的小区选"物业服务"：不说物业服务中心', () => {
    expect(text(draft(w, { ...Q3, kind: 'noProperty', hasPropertyCompany: true }))).not.toMatch(/没有物业|无物业/)
    const property = draft(w, { ...Q3, kind: 'property', hasPropertyCompany: false })
    expect(text(property)).not.toMatch(/物业服务中心|物业团队/)
    for (const sentence of text(property).split(/[。\n]/)) if (sentence.includes('物业')) expect(sentence).toMatch(/没有物业|无物业/)
    expect(text(property)).toMatch(/没有物业服务企业/)
  })
  it('不是老旧小区不说是；业委会起草业主代表总结不说"本人担任业主代表"；一栋楼的总结不说小区的户数', () => {
    expect(text(draft(w, { ...Q3, kind: 'oldEstate', oldEstate: false }))).not.toMatch(/是老旧小区/)
    const byCommittee = draft(w, { buildingId: null, period: Q3.period, kind: 'representative' })
    expect(text(byCommittee)).not.toMatch(/本人(作为|继续担任|担任)/)
    expect(para(draft(w, { ...Q3, kind: 'joint' }), 'intro')).not.toMatch(/小区共/)
  })
  it('种类与实情不符时有一句给起草人的提示；相符时没有', () => {
    const k = (summary as unknown as { kindMismatch: (...a: unknown[]) => string | null }).kindMismatch
    expect(k('noProperty', { name: '春晖苑', hasPropertyCompany: true, oldEstate: false }, { role: 'committee', body: 'owners_committee' }, true)).toMatch(
      /春晖苑有物业服务企业/,
    )
    expect(k('property', { name: '槐树里', hasPropertyCompany: false, oldEstate: true }, { role: 'committee', body: 'residents_committee' }, true)).toMatch(
      /没有物业服务企业/,
    )
    expect(k('joint', { name: '春晖苑', hasPropertyCompany: true, oldEstate: false }, { role: 'committee', body: 'residents_committee' }, true)).toBeNull()
  })
})

describe('2 问卷按轮报告', () => {
  it('同一期两轮满意度问卷：不合成一个分，最近一轮对前一轮说升降；NPS 为负是一项不足，并解释 NPS', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 12)
    const first = survey(w, '2026-07')
    for (let i = 0; i < 12; i++) answer(w, first, 'b1', { repair: 3, overall: 3 }, 2)
    const second = survey(w, '2026-09')
    for (let i = 0; i < 12; i++) answer(w, second, 'b1', { repair: 4, overall: 4 }, 5)
    const doc = draft(w, { ...Q3, kind: 'property' })
    expect(doc.figures['survey.dim.repair'].value).toBe(4)
    expect(doc.figures['survey.earlier.dim.repair'].value).toBe(3)
    expect(para(doc, 'survey.rounds')).toMatch(/维修(从|由)3\.0 分(升到|提高到)4\.0 分/)
    expect(para(doc, 'survey.nps')).toMatch(/愿意推荐.*减去/)
    expect(doc.weaknesses.map((x) => x.id)).toContain('low:survey.nps')
  })

  it('NPS 为负列为不足时，每种总结的那一句都说出负数的意思（不愿推荐的比愿意推荐的多）', () => {
    // 业主代表的总结没有问卷一节，居民只在"不足"里读到 NPS：那一句自己要讲清楚。
    for (const phrase of PHRASES['weakness.negativeNps']) expect(phrase).toMatch(/不愿(向亲友)?推荐.*(多|少)|(少|多)于不愿推荐/)
  })
})

describe('3 期间说清覆盖，薄样本不说升降', () => {
  it('上期 9 件全办结、本期 90%：不说下降，不列为不足；期间未结束说截至哪天', () => {
    const w = emptyWorld()
    reports(w, '2026-05', 9, 9)
    reports(w, '2026-08', 20, 18)
    const doc = draft(w, { ...Q3, asOf: '2026-09-20T00:00:00.000Z' })
    expect(doc.weaknesses.map((x) => x.id)).not.toContain('drop:completion@prev')
    expect(text(doc)).not.toMatch(/办结率[^；。]*(下降|低了)/)
    expect(para(doc, 'coverage')).toMatch(/截至/)
    // 上期的报事记录从 5 月才开始：说出从哪天起，而不只是件数。
    expect(para(doc, 'coverage.previous')).toMatch(/2026年5月1日/)
    expect(doc.figures['records.since@prev'].trace).toEqual({ source: 'report', reportId: w.reports[0].id, field: 'receivedAt' })
    expect(para(doc, 'coverage.since')).toBe('')
  })
  it('记录从本期中途才开始：说系统自哪天起有记录', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 20, 18)
    expect(para(draft(w), 'coverage.since')).toMatch(/自2026年8月1日起|始于2026年8月1日|从2026年8月1日起/)
  })
})

describe('4 进步要说，不足按轻重排', () => {
  it('一般报事及时率从 50% 升到 90%（两期都不少于 10 件）：作为进步写出', () => {
    const w = emptyWorld()
    reports(w, '2026-05', 10, 10, {}, 600)
    reports(w, '2026-05', 10, 10, {}, 6000)
    reports(w, '2026-08', 18, 18, {}, 600)
    reports(w, '2026-08', 2, 2, {}, 6000)
    const doc = draft(w)
    expect(para(doc, 'gains')).toMatch(/一般报事的及时率.*50%（10\/20）.*90%（18\/20）/)
  })
  it('"其他"类不单列为不足；不足最多八项，按严重程度 × 样本量排', () => {
    const w = seededWorld(11)
    const doc = draft(w, { buildingId: null, period: Q3.period, kind: 'property' })
    expect(doc.weaknesses.some((x) => x.id === 'low:category.other.completion')).toBe(false)
    expect(doc.weaknesses.length).toBeLessThanOrEqual(8)
  })
})

describe('10 业主代表的建议分对象写', () => {
  const advice = (doc: SummaryDocument) => doc.sections.find((s) => s.id === 'outlook')!.children.find((s) => s.id === 'advice')!
  it('对业委会 / 对物业 / 对业主各一段，每段都有内容；没有对业主的话时不写那一段', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 6, { category: 'elevator' })
    notice(w, '2026-08', ['b1'])
    const doc = draft(w)
    const groups = advice(doc).children
    expect(groups.map((g) => g.heading)).toEqual(['对业委会', '对物业', '对业主'])
    for (const g of groups) expect(g.paragraphs.length).toBeGreaterThan(0)
    // 知晓率低：对业委会的是改进公告的措施，对业主的是请邻居读公告；电梯的办结率找物业（维保单位）。
    expect(groups[0].paragraphs.map((p) => p.weaknessId)).toContain('low:notices.readRate')
    expect(groups[1].paragraphs.map((p) => p.weaknessId)).toContain('low:category.elevator.completion')
    expect(renderText(groups[2].paragraphs[0].text, doc.figures)).toMatch(/邻居|大家/)
    // 每项不足仍在建议里有一段点名的措施。
    for (const x of doc.weaknesses) expect(groups.flatMap((g) => g.paragraphs).some((p) => p.weaknessId === x.id && p.id === `suggest:${x.id}`)).toBe(true)

    const quiet = emptyWorld()
    reports(quiet, '2026-08', 12, 6, { category: 'elevator' })
    expect(advice(draft(quiet)).children.map((g) => g.heading)).toEqual(['对物业'])
  })
})

describe('5 报修、投诉各自的分布', () => {
  it('报修的类别只数报修；投诉的类别只数投诉', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 6, 6, { kind: 'repair', category: 'elevator' })
    reports(w, '2026-08', 5, 5, { kind: 'complaint', category: 'parking' })
    const doc = draft(w, { ...Q3, kind: 'property' })
    expect(para(doc, 'repairs.list')).toMatch(/电梯6 件/)
    expect(para(doc, 'repairs.list')).not.toMatch(/停车/)
    expect(para(doc, 'complaints.kinds')).toMatch(/停车5 件/)
  })
})

describe('6 计数：调解、已落实、演练', () => {
  it('调解 2 成功、2 进行中：成功率按已有结果算 100%，不说偏低；演练写进应急管理；已落实只数居民确认的', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 10)
    for (const outcome of ['success', 'success', 'ongoing', 'ongoing'] as const)
      entry(w, { kind: 'mediation', parties: '邻里', outcome }, { date: '2026-08-03' })
    entry(w, { kind: 'activity', name: '消防演练', participants: 30 }, { date: '2026-08-05' })
    const s = newReport(w, { createdAt: at('2026-08'), kind: 'suggestion' })
    act(w, s, 'accept', 30)
    act(w, s, 'handle', 60)
    const doc = draft(w, { ...Q3, kind: 'joint' })
    expect(doc.figures['mediation.rate'].rate).toMatchObject({ numerator: 2, denominator: 2 })
    expect(doc.weaknesses.map((x) => x.id)).not.toContain('low:mediation.rate')
    expect(para(doc, 'emergency.drills')).toMatch(/演练.*1 次.*消防演练|消防演练.*应急演练1 次/)
    expect(text(doc)).not.toMatch(/没有记录应急演练/)
    const np = draft(w, { ...Q3, kind: 'noProperty', hasPropertyCompany: false })
    expect(para(np, 'suggestions.collected')).toMatch(/已办结1 件.*落实.*0 件/)
  })
})

describe('6 自建问卷的选择题：并列说并列，括号不套括号', () => {
  it('「屋顶防水」与「楼道照明」各 19 人：说并列第一、各 19 人、共 57 人作答；计划里也说并列', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 10)
    const sv = survey(w, '2026-08')
    for (let i = 0; i < 12; i++) answer(w, sv, 'b1', { repair: 4, overall: 4 }, 8)
    const facts = factsFor(w, replay(w), { ...Q3, kind: 'oldEstate' })
    const question = '您最希望明年优先解决哪件事？'
    const options = [
      { label: '屋顶防水', count: 19 },
      { label: '楼道照明', count: 19 },
      { label: '停车位', count: 12 },
    ]
    facts.surveyReleases!.current = [
      ...(facts.surveyReleases!.current ?? []),
      { id: 'custom1', title: '居民服务调查', month: '2026-08', questions: [{ id: 'q1', type: 'single', title: question, count: 57, options }] },
    ]
    const doc = draftSummary(facts)
    const custom = para(doc, 'survey.custom1')
    expect(custom).toMatch(/「屋顶防水」与「楼道照明」(得票相同、)?并列第一，各(得)?19 人/)
    expect(custom).toMatch(/57 人作答/)
    expect(custom).not.toMatch(/（[^）]*（/)
    expect(para(doc, 'plan.priorities')).toMatch(/「屋顶防水」与「楼道照明」（并列第一，各19 人，共57 人作答）/)
    // 不并列时分第一、第二。
    options[1].count = 15
    const untied = draftSummary(facts)
    expect(para(untied, 'survey.custom1')).toMatch(/「屋顶防水」.*19 人.*「楼道照明」.*15 人/)
    expect(para(untied, 'survey.custom1')).not.toMatch(/并列/)
  })
})

describe('7 台账的内容', () => {
  it('会议的决定与协调的结果写进总结（去掉个人信息）', () => {
    const w = emptyWorld()
    reports(w, '2026-08', 12, 10)
    entry(w, { kind: 'meeting', type: 'council', attendees: 12, topics: '楼道堆物', decisions: '九月底前清理完毕' }, { date: '2026-08-03' })
    entry(w, { kind: 'coordination', counterpart: '街道', subject: '屋面防水', outcome: '列入明年改造计划' }, { date: '2026-08-04' })
    const doc = draft(w)
    expect(text(doc)).toMatch(/九月底前清理完毕/)
    expect(text(doc)).toMatch(/屋面防水」：「列入明年改造计划」/)
  })
})

describe('8 典型案例', () => {
  it('每种总结都有案例，每件三到四句，写到关注、用时与结果，不写居民的话', () => {
    const w = emptyWorld()
    const r = newReport(w, { createdAt: at('2026-08', 2), text: '我是王秀英，电梯坏了' })
    follow(w, r, 'a')
    follow(w, r, 'b')
    act(w, r, 'accept', 30)
    act(w, r, 'handle', 600)
    act(w, r, 'confirm', 600, { speed: 5, attitude: 5, effect: 5 })
    reports(w, '2026-08', 10, 5)
    for (const kind of SUMMARY_KINDS) {
      const doc = draft(w, { ...Q3, kind })
      const cases = allParagraphs(doc).filter((p) => /^case\d$/.test(p.id))
      expect({ kind, n: cases.length >= 2 }).toEqual({ kind, n: true })
      const first = renderText(cases[0].text, doc.figures)
      expect(first.split('。').filter(Boolean).length).toBeGreaterThanOrEqual(3)
      expect(first).toMatch(/2 人/)
      expect(first).toMatch(/确认/)
      expect(first).not.toMatch(/王秀英/)
    }
  })
})

describe('9 读起来是一篇', () => {
  const w = seededWorld(5)
  const doc = draft(w, { ...Q3, kind: 'representative' })
  it('落款有名义、称呼与日期；建议里有可检验的目标；停车的建议不找维修单位', () => {
    expect(para(doc, 'signature')).toMatch(/业主代表.*李老师.*\d+年\d+月\d+日/)
    const withTarget = allParagraphs(doc).filter((p) => p.id.startsWith('suggest:') && p.figureIds.some((f) => f.startsWith('target:')))
    expect(withTarget.length).toBeGreaterThan(0)
    for (const p of allParagraphs(doc).filter((x) => x.id.startsWith('suggest:low:category.parking')))
      expect(renderText(p.text, doc.figures)).not.toMatch(/维修单位/)
  })
  it('列表里不夹评语，同一隐患不列两次，没有"可比参加"一类的拼接', () => {
    const all = text(doc)
    expect(all).not.toMatch(/分，(整体良好|情况较好|保持在较高水平|偏低|明显偏低|处于偏低水平)，[\u4e00-\u9fa5]{1,4}\d/)
    expect(all).not.toMatch(/数据可比[\u4e00-\u9fa5]/)
    for (const s of all.split(/[。\n]/)) {
      const items = [...s.matchAll(/「([^」]*)」/g)].map((m) => m[1])
      expect(new Set(items).size).toBe(items.length)
    }
  })
})

describe('10 各种总结各有其内容', () => {
  it('同一范围同一期间，任两种总结共用的句子不超过三分之一；代表有关键句与个人计划，无物业按"解决 / 登记"算解决率，物业有 PDCA 四步', () => {
    const w = seededWorld(7)
    const docs = new Map<SummaryKind, SummaryDocument>(SUMMARY_KINDS.map((k) => [k, draft(w, { buildingId: null, period: Q3.period, kind: k })]))
    const sentences = (d: SummaryDocument) =>
      new Set(
        allParagraphs(d)
          .filter((p) => !p.gap)
          .flatMap((p) => renderText(p.text, d.figures).split(/(?<=[。！？])/))
          .map((x) => x.trim())
          .filter(Boolean),
      )
    const sets = [...docs].map(([k, d]) => [k, sentences(d)] as const)
    for (const [a, sa] of sets)
      for (const [b, sb] of sets) {
        if (a >= b) continue
        const shared = [...sa].filter((x) => sb.has(x)).length / Math.min(sa.size, sb.size)
        expect({ a, b, ok: shared <= 1 / 3 }).toEqual({ a, b, ok: true })
      }
    expect(para(docs.get('representative')!, 'rep.keyLine')).toMatch(/收集.*解决.*解决率.*巡检.*隐患/)
    // 关键句的解决率按指南是已解决 / 登记；正文里的 已解决 / 已办结 改叫居民确认率：同一份总结里一个名字一个口径。
    expect(para(docs.get('representative')!, 'rep.keyLine')).toMatch(/解决率/)
    for (const kind of ['representative', 'noProperty'] as const) expect(rateNameConflicts(docs.get(kind)!)).toEqual([])
    const np = docs.get('noProperty')!
    const registered = np.figures.resolvedOfRegistered.rate!
    expect(registered.denominator).toBe(np.figures.completion.rate!.denominator)
    expect(registered.numerator).toBe(np.figures.resolved.value)
    const pdca = docs.get('property')!.sections.find((s) => s.id === 'pdca')!
    expect(pdca.children.map((c) => c.heading.slice(0, 2))).toEqual(['执行', '检查', '处理', '计划'])
  })
})

describe('建议的目标回指主语：不把同一个分类名在一句里说两遍', () => {
  it('槐树里联合总结最差的那段：目标改说"这类报事的办结率"', () => {
    expect(
      summary.referBack(
        '对噪音与邻里纠纷类报事由居委会调解员设专人跟进、逐件督办，目标是噪音与邻里纠纷类报事的办结率不低于{{f:target:low:x}}。',
        '噪音与邻里纠纷类报事的办结率',
      ),
    ).toBe('对噪音与邻里纠纷类报事由居委会调解员设专人跟进、逐件督办，目标是这类报事的办结率不低于{{f:target:low:x}}。')
    // 主语在前、或这一句没先说分类的，不改；回指不跨句。
    expect(summary.referBack('噪音与邻里纠纷类报事的办结率只有一半。', '噪音与邻里纠纷类报事的办结率')).toBe('噪音与邻里纠纷类报事的办结率只有一半。')
    expect(summary.referBack('停车类报事多。停车类报事的办结率要提高。', '停车类报事的办结率')).toBe('停车类报事多。停车类报事的办结率要提高。')
  })

  it.each([
    ['noise', '噪音与邻里纠纷'],
    ['parking', '停车'],
  ] as const)('%s 类办结率偏低：五种总结的不足与建议里，分类名每句只说一次，目标回指"这类报事的办结率"', (category, label) => {
    const w = emptyWorld()
    reports(w, '2026-08', 14, 3, { category })
    reports(w, '2026-08', 12, 12, { category: 'sanitation' })
    for (const kind of SUMMARY_KINDS) {
      const doc = draft(w, { buildingId: null, period: Q3.period, kind, hasPropertyCompany: false, oldEstate: true })
      const id = `low:category.${category}.completion`
      expect(doc.weaknesses.map((x) => x.id)).toContain(id)
      const said = [para(doc, `suggest:${id}`), para(doc, `problem:${id}`)]
      expect(said[0]).toMatch(/这类报事的办结率/)
      for (const sentence of said.join('。').split(/[。；]/)) expect(sentence.split(`${label}类`).length - 1 <= 1 ? '' : `${kind}：${sentence}`).toBe('')
      expect(repeatedSubjects(doc)).toEqual([])
    }
  })
})
