/**
 * 满意度问卷这个来源写进统计桶的指标（总结里"满意度分项"与环比的来源）。范围是答卷人所在的楼，月份是问卷的开始月。
 *
 * | 指标                                  | 次数 | 总量         | 何时                                 |
 * |---------------------------------------|------|--------------|--------------------------------------|
 * | survey.targeted                       | 1    | 该楼的户数   | 建问卷时，每栋目标楼一次（答卷率分母） |
 * | survey.respondents                    | 1    | 0            | 每份答卷                             |
 * | survey.sharedRespondents              | 1    | 0            | 其中从群分享打开问卷后交的           |
 * | survey.dimension.<维度>               | 1    | 分数（1–5）  | 答了对应维度的评分题                 |
 * | survey.dimension_score.<维度>.<分数>  | 1    | 0            | 同上（分布）                         |
 * | survey.nps.<推荐者/中立者/贬损者>     | 1    | 0            | 答了推荐意愿题                       |
 *
 * 答卷被替换（问卷开着时再答）：先减去旧答卷的增量，再加上新答卷的。于是一个人始终只算一份。
 * 只记有维度的评分题与推荐意愿题：自建问卷的单选、多选与文字题按问卷看结果，不进通用统计。
 *
 * 匿名：dimension、dimension_score 与 nps 这几个桶只供统计核对，不公布。它们跨问卷相加、随每一份答卷变动
 * （问卷开着时也动），也不认各问卷的门槛与补充隐藏；公布的均分与 NPS 一律经 rules.ts 的 surveyResults / releasedOver
 * 按问卷算（看板与总结见 releases.ts）。只有 targeted 与 respondents（份数）可以直接公布。
 */
import type { Survey, SurveyAnswer } from './model'
import { npsGroup } from './rules'
import { buildingScope, mergeDeltas, type TallyBucket, type TallyDelta } from '../tally'

export const SURVEY_METRICS = {
  targeted: 'survey.targeted',
  respondents: 'survey.respondents',
  sharedRespondents: 'survey.sharedRespondents',
  dimension: (d: string) => `survey.dimension.${d}`,
  dimensionScore: (d: string, score: number) => `survey.dimension_score.${d}.${score}`,
  nps: (group: string) => `survey.nps.${group}`,
}

type SurveyFacts = Pick<Survey, 'month' | 'questions'>

export function deltasForSurvey(s: Pick<Survey, 'month' | 'targets'>): TallyDelta[] {
  return mergeDeltas(
    s.targets.map((t) => ({ scope: buildingScope(t.buildingId), month: s.month, metric: SURVEY_METRICS.targeted, count: 1, sum: t.households })),
  )
}

type AnswerFacts = Pick<SurveyAnswer, 'buildingId' | 'values' | 'viaShare'>

function contribution(s: SurveyFacts, a: AnswerFacts, sign: 1 | -1): TallyDelta[] {
  const scope = buildingScope(a.buildingId)
  const d = (metric: string, sum = 0): TallyDelta => ({ scope, month: s.month, metric, count: sign, sum: sign * sum })
  const out = [d(SURVEY_METRICS.respondents)]
  if (a.viaShare) out.push(d(SURVEY_METRICS.sharedRespondents))
  for (const q of s.questions) {
    const v = a.values[q.id]
    if (typeof v !== 'number') continue
    if (q.type === 'rating' && q.dimension) out.push(d(SURVEY_METRICS.dimension(q.dimension), v), d(SURVEY_METRICS.dimensionScore(q.dimension, v)))
    if (q.type === 'nps') out.push(d(SURVEY_METRICS.nps(npsGroup(v))))
  }
  return out
}

/** 一份新答卷，或替换旧答卷（previous 为被替换的那份）。 */
export function deltasForAnswer(s: SurveyFacts, answer: AnswerFacts, previous: AnswerFacts | null = null): TallyDelta[] {
  return mergeDeltas([...(previous ? contribution(s, previous, -1) : []), ...contribution(s, answer, 1)])
}

/** 独立重算：逐份数问卷与答卷，不调用上面的增量函数。 */
export function recountSurveys(surveys: readonly Survey[], answers: readonly SurveyAnswer[]): TallyBucket[] {
  const buckets = new Map<string, TallyBucket>()
  const add = (buildingId: string, month: string, metric: string, sum = 0) => {
    const scope = `building:${buildingId}` as const
    const key = `${scope}|${month}|${metric}`
    const b = buckets.get(key)
    if (b) {
      b.count += 1
      b.sum += sum
    } else buckets.set(key, { scope, month, metric, count: 1, sum })
  }
  const byId = new Map(surveys.map((s) => [s.id, s]))
  for (const s of surveys) for (const t of s.targets) add(t.buildingId, s.month, 'survey.targeted', t.households)
  for (const a of answers) {
    const s = byId.get(a.surveyId)
    if (!s) continue
    add(a.buildingId, s.month, 'survey.respondents')
    if (a.viaShare) add(a.buildingId, s.month, 'survey.sharedRespondents')
    for (const q of s.questions) {
      const v = a.values[q.id]
      if (typeof v !== 'number') continue
      if (q.type === 'rating' && q.dimension) {
        add(a.buildingId, s.month, `survey.dimension.${q.dimension}`, v)
        add(a.buildingId, s.month, `survey.dimension_score.${q.dimension}.${v}`)
      }
      if (q.type === 'nps') add(a.buildingId, s.month, `survey.nps.${v >= 9 ? 'promoter' : v >= 7 ? 'passive' : 'detractor'}`)
    }
  }
  return [...buckets.values()]
}
