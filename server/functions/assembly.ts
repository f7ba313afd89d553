/**
 * 云函数的组装（不含写 Word / Excel 的库）：报事、公告等云函数的部署包只从这里取，包里就没有 docx 与 exceljs
 * （两者占一个包的大半，冷启动时每个函数都要读进来）。要写文件的 stats 与 summary 由 index.ts 接上写文件的函数。
 */
import type { Clock, IdGenerator, Logger, Platform } from '../../src/core/shared/ports'
import type { DirectoryStore, InviteStore, BuildingInfoInput } from '../../src/core/directory'
import type { NoticeStore } from '../../src/core/notices'
import type { PhotoCheckStore, ReportStore, ListMineInput } from '../../src/core/reports'
import type { SummaryStore } from '../../src/core/summaryDocument'
import type { SurveyStore } from '../../src/core/surveys'
import type { TallyReader } from '../../src/core/tally'
import type { WorkLogStore } from '../../src/core/worklog'
import {
  commentSummarySchema,
  draftSummarySchema,
  exportSummarySchema,
  finalizeSummarySchema,
  listSummariesSchema,
  publishSummarySchema,
  restoreSummarySchema,
  saveSummarySchema,
  summaryDetailSchema,
  traceFigureSchema,
  createSummaryActions,
} from '../../src/core/summary'
import { createExportWorkbook, exportWorkbookSchema } from '../../src/core/workbook'
import {
  answerSurveySchema,
  createSurveySchema,
  managedSurveysSchema,
  openSurveysSchema,
  surveyFormSchema,
  surveyRefSchema,
  createSurveyActions,
} from '../../src/core/surveys'
import {
  actSchema,
  answerSchema,
  listMineSchema,
  queueCountsSchema,
  queueSchema,
  reportRefSchema,
  similarReportsSchema,
  submitReportSchema,
  createAnswerReport,
  createFollowReport,
  createListFollowedReports,
  createListMyReports,
  createAwaitingAnswers,
  createSimilarReports,
  createSubmitReport,
  createTrackReport,
} from '../../src/core/reports'
import {
  buildingInfoSchema,
  communityRefSchema,
  createCommunitySchema,
  createInviteSchema,
  inviteLookupSchema,
  inviteRefSchema,
  joinSchema,
  removeMemberSchema,
  saveBuildingSchema,
  updateCommunitySchema,
  createCommunityActions,
  createInviteActions,
  createCodeAttemptGuard,
  rememberDirectoryReads,
} from '../../src/core/directory'
import { buildingStatsSchema, createBuildingInfo, createBuildingQr, createBuildingStats, createMe, type MeView, createLanding } from '../../src/core/dashboard'
import { emptySchema } from '../../src/core/shared/schema'
import {
  addWorkLogSchema,
  editWorkLogSchema,
  fixHazardSchema,
  workLogFormSchema,
  workLogListSchema,
  workLogRefSchema,
  createWorkLogActions,
} from '../../src/core/worklog'
import { managedNoticesSchema, noticeListSchema, noticeRefSchema, publishNoticeSchema, readNoticeSchema, createNoticeActions } from '../../src/core/notices'
import { ok, type Result } from '../../src/core/shared/result'
import { createActOnReport, createManageReport, createQueue, createQueueCounts, createTriageCounts } from '../../src/core/handling'
import { defineFunction, type BuildingCodeGuard, type FunctionHandler } from './router'

/** 订阅消息模板 ID（在公众平台选用模板后得到）；没配的那种消息就不发。 */
export interface TemplateIds {
  newReport?: string
  reportProgress?: string
  newNotice?: string
}

/** 云函数用到的存储端口；每个用例只从中取它用的那几个。统计维护（重算）不在其中。 */
export interface StorePorts {
  directory: DirectoryStore
  reports: ReportStore
  photos: PhotoCheckStore
  tallies: TallyReader
  invites: InviteStore
  notices: NoticeStore
  worklog: WorkLogStore
  surveys: SurveyStore
  summaries: SummaryStore
}

export type AllStorePorts = DirectoryStore & ReportStore & PhotoCheckStore & TallyReader & InviteStore & NoticeStore & WorkLogStore & SurveyStore & SummaryStore

/** 一个实现了全部端口的适配器（SQLite 或云开发）→ 各个端口。 */
export const storePorts = (store: AllStorePorts): StorePorts => ({
  directory: store,
  reports: store,
  photos: store,
  tallies: store,
  invites: store,
  notices: store,
  worklog: store,
  surveys: store,
  summaries: store,
})

export interface FunctionDeps extends StorePorts {
  clock: Clock
  ids: IdGenerator
  platform: Platform
  templates?: TemplateIds
  /** 部署后写 JSON 行，本地宿主写给人看的行（server/platform/logger.ts）。 */
  logger: Logger
}

/** 模板 ID 从环境变量读（云函数在控制台配置环境变量；本地宿主同名）。 */
export const templatesFromEnv = (env: NodeJS.ProcessEnv = process.env): TemplateIds => ({
  newReport: env.LOUSHI_TEMPLATE_NEW_REPORT || undefined,
  reportProgress: env.LOUSHI_TEMPLATE_REPORT_PROGRESS || undefined,
  newNotice: env.LOUSHI_TEMPLATE_NEW_NOTICE || undefined,
})

/**
 * 楼栋码试错的守卫：同一个进程里的各个云函数共用一个（按存储与时钟），它记住的"还没有试错"才对每个函数都有效；
 * 部署后每个云函数是自己的进程，各有一个。
 */
const codeAttemptGuards = new WeakMap<object, WeakMap<object, BuildingCodeGuard>>()
function codeAttemptGuard(deps: FunctionDeps): BuildingCodeGuard {
  let byClock = codeAttemptGuards.get(deps.invites)
  if (!byClock) codeAttemptGuards.set(deps.invites, (byClock = new WeakMap()))
  let guard = byClock.get(deps.clock)
  if (!guard) byClock.set(deps.clock, (guard = createCodeAttemptGuard(deps)))
  return guard
}

/** 每个云函数外壳都要的：日志与楼栋码试错的守卫（defineFunction 的后两个参数）。 */
const shellOf = (deps: FunctionDeps) => [deps.logger, codeAttemptGuard(deps)] as const

// 动作表按 src/core/api.ts 的契约检查：少一个、多一个、改了名、校验规则或返回数据的类型不对，都过不了 tsc。

export function createReportsFunction(deps: FunctionDeps): FunctionHandler {
  const me = createMe(deps)
  /** "我的"页一次取齐：载荷带 withRoles 时附上我的身份（页面不再另调 account.me）。 */
  const withRoles =
    <P extends object>(list: (openid: string, input: ListMineInput) => Promise<Result<P>>) =>
    async (openid: string, input: ListMineInput): Promise<Result<P & { roles?: MeView['roles'] }>> => {
      const page = await list(openid, input)
      if (!page.ok || !input.withRoles) return page
      const who = await me(openid)
      return who.ok ? ok({ ...page.data, roles: who.data.roles }) : who
    }
  return defineFunction(
    'reports',
    {
      submit: { schema: submitReportSchema, run: createSubmitReport(deps) },
      listMine: { schema: listMineSchema, run: withRoles(createListMyReports(deps)) },
      listFollowed: { schema: listMineSchema, run: withRoles(createListFollowedReports(deps)) },
      similar: { schema: similarReportsSchema, run: createSimilarReports(deps) },
      follow: { schema: reportRefSchema, run: createFollowReport(deps) },
      track: { schema: reportRefSchema, run: createTrackReport(deps) },
      answer: { schema: answerSchema, run: createAnswerReport(deps) },
    },
    ...shellOf(deps),
  )
}

export function createHandlingFunction(deps: FunctionDeps): FunctionHandler {
  return defineFunction(
    'handling',
    {
      queue: { schema: queueSchema, run: createQueue(deps) },
      counts: { schema: queueCountsSchema, run: createQueueCounts(deps) },
      detail: { schema: reportRefSchema, run: createManageReport(deps) },
      act: { schema: actSchema, run: createActOnReport(deps) },
    },
    ...shellOf(deps),
  )
}

/** 写文件的函数：由调用方接上（index.ts 接真库；这样不写文件的云函数包里没有它们）。 */
export interface DocumentWriters {
  toDocx: Parameters<typeof createSummaryActions>[0]['toDocx']
  toXlsx: Parameters<typeof createExportWorkbook>[0]['toXlsx']
}

export function createStatsFunction(deps: FunctionDeps & Pick<DocumentWriters, 'toXlsx'>): FunctionHandler {
  return defineFunction(
    'stats',
    {
      building: { schema: buildingStatsSchema, run: createBuildingStats(deps) },
      workbook: { schema: exportWorkbookSchema, run: createExportWorkbook(deps) },
    },
    ...shellOf(deps),
  )
}

export function createAccountFunction(deps: FunctionDeps): FunctionHandler {
  const me = createMe(deps)
  const invites = createInviteActions(deps)
  const building = createBuildingInfo(deps)
  // 落地页的四个部分各自按楼栋码找楼、读小区与我的身份：每次调用一份目录备忘，这些各读一次（云开发按请求计 QPS 与费用）。
  const landing = (openid: string, input: BuildingInfoInput) => {
    const once = { ...deps, directory: rememberDirectoryReads(deps.directory) }
    return createLanding({
      building: createBuildingInfo(once),
      me: createMe(once),
      notices: createNoticeActions(once).list,
      surveys: createSurveyActions(once).open,
      awaitingAnswers: createAwaitingAnswers(once),
      triage: createTriageCounts(once),
    })(openid, input)
  }
  return defineFunction(
    'account',
    {
      me: { schema: emptySchema, run: (openid) => me(openid) },
      landing: { schema: buildingInfoSchema, run: landing },
      building: { schema: buildingInfoSchema, run: building },
      buildingQr: { schema: buildingInfoSchema, run: createBuildingQr(deps) },
      inviteInfo: { schema: inviteLookupSchema, run: invites.inviteInfo },
      // 接受之后答新的身份，页面据此直接进入代表的入口。
      join: {
        schema: joinSchema,
        run: async (openid, input) => {
          const joined = await invites.join(openid, input)
          return joined.ok ? me(openid) : joined
        },
      },
    },
    ...shellOf(deps),
  )
}

export function createAdminFunction(deps: FunctionDeps): FunctionHandler {
  const a = createCommunityActions(deps)
  return defineFunction(
    'admin',
    {
      createCommunity: { schema: createCommunitySchema, run: a.createCommunity },
      overview: { schema: communityRefSchema, run: a.overview },
      updateCommunity: { schema: updateCommunitySchema, run: a.updateCommunity },
      saveBuilding: { schema: saveBuildingSchema, run: a.saveBuilding },
      invite: { schema: createInviteSchema, run: a.invite },
      revokeInvite: { schema: inviteRefSchema, run: a.revokeInvite },
      removeMember: { schema: removeMemberSchema, run: a.removeMember },
    },
    ...shellOf(deps),
  )
}

export function createNoticesFunction(deps: FunctionDeps): FunctionHandler {
  const n = createNoticeActions(deps)
  return defineFunction(
    'notices',
    {
      list: { schema: noticeListSchema, run: n.list },
      read: { schema: readNoticeSchema, run: n.read },
      subscribe: { schema: buildingInfoSchema, run: n.subscribe },
      publish: { schema: publishNoticeSchema, run: n.publish },
      withdraw: { schema: noticeRefSchema, run: n.withdraw },
      managed: { schema: managedNoticesSchema, run: n.managed },
    },
    ...shellOf(deps),
  )
}

export function createWorkLogFunction(deps: FunctionDeps): FunctionHandler {
  const w = createWorkLogActions(deps)
  return defineFunction(
    'worklog',
    {
      add: { schema: addWorkLogSchema, run: w.add },
      edit: { schema: editWorkLogSchema, run: w.edit },
      fixHazard: { schema: fixHazardSchema, run: w.fixHazard },
      remove: { schema: workLogRefSchema, run: w.remove },
      detail: { schema: workLogRefSchema, run: w.detail },
      list: { schema: workLogListSchema, run: w.list },
      form: { schema: workLogFormSchema, run: w.form },
    },
    ...shellOf(deps),
  )
}

export function createSurveysFunction(deps: FunctionDeps): FunctionHandler {
  const s = createSurveyActions(deps)
  return defineFunction(
    'surveys',
    {
      open: { schema: openSurveysSchema, run: s.open },
      form: { schema: surveyFormSchema, run: s.form },
      answer: { schema: answerSurveySchema, run: s.answer },
      create: { schema: createSurveySchema, run: s.create },
      close: { schema: surveyRefSchema, run: s.close },
      managed: { schema: managedSurveysSchema, run: s.managed },
      results: { schema: surveyRefSchema, run: s.results },
    },
    ...shellOf(deps),
  )
}

export function createSummaryFunction(deps: FunctionDeps & Pick<DocumentWriters, 'toDocx'>): FunctionHandler {
  const s = createSummaryActions(deps)
  return defineFunction(
    'summary',
    {
      draft: { schema: draftSummarySchema, run: s.draft },
      trace: { schema: traceFigureSchema, run: s.trace },
      save: { schema: saveSummarySchema, run: s.save },
      restore: { schema: restoreSummarySchema, run: s.restore },
      detail: { schema: summaryDetailSchema, run: s.detail },
      list: { schema: listSummariesSchema, run: s.list },
      publish: { schema: publishSummarySchema, run: s.publish },
      comment: { schema: commentSummarySchema, run: s.comment },
      finalize: { schema: finalizeSummarySchema, run: s.finalize },
      export: { schema: exportSummarySchema, run: s.export },
    },
    ...shellOf(deps),
  )
}

export const systemClock: Clock = { now: () => new Date().toISOString() }
