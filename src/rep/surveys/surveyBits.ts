/** 问卷三个代表页面共用的说法。 */
import type { Rate } from '@/core/rates'
import type { ManagedSurveyView, SurveyStatus } from '@/core/usecases/surveys'

export const STATUS_LABELS: Record<SurveyStatus, string> = { scheduled: '未开始', open: '进行中', closed: '已结束' }

/** "12/108 户 11%"，样本少时加注。 */
export function rateText(r: Rate): string {
  const percent = r.percent === null ? '—' : `${r.percent}%`
  return `${r.numerator}/${r.denominator} 户 ${percent}${r.smallSample && r.denominator > 0 ? '（样本较少）' : ''}`
}

export const surveyAudience = (s: Pick<ManagedSurveyView, 'wholeCommunity' | 'buildings'>) => (s.wholeCommunity ? '整个小区' : s.buildings.map((b) => b.name).join('、') || '—')
