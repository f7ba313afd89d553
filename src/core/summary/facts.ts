/**
 * 从三个期间的通用统计（本期、上期、去年同期）得出总结要说的每一个数字，每个数字带上它背后记录的查询条件。
 * 报事的数字一律经 reports/tallySource.ts 的 reportFigures / categoryCompletion / handledWithin 得出，
 * 与统计页同一口径；台账、公告、问卷按各自来源文件里的指标表读。
 *
 * 数字的 id：本期为基本 id（如 completion），上期加 "@prev"，去年同期加 "@yoy"。
 */
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  MEDIATION_OUTCOMES,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  RATING_DIMENSION_LABELS,
  RATING_DIMENSIONS,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  SATISFACTION_DIMENSION_LABELS,
  SATISFACTION_DIMENSIONS,
  URGENCIES,
  URGENCY_LABELS,
  WORKLOG_KIND_LABELS,
  WORKLOG_KINDS,
  type CategoryId,
  type ReportKind,
  type SatisfactionDimension,
} from '../shared/catalog'
import type { Hazard, WorkLogDetails, WorkLogEntry } from '../worklog'
import { scrubPersonalData } from '../shared/privacy'
import { ANSWER_WORDING, formatRate, formatReadRate, rate, RATE_LABELS, readRate, type Rate } from '../shared/rates'
import { categoryCompletion, DURATION_BIN_LABELS, DURATION_BINS, handledWithin, reportFigures, type DurationFigure, type ReportFigures } from '../reports'
import { NOTICE_METRICS } from '../notices'
import { SURVEY_METRICS, type QuestionResult } from '../surveys'
import { WORKLOG_METRICS } from '../worklog'
import type { Totals } from '../tally'
import { dateOf, formatMinutes, monthsIn, previousRange, rangeYearBefore } from '../shared/time'
import type { Figure, FigureTrace, SummaryFacts } from '../summaryDocument'

export type Side = 'current' | 'previous' | 'yearAgo'
export const SIDE_SUFFIX: Record<Side, string> = { current: '', previous: '@prev', yearAgo: '@yoy' }
export const SIDE_LABEL: Record<Side, string> = { current: '', previous: '上期', yearAgo: '去年同期' }
export const idOn = (id: string, side: Side) => `${id}${SIDE_SUFFIX[side]}`

/** 所有数字的登记簿：文档只收进段落与关键数字表用到的那些。 */
export class FigureBook {
  private readonly all = new Map<string, Figure>()
  add(f: Figure): string {
    this.all.set(f.id, f)
    return f.id
  }
  has(id: string): boolean {
    return this.all.has(id)
  }
  get(id: string): Figure {
    const f = this.all.get(id)
    if (!f) throw new Error(`没有这个数字：${id}`)
    return f
  }
  find(id: string): Figure | undefined {
    return this.all.get(id)
  }
}

/** 比率的显示："86%（43/50）"，样本少时加注；分母为 0 为"—（暂无数据）"。与统计页的 formatRate 同一写法。 */
export const rateDisplay = (r: Rate) => formatRate('', r).trim()
const round1 = (x: number) => Math.round(x * 10) / 10

export interface SideReports {
  figures: ReportFigures
  byKind: Record<ReportKind, ReportFigures>
  categories: { id: CategoryId; received: number; completion: Rate }[]
  onTime: Record<'urgent' | 'normal', Rate | null>
}

export interface SideSurvey {
  respondents: number
  responseRate: Rate
  /** 没有一份问卷在本范围公布了分项（都没结束，或都不到各自的门槛）：不说分项。 */
  hidden: boolean
  /** 最近一轮满意度问卷的各维度均分与 NPS（不与其他轮合并）。 */
  means: Partial<Record<SatisfactionDimension, number>>
  nps: number | null
  latest: { id: string; title: string; month: string } | null
  /** 同一期里更早的一轮满意度问卷（有两轮时）：与最近一轮逐项比较。 */
  earlier: { id: string; title: string; month: string; means: Partial<Record<SatisfactionDimension, number>>; nps: number | null } | null
  custom: CustomSurvey[]
}

export interface HazardState {
  found: number
  fixed: number
  open: number
  /** 本期发现而仍未整改的隐患的描述（最多几条，写进展望）。 */
  openTexts: string[]
  rate: Rate
}

export interface DerivedFacts {
  book: FigureBook
  months: Record<Side, string[] | null>
  /** 各期各来源有没有数据（没有时说"无可比数据"，而不是"下降 100%"）。 */
  has: Record<Side, { reports: boolean; worklog: boolean; notices: boolean; survey: boolean }>
  reports: Record<Side, SideReports | null>
  survey: Record<Side, SideSurvey | null>
  hazards: HazardState
  /** 本期台账的内容（巡查区域、活动名称、会议议题、沟通事项），供叙述用。 */
  entries: WorkLogEntry[]
}

/**
 * 台账进总结时的样子：人写的每一段文字先去掉个人信息。代表在台账里记的"与2单元1502王秀英沟通"是给自己看的，
 * 抄进总结就会随【征求意见】公告给全楼看；在进入事实的这一刻清理，草稿、公告、导出与 trace 用的都是清理过的。
 */
export function scrubbedWorkLog(e: WorkLogEntry): WorkLogEntry {
  const s = scrubPersonalData
  const d = e.details
  let details: WorkLogDetails
  switch (d.kind) {
    case 'inspection':
      details = { ...d, area: s(d.area), hazards: d.hazards.map((h) => ({ ...h, text: s(h.text) })) }
      break
    case 'meeting':
      details = { ...d, topics: s(d.topics), decisions: s(d.decisions) }
      break
    case 'activity':
      details = { ...d, name: s(d.name) }
      break
    case 'mediation':
      details = { ...d, parties: s(d.parties) }
      break
    case 'coordination':
      details = { ...d, counterpart: s(d.counterpart), subject: s(d.subject), outcome: s(d.outcome) }
      break
    case 'volunteer':
      details = d
      break
  }
  return { ...e, note: s(e.note), details }
}

/** 期间的月份：本期、上期（环比）、去年同期（同比）。 */
export function periodMonths(period: { start: string; end: string }): Record<Side, string[]> {
  return { current: monthsIn(period), previous: monthsIn(previousRange(period)), yearAgo: monthsIn(rangeYearBefore(period)) }
}

export function deriveFacts(input: SummaryFacts): DerivedFacts {
  const book = new FigureBook()
  const scope = input.scope
  const allMonths = periodMonths(input.period)
  const totalsOf: Record<Side, Totals | null> = { current: input.tallies.current, previous: input.tallies.previous, yearAgo: input.tallies.yearAgo }
  const months: Record<Side, string[] | null> = {
    current: allMonths.current,
    previous: totalsOf.previous ? allMonths.previous : null,
    // 年度总结的上期就是去年同期：只比一次（按环比说），不重复。
    yearAgo: totalsOf.yearAgo && allMonths.yearAgo.join() !== allMonths.previous.join() ? allMonths.yearAgo : null,
  }
  if (months.yearAgo === null) totalsOf.yearAgo = null
  const has = {} as DerivedFacts['has']
  const reports = {} as DerivedFacts['reports']
  const survey = {} as DerivedFacts['survey']

  for (const side of ['current', 'previous', 'yearAgo'] as const) {
    const t = totalsOf[side]
    const m = months[side]
    if (!t || !m) {
      has[side] = { reports: false, worklog: false, notices: false, survey: false }
      reports[side] = null
      survey[side] = null
      continue
    }
    has[side] = {
      reports: t.count('report.received') > 0,
      worklog: WORKLOG_KINDS.some((k) => t.count(WORKLOG_METRICS.entry(k)) > 0),
      notices: t.count(NOTICE_METRICS.published) + t.count(NOTICE_METRICS.targeted) > 0,
      survey: t.count(SURVEY_METRICS.respondents) > 0,
    }
    reports[side] = addReportFigures(book, t, side, m, scope.buildingIds, input.community.overdueHours)
    addWorkLogFigures(book, t, side, m, input)
    addNoticeFigures(book, t, side, m, input)
    survey[side] = addSurveyFigures(book, t, side, m, input)
  }
  const entries = input.workLog.filter((e) => !e.removedAt && allMonths.current.includes(e.month)).map(scrubbedWorkLog)
  const hazards = addHazardFigures(book, entries, allMonths.current, input)
  addDrillFigure(book, entries, allMonths.current, input)
  return { book, months, has, reports, survey, hazards, entries }
}

// —— 报事 ——

function addReportFigures(
  book: FigureBook,
  t: Totals,
  side: Side,
  months: string[],
  buildingIds: string[],
  limits: SummaryFacts['community']['overdueHours'],
): SideReports {
  const pre = SIDE_LABEL[side]
  const trace = (filter?: Extract<FigureTrace, { source: 'reports' }>['filter']): FigureTrace => ({
    source: 'reports',
    buildingIds,
    months,
    ...(filter ? { filter } : {}),
  })
  const count = (id: string, label: string, value: number, filter?: Extract<FigureTrace, { source: 'reports' }>['filter'], unit = '件') =>
    book.add({ id: idOn(id, side), label: pre + label, display: `${value} ${unit}`, value, trace: trace(filter) })
  const rateFig = (id: string, label: string, r: Rate, filter?: Extract<FigureTrace, { source: 'reports' }>['filter']) =>
    book.add({ id: idOn(id, side), label: pre + label, display: rateDisplay(r), value: r.percent, rate: r, trace: trace(filter) })
  const duration = (
    id: string,
    label: string,
    d: DurationFigure,
    has: 'response' | 'handling',
    filter: Extract<FigureTrace, { source: 'reports' }>['filter'] = {},
  ) => {
    book.add({
      id: idOn(`${id}.mean`, side),
      label: `${pre}${label}平均用时`,
      display: d.meanMinutes === null ? '—（暂无数据）' : formatMinutes(d.meanMinutes),
      value: d.meanMinutes,
      trace: trace({ ...filter, has }),
    })
    book.add({ id: idOn(`${id}.count`, side), label: `${pre}${label}的件数`, display: `${d.count} 件`, value: d.count, trace: trace({ ...filter, has }) })
    const median = d.medianBin === null ? null : DURATION_BINS.indexOf(d.medianBin)
    book.add({
      id: idOn(`${id}.median`, side),
      label: `${pre}${label}用时中位数所在区间`,
      display: d.medianBin === null ? '—（暂无数据）' : DURATION_BIN_LABELS[d.medianBin],
      value: median,
      trace: trace({ ...filter, has }),
    })
  }

  const f = reportFigures(t)
  count('received', '收到的报事', f.received)
  for (const k of REPORT_KINDS) count(`kind.${k}`, REPORT_KIND_LABELS[k], f.byKind[k], { kind: k })
  // 比率背后的记录是它的分母：办结率为收到的减去隐藏与重复，解决率为已办结（待确认 + 已解决）；页面上每条标着现在的状态。
  rateFig('completion', RATE_LABELS.completion, f.completion, {
    statuses: ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed'],
  })
  rateFig('resolution', RATE_LABELS.resolution, f.resolution, { statuses: ['awaiting_confirmation', 'resolved'] })
  rateFig('firstTime', RATE_LABELS.firstTime, f.firstTime, { has: 'handling' })
  // 无物业社区指南的解决率：居民确认已解决的占登记的（登记 = 收到的减去隐藏与重复，与办结率同一分母）。
  rateFig('resolvedOfRegistered', '解决率（已解决 / 登记）', rate(f.byStatus.resolved, f.completion.denominator), {
    statuses: ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed'],
  })
  count('resolved', '居民确认已解决', f.byStatus.resolved, { statuses: ['resolved'] })
  count('completed', '已办结（含待居民确认）', f.byStatus.awaiting_confirmation + f.byStatus.resolved, { statuses: ['awaiting_confirmation', 'resolved'] })
  count('open', '未办结', f.byGroup.open, { statuses: ['pending', 'accepted', 'processing'] })
  count('followers', '关注人次', f.followers, { has: 'followers' }, '人次')
  count('affected', '受影响居民', f.affected, undefined, '人次')
  duration('response', '首次响应', f.response, 'response')
  duration('handling', '处理', f.handling, 'handling')
  const ratingCount = f.ratings.speed.count
  count('rating.count', '居民评价', ratingCount, { has: 'rating' }, '条')
  for (const d of RATING_DIMENSIONS) {
    const r = f.ratings[d]
    book.add({
      id: idOn(`rating.${d}`, side),
      label: `${pre}居民评价（${RATING_DIMENSION_LABELS[d]}）`,
      display: r.mean === null ? '—（暂无评价）' : `${r.mean.toFixed(1)} 分`,
      value: r.mean,
      trace: trace({ has: 'rating' }),
    })
  }
  const byKind = {} as Record<ReportKind, ReportFigures>
  for (const k of REPORT_KINDS) {
    const kf = reportFigures(t, [k])
    byKind[k] = kf
    rateFig(`${k}.completion`, `${REPORT_KIND_LABELS[k]}办结率`, kf.completion, { kind: k })
    rateFig(`${k}.resolution`, `${REPORT_KIND_LABELS[k]}解决率`, kf.resolution, { kind: k })
    // 一次解决率没有按类型的指标（report.first_time_resolved 不分类型），reportFigures(t, [k]).firstTime 的分子是全部类型的，不用。
    count(`${k}.resolved`, `${REPORT_KIND_LABELS[k]}居民确认已解决`, kf.byStatus.resolved, { kind: k, statuses: ['resolved'] })
    count(`${k}.completed`, `${REPORT_KIND_LABELS[k]}已办结`, kf.byStatus.awaiting_confirmation + kf.byStatus.resolved, {
      kind: k,
      statuses: ['awaiting_confirmation', 'resolved'],
    })
    // 报修、投诉各自的分类分布（只数这一类型的报事）。
    if (k !== 'suggestion')
      for (const c of CATEGORY_IDS)
        count(`${k}.category.${c}`, `${REPORT_KIND_LABELS[k]}中的${CATEGORY_LABELS[c]}类`, kf.byCategory[c], { kind: k, categories: [c] })
    duration(`${k}.response`, `${REPORT_KIND_LABELS[k]}首次响应`, kf.response, 'response', { kind: k })
    duration(`${k}.handling`, `${REPORT_KIND_LABELS[k]}处理`, kf.handling, 'handling', { kind: k })
  }
  const categories = CATEGORY_IDS.map((c) => ({ id: c, received: f.byCategory[c], completion: categoryCompletion(t, c) }))
  for (const c of categories) {
    count(`category.${c.id}`, `${CATEGORY_LABELS[c.id]}类报事`, c.received, { categories: [c.id] })
    rateFig(`category.${c.id}.completion`, `${CATEGORY_LABELS[c.id]}类办结率`, c.completion, { categories: [c.id] })
  }
  const onTime = { urgent: handledWithin(f.handlingByUrgency.urgent, limits.urgent), normal: handledWithin(f.handlingByUrgency.normal, limits.normal) }
  for (const u of URGENCIES) {
    count(`urgency.${u}`, `${URGENCY_LABELS[u]}报事`, f.byUrgency[u], { urgency: u })
    const r = onTime[u]
    if (r) rateFig(`onTime.${u}`, `${URGENCY_LABELS[u]}报事 ${limits[u]} 小时内标记处理的比例（及时率）`, r, { urgency: u, has: 'handling' })
  }
  return { figures: f, byKind, categories: [...categories].sort((a, b) => b.received - a.received), onTime }
}

// —— 台账 ——

function addWorkLogFigures(book: FigureBook, t: Totals, side: Side, months: string[], input: SummaryFacts) {
  const pre = SIDE_LABEL[side]
  const s = input.scope
  const trace = (kind?: WorkLogEntry['kind'], filter?: Extract<FigureTrace, { source: 'worklog' }>['filter']): FigureTrace => ({
    source: 'worklog',
    communityId: s.communityId,
    buildingIds: s.buildingIds,
    includesCommunity: s.includesCommunity,
    months,
    ...(kind ? { kind } : {}),
    ...(filter ? { filter } : {}),
  })
  const add = (
    id: string,
    label: string,
    value: number,
    unit: string,
    kind?: WorkLogEntry['kind'],
    filter?: Extract<FigureTrace, { source: 'worklog' }>['filter'],
  ) => book.add({ id: idOn(id, side), label: pre + label, display: `${value} ${unit}`, value, trace: trace(kind, filter) })
  for (const k of WORKLOG_KINDS) add(`worklog.${k}`, `${WORKLOG_KIND_LABELS[k]}次数`, t.count(WORKLOG_METRICS.entry(k)), '次', k)
  add('hazards.found', '巡查发现的隐患', t.count(WORKLOG_METRICS.hazardFound), '处', 'inspection', { hazard: 'found' })
  add('hazards.fixedInPeriod', '期内完成整改的隐患（含此前发现的）', t.count(WORKLOG_METRICS.hazardFixed), '处', 'inspection', { hazard: 'fixed' })
  for (const m of MEETING_TYPES) {
    add(`meeting.${m}`, MEETING_TYPE_LABELS[m], t.count(WORKLOG_METRICS.meeting(m)), '次', 'meeting', { meetingType: m })
    add(`meeting.${m}.attendees`, `${MEETING_TYPE_LABELS[m]}参会`, t.sum(WORKLOG_METRICS.meeting(m)), '人次', 'meeting', { meetingType: m })
  }
  add('activity.participants', '活动参与', t.sum(WORKLOG_METRICS.activityParticipants), '人次', 'activity')
  const outcomes = Object.fromEntries(MEDIATION_OUTCOMES.map((o) => [o, t.count(WORKLOG_METRICS.mediation(o))])) as Record<
    (typeof MEDIATION_OUTCOMES)[number],
    number
  >
  add('mediation.success', '调解成功', outcomes.success, '起', 'mediation', { mediationOutcome: 'success' })
  add('mediation.ongoing', '调解进行中', outcomes.ongoing, '起', 'mediation', { mediationOutcome: 'ongoing' })
  add('mediation.failed', '调解未成功', outcomes.failed, '起', 'mediation', { mediationOutcome: 'failed' })
  // 成功率只算已有结果的（成功 + 未成功）：进行中的还没有输赢，算进分母会把"还在调"说成"调不成"。
  const mr = rate(outcomes.success, outcomes.success + outcomes.failed)
  book.add({
    id: idOn('mediation.rate', side),
    label: `${pre}调解成功率（已有结果的）`,
    display: rateDisplay(mr),
    value: mr.percent,
    rate: mr,
    trace: trace('mediation', { mediationConcluded: true }),
  })
  add('volunteer.people', '志愿服务', t.sum(WORKLOG_METRICS.volunteerPeople), '人次', 'volunteer')
  const hours = round1(t.sum(WORKLOG_METRICS.volunteerMinutes) / 60)
  book.add({ id: idOn('volunteer.hours', side), label: `${pre}志愿服务时长`, display: `${hours} 小时`, value: hours, trace: trace('volunteer') })
}

/** 本期发现的隐患现在的状态（从台账读：统计桶只有"整改记在整改月"，回答不了"本期发现的改了几处"）。 */
function addHazardFigures(book: FigureBook, entries: WorkLogEntry[], months: string[], input: SummaryFacts): HazardState {
  const hazards: Hazard[] = entries.flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards : []))
  const fixed = hazards.filter((h) => h.fixedOn !== null).length
  const open = hazards.length - fixed
  const r = rate(fixed, hazards.length)
  const s = input.scope
  const trace = (hazard: 'found' | 'fixed' | 'open'): FigureTrace => ({
    source: 'worklog',
    communityId: s.communityId,
    buildingIds: s.buildingIds,
    includesCommunity: s.includesCommunity,
    months,
    kind: 'inspection',
    filter: { hazard },
  })
  book.add({ id: 'hazards.open', label: '本期发现、尚未整改的隐患', display: `${open} 处`, value: open, trace: trace('open') })
  book.add({ id: 'hazards.fixedOfFound', label: '本期发现、已经整改的隐患', display: `${fixed} 处`, value: fixed, trace: trace('fixed') })
  book.add({ id: 'hazards.rate', label: '隐患整改完成率（本期发现的）', display: rateDisplay(r), value: r.percent, rate: r, trace: trace('found') })
  return { found: hazards.length, fixed, open, openTexts: hazards.filter((h) => h.fixedOn === null).map((h) => h.text), rate: r }
}

/** 名称里带"演练"的活动（消防演练、应急疏散演练）：它们是应急演练，写进应急管理，不说"系统中没有记录演练"。 */
export const isDrill = (e: WorkLogEntry) => e.details.kind === 'activity' && DRILL_NAME.test(e.details.name)
export const DRILL_NAME = /演练/

function addDrillFigure(book: FigureBook, entries: WorkLogEntry[], months: string[], input: SummaryFacts) {
  const s = input.scope
  const n = entries.filter(isDrill).length
  book.add({
    id: 'drills',
    label: '应急演练（名称含"演练"的活动）',
    display: `${n} 次`,
    value: n,
    trace: {
      source: 'worklog',
      communityId: s.communityId,
      buildingIds: s.buildingIds,
      includesCommunity: s.includesCommunity,
      months,
      kind: 'activity',
      filter: { drill: true },
    },
  })
}

// —— 公告 ——

function addNoticeFigures(book: FigureBook, t: Totals, side: Side, months: string[], input: SummaryFacts) {
  const pre = SIDE_LABEL[side]
  const s = input.scope
  // 整个小区：每条公告在小区范围记一次；一栋楼：面向这栋楼的公告每条记一次。
  const published = s.includesCommunity ? t.count(NOTICE_METRICS.published) : t.count(NOTICE_METRICS.targeted)
  const trace = (what: 'published' | 'reads'): FigureTrace => ({ source: 'notices', communityId: s.communityId, buildingIds: s.buildingIds, months, what })
  book.add({
    id: idOn('notices.published', side),
    label: `${pre}发布公告（信息公开）`,
    display: `${published} 次`,
    value: published,
    trace: trace('published'),
  })
  if (side === 'current' && input.ownNotices !== undefined) {
    book.add({
      id: 'notices.own',
      label: '本人发布的公告',
      display: `${input.ownNotices} 次`,
      value: input.ownNotices,
      trace: { source: 'notices', communityId: s.communityId, buildingIds: s.buildingIds, months, what: 'published', author: 'drafter' },
    })
  }
  const r = readRate(t.count(NOTICE_METRICS.read), t.sum(NOTICE_METRICS.targeted))
  book.add({
    id: idOn('notices.readRate', side),
    label: `${pre}居民知晓率（阅读人次/应知户次）`,
    display: formatReadRate('', r, true),
    value: r.percent,
    rate: r,
    trace: trace('reads'),
  })
}

// —— 问卷 ——

function addSurveyFigures(book: FigureBook, t: Totals, side: Side, months: string[], input: SummaryFacts): SideSurvey {
  const pre = SIDE_LABEL[side]
  const surveyIds = side === 'current' ? (input.surveys ?? []).map((x) => x.id) : []
  const trace = (what: 'respondents' | 'dimension' | 'nps', dimension?: SatisfactionDimension): FigureTrace => ({
    source: 'survey',
    buildingIds: input.scope.buildingIds,
    months,
    surveyIds,
    what,
    ...(dimension ? { dimension } : {}),
  })
  const respondents = t.count(SURVEY_METRICS.respondents)
  const responseRate = readRate(respondents, t.sum(SURVEY_METRICS.targeted))
  book.add({ id: idOn('survey.respondents', side), label: `${pre}问卷答卷`, display: `${respondents} 份`, value: respondents, trace: trace('respondents') })
  book.add({
    id: idOn('survey.responseRate', side),
    label: `${pre}问卷答卷率`,
    display: formatReadRate('', responseRate, true, ANSWER_WORDING),
    value: responseRate.percent,
    rate: responseRate,
    trace: trace('respondents'),
  })
  // 分项只用各问卷公布了的格子（已结束、按各自门槛与补充隐藏），与问卷结果页同一个发布函数。
  // 不把几轮问卷合成一个分：满意度取本期最近的一轮（同模板的前一轮另记，供比较）；自建问卷另说。
  const rounds = releasedRounds(input, side)
  const satisfaction = rounds.filter((r) => r.questions.some((q) => q.type === 'rating' && q.dimension !== null))
  const latest = satisfaction[satisfaction.length - 1]
  const earlier = satisfaction.length > 1 ? satisfaction[satisfaction.length - 2] : undefined
  const hidden = rounds.length === 0
  const roundTrace = (r: ReleasedRound, what: 'dimension' | 'nps', dimension?: SatisfactionDimension): FigureTrace => ({
    source: 'survey',
    buildingIds: input.scope.buildingIds,
    months: [r.month],
    surveyIds: [r.id],
    what,
    ...(dimension ? { dimension } : {}),
  })
  const addRound = (r: ReleasedRound, prefix: string, labelPre: string) => {
    const means: Partial<Record<SatisfactionDimension, number>> = {}
    for (const d of SATISFACTION_DIMENSIONS) {
      const q = r.questions.find((x) => x.type === 'rating' && x.dimension === d)
      if (!q || q.type !== 'rating' || q.count === 0 || q.mean === null) continue
      means[d] = q.mean
      book.add({
        id: idOn(`${prefix}.dim.${d}`, side),
        label: `${labelPre}${SATISFACTION_DIMENSION_LABELS[d]}满意度`,
        display: `${q.mean.toFixed(1)} 分`,
        value: q.mean,
        trace: roundTrace(r, 'dimension', d),
      })
      book.add({
        id: idOn(`${prefix}.dim.${d}.count`, side),
        label: `${labelPre}${SATISFACTION_DIMENSION_LABELS[d]}满意度的答题人数`,
        display: `${q.count} 人`,
        value: q.count,
        trace: roundTrace(r, 'dimension', d),
      })
    }
    const npsQ = r.questions.find((x) => x.type === 'nps')
    const nps = npsQ && npsQ.type === 'nps' ? npsQ.nps : null
    if (npsQ && npsQ.type === 'nps' && nps !== null) {
      book.add({ id: idOn(`${prefix}.nps`, side), label: `${labelPre}净推荐值（NPS）`, display: `${nps}`, value: nps, trace: roundTrace(r, 'nps') })
      book.add({
        id: idOn(`${prefix}.nps.count`, side),
        label: `${labelPre}推荐意愿的答题人数`,
        display: `${npsQ.count} 人`,
        value: npsQ.count,
        trace: roundTrace(r, 'nps'),
      })
    }
    return { means, nps }
  }
  const cur = latest ? addRound(latest, 'survey', side === 'current' ? '' : pre) : { means: {}, nps: null }
  const prior = earlier ? addRound(earlier, 'survey.earlier', `${pre}前一轮`) : null
  const custom = rounds.filter((r) => !satisfaction.includes(r))
  return {
    respondents,
    responseRate,
    hidden,
    means: cur.means,
    nps: cur.nps,
    latest: latest ? { id: latest.id, title: latest.title, month: latest.month } : null,
    earlier: earlier && prior ? { id: earlier.id, title: earlier.title, month: earlier.month, means: prior.means, nps: prior.nps } : null,
    custom: side === 'current' ? custom.map((r, i) => addCustomFigures(book, r, i + 1, input)) : [],
  }
}

export interface ReleasedRound {
  id: string
  title: string
  month: string
  questions: QuestionResult[]
}

/** 一期里公布了结果的各轮问卷，按开始月份、再按 id 排（最近的在最后）。 */
export function releasedRounds(input: SummaryFacts, side: Side): ReleasedRound[] {
  const titles = new Map((input.surveys ?? []).map((x) => [x.id, x.title]))
  return (input.surveyReleases?.[side] ?? [])
    .flatMap((r) => (r.questions ? [{ id: r.id, title: r.title ?? titles.get(r.id) ?? '问卷', month: r.month ?? '', questions: r.questions }] : []))
    .sort((a, b) => (a.month === b.month ? (a.id < b.id ? -1 : 1) : a.month < b.month ? -1 : 1))
}

export interface CustomSurvey {
  id: string
  title: string
  /** 评分题：id 与题目（均分的数字 id 为 survey.custom{n}.q.{题 id}）。 */
  ratings: { figureId: string; title: string }[]
  /**
   * 选择题：题目、作答人数（…answered）与得票最多的两项（…top{k}）；
   * tied 是并列第一的各项（两项以上并列时才有，照选项名排），说成"并列第一"而不排先后。
   */
  choices: { title: string; answeredId: string; top: { figureId: string; label: string }[]; tied: string[] }[]
}

/** 自建问卷：评分题的均分、选择题的前两项（只用公布了的结果；文字题从不进总结）。 */
function addCustomFigures(book: FigureBook, r: ReleasedRound, n: number, input: SummaryFacts): CustomSurvey {
  const trace = (what: 'dimension' | 'nps'): FigureTrace => ({
    source: 'survey',
    buildingIds: input.scope.buildingIds,
    months: [r.month],
    surveyIds: [r.id],
    what,
  })
  const ratings: CustomSurvey['ratings'] = []
  const choices: CustomSurvey['choices'] = []
  for (const q of r.questions) {
    if (q.type === 'rating' && q.mean !== null && q.count > 0) {
      const id = book.add({
        id: `survey.custom${n}.q.${q.id}`,
        label: `「${q.title}」的均分`,
        display: `${q.mean.toFixed(1)} 分`,
        value: q.mean,
        trace: trace('dimension'),
      })
      ratings.push({ figureId: id, title: q.title })
    }
    if ((q.type === 'single' || q.type === 'multiple') && q.count > 0) {
      const ranked = [...q.options].filter((o) => o.count > 0).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
      const top = ranked.slice(0, 2).map((o, k) => ({
        figureId: book.add({
          id: `survey.custom${n}.q.${q.id}.top${k + 1}`,
          label: `「${q.title}」选「${o.label}」的人数`,
          display: `${o.count} 人`,
          value: o.count,
          trace: trace('dimension'),
        }),
        label: o.label,
      }))
      const answeredId = book.add({
        id: `survey.custom${n}.q.${q.id}.answered`,
        label: `「${q.title}」的作答人数`,
        display: `${q.count} 人`,
        value: q.count,
        trace: trace('dimension'),
      })
      const tied = ranked.filter((o) => o.count === ranked[0]?.count).map((o) => o.label)
      if (top.length) choices.push({ title: q.title, answeredId, top, tied: tied.length > 1 ? tied : [] })
    }
  }
  return { id: r.id, title: r.title, ratings, choices }
}

// —— 派生的数字：变化量与典型案例 ——

/** 本期与上期（或去年同期）之差；单位随基本数字。两边都有数时才有，否则为 null。 */
export function changeFigure(book: FigureBook, baseId: string, side: Exclude<Side, 'current'>): string | null {
  const id = `${baseId}~${side === 'previous' ? 'prev' : 'yoy'}`
  if (book.has(id)) return id
  const cur = book.find(baseId)
  const other = book.find(idOn(baseId, side))
  if (!cur || !other || cur.value === null || other.value === null) return null
  const diff = Math.round((cur.value - other.value) * 10) / 10
  const abs = Math.abs(diff)
  let display: string
  if (cur.rate) display = `${abs} 个百分点`
  else if (/\.mean$/.test(baseId)) display = formatMinutes(abs)
  else if (/^(survey\.dim|rating)\./.test(baseId)) display = `${abs.toFixed(1)} 分`
  else display = cur.display.replace(/^[\d.]+/, String(abs))
  return book.add({
    id,
    label: `${cur.label}较${SIDE_LABEL[side]}的变化`,
    display,
    value: diff,
    trace: { source: 'derived', from: [baseId, idOn(baseId, side)] },
  })
}

const DAY = 86_400_000

/** 典型案例的数字：提交日期、关注人数、办结用时、已开天数。返回各项的 id（没有的为 null）。 */
export function caseFigures(
  book: FigureBook,
  index: number,
  c: { id: string; receivedAt: string; handledAt: string | null; resolvedAt?: string | null; followers: number; open: boolean },
  asOf: string,
) {
  const id = (f: string) => `case${index}.${f}`
  const trace = (field: Extract<FigureTrace, { source: 'report' }>['field']): FigureTrace => ({ source: 'report', reportId: c.id, field })
  const received = book.add({
    id: id('receivedAt'),
    label: '提交日期',
    display: formatChinaDate(c.receivedAt),
    value: Date.parse(c.receivedAt),
    trace: trace('receivedAt'),
  })
  const followers = book.add({ id: id('followers'), label: '关注人数', display: `${c.followers} 人`, value: c.followers, trace: trace('followers') })
  let handling: string | null = null
  if (c.handledAt !== null) {
    const minutes = Math.max(0, Math.floor((Date.parse(c.handledAt) - Date.parse(c.receivedAt)) / 60_000))
    handling = book.add({
      id: id('handlingMinutes'),
      label: '从提交到标记已处理',
      display: formatMinutes(minutes),
      value: minutes,
      trace: trace('handlingMinutes'),
    })
  }
  let resolved: string | null = null
  if (c.resolvedAt) {
    resolved = book.add({
      id: id('resolvedAt'),
      label: '居民确认已解决的日期',
      display: formatChinaDate(c.resolvedAt),
      value: Date.parse(c.resolvedAt),
      trace: trace('resolvedAt'),
    })
  }
  let openDays: string | null = null
  if (c.open) {
    const days = Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(c.receivedAt)) / DAY))
    openDays = book.add({ id: id('openDays'), label: '已开天数', display: `${days} 天`, value: days, trace: trace('openDays') })
  }
  return { received, followers, handling, resolved, openDays }
}

/** '2026-11-03T02:00:00Z' → '11月3日'（北京时间）。 */
function formatChinaDate(iso: string): string {
  const d = dateOf(iso)
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}
