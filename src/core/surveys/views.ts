/** 问卷在页面上的样子：居民可答的、表单、代表的列表与结果。 */
import type { SurveyAnswer, SurveyQuestion } from './model'
import type { Rate } from '../shared/rates'
import { type DimensionChange, type SurveyResults, SurveyStatus } from './rules'

export interface OpenSurveyItemView {
  id: string
  title: string
  closesAt: string
  questionCount: number
  answered: boolean
}

export interface SurveyFormView {
  id: string
  title: string
  questions: SurveyQuestion[]
  opensAt: string
  closesAt: string
  status: SurveyStatus
  /** 我交过的答卷（问卷开着时可以改了再交）；没交过为 null。 */
  mine: { values: SurveyAnswer['values']; unit: string; room: string } | null
  /** 打开它的那栋楼（分享卡片的标题写"春晖苑 1号楼 的问卷"）。 */
  place: { communityName: string; buildingName: string }
}

export interface ManagedSurveyView {
  id: string
  title: string
  templateLabel: string | null
  status: SurveyStatus
  opensAt: string
  closesAt: string
  closedAt: string | null
  wholeCommunity: boolean
  buildings: { code: string; name: string }[]
  respondents: number
  /** 其中从群分享打开问卷后交的份数。 */
  sharedRespondents: number
  responseRate: Rate
  minAnswers: number
  canClose: boolean
}

export interface SurveyResultsView {
  survey: ManagedSurveyView
  results: Omit<SurveyResults, 'buildings'> & { buildings: (SurveyResults['buildings'][number] & { buildingCode: string; buildingName: string })[] }
  /**
   * 与同一模板上一次问卷的环比；没有上一次或这次还没结束为 null。
   * previousReleased 为 false：上一次在同样的楼上没有公布的合计（答卷不足或没结束），上一次那一边都是 null。
   */
  comparison: {
    previousTitle: string
    previousReleased: boolean
    dimensions: DimensionChange[]
    nps: { current: number | null; previous: number | null; change: number | null }
  } | null
}
