/** 居民报事的用例：提交、查看自己的报事。 */
import { CATEGORY_LABELS, REPORT_KIND_LABELS } from '../catalog'
import type { Building, Report, ReportLocation } from '../model'
import type { Clock, ContentChecker, ContentVerdict, DirectoryStore, IdGenerator, Logger, Platform, ReportStore } from '../ports'
import { newReportMessage } from '../subscribe'
import { fail, ok, type Result } from '../result'
import type { ListMineInput, SubmitReportInput } from '../schema'
import { deltasForNewReport } from '../sources/reports'
import { monthOf } from '../time'
import { STATUS_GROUP, STATUS_LABELS, type ReportStatus, type StatusGroup } from '../workflow'

export interface ReportDeps {
  directory: DirectoryStore
  reports: ReportStore
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'content' | 'notifier'>
  templates?: { newReport?: string }
  logger: Logger
}

/** 报事人看到的自己的报事。 */
export interface MyReportView {
  id: string
  buildingName: string
  kind: Report['kind']
  kindLabel: string
  category: Report['category']
  categoryLabel: string
  text: string
  location: ReportLocation
  locationLabel: string
  anonymous: boolean
  photos: string[]
  status: ReportStatus
  statusLabel: string
  statusGroup: StatusGroup
  createdAt: string
  updatedAt: string
}

export function locationLabel(location: ReportLocation): string {
  if (location.scope === 'public') return location.detail ? `${location.area} · ${location.detail}` : location.area
  const floor = location.floor < 0 ? `地下${-location.floor}层` : `${location.floor}层`
  return [location.unit, floor, location.room].filter(Boolean).join(' ')
}

export function toMyReportView(report: Report, buildingName: string): MyReportView {
  return {
    id: report.id,
    buildingName,
    kind: report.kind,
    kindLabel: REPORT_KIND_LABELS[report.kind],
    category: report.category,
    categoryLabel: CATEGORY_LABELS[report.category],
    text: report.text,
    location: report.location,
    locationLabel: locationLabel(report.location),
    anonymous: report.anonymous,
    photos: report.photos,
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    statusGroup: STATUS_GROUP[report.status],
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
  }
}

export function createSubmitReport({ directory, reports, clock, ids, platform, templates, logger }: ReportDeps) {
  /** 新报事提醒发给本楼代表；发不出去（没订阅、平台出错）不影响已经存下的报事。 */
  async function notifyRepresentatives(report: Report, building: Building) {
    if (!templates?.newReport) return
    for (const representative of await directory.representativesOf(building.id)) {
      if (representative === report.reporterId) continue
      const message = newReportMessage(templates.newReport, representative, report, building)
      if (message.ok) await platform.notifier.send(message.data)
      else logger.error('新报事提醒无法生成', { details: { reason: message.message, templateId: templates.newReport } })
    }
  }

  return async (openid: string, input: SubmitReportInput): Promise<Result<{ report: MyReportView; created: boolean }>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    const detail = input.location.scope === 'public' ? input.location.detail : input.location.room
    const verdict = await checkText(platform.content, [input.text, detail].filter(Boolean).join('\n'), openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    const now = clock.now()
    const report: Report = {
      id: ids.newId(),
      communityId: building.communityId,
      buildingId: building.id,
      kind: input.kind,
      category: input.category,
      text: input.text,
      location: input.location,
      anonymous: input.anonymous,
      photos: input.photos,
      status: 'pending',
      reporterId: openid,
      requestId: input.requestId,
      createdAt: now,
      updatedAt: now,
      month: monthOf(now),
    }
    const { report: stored, created } = await reports.insertReport(report, deltasForNewReport(report))
    if (created) {
      try {
        await notifyRepresentatives(stored, building)
      } catch (error) {
        logger.error('新报事提醒失败', { error, details: { reportId: stored.id } })
      }
    }
    return ok({ report: toMyReportView(stored, building.name), created })
  }
}

/**
 * 文本检测。平台检测本身出错（超时、限流）时放行并记下：一条电梯困人的报事不该因为检测服务抖动而发不出去，
 * 代表仍可隐藏不当内容。
 */
async function checkText(content: ContentChecker, text: string, openid: string, logger: ReportDeps['logger']): Promise<ContentVerdict> {
  try {
    return await content.checkText(text, openid, 'forum')
  } catch (error) {
    logger.warn('内容检测不可用，已放行', { error })
    return { ok: true, needsReview: true }
  }
}

export const MY_REPORTS_PAGE_SIZE = 20

export function createListMyReports({ directory, reports }: Pick<ReportDeps, 'directory' | 'reports'>) {
  return async (openid: string, input: ListMineInput): Promise<Result<{ items: MyReportView[]; nextCursor: string | null }>> => {
    let before: { createdAt: string; id: string } | undefined
    if (input.cursor) {
      const [createdAt, id] = input.cursor.split('|')
      if (!createdAt || !id) return fail('INVALID', '翻页位置无效，请下拉刷新')
      before = { createdAt, id }
    }
    const page = await reports.reportsByReporter(openid, MY_REPORTS_PAGE_SIZE + 1, before)
    const items = page.slice(0, MY_REPORTS_PAGE_SIZE)
    const names = new Map<string, string>()
    for (const r of items) {
      if (!names.has(r.buildingId)) names.set(r.buildingId, (await directory.buildingById(r.buildingId))?.name ?? '')
    }
    const last = items[items.length - 1]
    return ok({
      items: items.map((r) => toMyReportView(r, names.get(r.buildingId) ?? '')),
      nextCursor: page.length > MY_REPORTS_PAGE_SIZE && last ? `${last.createdAt}|${last.id}` : null,
    })
  }
}
