/** 落地页、"我的身份"、楼栋二维码与楼栋统计的视图：页面只显示，不再拼装。 */
import type { Role, OverdueLimits } from '../directory'
import type { CommitteeBody, SatisfactionDimension, Urgency } from '../shared/catalog'
import type { ReportFigures } from '../reports'
import type { Rate } from '../shared/rates'
import type { Period } from '../shared/time'
import type { OpenSurveyItemView } from '../surveys'
import type { NoticeListView } from '../notices'
import type { TriageCountsView } from '../handling'
import type { PeriodProgress } from './progress'

export interface BuildingView {
  code: string
  name: string
  communityName: string
  households: number
  units: number
  floors: number
}

/** 楼栋二维码（印出来贴在楼里）：图片以 base64 传回，页面直接显示或保存。 */
export interface BuildingQrView {
  buildingCode: string
  buildingName: string
  communityName: string
  contentType: string
  base64: string
}

export interface MeView {
  roles: { role: Role; communityId: string; buildingCode: string | null; buildingName: string | null; communityName: string; body: CommitteeBody | null }[]
  /** 能看统计的楼栋码（代表：自己的楼；业委会：全小区）。 */
  managedBuildingCodes: string[]
}

export interface PeriodStats {
  period: Period
  /** 期间的名字；还没过完时是"本月至今（12月1–7日）"（progress.ts）。 */
  label: string
  /** 还没过完的期间：与上期比只列上期全期的数，不说升降。 */
  progress: PeriodProgress
  figures: ReportFigures
  /** 按时办结率（按本小区的时限，按紧急程度）；时限不在分箱边上时为 null。 */
  onTime: Record<Urgency, Rate | null>
  /** 居民知晓率：本期公告的阅读人数 / 每条公告发布时的户数之和。 */
  noticeReads: Rate
  /**
   * 满意度问卷：本期开始的问卷在本楼的答卷数（含没结束的），与各维度均分（一位小数）。均分只来自已结束、
   * 且本楼的格子公布了的问卷（各按自己的门槛与补充隐藏），count 是这些格子的答题人数；没有这样的问卷时 dimensions 为空。
   */
  satisfaction: { respondents: number; dimensions: { dimension: SatisfactionDimension; label: string; mean: number | null; count: number }[] }
}

export interface BuildingStatsView {
  building: BuildingView
  month: PeriodStats
  year: PeriodStats
  /** 上一个月与上一年（环比）。 */
  previousMonth: PeriodStats
  previousYear: PeriodStats
  /** 最近 12 个月每月收到与居民确认已解决的报事数，旧的在前。 */
  trend: { month: string; received: number; resolved: number }[]
  /** 此刻未办结且超过时限的报事（随时间变化，不进统计桶，现查）。 */
  overdueNow: number
  /** 本楼巡查发现、还没整改的隐患（现查最近的巡查台账）。 */
  openHazards: number
  overdueHours: OverdueLimits
}

export interface LandingView {
  building: BuildingView
  me: MeView
  /** 公告条的数据（notices.list 的第一页）；取不到时为 null，页面不显示公告条（不挡居民报事）。 */
  notices: NoticeListView | null
  /** 开着的问卷（surveys.open）；取不到时为 null，页面不显示问卷条。 */
  surveys: OpenSurveyItemView[] | null
  /**
   * "解决了吗？"在等我回答的报事（只有报事人回答，所以只数我报的：待确认、7 天之内）：
   * count 件，最新的一件是 latestReportId（只有一件时落地页直接打开它）。
   */
  awaitingAnswer: { count: number; latestReportId: string | null }
  /** 管这栋楼的人才有：处理报事入口上的待受理与超时件数；别人为 null。 */
  triage: TriageCountsView | null
}
