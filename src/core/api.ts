/**
 * 云函数的契约：函数名 → 动作 → [载荷， 返回数据]。
 * 客户端的调用与函数的路由都以它为准，改一处，类型检查会指出另一处。
 */
import type { ErrorCode } from './shared/result'
import type {
  ActInput,
  AnswerInput,
  ListMineInput,
  QueueCountsInput,
  QueueInput,
  ReportRefInput,
  SimilarReportsInput,
  SubmitReportInput,
  SubmittedReportView,
  MyReportListItemView,
  SimilarReportView,
  TrackedReportView,
} from './reports'
import type {
  BuildingInfoInput,
  CommunityRefInput,
  CreateCommunityInput,
  CreateInviteInput,
  InviteLookupInput,
  InviteRefInput,
  JoinInput,
  RemoveMemberInput,
  SaveBuildingInput,
  UpdateCommunityInput,
  CommunityAdminView,
  InviteView,
  NewInviteView,
} from './directory'
import type { BuildingStatsInput, BuildingQrView, BuildingStatsView, BuildingView, MeView, LandingView } from './dashboard'
import type {
  AddWorkLogInput,
  EditWorkLogInput,
  FixHazardInput,
  WorkLogFormInput,
  WorkLogListInput,
  WorkLogRefInput,
  WorkLogFormView,
  WorkLogListView,
  WorkLogView,
} from './worklog'
import type {
  ManagedNoticesInput,
  NoticeListInput,
  NoticeRefInput,
  PublishNoticeInput,
  ReadNoticeInput,
  ManagedNoticeListView,
  ManagedNoticeView,
  NoticeListView,
  NoticeView,
} from './notices'
import type { ManagedReportView, QueueCountsView, QueueView } from './handling'
import type {
  AnswerSurveyInput,
  CreateSurveyInput,
  ManagedSurveysInput,
  OpenSurveysInput,
  SurveyFormInput,
  SurveyRefInput,
  ManagedSurveyView,
  OpenSurveyItemView,
  SurveyFormView,
  SurveyResultsView,
} from './surveys'
import type {
  CommentSummaryInput,
  DraftSummaryInput,
  ExportSummaryInput,
  FinalizeSummaryInput,
  ListSummariesInput,
  PublishSummaryInput,
  RestoreSummaryInput,
  SaveSummaryInput,
  SummaryDetailInput,
  TraceFigureInput,
} from './summary'
import type { ExportWorkbookInput, WorkbookExportView } from './workbook'
import type { ResidentSummaryView, SummaryDraftView, SummaryExportView, SummaryListView, SummaryView, TraceView } from './summaryDocument'

/** roles：载荷带 withRoles 时附上我的身份（同 account.me 的 roles）。 */
type ReportPage = { items: MyReportListItemView[]; nextCursor: string | null; roles?: MeView['roles'] }

export interface FunctionApi {
  /** 居民：提交、查同类、关注、看自己报的与关注的、看详情、回答"解决了吗？"。 */
  reports: {
    submit: [SubmitReportInput, { report: SubmittedReportView; created: boolean }]
    listMine: [ListMineInput, ReportPage]
    listFollowed: [ListMineInput, ReportPage]
    similar: [SimilarReportsInput, { items: SimilarReportView[] }]
    follow: [ReportRefInput, { report: TrackedReportView; created: boolean }]
    track: [ReportRefInput, TrackedReportView]
    answer: [AnswerInput, TrackedReportView]
  }
  /** 代表与业委会：待办队列、首页待办数、详情、处理动作。 */
  handling: {
    queue: [QueueInput, QueueView]
    counts: [QueueCountsInput, QueueCountsView]
    detail: [ReportRefInput, ManagedReportView]
    act: [ActInput, ManagedReportView]
  }
  /** 代表与业委会：本楼统计看板；导出给办公室的 Excel（报事登记、台账、公告知晓率、问卷合计）。 */
  stats: {
    building: [BuildingStatsInput, BuildingStatsView]
    workbook: [ExportWorkbookInput, WorkbookExportView]
  }
  /** 身份与楼栋：我的身份、扫码落地的楼栋、落地页一次取齐、楼栋二维码、查看与接受邀请。 */
  account: {
    me: [Record<string, never>, MeView]
    landing: [BuildingInfoInput, LandingView]
    building: [BuildingInfoInput, BuildingView]
    buildingQr: [BuildingInfoInput, BuildingQrView]
    inviteInfo: [InviteLookupInput, InviteView]
    join: [JoinInput, MeView]
  }
  /** 管理员：建小区、楼栋、邀请与移除成员（创建小区任何人都可以，创建者即管理员）。 */
  admin: {
    createCommunity: [CreateCommunityInput, CommunityAdminView]
    overview: [CommunityRefInput, CommunityAdminView]
    updateCommunity: [UpdateCommunityInput, CommunityAdminView]
    saveBuilding: [SaveBuildingInput, CommunityAdminView]
    invite: [CreateInviteInput, NewInviteView]
    revokeInvite: [InviteRefInput, CommunityAdminView]
    removeMember: [RemoveMemberInput, CommunityAdminView]
  }
  /** 公告：居民看与订阅；代表与业委会发布、撤回、看知晓率。 */
  notices: {
    list: [NoticeListInput, NoticeListView]
    read: [ReadNoticeInput, NoticeView]
    subscribe: [BuildingInfoInput, { subscribed: true }]
    publish: [PublishNoticeInput, ManagedNoticeView]
    withdraw: [NoticeRefInput, ManagedNoticeView]
    managed: [ManagedNoticesInput, ManagedNoticeListView]
  }
  /** 工作台账：代表与业委会记录巡查、会议、活动、调解、志愿服务、沟通协调。 */
  worklog: {
    add: [AddWorkLogInput, WorkLogView]
    edit: [EditWorkLogInput, WorkLogView]
    fixHazard: [FixHazardInput, WorkLogView]
    remove: [WorkLogRefInput, { removed: boolean }]
    detail: [WorkLogRefInput, WorkLogView]
    list: [WorkLogListInput, WorkLogListView]
    form: [WorkLogFormInput, WorkLogFormView]
  }
  /** 满意度问卷：居民看开着的、答卷；代表与业委会发起、结束、看结果（只有合计）。 */
  surveys: {
    open: [OpenSurveysInput, { items: OpenSurveyItemView[] }]
    form: [SurveyFormInput, SurveyFormView]
    answer: [AnswerSurveyInput, { replaced: boolean }]
    create: [CreateSurveyInput, ManagedSurveyView]
    close: [SurveyRefInput, ManagedSurveyView]
    managed: [
      ManagedSurveysInput,
      { items: ManagedSurveyView[]; nextCursor: string | null; buildings: { code: string; name: string }[]; canTargetCommunity: boolean; communityId: string },
    ]
    results: [SurveyRefInput, SurveyResultsView]
  }
  /** 工作总结：代表与业委会起草、看数字背后的记录、改、存版本、征求意见、公示、导出；居民提意见。 */
  summary: {
    draft: [DraftSummaryInput, SummaryDraftView]
    trace: [TraceFigureInput, TraceView]
    save: [SaveSummaryInput, SummaryView]
    restore: [RestoreSummaryInput, SummaryView]
    detail: [SummaryDetailInput, SummaryView]
    list: [ListSummariesInput, SummaryListView]
    publish: [PublishSummaryInput, SummaryView]
    comment: [CommentSummaryInput, { myComments: ResidentSummaryView['myComments'] }]
    finalize: [FinalizeSummaryInput, SummaryView]
    export: [ExportSummaryInput, SummaryExportView]
  }
}

export type FunctionName = keyof FunctionApi
export type ActionOf<F extends FunctionName> = keyof FunctionApi[F] & string
export type InputOf<F extends FunctionName, A extends ActionOf<F>> = FunctionApi[F][A] extends [infer I, unknown] ? I : never
export type OutputOf<F extends FunctionName, A extends ActionOf<F>> = FunctionApi[F][A] extends [unknown, infer O] ? O : never

/** 云函数收到的事件：动作名与载荷。平台在事件里附加的 userInfo 不被信任、也不被读取。 */
export interface FunctionEvent {
  action?: unknown
  payload?: unknown
}

/** 云函数的统一返回。 */
export type FunctionReply<T> = { code: 'OK'; message: string; data: T } | { code: ErrorCode; message: string; data: null }

export const FUNCTION_NAMES: readonly FunctionName[] = ['reports', 'handling', 'stats', 'account', 'admin', 'notices', 'worklog', 'surveys', 'summary']

/**
 * 每个函数的全部动作（运行时可枚举的清单，权限矩阵与模糊测试按它生成）。
 * 类型保证与契约一一对应：少写、多写、写错名字都过不了 tsc（见 test/types/server-contract.ts）。
 */
export const FUNCTION_ACTIONS = {
  reports: ['submit', 'listMine', 'listFollowed', 'similar', 'follow', 'track', 'answer'],
  handling: ['queue', 'counts', 'detail', 'act'],
  stats: ['building', 'workbook'],
  account: ['me', 'landing', 'building', 'buildingQr', 'inviteInfo', 'join'],
  admin: ['createCommunity', 'overview', 'updateCommunity', 'saveBuilding', 'invite', 'revokeInvite', 'removeMember'],
  notices: ['list', 'read', 'subscribe', 'publish', 'withdraw', 'managed'],
  worklog: ['add', 'edit', 'fixHazard', 'remove', 'detail', 'list', 'form'],
  surveys: ['open', 'form', 'answer', 'create', 'close', 'managed', 'results'],
  summary: ['draft', 'trace', 'save', 'restore', 'detail', 'list', 'publish', 'comment', 'finalize', 'export'],
} as const satisfies { [F in FunctionName]: readonly ActionOf<F>[] }
export const isFunctionName = (name: string): name is FunctionName => (FUNCTION_NAMES as readonly string[]).includes(name)
