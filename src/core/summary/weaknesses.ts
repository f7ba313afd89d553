/**
 * 问题导向：从数字里找出不足，每一项都要在展望里有一条点名的建议（draft.ts 保证）。
 * 门槛集中在 SUMMARY_THRESHOLDS 一处；"偏低"的说法与"较好"的夸奖都只看这些门槛。
 */
import {
  CATEGORY_LABELS,
  type CategoryId,
  RATING_DIMENSION_LABELS,
  RATING_DIMENSIONS,
  SATISFACTION_DIMENSION_LABELS,
  SATISFACTION_DIMENSIONS,
  URGENCIES,
  URGENCY_LABELS,
} from '../shared/catalog'
import { RATE_LABELS } from '../shared/rates'
import { DURATION_BIN_EDGES } from '../reports'
import { changeFigure, idOn, SIDE_LABEL, type DerivedFacts, type Side } from './facts'
import type { SummaryKind } from '../summaryDocument'

export const SUMMARY_THRESHOLDS = {
  /** 办结率低于它为偏低（%）。 */
  completionLow: 80,
  /** 解决率低于它为偏低（%）。 */
  resolutionLow: 70,
  /** 一次解决率低于它为偏低（%）。 */
  firstTimeLow: 70,
  /** 某分类的办结率低于它为偏低（%），且该分类至少有 categoryMinReports 件可办结的报事才看。 */
  categoryCompletionLow: 80,
  categoryMinReports: 5,
  /** 及时率（按紧急程度的时限内办结）低于它为偏低（%）。 */
  onTimeLow: 80,
  /** 首次响应用时的中位数所在区间的下界不小于它（分钟）为响应偏慢：默认 1 天。 */
  slowResponseMinutes: 1440,
  /** 居民评价、满意度某维度的均分低于它为偏低（1–5 分）。 */
  meanLow: 3.5,
  /** 居民知晓率低于它为偏低（%）。 */
  readRateLow: 50,
  /** 调解成功率低于它为偏低（%）。 */
  mediationLow: 60,
  /** 本期发现的隐患的整改完成率低于它为偏低（%）；还有没整改的隐患另算一项不足（openHazards）。 */
  hazardFixLow: 80,
  /** 问卷答卷率低于它为偏低（%）。 */
  surveyResponseLow: 30,
  /** 比率较上期（或去年同期）下降至少这么多个百分点，算作一项不足（文字里任何下降都照实说）。 */
  rateDropPoints: 5,
  /** 均分下降至少这么多分，算作一项不足。 */
  meanDrop: 0.3,
  /** 比率不低于它、且样本不少，才可以说"较好"（%）。 */
  praiseRate: 90,
  /** 均分不低于它、且样本不少，才可以说"较好"。 */
  praiseMean: 4.5,
  /** 比较的两边（本期、上期或去年同期）分母都不少于它，才说升降、才算进步或退步。 */
  minCompare: 10,
  /** 比率的分母少于它，不单独列为不足（样本太少，说明不了问题）。 */
  minRateSample: 5,
  /** 比率较上期提高至少这么多个百分点，算一项进步。 */
  gainPoints: 5,
  /** 平均用时较上期缩短至少这个比例，算一项进步。 */
  gainTimeShare: 0.2,
  /** 均分提高至少这么多分，算一项进步。 */
  gainMean: 0.3,
  /** 排序后最多列出的不足（按严重程度 × 样本量）。 */
  maxWeaknesses: 8,
  /** 样本量计入排序时的上限：再多的样本不让问题显得更大。 */
  rankSampleCap: 100,
} as const

export type WeaknessType =
  | 'lowRate'
  | 'lowReach'
  | 'lowSurveyResponse'
  | 'lowMediation'
  | 'lowCategory'
  | 'slowResponse'
  | 'lateHandling'
  | 'lowMean'
  | 'drop'
  | 'openHazards'
  | 'longOpen'
  | 'negativeNps'

export interface FoundWeakness {
  id: string
  type: WeaknessType
  /** 不足的对象（建议里必须点到它）。 */
  subject: string
  figureIds: string[]
  /** 句子里的空：subject 与数字占位符。 */
  slots: Record<string, string>
  /** 排序用：严重程度（0–1）× 样本量（封顶 rankSampleCap）。 */
  score: number
  /** 分类的不足：是哪一类（建议按它找对口的责任方）。 */
  category?: CategoryId
  /** 下一期的目标（比率、均分）：建议里说出一个可检验的数。 */
  target?: { value: number; display: string; rule: string }
}

/** 一项进步：较上期（或去年同期）明显变好，且两边样本都够。 */
export interface FoundGain {
  id: string
  subject: string
  mode: 'rate' | 'time' | 'mean'
  figureIds: string[]
  slots: Record<string, string>
  score: number
}

export const ref = (id: string) => `{{f:${id}}}`

/** 中位数所在分箱的下界（分钟）。 */
export const binLowerEdge = (binIndex: number) => (binIndex === 0 ? 0 : DURATION_BIN_EDGES[binIndex - 1])

const cap = (n: number) => Math.min(n, SUMMARY_THRESHOLDS.rankSampleCap)
const pctTarget = (v: number, rule: string) => ({ value: v, display: `${v}%`, rule })

/**
 * 找出不足并排序：严重程度（离门槛多远、降了多少）× 样本量（封顶），只留前 maxWeaknesses 项。
 * "其他"类不单列（说不清是什么事，也就无从改进）；样本太少的比率、上期样本太少的下降都不算。
 */
/** 一份总结里比率的名字：一个名字只有一个口径。 */
export interface RateNames {
  /** 已解决 / 已办结。 */
  resolution: string
}

/**
 * 业主代表与无物业两种总结按指南把"解决率"留给 已解决 / 登记（关键句），正文里的 已解决 / 已办结 就改叫居民确认率；
 * 其余三种只有 已解决 / 已办结 这一个解决率（与统计看板同名）。
 */
export function rateNamesFor(kind: SummaryKind): RateNames {
  return { resolution: kind === 'representative' || kind === 'noProperty' ? '居民确认率' : RATE_LABELS.resolution }
}

export function findWeaknesses(
  d: DerivedFacts,
  longestOpen: { figureId: string; what: string; days: number; limitDays: number; followers: number } | null,
  categoryLabel: (c: CategoryId) => string = (c) => CATEGORY_LABELS[c],
  names: RateNames = rateNamesFor('joint'),
): FoundWeakness[] {
  const T = SUMMARY_THRESHOLDS
  const out: FoundWeakness[] = []
  const book = d.book
  const rep = d.reports.current
  const lowRate = (id: string, subject: string, below: number, type: WeaknessType = 'lowRate') => {
    const f = book.find(id)
    if (!f?.rate || f.rate.percent === null || f.rate.percent >= below || f.rate.denominator < T.minRateSample) return
    const score = ((below - f.rate.percent) / below) * cap(f.rate.denominator)
    out.push({
      id: `low:${id}`,
      type,
      subject,
      figureIds: [id],
      slots: { subject, figure: ref(id) },
      score,
      target: pctTarget(below, `不低于 ${below}%（偏低的门槛）`),
    })
  }
  if (rep && d.has.current.reports) {
    lowRate('completion', RATE_LABELS.completion, T.completionLow)
    lowRate('resolution', names.resolution, T.resolutionLow)
    lowRate('firstTime', RATE_LABELS.firstTime, T.firstTimeLow)
    for (const c of rep.categories) {
      const r = c.completion
      if (c.id === 'other' || r.denominator < T.categoryMinReports || r.percent === null || r.percent >= T.categoryCompletionLow) continue
      const id = `category.${c.id}.completion`
      const label = categoryLabel(c.id)
      const subject = `${label}类报事的办结率`
      out.push({
        id: `low:${id}`,
        type: 'lowCategory',
        subject,
        figureIds: [id],
        slots: { subject, category: label, figure: ref(id) },
        score: ((T.categoryCompletionLow - r.percent) / T.categoryCompletionLow) * cap(r.denominator),
        category: c.id,
        target: pctTarget(T.categoryCompletionLow, `不低于 ${T.categoryCompletionLow}%（偏低的门槛）`),
      })
    }
    const median = book.find('response.median')
    const responded = book.find('response.count')?.value ?? 0
    if (median && median.value !== null && binLowerEdge(median.value) >= T.slowResponseMinutes) {
      out.push({
        id: 'slow:response',
        type: 'slowResponse',
        subject: '首次响应速度',
        figureIds: ['response.median', 'response.mean'],
        slots: { subject: '首次响应速度', median: ref('response.median'), mean: ref('response.mean') },
        score: 0.3 * cap(responded),
      })
    }
    for (const u of URGENCIES) {
      const id = `onTime.${u}`
      const f = book.find(id)
      if (!f?.rate || f.rate.percent === null || f.rate.percent >= T.onTimeLow || f.rate.denominator < T.minRateSample) continue
      const subject = `${URGENCY_LABELS[u]}报事的及时率`
      out.push({
        id: `late:${u}`,
        type: 'lateHandling',
        subject,
        figureIds: [id],
        slots: { subject, figure: ref(id) },
        // 紧急的事超时更要紧：严重程度加倍。
        score: ((T.onTimeLow - f.rate.percent) / T.onTimeLow) * (u === 'urgent' ? 2 : 1) * cap(f.rate.denominator),
        target: pctTarget(T.onTimeLow, `不低于 ${T.onTimeLow}%（偏低的门槛）`),
      })
    }
    const ratingCount = book.find('rating.count')?.value ?? 0
    for (const dim of RATING_DIMENSIONS) {
      const f = book.find(`rating.${dim}`)
      if (!f || f.value === null || f.value >= T.meanLow || ratingCount < T.minRateSample) continue
      const subject = `居民对处理${RATING_DIMENSION_LABELS[dim]}的评价`
      out.push({
        id: `low:rating.${dim}`,
        type: 'lowMean',
        subject,
        figureIds: [f.id, 'rating.count'],
        slots: { subject, figure: ref(f.id), count: ref('rating.count') },
        score: ((T.meanLow - f.value) / T.meanLow) * cap(ratingCount),
        target: { value: T.meanLow, display: `${T.meanLow.toFixed(1)} 分`, rule: `不低于 ${T.meanLow} 分（偏低的门槛）` },
      })
    }
  }
  const survey = d.survey.current
  if (survey && !survey.hidden) {
    for (const dim of SATISFACTION_DIMENSIONS) {
      const mean = survey.means[dim]
      if (mean === undefined || mean >= T.meanLow) continue
      const id = `survey.dim.${dim}`
      const n = book.find(`${id}.count`)?.value ?? 0
      const subject = `${SATISFACTION_DIMENSION_LABELS[dim]}满意度`
      out.push({
        id: `low:${id}`,
        type: 'lowMean',
        subject,
        figureIds: [id, `${id}.count`],
        slots: { subject, figure: ref(id), count: ref(`${id}.count`) },
        score: ((T.meanLow - mean) / T.meanLow) * cap(n),
        target: { value: T.meanLow, display: `${T.meanLow.toFixed(1)} 分`, rule: `不低于 ${T.meanLow} 分（偏低的门槛）` },
      })
    }
  }
  // 净推荐值为负：不愿推荐的多于愿意推荐的，是一项不足（答题人数不少于 minRateSample 才算）。
  const nps = book.find('survey.nps')
  const npsCount = book.find('survey.nps.count')?.value ?? 0
  if (survey && !survey.hidden && nps && nps.value !== null && nps.value < 0 && npsCount >= T.minRateSample) {
    const subject = '净推荐值（NPS）'
    out.push({
      id: 'low:survey.nps',
      type: 'negativeNps',
      subject,
      figureIds: ['survey.nps'],
      slots: { subject, figure: ref('survey.nps') },
      score: (-nps.value / 100) * cap(npsCount),
      target: { value: 0, display: '0', rule: '转为正数（愿意推荐的多于不愿推荐的）' },
    })
  }
  if (d.has.current.survey) lowRate('survey.responseRate', '问卷答卷率', T.surveyResponseLow, 'lowSurveyResponse')
  if (d.has.current.notices) lowRate('notices.readRate', '居民知晓率', T.readRateLow, 'lowReach')
  if (d.has.current.worklog) lowRate('mediation.rate', '调解成功率', T.mediationLow, 'lowMediation')

  // 较上期、去年同期下降：两边的样本都要够，否则不说下降。
  const dropOf = (baseId: string, subject: string, side: Exclude<Side, 'current'>, source: 'reports' | 'notices' | 'survey', isRate: boolean) => {
    if (!d.has[side][source] || !d.has.current[source]) return
    const cur = book.find(baseId)
    const other = book.find(idOn(baseId, side))
    if (!cur || !other || cur.value === null || other.value === null) return
    if (!comparable(d, baseId, side)) return
    const limit = isRate ? T.rateDropPoints : T.meanDrop
    if (other.value - cur.value < limit) return
    const change = changeFigure(book, baseId, side)
    if (!change) return
    const prevId = idOn(baseId, side)
    const n = cur.rate ? cur.rate.denominator : (book.find(`${baseId}.count`)?.value ?? 0)
    out.push({
      id: `drop:${baseId}${side === 'previous' ? '@prev' : '@yoy'}`,
      type: 'drop',
      subject,
      figureIds: [baseId, prevId, change],
      slots: { subject, figure: ref(baseId), previous: ref(prevId), change: ref(change), side: SIDE_LABEL[side] },
      score: ((other.value - cur.value) / (isRate ? 100 : 5)) * 2 * cap(n),
      target: isRate
        ? pctTarget(other.value, `回到${SIDE_LABEL[side]}的水平`)
        : { value: other.value, display: `${other.value.toFixed(1)} 分`, rule: `回到${SIDE_LABEL[side]}的水平` },
    })
  }
  for (const side of ['previous', 'yearAgo'] as const) {
    dropOf('completion', RATE_LABELS.completion, side, 'reports', true)
    dropOf('resolution', names.resolution, side, 'reports', true)
    dropOf('notices.readRate', '居民知晓率', side, 'notices', true)
    for (const dim of SATISFACTION_DIMENSIONS) dropOf(`survey.dim.${dim}`, `${SATISFACTION_DIMENSION_LABELS[dim]}满意度`, side, 'survey', false)
  }

  if (d.hazards.open > 0) {
    const subject = '尚未整改的隐患'
    const list = [...new Set(d.hazards.openTexts)]
      .slice(0, 3)
      .map((t) => `「${t}」`)
      .join('、')
    // 安全隐患每一处都要紧：严重程度按未整改的占比，样本按处数（至少按 10 计）。
    const score = (d.hazards.open / Math.max(1, d.hazards.found)) * cap(Math.max(10, d.hazards.open * 3))
    out.push({ id: 'open:hazards', type: 'openHazards', subject, figureIds: ['hazards.open'], slots: { subject, figure: ref('hazards.open'), list }, score })
  }
  if (longestOpen && longestOpen.days > longestOpen.limitDays) {
    const subject = `${longestOpen.what}这件长期未办结的报事`
    out.push({
      id: 'open:longest',
      type: 'longOpen',
      subject,
      figureIds: [longestOpen.figureId],
      slots: { subject, figure: ref(longestOpen.figureId), what: longestOpen.what },
      score: Math.min(1, (longestOpen.days - longestOpen.limitDays) / 90) * cap(10 + longestOpen.followers * 5),
    })
  }
  // 稳定排序：分数相同按 id，于是同样的输入总是同样的顺序。同一个数字既比上期又比去年同期下降，只说更重的那次。
  const sorted = out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
  const seen = new Set<string>()
  return sorted
    .filter((w) => {
      if (w.type !== 'drop') return true
      if (seen.has(w.figureIds[0])) return false
      seen.add(w.figureIds[0])
      return true
    })
    .slice(0, T.maxWeaknesses)
}

/** 这个数字与那一期能不能比：比率看两边的分母，均分与用时看两边的件数（答题人数），都不少于 minCompare。 */
export function comparable(d: DerivedFacts, baseId: string, side: Exclude<Side, 'current'>): boolean {
  const cur = d.book.find(baseId)
  const other = d.book.find(idOn(baseId, side))
  if (!cur || !other) return false
  const n = (id: string) => {
    const f = d.book.find(id)
    if (!f) return 0
    if (f.rate) return f.rate.denominator
    const count = d.book.find(id.replace(/(\.mean|\.median)?(@\w+)?$/, (_m, _a, sfx) => `.count${sfx ?? ''}`))
    if (count && count.id !== f.id) return count.value ?? 0
    return f.value ?? 0
  }
  return n(baseId) >= SUMMARY_THRESHOLDS.minCompare && n(idOn(baseId, side)) >= SUMMARY_THRESHOLDS.minCompare
}

/** 找出进步：比率提高 gainPoints 个百分点以上、平均用时缩短 gainTimeShare 以上、均分提高 gainMean 以上，两边样本都够。 */
export function findGains(d: DerivedFacts, names: RateNames = rateNamesFor('joint')): FoundGain[] {
  const T = SUMMARY_THRESHOLDS
  const out: FoundGain[] = []
  const book = d.book
  const consider = (baseId: string, subject: string, mode: FoundGain['mode'], side: Exclude<Side, 'current'>, source: 'reports' | 'notices' | 'survey') => {
    if (!d.has[side][source] || !d.has.current[source]) return
    const cur = book.find(baseId)
    const other = book.find(idOn(baseId, side))
    if (!cur || !other || cur.value === null || other.value === null || !comparable(d, baseId, side)) return
    const better =
      mode === 'rate'
        ? cur.value - other.value >= T.gainPoints
        : mode === 'time'
          ? other.value > 0 && (other.value - cur.value) / other.value >= T.gainTimeShare
          : cur.value - other.value >= T.gainMean
    if (!better) return
    const change = changeFigure(book, baseId, side)
    if (!change) return
    const prevId = idOn(baseId, side)
    const size = mode === 'rate' ? (cur.value - other.value) / 100 : mode === 'time' ? (other.value - cur.value) / other.value : (cur.value - other.value) / 5
    const n = cur.rate ? cur.rate.denominator : (book.find(baseId.replace(/\.mean$/, '.count'))?.value ?? book.find(`${baseId}.count`)?.value ?? 0)
    // 同一数字同时比上期与去年同期，只说上期的。
    if (out.some((g) => g.figureIds[0] === baseId)) return
    out.push({
      id: `gain:${baseId}${side === 'previous' ? '@prev' : '@yoy'}`,
      subject,
      mode,
      figureIds: [baseId, prevId, change],
      slots: { subject, figure: ref(baseId), previous: ref(prevId), change: ref(change), side: SIDE_LABEL[side] },
      score: size * cap(n),
    })
  }
  for (const side of ['previous', 'yearAgo'] as const) {
    consider('completion', RATE_LABELS.completion, 'rate', side, 'reports')
    consider('resolution', names.resolution, 'rate', side, 'reports')
    consider('firstTime', RATE_LABELS.firstTime, 'rate', side, 'reports')
    for (const u of URGENCIES) consider(`onTime.${u}`, `${URGENCY_LABELS[u]}报事的及时率`, 'rate', side, 'reports')
    consider('handling.mean', '处理平均用时', 'time', side, 'reports')
    consider('response.mean', '首次响应平均用时', 'time', side, 'reports')
    consider('repair.handling.mean', '报修的处理平均用时', 'time', side, 'reports')
    consider('complaint.completion', '投诉办结率', 'rate', side, 'reports')
    consider('notices.readRate', '居民知晓率', 'rate', side, 'notices')
    for (const dim of SATISFACTION_DIMENSIONS) consider(`survey.dim.${dim}`, `${SATISFACTION_DIMENSION_LABELS[dim]}满意度`, 'mean', side, 'survey')
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
}
