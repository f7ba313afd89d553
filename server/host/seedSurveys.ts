/**
 * 演示数据的满意度问卷：物业服务满意度模板两轮，相隔半年（5 月与 11 月），业委会面向全小区发起。
 * 各楼答卷率不同，各维度分数因楼而异（3 号楼老楼停车与维修偏低），第二轮有的维度好了、有的差了，
 * 于是结果页与总结的环比都有东西可说。与其他演示数据一样，每一步都调真实的云函数。
 */
import { SATISFACTION_DIMENSIONS, type SatisfactionDimension } from '../../src/core/shared/catalog'
import type { SeedCall } from './seedGovernance'

export interface SurveyCast {
  communityId: string
  committee: string
  buildings: { code: string; households: number }[]
}

/** 每栋楼各维度的基准分（1–5，可有小数）；第二轮在此基础上加 ROUND2_SHIFT。 */
const BASE: Record<string, Partial<Record<SatisfactionDimension, number>>> = {
  CHY1: { cleaning: 3.9, security: 3.6, repair: 3.4, greenery: 3.8, parking: 3.0, service: 3.5, overall: 3.6 },
  CHY2: { cleaning: 4.2, security: 4.0, repair: 3.8, greenery: 4.1, parking: 3.4, service: 3.9, overall: 3.9 },
  CHY3: { cleaning: 3.6, security: 3.3, repair: 2.8, greenery: 3.5, parking: 2.5, service: 3.2, overall: 3.1 },
}
/** 第二轮的变化：报修与客服改善了，停车更差了。 */
const ROUND2_SHIFT: Partial<Record<SatisfactionDimension, number>> = { repair: 0.5, service: 0.4, parking: -0.3, overall: 0.2 }
/** 各楼的答卷率（户的比例）。 */
const ANSWER_SHARE: Record<string, number> = { CHY1: 0.28, CHY2: 0.41, CHY3: 0.58 }
const SUGGESTIONS = [
  '希望增加保洁频次，特别是雨天的大堂',
  '地下车库的灯太暗了',
  '报修后希望有个回访电话',
  '门禁经常坏，修了又坏',
  '绿化带能不能多种点花',
  '外来车辆太多，停车位不够',
  '物业前台态度很好，谢谢',
  '电梯广告屏声音太大',
]

export async function seedSurveys(call: SeedCall, random: () => number, nowMs: number, cast: SurveyCast): Promise<{ surveys: number; answers: number }> {
  let requests = 0
  const requestId = () => `seed-survey-${String(++requests).padStart(6, '0')}`
  const summary = { surveys: 0, answers: 0 }
  const now = new Date(nowMs + 8 * 3_600_000)
  const day = (monthsAgo: number, d: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, d)).toISOString().slice(0, 10)
  const score = (base: number) => Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 2.2)))
  for (const [round, monthsAgo] of [
    [1, 6],
    [2, 0],
  ] as const) {
    const opensOn = day(monthsAgo, 1)
    const atMs = Date.parse(`${opensOn}T01:00:00Z`)
    const closesOn = round === 1 ? day(monthsAgo, 28) : day(-1, 5)
    const survey = await call<{ id: string }>('surveys', cast.committee, atMs, 'create', {
      requestId: requestId(),
      communityId: cast.communityId,
      target: { scope: 'community' },
      title: `${opensOn.slice(0, 4)} 年${round === 1 ? '上' : '下'}半年物业服务满意度调查`,
      template: 'property_satisfaction',
      questions: [],
      opensOn,
      closesOn,
      minAnswers: 3,
    })
    summary.surveys++
    const lastMs = round === 1 ? Date.parse(`${day(monthsAgo, 27)}T10:00:00Z`) : nowMs - 3_600_000
    for (const b of cast.buildings) {
      const n = Math.round(b.households * ANSWER_SHARE[b.code] * (round === 2 ? 0.85 : 1))
      for (let i = 1; i <= n; i++) {
        const values: Record<string, number | string> = {}
        SATISFACTION_DIMENSIONS.forEach((d, k) => {
          values[`q${k + 1}`] = score((BASE[b.code]?.[d] ?? 3.5) + (round === 2 ? (ROUND2_SHIFT[d] ?? 0) : 0))
        })
        values.q8 = Math.max(0, Math.min(10, Math.round(((values.q7 as number) - 1) * 2.5 + (random() - 0.5) * 3)))
        if (random() < 0.3) values.q9 = SUGGESTIONS[Math.floor(random() * SUGGESTIONS.length)]
        const atAnswer = atMs + Math.floor(random() * Math.max(1, lastMs - atMs))
        await call('surveys', `demo_res_${b.code.toLowerCase()}_${String(i).padStart(3, '0')}`, atAnswer, 'answer', {
          surveyId: survey.id,
          buildingCode: b.code,
          requestId: requestId(),
          unit: random() < 0.5 ? String(1 + Math.floor(random() * 3)) : '',
          room: '',
          values,
        })
        summary.answers++
      }
    }
  }
  return summary
}
