/** 问卷与答卷。 */
import type { QuestionType, SatisfactionDimension, SurveyTemplate } from '../shared/catalog'
import { NoticeTarget } from '../directory'

/** 问卷里的一道题。评分题可以对应一个满意度维度（模板里的保洁、安保……），统计按维度累计。 */
export interface SurveyQuestion {
  /** q1、q2……（服务端编号）。 */
  id: string
  type: QuestionType
  title: string
  required: boolean
  /** 单选、多选的选项；其他题型为空。 */
  options: string[]
  dimension: SatisfactionDimension | null
}

export interface Survey {
  id: string
  communityId: string
  wholeCommunity: boolean
  /** 面向的楼栋与创建时的户数（答卷率的分母，创建时定下）。 */
  targets: NoticeTarget[]
  title: string
  /** 按模板建的（环比找同一模板的上一次）；自建的为 null。 */
  template: SurveyTemplate | null
  questions: SurveyQuestion[]
  opensAt: string
  closesAt: string
  /** 提前结束的时刻；没有提前结束为 null。 */
  closedAt: string | null
  /** 一栋楼少于这么多份答卷时不显示它的结果。 */
  minAnswers: number
  authorId: string
  requestId: string
  createdAt: string
  /** 开始月（北京时间 YYYY-MM）：答卷都记在这个月。 */
  month: string
}

/** 一题的回答：评分与推荐意愿为分数，单选为选项下标，多选为下标数组，文字为字符串。 */
export type SurveyValue = number | number[] | string

/** 一位居民对一份问卷的答卷：每人每卷一份，问卷开着时再答是替换。 */
export interface SurveyAnswer {
  surveyId: string
  openid: string
  buildingId: string
  /** 自愿填的单元与房号（按户算答卷率用）；不填为空串。 */
  unit: string
  room: string
  values: Record<string, SurveyValue>
  requestId: string
  at: string
  /** 这一份是从分享到群里的卡片或链接打开问卷后交的（页面路径带 s=1）；替换时跟着新的一份。只用来数"其中经群分享"的份数。 */
  viaShare: boolean
}
