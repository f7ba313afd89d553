/**
 * 问题导向：从数字里找出不足，每一项都要在展望里有一条点名的建议（draft.ts 保证）。
 * 门槛集中在 SUMMARY_THRESHOLDS 一处；"偏低"的说法与"较好"的夸奖都只看这些门槛。
 */
import {
  CATEGORY_LABELS,
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

export interface FoundWeakness {
  id: string
  type: WeaknessType
  /** 不足的对象（建议里必须点到它）。 */
  subject: string
  figureIds: string[]
  /** 句子里的空：subject 与数字占位符。 */
  slots: Record<string, string>
}

export const ref = (id: string) => `{{f:${id}}}`

/** 中位数所在分箱的下界（分钟）。 */
export const binLowerEdge = (binIndex: number) => (binIndex === 0 ? 0 : DURATION_BIN_EDGES[binIndex - 1])

export function findWeaknesses(d: DerivedFacts, longestOpen: { figureId: string; what: string; days: number; limitDays: number } | null): FoundWeakness[] {
  const T = SUMMARY_THRESHOLDS
  const out: FoundWeakness[] = []
  const book = d.book
  const rep = d.reports.current
  const lowRate = (id: string, subject: string, below: number, type: WeaknessType = 'lowRate') => {
    const f = book.find(id)
    if (!f?.rate || f.rate.percent === null || f.rate.percent >= below) return
    out.push({ id: `low:${id}`, type, subject, figureIds: [id], slots: { subject, figure: ref(id) } })
  }
  if (rep && d.has.current.reports) {
    lowRate('completion', RATE_LABELS.completion, T.completionLow)
    lowRate('resolution', RATE_LABELS.resolution, T.resolutionLow)
    lowRate('firstTime', RATE_LABELS.firstTime, T.firstTimeLow)
    for (const c of rep.categories) {
      const r = c.completion
      if (r.denominator < T.categoryMinReports || r.percent === null || r.percent >= T.categoryCompletionLow) continue
      const id = `category.${c.id}.completion`
      const subject = `${CATEGORY_LABELS[c.id]}类报事的办结率`
      out.push({ id: `low:${id}`, type: 'lowCategory', subject, figureIds: [id], slots: { subject, category: CATEGORY_LABELS[c.id], figure: ref(id) } })
    }
    const median = book.find('response.median')
    if (median && median.value !== null && binLowerEdge(median.value) >= T.slowResponseMinutes) {
      out.push({
        id: 'slow:response',
        type: 'slowResponse',
        subject: '首次响应速度',
        figureIds: ['response.median', 'response.mean'],
        slots: { subject: '首次响应速度', median: ref('response.median'), mean: ref('response.mean') },
      })
    }
    for (const u of URGENCIES) {
      const id = `onTime.${u}`
      const f = book.find(id)
      if (!f?.rate || f.rate.percent === null || f.rate.percent >= T.onTimeLow) continue
      const subject = `${URGENCY_LABELS[u]}报事的及时率`
      out.push({ id: `late:${u}`, type: 'lateHandling', subject, figureIds: [id], slots: { subject, figure: ref(id) } })
    }
    for (const dim of RATING_DIMENSIONS) {
      const f = book.find(`rating.${dim}`)
      if (!f || f.value === null || f.value >= T.meanLow) continue
      const subject = `居民对处理${RATING_DIMENSION_LABELS[dim]}的评价`
      out.push({
        id: `low:rating.${dim}`,
        type: 'lowMean',
        subject,
        figureIds: [f.id, 'rating.count'],
        slots: { subject, figure: ref(f.id), count: ref('rating.count') },
      })
    }
  }
  const survey = d.survey.current
  if (survey && !survey.hidden) {
    for (const dim of SATISFACTION_DIMENSIONS) {
      const mean = survey.means[dim]
      if (mean === undefined || mean >= T.meanLow) continue
      const id = `survey.dim.${dim}`
      const subject = `${SATISFACTION_DIMENSION_LABELS[dim]}满意度`
      out.push({ id: `low:${id}`, type: 'lowMean', subject, figureIds: [id, `${id}.count`], slots: { subject, figure: ref(id), count: ref(`${id}.count`) } })
    }
  }
  if (d.has.current.survey) lowRate('survey.responseRate', '问卷答卷率', T.surveyResponseLow, 'lowSurveyResponse')
  if (d.has.current.notices) lowRate('notices.readRate', '居民知晓率', T.readRateLow, 'lowReach')
  if (d.has.current.worklog) lowRate('mediation.rate', '调解成功率', T.mediationLow, 'lowMediation')

  // 较上期、去年同期下降。
  const dropOf = (baseId: string, subject: string, side: Exclude<Side, 'current'>, source: 'reports' | 'notices' | 'survey', isRate: boolean) => {
    if (!d.has[side][source] || !d.has.current[source]) return
    const cur = book.find(baseId)
    const other = book.find(idOn(baseId, side))
    if (!cur || !other || cur.value === null || other.value === null) return
    const limit = isRate ? T.rateDropPoints : T.meanDrop
    if (other.value - cur.value < limit) return
    const change = changeFigure(book, baseId, side)
    if (!change) return
    const prevId = idOn(baseId, side)
    out.push({
      id: `drop:${baseId}${side === 'previous' ? '@prev' : '@yoy'}`,
      type: 'drop',
      subject,
      figureIds: [baseId, prevId, change],
      slots: { subject, figure: ref(baseId), previous: ref(prevId), change: ref(change), side: SIDE_LABEL[side] },
    })
  }
  for (const side of ['previous', 'yearAgo'] as const) {
    dropOf('completion', RATE_LABELS.completion, side, 'reports', true)
    dropOf('resolution', RATE_LABELS.resolution, side, 'reports', true)
    dropOf('notices.readRate', '居民知晓率', side, 'notices', true)
    for (const dim of SATISFACTION_DIMENSIONS) dropOf(`survey.dim.${dim}`, `${SATISFACTION_DIMENSION_LABELS[dim]}满意度`, side, 'survey', false)
  }

  if (d.hazards.open > 0) {
    const subject = '尚未整改的隐患'
    const list = d.hazards.openTexts
      .slice(0, 3)
      .map((t) => `「${t}」`)
      .join('、')
    out.push({ id: 'open:hazards', type: 'openHazards', subject, figureIds: ['hazards.open'], slots: { subject, figure: ref('hazards.open'), list } })
  }
  if (longestOpen && longestOpen.days > longestOpen.limitDays) {
    const subject = `${longestOpen.what}这件长期未办结的报事`
    out.push({
      id: 'open:longest',
      type: 'longOpen',
      subject,
      figureIds: [longestOpen.figureId],
      slots: { subject, figure: ref(longestOpen.figureId), what: longestOpen.what },
    })
  }
  return out
}
