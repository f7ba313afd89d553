/**
 * 总结的文字检查（issue 21）：在成千上万份随机生成的小区记录上起草五种总结（一栋楼、整个小区；有无物业、老旧与否；
 * 空的、只有几条的期间），逐份检查文字：
 *   - 没有拼接毛病（"可比参加"、列表里夹评语、空括号、连着两个标点、没填的空）；
 *   - 同一句里列出的「…」不重复；每段以句末标点收尾；
 *   - 不给没有数据的比率（"0/0"、"暂无数据"不进正文）；
 *   - 任一边样本不足 10 时不说升降（变化量、"下降"类不足、进步、两轮问卷的升降都查）；
 *   - 不夸下降了的数字、不夸没到门槛的数字；
 *   - 没有物业的小区，没有一句讲物业在做什么；
 *   - 一句里不把不足的主语（连续 6 个字以上）说两遍：先说了分类，目标就回指"这类报事的…"；
 *   - 每个数字都是登记过、带 trace 的占位符，文字本身不写数字。
 * 记录用 summary-seed 的同一套写法生成，按生产的增量逐条重放成统计桶。
 */
import fc from 'fast-check'
import { allParagraphs, renderText, SUMMARY_KINDS, type Figure, type SummaryDocument, type SummaryKind } from '../../src/core/summaryDocument'
import { draftSummary, PHRASES, SUMMARY_THRESHOLDS } from '../../src/core/summary'
import type { CategoryId, ReportKind } from '../../src/core/shared/catalog'
import type { ReportAction } from '../../src/core/reports'
import { rateNameConflicts, repeatedSubjects } from './summary-names'
import { act, answer, emptyWorld, entry, factsFor, follow, newReport, notice, replay, rng, survey, type Target, type World } from './summary-seed'

const CATS: CategoryId[] = ['elevator', 'facilities', 'sanitation', 'security', 'fire', 'greenery', 'parking', 'noise', 'service', 'other']
const KINDS: ReportKind[] = ['repair', 'complaint', 'suggestion']
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']
const BUILDINGS = ['b1', 'b2', 'b3']
/** 状态流转的几条路（都经 workflow 核准）。 */
const PATHS: ReportAction[][] = [
  [],
  ['accept'],
  ['accept', 'start'],
  ['accept', 'handle'],
  ['accept', 'handle', 'confirm'],
  ['handle', 'confirm'],
  ['close'],
  ['hide'],
]

interface Shape {
  seed: number
  reports: number
  followers: number
  inspections: number
  mediations: number
  activities: number
  notices: number
  surveys: number
  answersPerSurvey: number
}

/** 按 shape 造一个小区：报事（各种类型、分类、状态）、关注、台账、公告、问卷与答卷，分布在近一年的各月。 */
function worldOf(s: Shape): World {
  const w = emptyWorld()
  const R = rng(s.seed).next
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(R() * xs.length)]
  const day = () => String(1 + Math.floor(R() * 27)).padStart(2, '0')
  for (let i = 0; i < s.reports; i++) {
    const r = newReport(w, {
      createdAt: `${pick(MONTHS)}-${day()}T02:00:00.000Z`,
      buildingId: pick(BUILDINGS),
      kind: pick(KINDS),
      category: pick(CATS),
      urgency: R() < 0.25 ? 'urgent' : 'normal',
      location: R() < 0.5 ? { scope: 'public', area: '大堂', detail: '' } : { scope: 'home', unit: '1', floor: '2', room: '201' },
    } as Parameters<typeof newReport>[1])
    for (const a of pick(PATHS))
      act(w, r, a, 30 + Math.floor(R() * 8000), { speed: 1 + Math.floor(R() * 5), attitude: 1 + Math.floor(R() * 5), effect: 1 + Math.floor(R() * 5) })
  }
  for (let i = 0; i < s.followers && w.reports.length; i++) follow(w, pick(w.reports), `f${i}`)
  for (let i = 0; i < s.inspections; i++)
    entry(
      w,
      {
        kind: 'inspection',
        area: pick(['楼道', '地下车库', '天台']),
        hazards: Array.from({ length: Math.floor(R() * 3) }, (_, k) => ({
          id: `h${i}-${k}`,
          text: pick(['消防通道堆物', '应急灯不亮', '扶手松动']),
          fixedOn: R() < 0.6 ? '2026-09-20' : null,
        })),
      },
      { date: `${pick(MONTHS)}-${day()}`, buildingId: R() < 0.3 ? null : pick(BUILDINGS) },
    )
  for (let i = 0; i < s.mediations; i++)
    entry(
      w,
      { kind: 'mediation', parties: '邻里', outcome: pick(['success', 'ongoing', 'failed'] as const) },
      { date: `${pick(MONTHS)}-${day()}`, buildingId: pick(BUILDINGS) },
    )
  for (let i = 0; i < s.activities; i++)
    entry(
      w,
      { kind: 'activity', name: pick(['消防演练', '百家宴', '义诊']), participants: 1 + Math.floor(R() * 80) },
      { date: `${pick(MONTHS)}-${day()}`, buildingId: null },
    )
  for (let i = 0; i < s.notices; i++) {
    const n = notice(w, pick(MONTHS), R() < 0.5 ? BUILDINGS : [pick(BUILDINGS)])
    for (const t of n.targets)
      for (let k = Math.floor(R() * 6); k > 0; k--)
        w.reads.push({ noticeId: n.id, openid: `o${w.reads.length}`, buildingId: t.buildingId, at: n.publishedAt } as World['reads'][number])
  }
  for (let i = 0; i < s.surveys; i++) {
    const sv = survey(w, pick(MONTHS))
    for (let k = 0; k < s.answersPerSurvey; k++)
      answer(
        w,
        sv,
        pick(BUILDINGS),
        { cleaning: 1 + Math.floor(R() * 5), repair: 1 + Math.floor(R() * 5), parking: 1 + Math.floor(R() * 5), overall: 1 + Math.floor(R() * 5) },
        Math.floor(R() * 11),
      )
  }
  return w
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  reports: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 60 })),
  followers: fc.integer({ min: 0, max: 20 }),
  inspections: fc.integer({ min: 0, max: 4 }),
  mediations: fc.integer({ min: 0, max: 5 }),
  activities: fc.integer({ min: 0, max: 3 }),
  notices: fc.integer({ min: 0, max: 4 }),
  surveys: fc.integer({ min: 0, max: 3 }),
  answersPerSurvey: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 10, max: 25 })),
})
const targetArb: fc.Arbitrary<Target> = fc.record({
  buildingId: fc.constantFrom('b1', null),
  period: fc.constantFrom(
    { kind: 'quarter' as const, start: '2026-07', end: '2026-09' },
    { kind: 'month' as const, start: '2026-09', end: '2026-09' },
    { kind: 'half' as const, start: '2026-01', end: '2026-06' },
  ),
  kind: fc.constantFrom<SummaryKind>(...SUMMARY_KINDS),
  hasPropertyCompany: fc.boolean(),
  oldEstate: fc.boolean(),
  asOf: fc.constantFrom('2026-09-15T00:00:00.000Z', '2026-12-31T00:00:00.000Z'),
})

const PRAISE = PHRASES['judge.good'] as readonly string[]
const T = SUMMARY_THRESHOLDS

/** 一个数字的样本量：比率看分母，均分与用时看对应的件数（人数），其余看它本身。 */
function sampleOf(doc: SummaryDocument, id: string): number {
  const f = doc.figures[id]
  if (!f) return 0
  if (f.rate) return f.rate.denominator
  const countId = id.replace(/(\.mean|\.median)?(@\w+)?$/, (_m, _a, sfx) => `.count${sfx ?? ''}`)
  const c = doc.figures[countId]
  if (c && countId !== id) return c.value ?? 0
  return f.value ?? 0
}

/** 全角或半角的圆括号里又有圆括号（"19 人（共 57 人作答）"放进"（…）"里）。 */
function nestedBrackets(text: string): boolean {
  let depth = 0
  for (const ch of text) {
    if (ch === '（' || ch === '(') {
      depth += 1
      if (depth > 1) return true
    } else if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1)
  }
  return false
}

/** 一份文档的全部毛病（空数组为没有）。 */
export function lint(doc: SummaryDocument, t: Target): string[] {
  const out: string[] = []
  const paragraphs = allParagraphs(doc)
  const figures: Record<string, Figure> = doc.figures
  for (const p of paragraphs) {
    const ids = [...p.text.matchAll(/\{\{f:([^}]+)\}\}/g)].map((m) => m[1])
    for (const id of ids) if (!figures[id]?.trace) out.push(`${p.id}：数字 ${id} 没有登记或没有 trace`)
    const bare = p.text
      .replace(/\{\{f:[^}]+\}\}/g, '')
      .replace(/「[^」]*」/g, '')
      .replace(doc.periodLabel, '')
      .replace('李老师', '')
    if (/[0-9]/.test(bare.replace(/[1-3]号楼/g, ''))) out.push(`${p.id}：文字里写了数字：${bare}`)
    if (p.gap) continue
    const text = renderText(p.text, figures)
    if (/\{|\}|undefined|null|NaN/.test(text)) out.push(`${p.id}：没填的空：${text}`)
    if (/，，|。。|，。|；。|、。|（）|\(\)|，）|^，/.test(text)) out.push(`${p.id}：标点拼接：${text}`)
    if (/(数据可比|无法比较|不作比较|不比较升降)(?![的，。；（）、]|$)/.test(text)) out.push(`${p.id}：比较短语后面直接接字：${text}`)
    if (/分(，(情况较好|整体良好|保持在较高水平|偏低|明显偏低|处于偏低水平))，[\u4e00-\u9fa5]{1,6}[0-9]/.test(text)) out.push(`${p.id}：列表里夹评语：${text}`)
    if (p.id !== 'signature' && !/[。！？」）]$/.test(text)) out.push(`${p.id}：没有句末标点：${text}`)
    if (/0\/0|—（暂无/.test(text)) out.push(`${p.id}：没有数据的比率进了正文：${text}`)
    if (nestedBrackets(text)) out.push(`${p.id}：括号里又套括号：${text}`)
    for (const sentence of text.split(/[。！？]/)) {
      const items = [...sentence.matchAll(/「([^」]*)」/g)].map((m) => m[1])
      if (new Set(items).size !== items.length) out.push(`${p.id}：同一句里列了重复的项：${sentence}`)
      if (t.hasPropertyCompany === false && /物业/.test(sentence) && !/(没有|无)物业/.test(sentence)) out.push(`${p.id}：没有物业的小区说到物业：${sentence}`)
    }
    // 夸奖：紧挨在前面的数字要够好、样本够、且没有下降。
    for (const word of PRAISE) {
      let at = p.text.indexOf(word)
      while (at >= 0) {
        const before = [...p.text.slice(0, at).matchAll(/\{\{f:([^}]+)\}\}/g)].at(-1)?.[1]
        const f = before ? figures[before] : undefined
        const good = f?.rate ? (f.rate.percent ?? 0) >= T.praiseRate && !f.rate.smallSample : (f?.value ?? 0) >= T.praiseMean
        if (!f || !good) out.push(`${p.id}：夸了不够好的数字 ${before}：${renderText(p.text, figures)}`)
        if (f && doc.weaknesses.some((w) => w.id.startsWith('drop:') && w.figureIds[0] === f.id)) out.push(`${p.id}：夸了下降的数字 ${f.id}`)
        at = p.text.indexOf(word, at + 1)
      }
    }
  }
  out.push(...rateNameConflicts(doc))
  out.push(...repeatedSubjects(doc))
  // 升降：每个变化量、"下降"类不足与进步，两边样本都不少于 minCompare。
  for (const id of Object.keys(figures)) {
    const m = /^(.*)~(prev|yoy)$/.exec(id)
    if (!m) continue
    const [cur, other] = [m[1], `${m[1]}@${m[2]}`]
    if (sampleOf(doc, cur) < T.minCompare || sampleOf(doc, other) < T.minCompare)
      out.push(`说了升降，但样本不足：${id}（${sampleOf(doc, cur)} 对 ${sampleOf(doc, other)}）`)
  }
  for (const p of paragraphs.filter((x) => x.id === 'survey.rounds')) {
    const text = renderText(p.text, figures)
    for (const dm of ['cleaning', 'security', 'repair', 'greenery', 'parking', 'service', 'overall']) {
      const a = figures[`survey.earlier.dim.${dm}.count`]?.value ?? 0
      const b = figures[`survey.dim.${dm}.count`]?.value ?? 0
      if ((a < T.minCompare || b < T.minCompare) && p.text.includes(`survey.earlier.dim.${dm}}`) && !/答题人数太少/.test(text))
        out.push(`两轮问卷样本不足却比了升降：${dm}`)
    }
  }
  return out
}

describe('总结的文字检查（随机生成的小区记录，五种总结）', () => {
  it('没有拼接毛病、重复项、缺标点、无数据的比率、薄样本的升降、不当的夸奖、虚构的物业；数字都是带 trace 的占位符', () => {
    fc.assert(
      fc.property(shapeArb, targetArb, (shape, target) => {
        const w = worldOf(shape)
        const doc = draftSummary(factsFor(w, replay(w), target))
        const problems = lint(doc, target)
        if (problems.length) throw new Error(`${JSON.stringify({ shape, target })}\n${problems.slice(0, 5).join('\n')}`)
      }),
      { numRuns: Number(process.env.LINT_RUNS ?? 2000), seed: 2112 },
    )
  })

  it('检查器本身能抓到毛病（不是永远通过）', () => {
    const w = worldOf({ seed: 7, reports: 30, followers: 3, inspections: 2, mediations: 2, activities: 1, notices: 2, surveys: 1, answersPerSurvey: 12 })
    const target: Target = { buildingId: 'b1', period: { kind: 'quarter', start: '2026-07', end: '2026-09' }, kind: 'property', hasPropertyCompany: false }
    const doc = draftSummary(factsFor(w, replay(w), target))
    expect(lint(doc, target)).toEqual([])
    const broken = (text: string): SummaryDocument => ({
      ...doc,
      sections: [{ id: 'x', heading: 'x', children: [], paragraphs: [{ id: 'x', text, figureIds: [] }] }],
    })
    expect(lint(broken('上期暂无数据可比参加。'), target).join()).toMatch(/比较短语/)
    expect(lint(broken('物业服务中心为居民服务。'), target).join()).toMatch(/说到物业/)
    expect(lint(broken('巡查了「楼道」、「楼道」。'), target).join()).toMatch(/重复/)
    expect(lint(broken('本期报事 12 件'), target).join()).toMatch(/文字里写了数字|句末标点/)
    expect(lint(broken('办结率{{f:nope}}，整体良好。'), target).join()).toMatch(/没有登记|夸了/)
    expect(lint(broken('解决率{{f:resolution}}；解决率（已解决 / 登记）为{{f:resolvedOfRegistered}}。'), target).join()).toMatch(
      /"解决率"在同一份总结里有 2 个口径/,
    )
    expect(lint(broken('已办结{{f:completed}}；办结：{{f:handling.count}}。'), target).join()).toMatch(/"办结（件数）"在同一份总结里有 2 个口径/)
    expect(lint(broken('得票靠前的是「屋顶防水」（{{f:received}}（共两人作答））。'), target).join()).toMatch(/括号里又套括号/)
    const noisy = {
      ...broken('对噪音与邻里纠纷类报事设专人跟进，目标是噪音与邻里纠纷类报事的办结率不低于{{f:received}}。'),
      weaknesses: [{ id: 'x', subject: '噪音与邻里纠纷类报事的办结率', figureIds: [] }],
    }
    expect(lint(noisy, target).join()).toMatch(/说了两遍/)
  })
})
