/** 问卷三个代表页面共用的说法。 */
import type { ManagedSurveyView, SurveyStatus } from '@/core/usecases/surveys'

export const STATUS_LABELS: Record<SurveyStatus, string> = { scheduled: '未开始', open: '进行中', closed: '已结束' }

export { householdRateText as rateText } from '../notices/repBits'

export const surveyAudience = (s: Pick<ManagedSurveyView, 'wholeCommunity' | 'buildings'>) => (s.wholeCommunity ? '整个小区' : s.buildings.map((b) => b.name).join('、') || '—')
