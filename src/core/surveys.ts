/**
 * 满意度问卷的纯函数：物业服务满意度模板、按问卷核对一份答卷、从答卷算结果（按维度的均分与分布、NPS、
 * 答卷率，一栋楼少于门槛时不显示）、与同一模板上一次的环比。
 *
 * 匿名：结果里只有合计，没有任何人的身份；文字答案按内容的散列排序，与提交先后无关。
 */
import { SATISFACTION_DIMENSION_LABELS, SATISFACTION_DIMENSIONS, SURVEY_TEXT_MAX, type SatisfactionDimension } from './catalog'
import type { Survey, SurveyAnswer, SurveyQuestion, SurveyValue } from './model'
import { rate, type Rate } from './rates'
import { fail, ok, type Result } from './result'

/** 物业服务满意度：七个维度各 1–5 分、推荐意愿 0–10、一条建议。 */
export function satisfactionTemplate(): SurveyQuestion[] {
  const ratings = SATISFACTION_DIMENSIONS.map(
    (d, i): SurveyQuestion => ({ id: `q${i + 1}`, type: 'rating', title: `${SATISFACTION_DIMENSION_LABELS[d]}服务满意度`, required: true, options: [], dimension: d }),
  )
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
export function checkAnswerValues(survey: Pick<Survey, 'questions'>, values: Record<string, unknown>): Result<Record<string, SurveyValue>> {
  const known = new Set(survey.questions.map((q) => q.id))
  const unknown = Object.keys(values).find((k) => !known.has(k))
  if (unknown !== undefined) return fail('INVALID', '答卷里有问卷上没有的题，请刷新后重答')
  const out: Record<string, SurveyValue> = {}
  for (const [i, q] of survey.questions.entries()) {
    const v = Object.prototype.hasOwnProperty.call(values, q.id) ? values[q.id] : undefined
    const label = `第 ${i + 1} 题`
    const blank = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
    if (blank) {
      if (q.required) return fail('INVALID', `${label}还没有回答`)
      continue
    }
    switch (q.type) {
      case 'rating':
        if (!isInt(v, 1, 5)) return fail('INVALID', `${label}请打 1 到 5 分`)
        out[q.id] = v
        break
      case 'nps':
        if (!isInt(v, 0, 10)) return fail('INVALID', `${label}请选 0 到 10 分`)
        out[q.id] = v
        break
      case 'single':
        if (!isInt(v, 0, q.options.length - 1)) return fail('INVALID', `${label}请选一个选项`)
        out[q.id] = v
        break
      case 'multiple': {
        if (!Array.isArray(v) || !v.every((x) => isInt(x, 0, q.options.length - 1)) || new Set(v).size !== v.length) return fail('INVALID', `${label}的选项不正确`)
        out[q.id] = [...(v as number[])].sort((a, b) => a - b)
        break
      }
      case 'text': {
        if (typeof v !== 'string') return fail('INVALID', `${label}请填写文字`)
        const text = v.trim()
        if (Array.from(text).length > SURVEY_TEXT_MAX) return fail('INVALID', `${label}最多 ${SURVEY_TEXT_MAX} 个字`)
        out[q.id] = text
        break
      }
    }
  }
  if (Object.keys(out).length === 0) return fail('INVALID', '答卷是空的，请至少回答一题')
  return ok(out)
}

export type QuestionResult =
  | { id: string; type: 'rating'; title: string; dimension: SatisfactionDimension | null; count: number; sum: number; mean: number | null; distribution: number[] }
  | { id: string; type: 'nps'; title: string; count: number; promoters: number; passives: number; detractors: number; nps: number | null }
  | { id: string; type: 'single' | 'multiple'; title: string; count: number; options: { label: string; count: number }[] }
  | { id: string; type: 'text'; title: string; count: number; texts: string[] }

export interface BuildingResponse {
  buildingId: string
  households: number
  respondents: number
  responseRate: Rate
  /** 少于门槛：这栋楼的分项结果不显示。 */
  hidden: boolean
  /** 门槛以上时这栋楼的各题结果（文字题不按楼给出，免得小范围里认出是谁）。 */
  questions: QuestionResult[] | null
}

export interface SurveyResults {
  respondents: number
  households: number
  /** 答卷率：答卷人数 / 户数。 */
  responseRate: Rate
  /** 填了单元与房号的不同户数 / 户数（按户的答卷率，自愿填写，所以是下限）。 */
  householdRate: Rate
  /** 全部答卷少于门槛时整份结果不显示（questions 为 null）。 */
  hidden: boolean
  questions: QuestionResult[] | null
  buildings: BuildingResponse[]
  minAnswers: number
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
        return [{ id: q.id, type: 'rating', title: q.title, dimension: q.dimension, count: values.length, sum, mean: values.length ? round1(sum / values.length) : null, distribution }]
      }
      case 'nps': {
        const g = { promoter: 0, passive: 0, detractor: 0 }
        for (const v of values) g[npsGroup(v as number)]++
        return [{ id: q.id, type: 'nps', title: q.title, count: values.length, promoters: g.promoter, passives: g.passive, detractors: g.detractor, nps: npsOf(g.promoter, g.passive, g.detractor) }]
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
 * 一份问卷的结果。answers 是它的全部答卷（每人一份）。门槛是问卷的 minAnswers：
 * 全部答卷不到门槛，什么都不显示；某栋楼不到门槛，这栋楼的分项不显示（它的答卷仍计入合计）。
 */
export function surveyResults(survey: Pick<Survey, 'questions' | 'targets' | 'minAnswers'>, answers: readonly SurveyAnswer[]): SurveyResults {
  const min = survey.minAnswers
  const households = survey.targets.reduce((s, t) => s + t.households, 0)
  const homes = new Set(answers.filter((a) => a.unit && a.room).map((a) => `${a.buildingId}|${a.unit}|${a.room}`))
  const hidden = answers.length < min
  return {
    respondents: answers.length,
    households,
    responseRate: rate(answers.length, households),
    householdRate: rate(homes.size, households),
    hidden,
    questions: hidden ? null : questionResults(survey.questions, answers, true),
    buildings: survey.targets.map((t) => {
      const mine = answers.filter((a) => a.buildingId === t.buildingId)
      const below = mine.length < min
      return {
        buildingId: t.buildingId,
        households: t.households,
        respondents: mine.length,
        responseRate: rate(mine.length, t.households),
        hidden: below,
        questions: below ? null : questionResults(survey.questions, mine, false),
      }
    }),
    minAnswers: min,
  }
}

/**
 * 一份问卷只看某些楼：面向的楼与答卷都只留这些楼的（门槛照旧）。环比用它，让两次比较的是同样的楼。
 */
export function restrictToBuildings<S extends Pick<Survey, 'questions' | 'targets' | 'minAnswers'>>(survey: S, answers: readonly SurveyAnswer[], buildingIds: readonly string[]): { survey: S; answers: SurveyAnswer[] } {
  const wanted = new Set(buildingIds)
  return { survey: { ...survey, targets: survey.targets.filter((t) => wanted.has(t.buildingId)) }, answers: answers.filter((a) => wanted.has(a.buildingId)) }
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
export function compareWithPrevious(current: SurveyResults, previous: SurveyResults | null): { dimensions: DimensionChange[]; nps: { current: number | null; previous: number | null; change: number | null } } {
  const now = dimensionMeans(current)
  const before = previous ? dimensionMeans(previous) : {}
  const npsIn = (r: SurveyResults | null) => {
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
