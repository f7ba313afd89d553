/**
 * 满意度问卷的纯函数：物业服务满意度模板、按问卷核对一份答卷、从答卷算公布的结果（按维度的均分与分布、NPS、
 * 答卷率）、一组楼上公布的合计、与同一模板上一次的环比。
 *
 * 匿名：结果里只有合计，没有任何人的身份；文字答案按内容的散列排序，与提交先后无关。
 * 门槛是每份问卷自己的（不低于 3 份），经 surveyResults 一处用于一切从答卷取值算出的数：任何公布的数的组合
 * （合计、各楼、环比、看板、总结与 trace）都隔离不出少于门槛的答卷；问卷结束前这些数一概不公布。
 */
import { textLength } from '../shared/textLength'
import { SATISFACTION_DIMENSION_LABELS, SATISFACTION_DIMENSIONS, SURVEY_MIN_ANSWERS, SURVEY_TEXT_MAX, type SatisfactionDimension } from '../shared/catalog'
import type { Survey, SurveyAnswer, SurveyQuestion, SurveyValue } from './model'
import { readRate, type Rate } from '../shared/rates'
import { fail, ok, type Result } from '../shared/result'

/** 物业服务满意度：七个维度各 1–5 分、推荐意愿 0–10、一条建议。 */
export function satisfactionTemplate(): SurveyQuestion[] {
  const ratings = SATISFACTION_DIMENSIONS.map((d, i): SurveyQuestion => ({
    id: `q${i + 1}`,
    type: 'rating',
    title: `${SATISFACTION_DIMENSION_LABELS[d]}服务满意度`,
    required: true,
    options: [],
    dimension: d,
  }))
  return [
    ...ratings,
    { id: `q${ratings.length + 1}`, type: 'nps', title: '您有多大可能向亲友推荐本小区的物业服务？', required: true, options: [], dimension: null },
    { id: `q${ratings.length + 2}`, type: 'text', title: '您对物业服务还有什么建议？', required: false, options: [], dimension: null },
  ]
}

/** NPS 的三档：9–10 推荐者，7–8 中立者，0–6 贬损者。 */
export type NpsGroup = 'promoter' | 'passive' | 'detractor'
export const npsGroup = (score: number): NpsGroup => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor')
/** NPS = 推荐者% − 贬损者%（整数，−100 到 100）；没有回答为 null。 */
export function npsOf(promoters: number, passives: number, detractors: number): number | null {
  const n = promoters + passives + detractors
  return n === 0 ? null : Math.round(((promoters - detractors) / n) * 100)
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max

/**
 * 按问卷核对一份答卷的各题：题号都在卷上、类型与范围对、必答的都答了。答回只含答了的题（空文字、空多选不算答）。
 * 错误是一句给居民看的中文，指出第几题。
 */
type QuestionCheck = { ok: true; value: SurveyValue | undefined } | { ok: false; problem: string }

/** 一道题的回答：没答（选答题）为 value undefined；不合规时给"第 N 题……"。 */
function checkOneAnswer(q: SurveyQuestion, index: number, v: unknown): QuestionCheck {
  const label = `第 ${index + 1} 题`
  const bad = (problem: string): QuestionCheck => ({ ok: false, problem: `${label}${problem}` })
  const blank = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
  if (blank) return q.required ? bad('还没有回答') : { ok: true, value: undefined }
  switch (q.type) {
    case 'rating':
      return isInt(v, 1, 5) ? { ok: true, value: v } : bad('请打 1 到 5 分')
    case 'nps':
      return isInt(v, 0, 10) ? { ok: true, value: v } : bad('请选 0 到 10 分')
    case 'single':
      return isInt(v, 0, q.options.length - 1) ? { ok: true, value: v } : bad('请选一个选项')
    case 'multiple':
      if (!Array.isArray(v) || !v.every((x) => isInt(x, 0, q.options.length - 1)) || new Set(v).size !== v.length) return bad('的选项不正确')
      return { ok: true, value: [...(v as number[])].sort((a, b) => a - b) }
    case 'text': {
      if (typeof v !== 'string') return bad('请填写文字')
      const text = v.trim()
      if (textLength(text) > SURVEY_TEXT_MAX) return bad(`最多 ${SURVEY_TEXT_MAX} 个字`)
      return { ok: true, value: text }
    }
  }
}

const valueOf = (values: Record<string, unknown>, id: string) => (Object.prototype.hasOwnProperty.call(values, id) ? values[id] : undefined)

/**
 * 答卷页一次标出每道有问题的题（题 id → "第 N 题还没有回答"），不是一次只标第一道。
 * 与 checkAnswerValues 同一套每题的规则；没有问题时为空对象。
 */
export function answerProblems(survey: Pick<Survey, 'questions'>, values: Record<string, unknown>): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const [i, q] of survey.questions.entries()) {
    const checked = checkOneAnswer(q, i, valueOf(values, q.id))
    if (!checked.ok) problems[q.id] = checked.problem
  }
  return problems
}

export function checkAnswerValues(survey: Pick<Survey, 'questions'>, values: Record<string, unknown>): Result<Record<string, SurveyValue>> {
  const known = new Set(survey.questions.map((q) => q.id))
  const unknown = Object.keys(values).find((k) => !known.has(k))
  if (unknown !== undefined) return fail('INVALID', '答卷里有问卷上没有的题，请刷新后重答')
  const out: Record<string, SurveyValue> = {}
  for (const [i, q] of survey.questions.entries()) {
    const checked = checkOneAnswer(q, i, valueOf(values, q.id))
    if (!checked.ok) return fail('INVALID', checked.problem)
    if (checked.value !== undefined) out[q.id] = checked.value
  }
  if (Object.keys(out).length === 0) return fail('INVALID', '答卷是空的，请至少回答一题')
  return ok(out)
}

export type QuestionResult =
  | {
      id: string
      type: 'rating'
      title: string
      dimension: SatisfactionDimension | null
      count: number
      sum: number
      mean: number | null
      distribution: number[]
    }
  | { id: string; type: 'nps'; title: string; count: number; promoters: number; passives: number; detractors: number; nps: number | null }
  | { id: string; type: 'single' | 'multiple'; title: string; count: number; options: { label: string; count: number }[] }
  | { id: string; type: 'text'; title: string; count: number; texts: string[] }

export interface BuildingResponse {
  buildingId: string
  households: number
  respondents: number
  responseRate: Rate
  /** 这栋楼的分项不公布：答卷不到门槛，或为了让不公布的楼合起来不少于门槛而补充隐藏（见 hiddenBuildings）。 */
  hidden: boolean
  /** 公布时这栋楼的各题结果（文字题不按楼给出，免得小范围里认出是谁）；不公布或问卷没结束为 null。 */
  questions: QuestionResult[] | null
}

export interface SurveyResults {
  respondents: number
  households: number
  /** 答卷率：答卷人数 / 户数。 */
  responseRate: Rate
  /** 填了单元与房号的不同户数 / 户数（按户的答卷率，自愿填写，所以是下限）。 */
  householdRate: Rate
  /** 全部答卷少于门槛：整份结果不公布（questions 为 null）。 */
  hidden: boolean
  /**
   * 问卷已结束，从答卷取值算出的数（均分、分布、NPS、选项计数、文字、环比）才公布。
   * 开着时只有份数与答卷率：开着时可以替换答卷，任何随答卷变动的数都能被"改一份、看一次"差分出来。
   */
  scoresReleased: boolean
  questions: QuestionResult[] | null
  buildings: BuildingResponse[]
  /** 这份问卷实际用的门槛：max(3, 问卷设的份数)。 */
  minAnswers: number
}

/** 问卷实际用的门槛：问卷自己设的份数，但不低于 SURVEY_MIN_ANSWERS（早先存下的 1、2 份按 3 份算，不必迁移）。 */
export const surveyThreshold = (s: Pick<Survey, 'minAnswers'>): number => Math.max(SURVEY_MIN_ANSWERS, s.minAnswers)

/**
 * 不公布分项的楼（主隐藏 + 补充隐藏）。答卷 1..k-1 份的楼不公布；不公布的楼合起来（"隐藏池"）若只有 1..k-1 份，
 * 合计减去公布的楼就正好是这几份，于是再按答卷从少到多（同数按楼栋编号）隐藏公布的楼，直到池子不少于 k 份或全部隐藏。
 * 没有答卷的楼也算不公布（它没有可公布的数），不影响池子。
 */
export function hiddenBuildings(counts: readonly { buildingId: string; respondents: number }[], k: number): Set<string> {
  const hidden = new Set(counts.filter((c) => c.respondents < k).map((c) => c.buildingId))
  let pool = counts.filter((c) => hidden.has(c.buildingId)).reduce((n, c) => n + c.respondents, 0)
  const shown = counts
    .filter((c) => !hidden.has(c.buildingId))
    .sort((a, b) => a.respondents - b.respondents || (a.buildingId < b.buildingId ? -1 : a.buildingId > b.buildingId ? 1 : 0))
  for (const c of shown) {
    if (pool === 0 || pool >= k) break
    hidden.add(c.buildingId)
    pool += c.respondents
  }
  return hidden
}

/** 与顺序无关、可复现的排序键（FNV-1a）：文字答案按它排，不按提交先后。 */
function hashOf(text: string): number {
  let h = 2166136261
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

const round1 = (x: number) => Math.round(x * 10) / 10

function questionResults(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[], withTexts: boolean): QuestionResult[] {
  return questions.flatMap((q): QuestionResult[] => {
    const values = answers.map((a) => a.values[q.id]).filter((v) => v !== undefined)
    switch (q.type) {
      case 'rating': {
        const distribution = [0, 0, 0, 0, 0]
        for (const v of values) distribution[(v as number) - 1]++
        const sum = values.reduce((s: number, v) => s + (v as number), 0)
        return [
          {
            id: q.id,
            type: 'rating',
            title: q.title,
            dimension: q.dimension,
            count: values.length,
            sum,
            mean: values.length ? round1(sum / values.length) : null,
            distribution,
          },
        ]
      }
      case 'nps': {
        const g = { promoter: 0, passive: 0, detractor: 0 }
        for (const v of values) g[npsGroup(v as number)]++
        return [
          {
            id: q.id,
            type: 'nps',
            title: q.title,
            count: values.length,
            promoters: g.promoter,
            passives: g.passive,
            detractors: g.detractor,
            nps: npsOf(g.promoter, g.passive, g.detractor),
          },
        ]
      }
      case 'single':
      case 'multiple': {
        const counts = q.options.map(() => 0)
        for (const v of values) for (const i of Array.isArray(v) ? v : [v as number]) counts[i]++
        return [{ id: q.id, type: q.type, title: q.title, count: values.length, options: q.options.map((label, i) => ({ label, count: counts[i] })) }]
      }
      case 'text': {
        if (!withTexts) return []
        const texts = (values as string[]).slice().sort((a, b) => hashOf(a) - hashOf(b) || (a < b ? -1 : a > b ? 1 : 0))
        return [{ id: q.id, type: 'text', title: q.title, count: values.length, texts }]
      }
    }
  })
}

/**
 * 一份问卷公布的结果，所有从答卷得出的数都从这里出（结果页、环比、统计看板、工作总结与它的 trace）。
 * 门槛 k = surveyThreshold(survey)。合计不到 k 份，合计不公布；楼按 hiddenBuildings 公布或不公布，
 * 于是公布的各楼与合计相减，隔离出的答卷不是 0 份就是至少 k 份。closed 为 false（问卷开着或还没开始）时只给份数。
 */
export function surveyResults(
  survey: Pick<Survey, 'questions' | 'targets' | 'minAnswers'>,
  answers: readonly SurveyAnswer[],
  { closed }: { closed: boolean },
): SurveyResults {
  const min = surveyThreshold(survey)
  const households = survey.targets.reduce((s, t) => s + t.households, 0)
  const homes = new Set(answers.filter((a) => a.unit && a.room).map((a) => `${a.buildingId}|${a.unit}|${a.room}`))
  const hidden = answers.length < min
  const perBuilding = survey.targets.map((t) => ({ target: t, answers: answers.filter((a) => a.buildingId === t.buildingId) }))
  const suppressed = hiddenBuildings(
    perBuilding.map((b) => ({ buildingId: b.target.buildingId, respondents: b.answers.length })),
    min,
  )
  return {
    respondents: answers.length,
    households,
    // 一户可能几个人答（填的房号也可能对不上户数）：百分比最多 100。
    responseRate: readRate(answers.length, households),
    householdRate: readRate(homes.size, households),
    hidden,
    scoresReleased: closed,
    questions: hidden || !closed ? null : questionResults(survey.questions, answers, true),
    buildings: perBuilding.map(({ target: t, answers: mine }) => {
      const below = suppressed.has(t.buildingId)
      return {
        buildingId: t.buildingId,
        households: t.households,
        respondents: mine.length,
        responseRate: readRate(mine.length, t.households),
        hidden: below,
        questions: below || !closed ? null : questionResults(survey.questions, mine, false),
      }
    }),
    minAnswers: min,
  }
}

/** 几组公布的各题结果相加（同一份问卷的几栋楼，或几份问卷的同一维度）；文字题不相加。 */
export function addQuestionResults(parts: readonly (readonly QuestionResult[])[]): QuestionResult[] {
  const out = new Map<string, QuestionResult>()
  for (const part of parts) {
    for (const q of part) {
      const had = out.get(q.id)
      if (q.type === 'text') continue
      if (!had) {
        out.set(
          q.id,
          q.type === 'rating' ? { ...q, distribution: [...q.distribution] } : q.type === 'nps' ? { ...q } : { ...q, options: q.options.map((o) => ({ ...o })) },
        )
        continue
      }
      if (had.type === 'rating' && q.type === 'rating') {
        had.count += q.count
        had.sum += q.sum
        q.distribution.forEach((n, i) => (had.distribution[i] += n))
        had.mean = had.count ? round1(had.sum / had.count) : null
      } else if (had.type === 'nps' && q.type === 'nps') {
        had.count += q.count
        had.promoters += q.promoters
        had.passives += q.passives
        had.detractors += q.detractors
        had.nps = npsOf(had.promoters, had.passives, had.detractors)
      } else if ((had.type === 'single' || had.type === 'multiple') && had.type === q.type) {
        had.count += q.count
        q.options.forEach((o, i) => had.options[i] && (had.options[i].count += o.count))
      }
    }
  }
  return [...out.values()]
}

/**
 * 几份问卷公布的合计按维度相加（统计看板与工作总结的"本期"）：评分题按维度、推荐意愿题合成一项，
 * 不按题号（不同问卷的 q1 不是同一道题）；没有维度的评分题、选择题与文字题不相加。
 */
export function addAcrossSurveys(parts: readonly (readonly QuestionResult[])[]): QuestionResult[] {
  return addQuestionResults(
    parts.map((qs) =>
      qs.flatMap((q): QuestionResult[] =>
        q.type === 'rating' && q.dimension ? [{ ...q, id: `dimension.${q.dimension}` }] : q.type === 'nps' ? [{ ...q, id: 'nps' }] : [],
      ),
    ),
  )
}

/**
 * 一份问卷在一组楼上公布的合计（环比、统计看板与工作总结都用它）。只用公布了的格子：
 *   这组楼含问卷面向的全部楼时，用公布的合计；否则这组楼在问卷里必须每栋都公布，取它们相加；
 *   问卷没结束、合计或某栋楼不公布、这组楼与问卷不相交时为 null（那一边不给数，不比较）。
 */
export function releasedOver(results: SurveyResults, buildingIds: readonly string[]): QuestionResult[] | null {
  if (!results.scoresReleased) return null
  const wanted = new Set(buildingIds)
  const cells = results.buildings.filter((b) => wanted.has(b.buildingId))
  if (cells.length === 0) return null
  if (cells.length === results.buildings.length) return results.questions
  if (cells.some((b) => b.hidden || !b.questions)) return null
  return addQuestionResults(cells.map((b) => b.questions ?? []))
}

/** 维度的均分（模板里对应维度的评分题）；结果不显示或没人答为 null。 */
export function dimensionMeans(results: Pick<SurveyResults, 'questions'>): Partial<Record<SatisfactionDimension, number | null>> {
  const out: Partial<Record<SatisfactionDimension, number | null>> = {}
  for (const q of results.questions ?? []) if (q.type === 'rating' && q.dimension) out[q.dimension] = q.mean
  return out
}

export interface DimensionChange {
  dimension: SatisfactionDimension
  label: string
  current: number | null
  previous: number | null
  /** 本次 − 上次（一位小数）；任何一边没有数为 null。 */
  change: number | null
}

/** 环比：与同一模板上一次问卷的各维度均分与 NPS 比较。上一次的结果不显示时，那一边都是 null。 */
export function compareWithPrevious(
  current: Pick<SurveyResults, 'questions'>,
  previous: Pick<SurveyResults, 'questions'> | null,
): { dimensions: DimensionChange[]; nps: { current: number | null; previous: number | null; change: number | null } } {
  const now = dimensionMeans(current)
  const before = previous ? dimensionMeans(previous) : {}
  const npsIn = (r: Pick<SurveyResults, 'questions'> | null) => {
    const q = r?.questions?.find((x) => x.type === 'nps')
    return q && q.type === 'nps' ? q.nps : null
  }
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : round1(a - b))
  const dimensions = SATISFACTION_DIMENSIONS.filter((d) => d in now).map((d) => ({
    dimension: d,
    label: SATISFACTION_DIMENSION_LABELS[d],
    current: now[d] ?? null,
    previous: before[d] ?? null,
    change: diff(now[d], before[d]),
  }))
  const [c, p] = [npsIn(current), npsIn(previous)]
  return { dimensions, nps: { current: c, previous: p, change: c === null || p === null ? null : c - p } }
}

export type SurveyStatus = 'scheduled' | 'open' | 'closed'
export const statusOf = (s: Pick<Survey, 'opensAt' | 'closesAt' | 'closedAt'>, now: string): SurveyStatus =>
  s.closedAt || s.closesAt <= now ? 'closed' : s.opensAt > now ? 'scheduled' : 'open'
