/** 问卷三个代表页面共用的说法。 */
import { ANSWER_WORDING, readRateText, type Rate } from '@/core/shared/rates'
import type { ManagedSurveyView } from '@/core/surveys/views'
import type { SurveyStatus } from '@/core/surveys/rules'

export const STATUS_LABELS: Record<SurveyStatus, string> = { scheduled: '未开始', open: '进行中', closed: '已结束' }

/** 答卷率："12/108 户 11%"；答卷多于户数（一户几个人答）时不写百分比，写"收到 30 份（超过 24 户，一户可能多人答）"。 */
export const rateText = (r: Rate) => readRateText(r, ANSWER_WORDING)

export const surveyAudience = (s: Pick<ManagedSurveyView, 'wholeCommunity' | 'buildings'>) =>
  s.wholeCommunity ? '整个小区' : s.buildings.map((b) => b.name).join('、') || '—'
