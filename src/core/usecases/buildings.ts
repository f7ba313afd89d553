/** 楼栋与身份的用例：扫码落地页的楼栋信息、我的身份、代表看本楼统计。 */
import { canManageBuilding } from '../access'
import type { Building, Role } from '../model'
import type { CommitteeBody } from '../catalog'
import { DEFAULT_OVERDUE_HOURS, type OverdueLimits } from '../model'
import { overdueCutoffs } from '../overdue'
import type { Clock, DirectoryStore, Platform, ReportStore, SurveyStore, TallyReader, WorkLogStore } from '../ports'
import { fail, ok, type Result } from '../result'
import type { BuildingInfoInput, BuildingStatsInput } from '../schema'
import { handledWithin, reportFigures, type ReportFigures } from '../sources/reports'
import { readRate, type Rate } from '../rates'
import { SATISFACTION_DIMENSION_LABELS, SATISFACTION_DIMENSIONS, type SatisfactionDimension, type Urgency } from '../catalog'
import { SURVEY_METRICS } from '../sources/surveys'
import { addAcrossSurveys } from '../surveys'
import { surveyReleasesFor, type SurveyRelease } from './surveyReleases'
import { countOpenHazards, OPEN_HAZARD_SCAN } from './worklog'
import { NOTICE_METRICS } from '../sources/notices'
import { buildingScope, Totals } from '../tally'
import { addMonths, monthOf, monthsIn, periodContaining, periodLabel, type Period } from '../time'

export interface BuildingView {
  code: string
  name: string
  communityName: string
  households: number
  units: number
  floors: number
}

async function viewOf(directory: DirectoryStore, building: Building): Promise<BuildingView> {
  const community = await directory.community(building.communityId)
  return {
    code: building.code,
    name: building.name,
    communityName: community?.name ?? '',
    households: building.households,
    units: building.units,
    floors: building.floors,
  }
}

export function createBuildingInfo({ directory }: { directory: DirectoryStore }) {
  return async (_openid: string, input: BuildingInfoInput): Promise<Result<BuildingView>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    return ok(await viewOf(directory, building))
  }
}

/** 楼栋二维码（印出来贴在楼里）：图片以 base64 传回，页面直接显示或保存。 */
export interface BuildingQrView {
  buildingCode: string
  buildingName: string
  communityName: string
  contentType: string
  base64: string
}

export function createBuildingQr({ directory, platform }: { directory: DirectoryStore; platform: Pick<Platform, 'qr'> }) {
  return async (openid: string, input: BuildingInfoInput): Promise<Result<BuildingQrView>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼')
    if (!canManageBuilding(await directory.membershipsOf(openid), building)) {
      return fail('FORBIDDEN', '只有这栋楼的业主代表或业委会可以生成楼栋二维码')
    }
    const image = await platform.qr.buildingQr(building.code)
    const community = await directory.community(building.communityId)
    return ok({
      buildingCode: building.code,
      buildingName: building.name,
      communityName: community?.name ?? '',
      contentType: image.contentType,
      base64: toBase64(image.data),
    })
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
/** 领域层不依赖 Node 的 Buffer，也不依赖浏览器的 btoa。 */
export function toBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | (b << 8) | c
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=')
  }
  return out
}

export interface MeView {
  roles: { role: Role; communityId: string; buildingCode: string | null; buildingName: string | null; communityName: string; body: CommitteeBody | null }[]
  /** 能看统计的楼栋码（代表：自己的楼；业委会：全小区）。 */
  managedBuildingCodes: string[]
}

export function createMe({ directory }: { directory: DirectoryStore }) {
  return async (openid: string): Promise<Result<MeView>> => {
    const memberships = await directory.membershipsOf(openid)
    const roles: MeView['roles'] = []
    const managed = new Set<string>()
    for (const m of memberships) {
      const community = await directory.community(m.communityId)
      const building = m.buildingId ? await directory.buildingById(m.buildingId) : null
      roles.push({
        role: m.role,
        communityId: m.communityId,
        body: m.body,
        buildingCode: building?.code ?? null,
        buildingName: building?.name ?? null,
        communityName: community?.name ?? '',
      })
      if (m.role === 'representative' && building) managed.add(building.code)
      if (m.role === 'committee' || m.role === 'admin') {
        for (const b of await directory.buildingsOfCommunity(m.communityId)) managed.add(b.code)
      }
    }
    return ok({ roles, managedBuildingCodes: [...managed].sort() })
  }
}

export interface PeriodStats {
  period: Period
  label: string
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

/** 几份问卷在本楼公布的格子合起来的各维度均分（都是公布了的数相加，不多带出任何东西）。 */
function satisfactionOf(released: readonly SurveyRelease[]): PeriodStats['satisfaction']['dimensions'] {
  const merged = addAcrossSurveys(released.flatMap((r) => (r.questions ? [r.questions] : [])))
  return SATISFACTION_DIMENSIONS.flatMap((d) => {
    const q = merged.find((x) => x.type === 'rating' && x.dimension === d)
    return q && q.type === 'rating' && q.count > 0 ? [{ dimension: d, label: SATISFACTION_DIMENSION_LABELS[d], count: q.count, mean: q.mean }] : []
  })
}

export function createBuildingStats({ directory, tallies, reports, worklog, surveys, clock }: { directory: DirectoryStore; tallies: TallyReader; reports: ReportStore; worklog: WorkLogStore; surveys: SurveyStore; clock: Clock }) {
  return async (openid: string, input: BuildingStatsInput): Promise<Result<BuildingStatsView>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼')
    if (!canManageBuilding(await directory.membershipsOf(openid), building)) {
      return fail('FORBIDDEN', '只有这栋楼的业主代表或业委会可以查看统计')
    }
    const now = clock.now()
    const month = input.month ?? monthOf(now)
    const overdueHours = (await directory.community(building.communityId))?.overdueHours ?? DEFAULT_OVERDUE_HOURS
    const trendMonths = monthsIn({ start: addMonths(month, -11), end: month })
    const yearPeriod = periodContaining(month, 'year')
    const monthPeriod = periodContaining(month, 'month')
    const previousYearPeriod = periodContaining(addMonths(yearPeriod.start, -12), 'year')
    const previousMonthPeriod = periodContaining(addMonths(month, -1), 'month')
    // 最多 24 个月的桶：去年、今年与近 12 个月（互相重叠）。
    const wanted = [...new Set([...trendMonths, ...monthsIn(yearPeriod), ...monthsIn(previousYearPeriod), previousMonthPeriod.start])]
    const buckets = await tallies.bucketsOf([buildingScope(building.id)], wanted)
    const released = await surveyReleasesFor(surveys, now, { communityId: building.communityId, buildingIds: [building.id] }, wanted)
    const statsOf = (period: Period): PeriodStats => {
      const months = monthsIn(period)
      const totals = new Totals(buckets, months)
      const figures = reportFigures(totals)
      const onTime = {
        urgent: handledWithin(figures.handlingByUrgency.urgent, overdueHours.urgent),
        normal: handledWithin(figures.handlingByUrgency.normal, overdueHours.normal),
      }
      const respondents = totals.count(SURVEY_METRICS.respondents)
      const dimensions = satisfactionOf(released.filter((r) => months.includes(r.month)))
      return {
        period,
        label: periodLabel(period),
        figures,
        onTime,
        noticeReads: readRate(totals.count(NOTICE_METRICS.read), totals.sum(NOTICE_METRICS.targeted)),
        satisfaction: { respondents, dimensions },
      }
    }
    const inspections = await worklog.workLog({ communityId: building.communityId, buildingIds: [building.id], includeCommunity: false, kind: 'inspection' }, OPEN_HAZARD_SCAN)
    return ok({
      building: await viewOf(directory, building),
      month: statsOf(monthPeriod),
      year: statsOf(yearPeriod),
      previousMonth: statsOf(previousMonthPeriod),
      previousYear: statsOf(previousYearPeriod),
      trend: trendMonths.map((m) => {
        const t = new Totals(buckets, [m])
        return { month: m, received: t.count('report.received'), resolved: reportFigures(t).byStatus.resolved }
      }),
      overdueNow: await reports.countReports({ buildingIds: [building.id], statuses: ['pending', 'accepted', 'processing'], createdBefore: overdueCutoffs(overdueHours, now), order: 'asc' }),
      openHazards: countOpenHazards(inspections),
      overdueHours,
    })
  }
}
