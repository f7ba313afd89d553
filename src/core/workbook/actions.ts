/**
 * 导出 Excel 的用例：代表导出自己负责的楼，业委会（居委会、物业）与管理员导出整个小区或其中一栋楼。
 * 读原始记录（不读统计桶）：每一行都是一条记录，行数就是条数，办公室拿去能逐条对账。
 * 读取量随期内的报事、台账、公告与问卷条数线性增长；期间最长 12 个月（与工作总结同一个期间校验）。
 */
import { scopeInCommunity, type Building, type DirectoryStore } from '../directory'
import { noticesPublishedIn, type NoticeStore } from '../notices'
import type { ReportStore } from '../reports'
import type { Clock, IdGenerator, Platform } from '../shared/ports'
import { fail, ok, type Result } from '../shared/result'
import { monthsIn, rangeLabel } from '../shared/time'
import { scrubbedWorkLog } from '../summary'
import type { Report } from '../reports'
import type { SummaryStore } from '../summaryDocument'
import { releasedOver, statusOf, surveyResults, SURVEY_SCAN_LIMIT, type SurveyStore } from '../surveys'
import { workLogIn, type WorkLogEntry, type WorkLogStore } from '../worklog'
import type { WorkbookSpec } from './model'
import type { ExportWorkbookInput } from './schema'
import { workbookOf, type NoticeEntry, type RegisterEntry, type SurveyEntry } from './sheets'
import type { WorkbookExportView } from './views'

export interface WorkbookDeps {
  directory: DirectoryStore
  reports: Pick<ReportStore, 'statusChangesOf'>
  summaries: Pick<SummaryStore, 'traceReports'>
  worklog: Pick<WorkLogStore, 'workLog'>
  notices: Pick<NoticeStore, 'notices' | 'readersByBuilding'>
  surveys: Pick<SurveyStore, 'surveys' | 'answersOf'>
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'files'>
  /** 把描述写成 .xlsx（服务端注入 exceljs 的实现，核心不依赖写文件的库）。 */
  toXlsx: (spec: WorkbookSpec) => Promise<Uint8Array>
}

const PAGE = 100

export function createExportWorkbook(deps: WorkbookDeps) {
  const { directory, reports, summaries, worklog, notices, surveys, clock, ids, platform } = deps

  async function reportsIn(buildingIds: string[], months: string[]): Promise<RegisterEntry[]> {
    const out: RegisterEntry[] = []
    let after: { createdAt: string; id: string } | undefined
    for (;;) {
      const page: Report[] = await summaries.traceReports({ buildingIds, months }, PAGE, after)
      for (const report of page) out.push({ report, changes: await reports.statusChangesOf(report.id) })
      if (page.length < PAGE) return out
      const tail = page[page.length - 1]
      after = { createdAt: tail.createdAt, id: tail.id }
    }
  }

  async function workLogOf(communityId: string, buildingIds: string[], wholeCommunity: boolean, months: string[]): Promise<WorkLogEntry[]> {
    const entries = await workLogIn(worklog, { communityId, buildingIds, includeCommunity: wholeCommunity }, months)
    // 交出去的文件与总结一样先去掉个人信息（台账里代表给自己记的门牌、电话、姓名）。
    return entries.filter((e) => !e.removedAt).map(scrubbedWorkLog)
  }

  async function noticesIn(communityId: string, buildings: Building[], months: string[]): Promise<NoticeEntry[]> {
    const inScope = new Map(buildings.map((b) => [b.id, b.name]))
    const found = await noticesPublishedIn(notices, { communityId, buildingIds: [...inScope.keys()] }, months)
    const out: NoticeEntry[] = []
    for (const notice of found) {
      const targets = notice.targets.filter((t) => inScope.has(t.buildingId))
      const byBuilding = await notices.readersByBuilding(notice.id)
      out.push({
        notice,
        households: targets.reduce((a, t) => a + t.households, 0),
        readers: targets.reduce((a, t) => a + (byBuilding[t.buildingId] ?? 0), 0),
        buildings: targets.map((t) => inScope.get(t.buildingId) ?? ''),
      })
    }
    return out
  }

  async function surveysIn(communityId: string, buildingIds: string[], months: string[]): Promise<SurveyEntry[]> {
    const wanted = new Set(months)
    const now = clock.now()
    const out: SurveyEntry[] = []
    let before: { createdAt: string; id: string } | undefined
    for (let listed = 0; listed < SURVEY_SCAN_LIMIT; listed += PAGE) {
      const list = await surveys.surveys({ communityId, buildingIds }, PAGE, before)
      for (const survey of list) {
        if (!wanted.has(survey.month)) continue
        const closed = statusOf(survey, now) === 'closed'
        // 同结果页：同一个计算、同一个门槛；范围里的楼的分项只在每栋都公布时相加（releasedOver）。
        const results = surveyResults(survey, await surveys.answersOf(survey.id), { closed })
        const cells = results.buildings.filter((b) => buildingIds.includes(b.buildingId))
        const released = closed ? releasedOver(results, buildingIds) : null
        out.push({
          survey,
          respondents: cells.reduce((a, b) => a + b.respondents, 0),
          households: cells.reduce((a, b) => a + b.households, 0),
          released,
          reason: released ? null : closed ? '不到这份问卷的公布门槛，分项不公布' : '问卷还没结束，分项不公布',
        })
      }
      if (list.length < PAGE) break
      before = { createdAt: list[list.length - 1].createdAt, id: list[list.length - 1].id }
    }
    return out
  }

  return async (openid: string, input: ExportWorkbookInput): Promise<Result<WorkbookExportView>> => {
    // 先看成员关系、再找小区（不存在的小区与别人的小区答同样的拒绝，同起草总结）。
    const scope = await scopeInCommunity(directory, openid, input.communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以导出表格')
    const community = await directory.community(input.communityId)
    if (!community) return fail('NOT_FOUND', '没有找到这个小区')
    let buildings: Building[]
    if (input.buildingCode !== null) {
      const building = await directory.buildingByCode(input.buildingCode)
      if (!building || building.communityId !== community.id) return fail('NOT_FOUND', '没有找到这栋楼')
      if (!scope.wholeCommunity && !scope.buildings.some((b) => b.id === building.id)) return fail('FORBIDDEN', '只能导出你负责的楼栋')
      buildings = [building]
    } else {
      if (!scope.wholeCommunity) return fail('FORBIDDEN', '整个小区的表格要由业委会、居委会、物业或管理员导出')
      buildings = await directory.buildingsOfCommunity(community.id)
    }
    const buildingIds = buildings.map((b) => b.id)
    const months = monthsIn(input.period)
    const wholeCommunity = input.buildingCode === null
    const [register, log, noticeRows, surveyRows] = await Promise.all([
      reportsIn(buildingIds, months),
      workLogOf(community.id, buildingIds, wholeCommunity, months),
      noticesIn(community.id, buildings, months),
      surveysIn(community.id, buildingIds, months),
    ])
    const spec = workbookOf({
      scopeLabel: wholeCommunity ? `${community.name}（全小区）` : `${community.name}${buildings[0].name}`,
      periodLabel: rangeLabel(input.period),
      exportedAt: clock.now(),
      buildingNames: new Map(buildings.map((b) => [b.id, b.name])),
      reports: register,
      workLog: log,
      notices: noticeRows,
      surveys: surveyRows,
    })
    const bytes = await deps.toXlsx(spec)
    // 每次导出一个新文件（路径不可猜）；取文件只能经一小时的临时地址（同总结的 Word）。
    const fileId = await platform.files.upload(`exports/${community.id}/${ids.newId()}.xlsx`, bytes)
    const url = (await platform.files.temporaryUrls([fileId]))[fileId] ?? null
    return ok({
      fileName: `${spec.title}.xlsx`,
      fileId,
      url,
      sheets: spec.sheets.slice(1).map((s) => ({ name: s.name, rows: s.rows.length })),
    })
  }
}
