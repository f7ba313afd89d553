/**
 * 起草：五种总结各有一份章节计划（docs/SUMMARY.md 的章节表是最低要求），每段文字由 phrases.ts 的措辞与
 * facts.ts 的数字拼成。规则：
 *   - 数据支撑：说事实的句子都带数字（占位符），措辞库里不写数字；
 *   - 客观公正：低于门槛的说"偏低"；只有够好且样本不少才夸；比上期低的说"低于/下降"；
 *   - 问题导向：weaknesses.ts 找出的每项不足，在展望（或计划、改进）里都有一段点名的建议；
 *   - 不编造：系统里没有的数据（财务、团队……）留一个醒目的空，由起草人填。
 */
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  SATISFACTION_DIMENSION_LABELS,
  SATISFACTION_DIMENSIONS,
  URGENCIES,
  URGENCY_LABELS,
  type CategoryId,
  type SatisfactionDimension,
} from '../shared/catalog'
import { rate, type Rate } from '../shared/rates'
import { dateOf, periodLabel, rangeLabel } from '../shared/time'
import { chooseTypicalCases } from './cases'
import { caseFigures, changeFigure, deriveFacts, idOn, isDrill, rateDisplay, SIDE_LABEL, type CustomSurvey, type DerivedFacts, type Side } from './facts'
import { authorRoleLabel, defaultKind } from './kinds'
import { GAPS, HEADINGS, PHRASES, TITLE, type PhraseKey } from './phrases'
import { referBack } from './referBack'
import {
  SUMMARY_KINDS,
  SUMMARY_KIND_LABELS,
  type Figure,
  type Gap,
  type KeyFigureRow,
  type Paragraph,
  type Section,
  type SummaryDocument,
  type SummaryFacts,
  type SummaryKind,
  type SummaryPeriod,
  type TypicalCase,
} from '../summaryDocument'
import { comparable, findGains, findWeaknesses, rateNamesFor, ref, SUMMARY_THRESHOLDS, type FoundGain, type FoundWeakness, type RateNames } from './weaknesses'

/** 与顺序无关、可复现的散列（FNV-1a）：挑措辞的变体。 */
export function phraseHash(text: string): number {
  let h = 2166136261
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

export const summaryPeriodLabel = (p: SummaryPeriod) => (p.kind === 'custom' ? rangeLabel(p) : periodLabel(p))

/** '2026-12-06T…' → '2026年12月6日'（北京时间）。 */
const chinaDate = (iso: string) => {
  const d = dateOf(iso)
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}

/** 并列的几项："「屋顶防水」与「楼道照明」"、"「甲」、「乙」与「丙」"。 */
const tiedList = (labels: readonly string[]) => {
  const quoted = labels.map((l) => `「${l}」`)
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join('、')}与${quoted[quoted.length - 1]}`
}

/** 各种总结挑措辞时的错位（见 say）。 */
const KIND_OFFSET: Record<SummaryKind, number> = { representative: 0, joint: 1, noProperty: 2, property: 3, oldEstate: 4 }

/** 工程维修的分类（老旧小区总结只把这些算作工程）。 */
const ENGINEERING: readonly CategoryId[] = ['facilities', 'elevator', 'fire', 'security']

/** 案例里报事现在的状态怎么说（未办结的几种）。 */
const STATUS_WORDS: Partial<Record<string, string>> = { pending: '待受理', accepted: '已受理、待处理', processing: '处理中' }

const FIGURE_RE = /\{\{f:([^}]+)\}\}/g
export const figureIdsIn = (text: string) => [...text.matchAll(FIGURE_RE)].map((m) => m[1])

type AreaKey = { key: string; label: string; categories: CategoryId[]; dimension: SatisfactionDimension | null }

class Drafter {
  readonly d: DerivedFacts
  readonly kind: SummaryKind
  readonly cases: TypicalCase[]
  readonly caseIds: ReturnType<typeof caseFigures>[]
  readonly weaknesses: FoundWeakness[]
  readonly gains: FoundGain[]
  readonly gaps: Gap[] = []
  /** 每个句式在本文档里已用过的变体，以及每个（句式, 盐）选定的变体（同一段重复起草时不变）。 */
  private readonly usedVariants = new Map<string, Set<number>>()
  private readonly variantOf = new Map<string, number>()
  private readonly seed: string
  private readonly periodText: string
  private readonly scopeText: string
  /** 谁在提供日常服务：有物业为"物业服务企业"，没有为"居民志愿者"（句子里不虚构物业）。 */
  readonly servers: string
  /** 起草人的名义。 */
  readonly authorLabel: string
  /** 比率在这份总结里的名字（一个名字只有一个口径）。 */
  readonly names: RateNames

  constructor(readonly facts: SummaryFacts) {
    this.kind = facts.kind ?? defaultKind(facts.community, facts.author.role, facts.author.body)
    this.names = rateNamesFor(this.kind)
    this.d = deriveFacts(facts)
    const scope = facts.scope
    this.seed = `${scope.building ? scope.building.id : scope.communityId}|${facts.period.start}`
    this.periodText = summaryPeriodLabel(facts.period)
    this.scopeText = scope.building ? `${scope.communityName}${scope.building.name}` : scope.communityName
    this.servers = facts.community.hasPropertyCompany ? '物业服务企业' : '居民志愿者'
    this.authorLabel = authorRoleLabel(facts.author)
    const households = scope.building ? scope.building.households : scope.households
    this.d.book.add({
      id: 'households',
      label: '户数',
      display: `${households} 户`,
      value: households,
      trace: { source: 'facts', field: 'households', buildingIds: scope.buildingIds },
    })
    this.cases = chooseTypicalCases(facts.caseCandidates)
    this.caseIds = this.cases.map((c, i) =>
      caseFigures(
        this.d.book,
        i + 1,
        {
          id: c.candidate.id,
          receivedAt: c.candidate.receivedAt,
          handledAt: c.candidate.handledAt,
          resolvedAt: c.candidate.status === 'resolved' ? c.candidate.resolvedAt : null,
          followers: c.candidate.followers,
          open: c.reason === 'longestOpen',
        },
        facts.asOf,
      ),
    )
    const openIndex = this.cases.findIndex((c) => c.reason === 'longestOpen')
    const openCase = openIndex >= 0 ? this.cases[openIndex] : null
    const openFigure = openIndex >= 0 ? this.caseIds[openIndex].openDays : null
    const limitDays = openCase ? facts.community.overdueHours[openCase.candidate.urgency] / 24 : 0
    this.weaknesses = findWeaknesses(
      this.d,
      openCase && openFigure
        ? {
            figureId: openFigure,
            what: this.caseWhat(openCase),
            days: this.d.book.get(openFigure).value ?? 0,
            limitDays,
            followers: openCase.candidate.followers,
          }
        : null,
      (c) => this.catLabel(c),
      this.names,
    )
    this.gains = findGains(this.d, this.names)
  }

  /** 分类名：没有物业的小区，"物业服务"类说成"日常服务"类（不虚构物业）。 */
  catLabel(c: CategoryId): string {
    return c === 'service' && !this.facts.community.hasPropertyCompany ? '日常服务' : CATEGORY_LABELS[c]
  }

  /** 案例是什么事：哪一类、在哪（"设施维修问题（住户家中）"），不取居民的文字。 */
  caseWhat(c: TypicalCase): string {
    return `${this.catLabel(c.candidate.category)}问题（${c.candidate.place}）`
  }

  // —— 措辞 ——

  say(key: PhraseKey, slots: Record<string, string> = {}, salt = ''): string {
    const variants: readonly string[] = PHRASES[key]
    // 同一份文档里同一句式不重复：散列挑中的变体已用过，就顺延到没用过的（都用过才重复）。
    const used = this.usedVariants.get(key) ?? new Set<number>()
    // 种类错开变体：同一范围同一期间的几种总结，同一句尽量用不同的说法（各种总结以自己的文字为主）。
    // 有五个以上说法的句子按种类错开（五种总结各用一个）；其余按含种类的散列挑。
    let index =
      variants.length >= SUMMARY_KINDS.length
        ? (phraseHash(`${this.seed}|${key}|${salt}`) + KIND_OFFSET[this.kind]) % variants.length
        : phraseHash(`${this.seed}|${this.kind}|${key}|${salt}`) % variants.length
    const memo = `${key}|${salt}`
    const remembered = this.variantOf.get(memo)
    if (remembered !== undefined) index = remembered
    else {
      for (let i = 0; i < variants.length && used.has(index); i++) index = (index + 1) % variants.length
      used.add(index)
      this.usedVariants.set(key, used)
      this.variantOf.set(memo, index)
    }
    const chosen = variants[index]
    return chosen.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'period') return slots.period ?? this.periodText
      if (name === 'scope') return slots.scope ?? this.scopeText
      const v = slots[name]
      if (v === undefined) throw new Error(`措辞 ${key} 的空 {${name}} 没有填`)
      return v
    })
  }

  para(id: string, raw: string, extra: Partial<Paragraph> = {}): Paragraph {
    // 没有数据的数字（分母为 0 的比率、没有件数的平均）不以"—（暂无数据）"进正文，直接说"暂无数据"。
    const text = raw.replace(FIGURE_RE, (whole, fid: string) => (this.d.book.find(fid)?.value === null ? '暂无数据' : whole))
    const ids = [...new Set(figureIdsIn(text))]
    for (const f of ids) this.d.book.get(f)
    return { id, text, figureIds: ids, ...extra }
  }

  gap(id: string, g: Gap): Paragraph {
    this.gaps.push(g)
    return this.para(id, this.say('gap', { label: g.label, hint: g.hint }), { gap: g })
  }

  section(id: string, heading: string, paragraphs: Paragraph[], children: Section[] = []): Section {
    return { id, heading, paragraphs, children }
  }

  // —— 评判与比较 ——

  judgeRate(r: Rate | undefined, low: number | null, salt: string): string {
    if (!r || r.percent === null) return ''
    // 分母太小（如 0/1）不下"偏低"的结论。
    if (low !== null && r.percent < low) return r.denominator >= SUMMARY_THRESHOLDS.minRateSample ? this.say('judge.low', {}, salt) : ''
    if (r.percent >= SUMMARY_THRESHOLDS.praiseRate && !r.smallSample) return this.say('judge.good', {}, salt)
    return ''
  }

  judgeFigure(id: string, low: number | null): string {
    // 已列为"较上期下降"的数字不夸，免得一句说"整体良好"、下一节说"下降"。
    if (this.weaknesses.some((w) => w.type === 'drop' && w.figureIds[0] === id))
      return low !== null && (this.d.book.find(id)?.rate?.percent ?? 100) < low ? this.say('judge.low', {}, id) : ''
    return this.judgeRate(this.d.book.find(id)?.rate, low, id)
  }

  /** 与上期、去年同期比较的短语；那一期没有给统计时不提，给了但没有数据时说没有可比数据。 */
  compare(
    baseId: string,
    mode: 'rate' | 'count' | 'mean' | 'minutes',
    source: 'reports' | 'worklog' | 'notices' | 'survey',
    sides: Exclude<Side, 'current'>[] = ['previous', 'yearAgo'],
  ): string {
    let out = ''
    for (const side of sides) {
      if (this.d.months[side] === null) continue
      const label = SIDE_LABEL[side]
      const cur = this.d.book.find(baseId)
      const other = this.d.book.find(idOn(baseId, side))
      if (!this.d.has[side][source] || !cur || !other || cur.value === null || other.value === null) {
        out += this.say('cmp.noData', { side: label }, `${baseId}${side}`)
        continue
      }
      const slots = { side: label, previous: ref(other.id) }
      // 任一边样本不足 minCompare：不说升降（九件里的百分比，差一件就差十个百分点）。
      if (!comparable(this.d, baseId, side)) {
        out += this.say('cmp.thin', slots, `${baseId}${side}`)
        continue
      }
      if (cur.value === other.value) {
        out += this.say('cmp.same', slots, `${baseId}${side}`)
        continue
      }
      const change = ref(changeFigure(this.d.book, baseId, side) as string)
      const up = cur.value > other.value
      const key: PhraseKey =
        mode === 'minutes' ? (up ? 'cmp.slower' : 'cmp.faster') : mode === 'count' ? (up ? 'cmp.countMore' : 'cmp.countFewer') : up ? 'cmp.higher' : 'cmp.lower'
      out += this.say(key, { ...slots, change }, `${baseId}${side}`)
    }
    return out
  }

  // —— 段落 ——

  /** 引言的措辞跟着实情走：谁在服务（有没有物业）、谁在写（是不是这栋楼的代表）、是不是老旧小区。 */
  introKey(): PhraseKey {
    const { hasPropertyCompany, oldEstate } = this.facts.community
    switch (this.kind) {
      case 'representative':
        return this.facts.author.role === 'representative' ? 'intro.representative' : 'intro.representativeOther'
      case 'joint':
        return 'intro.joint'
      case 'noProperty':
        return hasPropertyCompany ? 'intro.noPropertyWithCompany' : 'intro.noProperty'
      case 'property':
        return hasPropertyCompany ? 'intro.property' : 'intro.propertyNone'
      case 'oldEstate':
        return oldEstate ? 'intro.oldEstate' : 'intro.oldEstateNot'
    }
  }

  intro(): Paragraph {
    return this.para(
      'intro',
      this.say(this.introKey(), {
        households: ref('households'),
        // 一栋楼的总结只说这栋楼的户数，不把小区的户数说成楼的。
        unit: this.facts.scope.building ? '本楼' : '全小区',
        community: this.facts.scope.communityName,
        servers: this.servers,
        author: this.authorLabel,
      }),
    )
  }

  reportsOverview(sides: Exclude<Side, 'current'>[] = ['previous', 'yearAgo']): Paragraph[] {
    if (!this.d.has.current.reports) return [this.para('reports.none', this.say('reports.none'))]
    const T = SUMMARY_THRESHOLDS
    const out = [
      this.para(
        'reports.overview',
        this.say('reports.overview', {
          received: ref('received'),
          repair: ref('kind.repair'),
          complaint: ref('kind.complaint'),
          suggestion: ref('kind.suggestion'),
          completed: ref('completed'),
          completion: ref('completion'),
          judgeCompletion: this.judgeFigure('completion', T.completionLow),
          resolved: ref('resolved'),
          resolutionName: this.names.resolution,
          resolution: ref('resolution'),
          judgeResolution: this.judgeFigure('resolution', T.resolutionLow),
        }),
      ),
    ]
    // 上期报事太少时，引言下已说明不比较，这里不再逐项说"样本太少"。
    const prevReceived = this.d.book.find('received@prev')?.value ?? 0
    if (prevReceived > 0 && prevReceived < SUMMARY_THRESHOLDS.minCompare) sides = sides.filter((s) => s !== 'previous')
    if (sides.some((s) => this.d.months[s] !== null)) {
      const item = (label: string, id: string, mode: 'count' | 'rate') =>
        this.say('reports.compareItem', { label, figure: ref(id), cmp: this.compare(id, mode, 'reports', sides) })
      const items = [item('收到报事', 'received', 'count'), item('办结率', 'completion', 'rate'), item(this.names.resolution, 'resolution', 'rate')]
      out.push(this.para('reports.compare', this.say('reports.compare', { list: items.join('；') })))
    }
    out.push(this.para('reports.affected', this.say('reports.affected', { affected: ref('affected'), followers: ref('followers') })))
    return out
  }

  categories(limit = 5): Paragraph[] {
    const rep = this.d.reports.current
    if (!rep || !this.d.has.current.reports) return []
    const items = rep.categories
      .filter((c) => c.received > 0)
      .slice(0, limit)
      .map((c) => this.say('reports.categoryItem', { category: this.catLabel(c.id), count: ref(`category.${c.id}`), rate: ref(`category.${c.id}.completion`) }))
    return [this.para('reports.categories', this.say('reports.categories', { list: items.join('；') }))]
  }

  firstTime(id = 'firstTime'): Paragraph[] {
    if (!this.d.has.current.reports) return []
    return [this.para(`reports.${id}`, this.say('reports.firstTime', { figure: ref(id), judge: this.judgeFigure(id, SUMMARY_THRESHOLDS.firstTimeLow) }, id))]
  }

  speed(prefix = ''): Paragraph[] {
    const resp = this.d.book.get(`${prefix}response.count`)
    const hand = this.d.book.get(`${prefix}handling.count`)
    if (!resp.value && !hand.value) return [this.para(`speed.none${prefix}`, this.say('speed.none', {}, prefix))]
    const out = [
      this.para(
        `speed${prefix}`,
        this.say(
          'speed.summary',
          {
            responded: ref(`${prefix}response.count`),
            responseMean: ref(`${prefix}response.mean`) + this.compare(`${prefix}response.mean`, 'minutes', 'reports', ['previous']),
            responseMedian: ref(`${prefix}response.median`),
            handled: ref(`${prefix}handling.count`),
            handlingMean: ref(`${prefix}handling.mean`),
            handlingMedian: ref(`${prefix}handling.median`),
          },
          prefix,
        ),
      ),
    ]
    if (prefix === '') {
      const items = URGENCIES.filter((u) => this.d.book.find(`onTime.${u}`)?.rate?.denominator).map((u) =>
        this.say('speed.onTimeItem', {
          urgency: URGENCY_LABELS[u],
          figure: ref(`onTime.${u}`),
          judge: this.judgeFigure(`onTime.${u}`, SUMMARY_THRESHOLDS.onTimeLow),
        }),
      )
      if (items.length) out.push(this.para('speed.onTime', this.say('speed.onTime', { list: items.join('；') })))
    }
    return out
  }

  ratings(): Paragraph[] {
    const count = this.d.book.get('rating.count').value ?? 0
    if (count === 0) return [this.para('ratings.none', this.say('ratings.none'))]
    const dims = ['speed', 'attitude', 'effect'] as const
    // 列表里不夹评语（"态度5.0 分，整体良好，效果4.3 分"读起来像在评效果）；偏低的在"不足"里单说。
    const slots = Object.fromEntries(dims.map((dm) => [dm, ref(`rating.${dm}`)]))
    return [this.para('ratings', this.say('ratings.summary', { count: ref('rating.count'), ...slots }))]
  }

  judgeMean(id: string, count: number): string {
    const v = this.d.book.find(id)?.value
    if (v === null || v === undefined) return ''
    if (v < SUMMARY_THRESHOLDS.meanLow) return this.say('judge.low', {}, id)
    if (v >= SUMMARY_THRESHOLDS.praiseMean && count >= 10) return this.say('judge.good', {}, id)
    return ''
  }

  inspection(): Paragraph[] {
    if (!this.d.book.get('worklog.inspection').value) return [this.para('inspection.none', this.say('worklog.inspectionNone'))]
    const out = [
      this.para(
        'inspection',
        this.say('worklog.inspection', {
          count: ref('worklog.inspection'),
          found: ref('hazards.found'),
          fixed: ref('hazards.fixedOfFound'),
          open: ref('hazards.open'),
          rate: ref('hazards.rate'),
          judge: this.judgeRate(this.d.hazards.rate, SUMMARY_THRESHOLDS.hazardFixLow, 'hazards.rate'),
        }),
      ),
    ]
    const areas = [...new Set(this.d.entries.flatMap((e) => (e.details.kind === 'inspection' ? [e.details.area] : [])))].filter(Boolean).slice(0, 5)
    if (areas.length) out.push(this.para('inspection.areas', this.say('worklog.inspectionAreas', { list: areas.map((a) => `「${a}」`).join('、') })))
    return out
  }

  meetings(types: readonly (typeof MEETING_TYPES)[number][] = MEETING_TYPES, id = 'meetings'): Paragraph[] {
    const held = types.filter((t) => this.d.book.get(`meeting.${t}`).value)
    if (!held.length) return [this.para(`${id}.none`, this.say('worklog.meetingsNone', {}, id))]
    const items = held.map((t) =>
      this.say('worklog.meetingItem', { type: MEETING_TYPE_LABELS[t], count: ref(`meeting.${t}`), attendees: ref(`meeting.${t}.attendees`) }),
    )
    const out = [this.para(id, this.say('worklog.meetings', { list: items.join('、') }, id))]
    const topics = [
      ...new Set(this.d.entries.flatMap((e) => (e.details.kind === 'meeting' && types.includes(e.details.type) && e.details.topics ? [e.details.topics] : []))),
    ].slice(0, 4)
    if (topics.length) out.push(this.para(`${id}.topics`, this.say('worklog.topics', { list: topics.map((t) => `「${t}」`).join('、') }, id)))
    out.push(...this.meetingDecisions(id))
    return out
  }

  mediation(): Paragraph[] {
    if (!this.d.book.get('worklog.mediation').value) return [this.para('mediation.none', this.say('worklog.mediationNone'))]
    const out = [
      this.para(
        'mediation',
        this.say(this.d.book.get('mediation.failed').value ? 'worklog.mediation' : 'worklog.mediationNoFailure', {
          count: ref('worklog.mediation'),
          success: ref('mediation.success'),
          failed: ref('mediation.failed'),
          ongoing: ref('mediation.ongoing'),
        }),
      ),
    ]
    if (this.d.book.get('mediation.rate').rate?.denominator)
      out.push(
        this.para(
          'mediation.rate',
          this.say('worklog.mediationRate', { rate: ref('mediation.rate'), judge: this.judgeFigure('mediation.rate', SUMMARY_THRESHOLDS.mediationLow) }),
        ),
      )
    return out
  }

  /** PDCA 的"执行"：本期实际落实了什么（巡查整改、沟通协调、处理的报事），数字来自台账与报事。 */
  pdcaDo(): Paragraph[] {
    const out: Paragraph[] = []
    if (this.d.has.current.reports) out.push(this.para('pdca.do', this.say('pdca.do', { handled: ref('handling.count'), completed: ref('completed') })))
    if (this.d.book.get('worklog.inspection').value) out.push(...this.engineeringLog().filter((p) => p.id === 'engineering.fixed'))
    out.push(...this.coordinationOutcomes('pdca'))
    if (!out.length) out.push(this.gap('pdca.do', GAPS.pdcaDo))
    return out
  }

  /** 工程维修的台账：本期发现并已整改的隐患、沟通协调谈成的事（老旧小区的改造与维修多记在这里）。 */
  engineeringLog(): Paragraph[] {
    const fixed = [
      ...new Set(
        this.d.entries.flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards.filter((h) => h.fixedOn !== null).map((h) => h.text) : [])),
      ),
    ]
      .filter(Boolean)
      .slice(0, 5)
    const out: Paragraph[] = []
    if (fixed.length)
      out.push(
        this.para('engineering.fixed', this.say('engineering.fixed', { count: ref('hazards.fixedOfFound'), list: fixed.map((t) => `「${t}」`).join('、') })),
      )
    out.push(...this.coordinationOutcomes('engineering'))
    return out
  }

  /** 沟通协调的结果（台账里写了结果的）：事项与结果，去掉个人信息后原样引用。 */
  coordinationOutcomes(id: string): Paragraph[] {
    const done = this.d.entries
      .flatMap((e) => (e.details.kind === 'coordination' && e.details.outcome.trim() ? [{ subject: e.details.subject, outcome: e.details.outcome }] : []))
      .filter((x, i, all) => all.findIndex((y) => y.subject === x.subject) === i)
      .slice(0, 3)
    if (!done.length) return []
    return [
      this.para(
        `${id}.outcomes`,
        this.say('worklog.outcomes', { list: done.map((x) => `「${x.subject}」：「${x.outcome.replace(/[。；]+$/, '')}」`).join('；') }, id),
      ),
    ]
  }

  /** 会议的决定（台账里写了决定的）。 */
  meetingDecisions(id: string): Paragraph[] {
    const decisions = [
      ...new Set(
        this.d.entries.flatMap((e) => (e.details.kind === 'meeting' && e.details.decisions.trim() ? [e.details.decisions.replace(/[。；]+$/, '')] : [])),
      ),
    ].slice(0, 3)
    if (!decisions.length) return []
    return [this.para(`${id}.decisions`, this.say('worklog.decisions', { list: decisions.map((t) => `「${t}」`).join('；') }, id))]
  }

  /** 应急演练：台账里名称含"演练"的活动；有就写出来，预案仍留空（系统里没有预案）。 */
  drills(): Paragraph[] {
    const names = [...new Set(this.d.entries.filter(isDrill).map((e) => (e.details.kind === 'activity' ? e.details.name : '')))]
    if (!names.length) return [this.gap('emergency.drills', GAPS.emergencyDrills)]
    return [
      this.para('emergency.drills', this.say('emergency.drills', { drills: ref('drills'), list: names.map((n) => `「${n}」`).join('、') })),
      this.gap('emergency.plan', GAPS.emergencyPlan),
    ]
  }

  activities(): Paragraph[] {
    const out: Paragraph[] = []
    if (this.d.book.get('worklog.activity').value) {
      out.push(
        this.para(
          'activities',
          this.say('worklog.activities', {
            count: ref('worklog.activity'),
            participants: ref('activity.participants') + this.compare('activity.participants', 'count', 'worklog', ['previous']),
          }),
        ),
      )
      const names = [...new Set(this.d.entries.flatMap((e) => (e.details.kind === 'activity' ? [e.details.name] : [])))].slice(0, 5)
      if (names.length) out.push(this.para('activities.names', this.say('worklog.activityNames', { list: names.map((n) => `「${n}」`).join('、') })))
    } else out.push(this.para('activities.none', this.say('worklog.activitiesNone')))
    if (this.d.book.get('worklog.volunteer').value) {
      out.push(
        this.para(
          'volunteer',
          this.say('worklog.volunteer', {
            count: ref('worklog.volunteer'),
            people: ref('volunteer.people'),
            hours: ref('volunteer.hours') + this.compare('volunteer.hours', 'count', 'worklog', ['previous']),
          }),
        ),
      )
    } else out.push(this.para('volunteer.none', this.say('worklog.volunteerNone')))
    return out
  }

  coordination(): Paragraph[] {
    if (!this.d.book.get('worklog.coordination').value) return [this.para('coordination.none', this.say('worklog.coordinationNone'))]
    const subjects = [...new Set(this.d.entries.flatMap((e) => (e.details.kind === 'coordination' ? [e.details.subject] : [])))].filter(Boolean).slice(0, 4)
    return [
      this.para(
        'coordination',
        this.say('worklog.coordination', {
          count: ref('worklog.coordination'),
          list: subjects.length ? subjects.map((s) => `「${s}」`).join('、') : '有关事项',
        }),
      ),
    ]
  }

  notices(): Paragraph[] {
    if (!this.d.has.current.notices) return [this.para('notices.none', this.say('notices.none'))]
    const own = this.d.book.has('notices.own')
    return [
      this.para(
        'notices',
        this.say(own ? 'notices.summaryOwn' : 'notices.summary', {
          ...(own ? { own: ref('notices.own') } : {}),
          published: ref('notices.published'),
          // 评语紧跟数字，比较放在最后（"42%，偏低，上期没有可比数据"，而不是"上期没有可比数据，偏低"）。
          readRate: ref('notices.readRate') + this.judgeFigure('notices.readRate', SUMMARY_THRESHOLDS.readRateLow),
          judge: this.compare('notices.readRate', 'rate', 'notices', ['previous']),
        }),
      ),
    ]
  }

  survey(): Paragraph[] {
    const s = this.d.survey.current
    if (!s || !this.d.has.current.survey) return [this.para('survey.none', this.say('survey.none'))]
    if (s.hidden) return [this.para('survey.hidden', this.say('survey.hidden', { respondents: ref('survey.respondents') }))]
    const out: Paragraph[] = []
    const head = {
      respondents: ref('survey.respondents'),
      rate: ref('survey.responseRate'),
      judge: this.judgeFigure('survey.responseRate', SUMMARY_THRESHOLDS.surveyResponseLow),
    }
    const dims = SATISFACTION_DIMENSIONS.filter((dm) => s.means[dm] !== undefined)
    if (s.latest && dims.length) {
      const items = dims.map((dm) => this.say('survey.item', { dimension: SATISFACTION_DIMENSION_LABELS[dm], figure: ref(`survey.dim.${dm}`) }))
      out.push(this.para('survey', this.say('survey.summary', { ...head, title: s.latest.title, list: items.join('，') })))
      if (dims.length > 1) {
        const lowest = [...dims].sort((a, b) => (s.means[a] ?? 0) - (s.means[b] ?? 0))[0]
        out.push(
          this.para('survey.lowest', this.say('survey.lowest', { dimension: SATISFACTION_DIMENSION_LABELS[lowest], figure: ref(`survey.dim.${lowest}`) })),
        )
      }
      out.push(...this.surveyRounds())
    } else out.push(this.para('survey', this.say('survey.summaryNoDimensions', head)))
    if (this.d.book.find('survey.nps')) {
      const nps = this.d.book.get('survey.nps').value ?? 0
      out.push(this.para('survey.nps', this.say(nps < 0 ? 'survey.npsNegative' : 'survey.nps', { figure: ref('survey.nps') })))
    }
    for (const [i, c] of s.custom.entries()) out.push(...this.customSurvey(c, i + 1))
    // 还没公布的轮次（未结束或不到门槛）：只说有这一轮、结果暂不写，与问卷结果页一样不提前透露。
    const titles = new Map((this.facts.surveys ?? []).map((x) => [x.id, x.title]))
    const pending = (this.facts.surveyReleases?.current ?? []).filter((r) => !r.questions).map((r) => `「${r.title ?? titles.get(r.id) ?? '问卷'}」`)
    if (pending.length) out.push(this.para('survey.pending', this.say('survey.pending', { list: [...new Set(pending)].join('、') })))
    return out
  }

  /** 两轮同模板的满意度问卷：最近一轮对前一轮，逐项说升降（两轮答题人数都够才说）。 */
  surveyRounds(): Paragraph[] {
    const s = this.d.survey.current
    if (!s?.earlier || !s.latest) {
      // 只有一轮：与上期的最近一轮比（上期没有时说一次"没有可比"）。
      const prev = this.d.survey.previous
      if (this.d.months.previous === null) return []
      if (!prev?.latest) return [this.para('survey.compare', this.say('survey.noPrevious', { side: SIDE_LABEL.previous }))]
      const items = SATISFACTION_DIMENSIONS.filter((dm) => s?.means[dm] !== undefined && prev.means[dm] !== undefined).map((dm) =>
        this.say('survey.cmpItem', {
          dimension: SATISFACTION_DIMENSION_LABELS[dm],
          figure: ref(`survey.dim.${dm}`),
          cmp: this.compare(`survey.dim.${dm}`, 'mean', 'survey', ['previous']),
        }),
      )
      return items.length ? [this.para('survey.compare', this.say('survey.comparePrevious', { side: SIDE_LABEL.previous, list: items.join('；') }))] : []
    }
    const items: string[] = []
    for (const dm of SATISFACTION_DIMENSIONS) {
      const a = this.d.book.find(`survey.earlier.dim.${dm}`)
      const b = this.d.book.find(`survey.dim.${dm}`)
      if (!a || !b || a.value === null || b.value === null) continue
      const enough =
        (this.d.book.find(`survey.earlier.dim.${dm}.count`)?.value ?? 0) >= SUMMARY_THRESHOLDS.minCompare &&
        (this.d.book.find(`survey.dim.${dm}.count`)?.value ?? 0) >= SUMMARY_THRESHOLDS.minCompare
      const key: PhraseKey = !enough
        ? 'survey.roundThinItem'
        : b.value > a.value
          ? 'survey.roundUpItem'
          : b.value < a.value
            ? 'survey.roundDownItem'
            : 'survey.roundSameItem'
      items.push(this.say(key, { dimension: SATISFACTION_DIMENSION_LABELS[dm], before: ref(a.id), after: ref(b.id) }))
    }
    const na = this.d.book.find('survey.earlier.nps')
    const nb = this.d.book.find('survey.nps')
    if (na && nb && na.value !== null && nb.value !== null) {
      const enough =
        (this.d.book.find('survey.earlier.nps.count')?.value ?? 0) >= SUMMARY_THRESHOLDS.minCompare &&
        (this.d.book.find('survey.nps.count')?.value ?? 0) >= SUMMARY_THRESHOLDS.minCompare
      const key: PhraseKey = !enough
        ? 'survey.roundThinItem'
        : nb.value > na.value
          ? 'survey.roundUpItem'
          : nb.value < na.value
            ? 'survey.roundDownItem'
            : 'survey.roundSameItem'
      items.push(this.say(key, { dimension: '净推荐值', before: ref(na.id), after: ref(nb.id) }, 'nps'))
    }
    if (!items.length) return []
    const sameTitle = s.earlier.title === s.latest.title
    const p = this.para(
      'survey.rounds',
      this.say(sameTitle ? 'survey.roundsUntitled' : 'survey.rounds', { earlier: s.earlier.title, latest: s.latest.title, list: items.join('；') }),
    )
    // 两轮的答题人数随段落带上（可追溯"够不够比"），文字里不重复。
    const counts = Object.keys(SATISFACTION_DIMENSION_LABELS)
      .flatMap((dm) => [`survey.earlier.dim.${dm}.count`, `survey.dim.${dm}.count`])
      .concat(['survey.earlier.nps.count', 'survey.nps.count'])
      .filter((id) => this.d.book.has(id))
    return [{ ...p, figureIds: [...new Set([...p.figureIds, ...counts])] }]
  }

  /** 自建问卷：评分题的均分、选择题得票最多的两项。 */
  customSurvey(c: CustomSurvey, n: number): Paragraph[] {
    const parts: string[] = []
    if (c.ratings.length) parts.push(this.say('survey.customRatings', { list: c.ratings.map((r) => `「${r.title}」${ref(r.figureId)}`).join('，') }, c.id))
    for (const q of c.choices) {
      const [first, second] = q.top
      const slots = { question: q.title, answered: ref(q.answeredId), first: first.label, firstCount: ref(first.figureId) }
      const salt = `${c.id}|${q.title}`
      if (q.tied.length) parts.push(this.say('survey.customChoiceTie', { ...slots, tied: tiedList(q.tied) }, salt))
      else if (second) parts.push(this.say('survey.customChoice', { ...slots, second: second.label, secondCount: ref(second.figureId) }, salt))
      else parts.push(this.say('survey.customChoiceOne', slots, salt))
    }
    if (!parts.length) return []
    return [this.para(`survey.custom${n}`, this.say('survey.custom', { title: c.title, list: parts.join('') }, c.id))]
  }

  /** 计划里接上居民在自建问卷里选得最多的事（如"明年优先解决"）。 */
  surveyPriorities(): Paragraph[] {
    const s = this.d.survey.current
    const firsts = (s?.custom ?? []).flatMap((c) => c.choices)
    if (!firsts.length) return []
    const list = firsts
      .slice(0, 3)
      .map((q) => {
        const slots = { figure: ref(q.top[0].figureId), answered: ref(q.answeredId) }
        return q.tied.length
          ? this.say('plan.priorityTieItem', { ...slots, tied: tiedList(q.tied) }, q.title)
          : this.say('plan.priorityItem', { ...slots, label: q.top[0].label }, q.title)
      })
      .join('；')
    return [this.para('plan.priorities', this.say('plan.priorities', { list }))]
  }

  /** 一个服务方面（若干分类合计）：报事数、办结率，以及问卷里对应维度的满意度。 */
  area(a: AreaKey): Paragraph[] {
    const rep = this.d.reports.current
    const cats = rep ? rep.categories.filter((c) => a.categories.includes(c.id)) : []
    const count = cats.reduce((n, c) => n + c.received, 0)
    const r: Rate = rate(
      cats.reduce((n, c) => n + c.completion.numerator, 0),
      cats.reduce((n, c) => n + c.completion.denominator, 0),
    )
    const months = this.d.months.current ?? []
    const trace = { source: 'reports' as const, buildingIds: this.facts.scope.buildingIds, months, filter: { categories: a.categories } }
    const countId = this.d.book.add({ id: `area.${a.key}`, label: `${a.label}相关报事`, display: `${count} 件`, value: count, trace })
    const rateId = this.d.book.add({
      id: `area.${a.key}.completion`,
      label: `${a.label}相关报事办结率`,
      display: rateDisplay(r),
      value: r.percent,
      rate: r,
      trace,
    })
    const out = [
      count === 0
        ? this.para(`area.${a.key}`, this.say('service.areaNone', { area: a.label }, a.key))
        : this.para(
            `area.${a.key}`,
            this.say(
              'service.area',
              { area: a.label, count: ref(countId), rate: ref(rateId), judge: this.judgeRate(r, SUMMARY_THRESHOLDS.completionLow, rateId) },
              a.key,
            ),
          ),
    ]
    const dimId = a.dimension ? `survey.dim.${a.dimension}` : null
    if (dimId && this.d.book.find(dimId))
      out.push(
        this.para(
          `area.${a.key}.survey`,
          this.say('service.areaSurvey', { area: a.label, figure: ref(dimId) + this.judgeMean(dimId, this.d.book.get(`${dimId}.count`).value ?? 0) }, a.key),
        ),
      )
    return out
  }

  complaints(): Paragraph[] {
    const n = this.d.book.get('kind.complaint').value ?? 0
    if (n === 0) return [this.para('complaints.none', this.say('complaints.none', { count: ref('kind.complaint') }))]
    const rep = this.d.reports.current
    // 投诉类型分布：只数投诉。
    const kinds = rep
      ? CATEGORY_IDS.map((c) => ({ c, n: rep.byKind.complaint.byCategory[c] }))
          .filter((x) => x.n > 0)
          .sort((a, b) => b.n - a.n)
          .slice(0, 4)
      : []
    const distribution = kinds.length
      ? [
          this.para(
            'complaints.kinds',
            this.say('complaints.kinds', {
              list: kinds
                .map(({ c }) => this.say('reports.kindCategoryItem', { category: this.catLabel(c), count: ref(`complaint.category.${c}`) }))
                .join('、'),
            }),
          ),
        ]
      : []
    return [
      ...distribution,
      this.para(
        'complaints',
        this.say('complaints.summary', {
          count: ref('kind.complaint'),
          cmp: this.compare('kind.complaint', 'count', 'reports', ['previous']),
          completed: ref('complaint.completed'),
          rate: ref('complaint.completion'),
          judge: this.judgeFigure('complaint.completion', SUMMARY_THRESHOLDS.completionLow),
          mean: ref('complaint.handling.mean'),
          median: ref('complaint.handling.median'),
        }),
      ),
    ]
  }

  repairs(engineeringOnly = false): Paragraph[] {
    const n = this.d.book.get('kind.repair').value ?? 0
    if (n === 0) return [this.para('repairs.none', this.say('repairs.none', { count: ref('kind.repair') }))]
    const rep = this.d.reports.current
    const out = [
      this.para(
        'repairs',
        this.say('repairs.summary', {
          count: ref('kind.repair'),
          cmp: this.compare('kind.repair', 'count', 'reports', ['previous']),
          response: ref('repair.response.mean'),
          completion: ref('repair.completion'),
          judgeCompletion: this.judgeFigure('repair.completion', SUMMARY_THRESHOLDS.completionLow),
          resolution: ref('repair.resolution'),
          judgeResolution: this.judgeFigure('repair.resolution', SUMMARY_THRESHOLDS.resolutionLow),
        }),
      ),
    ]
    if (rep) {
      // 只数报修（不把投诉、建议算进维修）；工程维修（老旧小区）只列设施、电梯、消防、安防，不把保洁、绿化算作工程。
      const cats = CATEGORY_IDS.filter((c) => c !== 'other' && (!engineeringOnly || ENGINEERING.includes(c)))
        .map((c) => ({ c, n: rep.byKind.repair.byCategory[c] }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n)
      const items = cats.map(({ c }) => this.say('reports.kindCategoryItem', { category: this.catLabel(c), count: ref(`repair.category.${c}`) }))
      if (items.length)
        out.push(this.para('repairs.list', this.say(engineeringOnly ? 'service.engineeringList' : 'service.repairList', { list: items.join('、') })))
    }
    return out
  }

  /**
   * 典型案例：每件三到四句，按状态流转讲——什么事、何时提出、多少人关注；怎么处理、用了多久；结果（居民确认、等待确认或仍未办结）；
   * 这件事说明什么。只用结构化的字段（分类、地点、日期、人数、用时），不写居民的身份、房号或原话。
   */
  typicalCases(min = 0): Paragraph[] {
    const out = this.cases.map((c, i) => {
      const ids = this.caseIds[i]
      const slots = {
        date: ref(ids.received),
        category: this.catLabel(c.candidate.category),
        place: c.candidate.place,
        followers: ref(ids.followers),
        handling: ids.handling ? ref(ids.handling) : '',
        resolved: ids.resolved ? ref(ids.resolved) : '',
        openDays: ids.openDays ? ref(ids.openDays) : '',
        status: STATUS_WORDS[c.candidate.status] ?? '处理中',
      }
      const salt = c.candidate.id
      const opening = this.say(c.candidate.followers === 0 ? 'case.openAlone' : c.candidate.urgency === 'urgent' ? 'case.openUrgent' : 'case.open', slots, salt)
      const handling = c.reason === 'longestOpen' ? this.say('case.stillOpen', slots, salt) : ids.handling ? this.say('case.handled', slots, salt) : ''
      const outcome = c.reason === 'longestOpen' ? '' : ids.resolved ? this.say('case.resolved', slots, salt) : this.say('case.awaiting', slots, salt)
      const lesson = this.say(`case.lesson.${c.reason}` as PhraseKey, slots, salt)
      return this.para(
        `case${i + 1}`,
        opening + handling + outcome + lesson,
        // 居民的话（已去掉个人信息）只在代表选了引用时接上。
        c.candidate.excerpt ? { quote: { text: c.candidate.excerpt, shown: false } } : {},
      )
    })
    if (out.length < min) out.push(this.gap('cases.more', GAPS.moreCases))
    return out
  }

  problems(): Paragraph[] {
    if (!this.weaknesses.length) return [this.para('problems.none', this.say('weakness.none'))]
    return this.weaknesses.map((w) =>
      this.para(`problem:${w.id}`, referBack(this.say(`weakness.${w.type}` as PhraseKey, w.slots, w.id), w.subject), { weaknessId: w.id }),
    )
  }

  /** 建议的对口责任方：按分类与小区有没有物业（没有物业时不点物业的名）。 */
  actorFor(w: FoundWeakness): string {
    const p = this.facts.community.hasPropertyCompany
    const byCategory: Record<CategoryId, string> = {
      sanitation: p ? '物业保洁' : '保洁志愿者与环卫部门',
      facilities: p ? '物业工程部与维修单位' : '维修单位',
      elevator: '电梯维保单位',
      fire: p ? '物业与消防安全责任人' : '消防安全责任人',
      security: p ? '物业安保' : '楼栋安全员与派出所',
      greenery: p ? '物业绿化养护' : '绿化养护单位',
      parking: p ? '业委会与物业的停车管理' : '业委会与居民议事会',
      noise: '居委会调解员',
      service: p ? '物业客服' : '值班志愿者',
      other: '业委会',
    }
    if (w.category) return byCategory[w.category]
    if (w.type === 'longOpen') {
      const open = this.cases.find((c) => c.reason === 'longestOpen')
      if (open) return byCategory[open.candidate.category]
    }
    if (w.type === 'openHazards') return p ? '物业工程部' : '楼栋安全员与责任单位'
    return p ? '物业服务中心' : '值班志愿者'
  }

  /** 下一期目标的数字（占位符）：可追到规则与它所对的数字。 */
  targetRef(w: FoundWeakness): string {
    if (!w.target) return ''
    const id = `target:${w.id}`
    if (!this.d.book.has(id))
      this.d.book.add({
        id,
        label: `${w.subject}的目标`,
        display: w.target.display,
        value: w.target.value,
        trace: { source: 'target', figureId: w.figureIds[0], rule: w.target.rule },
      })
    return ref(id)
  }

  suggestions(): Paragraph[] {
    return this.weaknesses.map((w) =>
      this.para(
        `suggest:${w.id}`,
        // 建议先点到分类、再说目标：目标里的主语回指（"这类报事的办结率"），不把分类名说两遍。
        referBack(
          this.say(
            `suggest.${w.type}` as PhraseKey,
            {
              previous: '',
              change: '',
              side: '',
              list: '',
              median: '',
              mean: '',
              category: '',
              what: '',
              count: '',
              ...w.slots,
              actor: this.actorFor(w),
              target: this.targetRef(w),
            },
            w.id,
          ),
          w.subject,
        ),
        { weaknessId: w.id },
      ),
    )
  }

  /**
   * 业主代表的建议按对象分段（指南：对业委会、对物业、对业主），没有内容的一段不写。
   * 建议按对口的责任方归段；居民知晓率、答卷率、邻里纠纷这几项另有一句对业主说的话。
   */
  adviceByAddressee(): Section[] {
    const p = this.facts.community.hasPropertyCompany
    const groups: Record<'committee' | 'property' | 'owners', Paragraph[]> = { committee: [], property: [], owners: [] }
    const suggestions = this.suggestions()
    this.weaknesses.forEach((w, i) => {
      groups[this.addresseeOf(w)].push(suggestions[i])
      const owners = w.type === 'lowReach' || w.type === 'lowSurveyResponse' || (w.type === 'lowCategory' && w.category === 'noise')
      if (owners)
        groups.owners.push(this.para(`owners:${w.id}`, this.say(`ownerAdvice.${w.type}` as PhraseKey, { ...w.slots, category: w.slots.category ?? '' }, w.id)))
    })
    const H = HEADINGS
    return [
      this.section('advice.committee', H.adviceCommittee, groups.committee, []),
      this.section('advice.property', p ? H.adviceProperty : H.adviceVolunteers, groups.property, []),
      this.section('advice.owners', H.adviceOwners, groups.owners, []),
    ].filter((s) => s.paragraphs.length > 0)
  }

  /** 一项建议该对谁说：信息公开、问卷、调解、停车、邻里纠纷与"其他"找业委会（居委会调解员由它协调），其余是日常服务（物业或志愿者）。 */
  addresseeOf(w: FoundWeakness): 'committee' | 'property' {
    if (w.type === 'lowReach' || w.type === 'lowMediation' || w.type === 'lowSurveyResponse') return 'committee'
    const category = w.category ?? (w.type === 'longOpen' ? this.cases.find((c) => c.reason === 'longestOpen')?.candidate.category : undefined)
    return category === 'parking' || category === 'noise' || category === 'other' ? 'committee' : 'property'
  }

  /** 进步：两期样本都够、提升够大的，逐项说出前后两个数。 */
  gainsParagraph(): Paragraph[] {
    if (!this.d.has.current.reports) return []
    if (!this.gains.length) return this.d.months.previous ? [this.para('gains.none', this.say('gains.none'))] : []
    const items = this.gains.slice(0, 5).map((g) => this.say(`gain.${g.mode}Item` as PhraseKey, g.slots, g.id))
    return [this.para('gains', this.say('gains.intro') + items.join('；') + '。')]
  }

  /** 期间的覆盖：期间未结束时说截至哪天；上期记录太少时说不作比较。 */
  coverage(): Paragraph[] {
    const out: Paragraph[] = []
    const lastMonth = this.d.months.current?.[this.d.months.current.length - 1] ?? ''
    if (dateOf(this.facts.asOf).slice(0, 7) <= lastMonth) out.push(this.para('coverage', this.say('coverage.partial', { date: ref(this.asOfId()) })))
    const since = (side: 'current' | 'previous') => {
      // 最早的报事落在这一期、又不在这一期的第一个月：这一期的报事记录是从中途开始的，说出从哪天起。
      const first = this.facts.firstReport
      const months = this.d.months[side]
      const month = first ? dateOf(first.receivedAt).slice(0, 7) : ''
      if (!first || !months || !months.includes(month) || month === months[0]) return null
      const id = side === 'current' ? 'records.since' : 'records.since@prev'
      if (!this.d.book.has(id))
        this.d.book.add({
          id,
          label: `${SIDE_LABEL[side]}最早一条报事的日期`,
          display: chinaDate(first.receivedAt),
          value: Date.parse(first.receivedAt),
          trace: { source: 'report', reportId: first.id, field: 'receivedAt' },
        })
      return ref(id)
    }
    const currentSince = since('current')
    if (currentSince) out.push(this.para('coverage.since', this.say('coverage.currentSince', { since: currentSince })))
    const prev = this.d.book.find('received@prev')
    const prevSince = since('previous')
    const side = SIDE_LABEL.previous
    if (this.d.months.previous && prev && prev.value !== null && prev.value > 0 && prev.value < SUMMARY_THRESHOLDS.minCompare)
      out.push(
        this.para(
          'coverage.previous',
          prevSince
            ? this.say('coverage.thinPreviousSince', { side, previous: ref(prev.id), since: prevSince })
            : this.say('coverage.thinPrevious', { side, previous: ref(prev.id) }),
        ),
      )
    else if (prevSince) out.push(this.para('coverage.previous', this.say('coverage.previousSince', { side, since: prevSince })))
    return out
  }

  asOfId(): string {
    if (!this.d.book.has('asOf'))
      this.d.book.add({
        id: 'asOf',
        label: '起草日期',
        display: chinaDate(this.facts.asOf),
        value: Date.parse(`${dateOf(this.facts.asOf)}T00:00:00+08:00`),
        trace: { source: 'facts', field: 'asOf', buildingIds: this.facts.scope.buildingIds },
      })
    return 'asOf'
  }

  /** 业主代表的关键句：收集、解决、解决率，巡检、隐患，哪些未整改。 */
  repKeyLine(): Paragraph[] {
    if (!this.d.has.current.reports) return []
    const open = this.d.hazards.open
    const list = [...new Set(this.d.hazards.openTexts)]
      .slice(0, 3)
      .map((t) => `「${t}」`)
      .join('、')
    return [
      this.para(
        'rep.keyLine',
        this.say('rep.keyLine', {
          received: ref('received'),
          resolved: ref('resolved'),
          rate: ref('resolvedOfRegistered'),
          inspections: ref('worklog.inspection'),
          found: ref('hazards.found'),
          openPart: open > 0 ? this.say('rep.keyOpenItem', { open: ref('hazards.open'), list }) : '',
        }),
      ),
    ]
  }

  /** 无物业的关键句：解决率 = 已解决 / 登记（指南的口径）。 */
  noPropertyKeyLine(): Paragraph[] {
    if (!this.d.has.current.reports) return []
    return [
      this.para(
        'noProperty.keyLine',
        this.say('noProperty.keyLine', { received: ref('received'), resolved: ref('resolved'), rate: ref('resolvedOfRegistered') }),
      ),
    ]
  }

  experience(): Paragraph[] {
    const rep = this.d.reports.current
    const top = rep?.categories.find((c) => c.received > 0)
    if (!top) return []
    return [this.para('experience', this.say('experience.data', { topCategory: this.catLabel(top.id), topCount: ref(`category.${top.id}`) }))]
  }

  plan(): Paragraph {
    return this.para('plan', this.say('plan.data'))
  }

  /** 计划：居民在问卷里选得最多的事，加上收尾的一句。 */
  planParagraphs(): Paragraph[] {
    return [...this.surveyPriorities(), this.plan()]
  }

  /** 结语：致谢与征求意见，随后是落款（名义、称呼、日期）。 */
  closing(): Paragraph[] {
    const key: PhraseKey =
      this.kind === 'representative'
        ? 'closing.representative'
        : this.kind === 'noProperty'
          ? this.facts.community.hasPropertyCompany
            ? 'closing.selfGovern'
            : 'closing.noProperty'
          : this.kind === 'joint'
            ? 'closing.joint'
            : 'closing.service'
    const date = this.asOfId()
    return [
      this.para('closing', this.say(key)),
      this.para('signature', this.say('closing.signature', { author: this.scopeAuthor(), name: this.facts.author.name, date: ref(date) })),
    ]
  }

  /** 落款的名义：代表写"某楼业主代表"，其余写"某小区业委会 / 居委会 / 物业"。 */
  scopeAuthor(): string {
    return this.facts.author.role === 'representative' ? `${this.scopeText}${this.authorLabel}` : `${this.facts.scope.communityName}${this.authorLabel}`
  }

  // —— 五种章节计划 ——

  plans(): Section[] {
    const S = (id: string, heading: string, ps: Paragraph[], children: Section[] = []) => this.section(id, heading, ps, children)
    const H = HEADINGS
    switch (this.kind) {
      case 'representative':
        return [
          S('intro', H.intro, [this.intro(), ...this.coverage()]),
          S(
            'main',
            H.mainWork,
            [...this.repKeyLine(), ...this.gainsParagraph()],
            [
              S('communication', H.communication, [
                ...this.reportsOverview(),
                ...this.coordination(),
                ...this.coordinationOutcomes('communication'),
                ...this.notices(),
                ...this.meetings(),
              ]),
              S('supervision', H.supervision, [...this.inspection(), ...this.speed()]),
              S('rights', H.rights, [...this.categories(), ...this.firstTime(), ...this.ratings(), ...this.typicalCases()]),
              S('activities', H.activities, [...this.activities(), ...this.mediation()]),
            ],
          ),
          S('problems', H.problems, this.problems()),
          S('experience', H.experience, [...this.experience(), this.gap('experience.personal', GAPS.personal)]),
          S(
            'outlook',
            H.outlook,
            [],
            [
              S('personalPlan', H.personalPlan, [...this.planParagraphs(), this.gap('plan.personal', GAPS.personalPlan)]),
              S('advice', this.facts.community.hasPropertyCompany ? H.adviceToOthers : H.adviceNoProperty, [], this.adviceByAddressee()),
            ],
          ),
          S('closing', H.closing, this.closing()),
        ]
      case 'joint':
        return [
          S('intro', H.introShort, [this.intro(), ...this.coverage()]),
          S(
            'service',
            H.serviceQuality,
            [...this.reportsOverview(), ...this.gainsParagraph()],
            [
              S(
                'sanitation',
                H.sanitation,
                this.area({ key: 'sanitation', label: H.sanitation, categories: ['sanitation', 'greenery'], dimension: 'cleaning' }),
              ),
              S('facilities', H.facilities, [
                ...this.area({ key: 'facilities', label: H.facilities, categories: ['facilities', 'elevator'], dimension: 'repair' }),
                ...this.repairs(),
                ...this.speed('repair.'),
              ]),
              S('safety', H.safety, this.area({ key: 'safety', label: H.safety, categories: ['fire', 'security'], dimension: 'security' })),
              S('convenience', H.convenience, [
                ...this.area({ key: 'convenience', label: H.convenience, categories: ['service', 'parking', 'other'], dimension: 'service' }),
                ...this.complaints(),
              ]),
            ],
          ),
          S(
            'governance',
            H.governance,
            [],
            [
              S('jointMeetings', H.jointMeetings, this.meetings(['joint', 'council', 'owners_assembly', 'other'])),
              S('mediation', H.mediation, this.mediation()),
              S('cultureVolunteer', H.cultureVolunteer, this.activities()),
              S('disclosure', H.disclosure, this.notices()),
            ],
          ),
          S('cases', H.cases, this.typicalCases(2)),
          S('emergency', H.emergency, [...this.inspection(), ...this.speed(), ...this.drills()]),
          S('challenges', H.challenges, this.problems()),
          S('strategy', H.strategy, [...this.suggestions(), ...this.planParagraphs()]),
          S('closing', H.closing, this.closing()),
        ]
      case 'noProperty':
        return [
          S('intro', H.introShort, [this.intro(), ...this.coverage()]),
          S(
            'highlights',
            H.highlights,
            [],
            [
              S('commDisclosure', H.commDisclosure, [
                ...this.coordination(),
                ...this.coordinationOutcomes('commDisclosure'),
                ...this.notices(),
                ...this.meetings(['council', 'owners_assembly', 'joint', 'other']),
                ...this.suggestionsCollected(),
              ]),
              S('problemSolving', H.problemSolving, [
                ...this.noPropertyKeyLine(),
                ...this.reportsOverview(),
                ...this.gainsParagraph(),
                ...this.categories(),
                ...this.inspection(),
              ]),
              S('participation', H.participation, [...this.activities(), ...this.mediation()]),
              S('finance', H.finance, [this.gap('finance.fund', GAPS.communityFund)]),
            ],
          ),
          S('cases', H.cases, this.typicalCases(2)),
          S('shortcomings', H.shortcomings, this.problems()),
          S('lessons', H.lessons, [...this.experience(), this.gap('lessons.personal', GAPS.personal)]),
          S('plan', H.plan, [...this.suggestions(), ...this.planParagraphs()]),
          S('closing', H.closing, this.closing()),
        ]
      case 'property':
        return [
          S('intro', H.introShort, [this.intro(), ...this.coverage()]),
          S(
            'satisfaction',
            H.satisfaction,
            [],
            [
              S('complaints', H.complaints, [...this.complaints(), ...this.categories(), ...this.firstTime(), ...this.ratings()]),
              S('surveyResults', H.surveyResults, this.survey()),
              S('cases', H.cases, this.typicalCases(2)),
            ],
          ),
          S(
            'basic',
            H.basicServices,
            [...this.reportsOverview(['previous']), ...this.gainsParagraph(), ...this.speed()],
            [
              S('cleaning', H.cleaning, this.area({ key: 'cleaning', label: H.cleaning, categories: ['sanitation'], dimension: 'cleaning' })),
              S('security', H.security, [
                ...this.area({ key: 'security', label: H.security, categories: ['security', 'fire'], dimension: 'security' }),
                ...this.inspection(),
              ]),
              S('repair', H.repair, [...this.repairs(), ...this.speed('repair.')]),
              S('greenery', H.greenery, this.area({ key: 'greenery', label: H.greenery, categories: ['greenery'], dimension: 'greenery' })),
              S('parking', H.parking, [
                ...this.area({ key: 'parking', label: H.parking, categories: ['parking'], dimension: 'parking' }),
                this.gap('parking.ops', GAPS.parkingOps),
              ]),
            ],
          ),
          S('culture', H.culture, [...this.activities(), ...this.notices(), this.gap('culture.valueAdded', GAPS.valueAdded)]),
          S('team', H.team, [this.gap('team', GAPS.team)]),
          S(
            'pdca',
            H.pdca,
            [],
            [
              S('pdcaDo', H.pdcaDo, this.pdcaDo()),
              S('pdcaCheck', H.pdcaCheck, this.problems()),
              S('pdcaAct', H.pdcaAct, this.suggestions()),
              S('pdcaPlan', H.pdcaPlan, [...this.planParagraphs(), this.gap('pdca.plan', GAPS.pdcaPlan)]),
            ],
          ),
          S('closing', H.closing, this.closing()),
        ]
      case 'oldEstate':
        return [
          S('intro', H.introShort, [this.intro(), ...this.coverage()]),
          S(
            'review',
            H.annualReview,
            [...this.reportsOverview(['previous', 'yearAgo']), ...this.gainsParagraph()],
            [
              S(
                'sanitation',
                H.sanitation,
                this.area({ key: 'sanitation', label: H.sanitation, categories: ['sanitation', 'greenery'], dimension: 'cleaning' }),
              ),
              S('publicOrder', H.publicOrder, [
                ...this.area({ key: 'publicOrder', label: H.publicOrder, categories: ['security', 'fire', 'parking', 'noise'], dimension: 'security' }),
                ...this.inspection(),
              ]),
              S('engineering', H.engineering, [...this.repairs(true), ...this.engineeringLog(), ...this.speed()]),
            ],
          ),
          S('residentService', H.residentService, [...this.complaints(), ...this.notices(), ...this.meetings(), ...this.activities(), ...this.survey()]),
          S('fees', H.fees, [this.gap('fees', this.facts.community.hasPropertyCompany ? GAPS.fees : GAPS.feesNoProperty)]),
          S('team', H.teamShort, [this.gap('team', GAPS.team)]),
          S('cases', H.cases, this.typicalCases(2)),
          S('issues', H.issues, this.problems()),
          S('improvement', H.improvement, [...this.suggestions(), ...this.planParagraphs()]),
          S('closing', H.closing, this.closing()),
        ]
    }
  }

  /** 议事会收集的意见：居民的建议类报事，以及已落实（办结）的。 */
  suggestionsCollected(): Paragraph[] {
    if (!this.d.has.current.reports) return []
    // "已落实"只说提出人确认了的；已办结但还在等确认的不算落实。
    return [
      this.para(
        'suggestions.collected',
        this.say('suggestions.collected', { count: ref('kind.suggestion'), completed: ref('suggestion.completed'), resolved: ref('suggestion.resolved') }),
      ),
    ]
  }

  keyFigures(): KeyFigureRow[] {
    const rows: [string, string][] = [
      ['收到报事', 'received'],
      ['办结率', 'completion'],
      [this.names.resolution, 'resolution'],
      ['一次解决率', 'firstTime'],
      ['首次响应平均用时', 'response.mean'],
      ['处理平均用时', 'handling.mean'],
      ['投诉', 'kind.complaint'],
      ['投诉办结率', 'complaint.completion'],
      ['报修', 'kind.repair'],
      ['维修完成率', 'repair.completion'],
      ['巡查', 'worklog.inspection'],
      ['发现隐患', 'hazards.found'],
      ['隐患整改完成率', 'hazards.rate'],
      ['会议', 'worklog.meeting'],
      ['调解成功率', 'mediation.rate'],
      ['社区活动', 'worklog.activity'],
      ['活动参与', 'activity.participants'],
      ['志愿服务时长', 'volunteer.hours'],
      ['信息公开', 'notices.published'],
      ['居民知晓率', 'notices.readRate'],
      ['问卷答卷', 'survey.respondents'],
      ['问卷答卷率', 'survey.responseRate'],
    ]
    if (this.d.book.find('survey.nps')) rows.push(['净推荐值', 'survey.nps'])
    return rows.map(([label, id]) => ({
      label,
      figureId: id,
      previousId: this.d.months.previous && this.d.book.find(idOn(id, 'previous')) ? idOn(id, 'previous') : null,
      yearAgoId: this.d.months.yearAgo && this.d.book.find(idOn(id, 'yearAgo')) ? idOn(id, 'yearAgo') : null,
    }))
  }

  document(): SummaryDocument {
    const sections = this.plans()
    const keyFigures = this.keyFigures()
    const used = new Set<string>()
    const walk = (s: Section) => {
      for (const p of s.paragraphs) for (const f of p.figureIds) used.add(f)
      s.children.forEach(walk)
    }
    sections.forEach(walk)
    for (const row of keyFigures) for (const id of [row.figureId, row.previousId, row.yearAgoId]) if (id) used.add(id)
    // 均分、平均用时随带它的样本量（件数、答题人数），读者与检查都能看出"够不够比"。
    for (const id of [...used]) {
      const sample = id.replace(/(\.mean|\.median)?(@\w+)?$/, (_m, _a, sfx: string | undefined) => `.count${sfx ?? ''}`)
      if (sample !== id && this.d.book.has(sample)) used.add(sample)
      const change = /^(.*)~(prev|yoy)$/.exec(id)
      if (change) for (const side of [change[1], `${change[1]}@${change[2]}`]) if (this.d.book.has(side)) used.add(side)
    }
    for (const id of [...used]) {
      const sample = id.replace(/(\.mean|\.median)?(@\w+)?$/, (_m, _a, sfx: string | undefined) => `.count${sfx ?? ''}`)
      if (sample !== id && this.d.book.has(sample)) used.add(sample)
    }
    const figures: Record<string, Figure> = {}
    for (const id of [...used].sort()) figures[id] = this.d.book.get(id)
    const period = this.periodText
    const kindLabel = SUMMARY_KIND_LABELS[this.kind]
    return {
      kind: this.kind,
      kindLabel,
      title: TITLE[0].replace('{scope}', this.scopeText).replace('{period}', period).replace('{kind}', kindLabel),
      periodLabel: period,
      scopeLabel: this.scopeText,
      sections,
      figures,
      keyFigures,
      weaknesses: this.weaknesses.map((w) => ({ id: w.id, subject: w.subject, figureIds: w.figureIds })),
      gaps: this.gaps,
    }
  }
}

/** 起草一份工作总结。纯函数：同样的输入（含 asOf）得到逐字相同的文档。 */
export function draftSummary(facts: SummaryFacts): SummaryDocument {
  return new Drafter(facts).document()
}
