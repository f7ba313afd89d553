/** 楼栋与身份的用例：扫码落地页的楼栋信息、我的身份、代表看本楼统计。 */
import { canManageBuilding, DEFAULT_OVERDUE_HOURS, type Building, type DirectoryStore, type BuildingInfoInput } from '../directory'
import { overdueCutoffs, handledWithin, reportFigures, type ReportStore } from '../reports'
import type { Clock, Platform } from '../shared/ports'
import { type SurveyStore, SURVEY_METRICS, addAcrossSurveys, surveyReleasesFor, type SurveyRelease } from '../surveys'
import { type TallyReader, buildingScope, Totals } from '../tally'
import { type WorkLogStore, countOpenHazards, OPEN_HAZARD_SCAN } from '../worklog'
import { fail, ok, type Result } from '../shared/result'
import type { BuildingStatsInput } from './schema'
import { readRate } from '../shared/rates'
import { SATISFACTION_DIMENSION_LABELS, SATISFACTION_DIMENSIONS } from '../shared/catalog'
import { NOTICE_METRICS } from '../notices'
import { addMonths, monthOf, monthsIn, periodContaining, periodLabel, type Period } from '../shared/time'
import { BuildingView, BuildingQrView, MeView, PeriodStats, BuildingStatsView } from './views'
import { toBase64 } from '../shared/bytes'
import { periodProgress, progressLabel } from './progress'

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

/** 几份问卷在本楼公布的格子合起来的各维度均分（都是公布了的数相加，不多带出任何东西）。 */
function satisfactionOf(released: readonly SurveyRelease[]): PeriodStats['satisfaction']['dimensions'] {
  const merged = addAcrossSurveys(released.flatMap((r) => (r.questions ? [r.questions] : [])))
  return SATISFACTION_DIMENSIONS.flatMap((d) => {
    const q = merged.find((x) => x.type === 'rating' && x.dimension === d)
    return q && q.type === 'rating' && q.count > 0 ? [{ dimension: d, label: SATISFACTION_DIMENSION_LABELS[d], count: q.count, mean: q.mean }] : []
  })
}

export function createBuildingStats({
  directory,
  tallies,
  reports,
  worklog,
  surveys,
  clock,
}: {
  directory: DirectoryStore
  tallies: TallyReader
  reports: ReportStore
  worklog: WorkLogStore
  surveys: SurveyStore
  clock: Clock
}) {
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
      const progress = periodProgress(period, now)
      return {
        period,
        label: progressLabel(period.kind, periodLabel(period), progress, period.start),
        progress,
        figures,
        onTime,
        noticeReads: readRate(totals.count(NOTICE_METRICS.read), totals.sum(NOTICE_METRICS.targeted)),
        satisfaction: { respondents, dimensions },
      }
    }
    const inspections = await worklog.workLog(
      { communityId: building.communityId, buildingIds: [building.id], includeCommunity: false, kind: 'inspection' },
      OPEN_HAZARD_SCAN,
    )
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
      overdueNow: await reports.countReports({
        buildingIds: [building.id],
        statuses: ['pending', 'accepted', 'processing'],
        createdBefore: overdueCutoffs(overdueHours, now),
        order: 'asc',
      }),
      openHazards: countOpenHazards(inspections),
      overdueHours,
    })
  }
}
