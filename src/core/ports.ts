/**
 * 领域需要的外部能力（端口）。适配器在边缘选择：本地用 SQLite，生产用云开发数据库。
 * 接口按领域的说法起名，而不是按表或集合。
 */
import type { CategoryId, Urgency } from './catalog'
import type { Building, Community, Follow, Invite, Member, Notice, NoticeRead, Report, StatusChange, Survey, SurveyAnswer, WorkLogEntry } from './model'
import type { SurveyTemplate } from './catalog'
import type { TallyRecords } from './sources'
import type { Scope, TallyBucket, TallyDelta, TallyDiff } from './tally'
import type { ReportStatus } from './workflow'
import type { HourlyLimit, LimitedIf } from './limits'
import type { CaseCandidateRow, ReportTraceQuery, SummaryComment, SummaryRecord, SummaryVersion, SummaryVersionMeta } from './summaryModel'

export interface Clock {
  /** 当前时间，ISO 8601(UTC）。 */
  now(): string
}

export interface IdGenerator {
  newId(): string
  /** 不可猜的短码（邀请码、楼栋码）：大写字母与数字，去掉易混的 0/O/1/I/L。 */
  newCode(length: number): string
}

export interface DirectoryStore {
  buildingByCode(code: string): Promise<Building | null>
  buildingById(id: string): Promise<Building | null>
  buildingsOfCommunity(communityId: string): Promise<Building[]>
  community(id: string): Promise<Community | null>
  /** 某人的全部身份（移除了的不在内）。 */
  membershipsOf(openid: string): Promise<Member[]>
  /** 某栋楼的业主代表（openid），用于新报事提醒。 */
  representativesOf(buildingId: string): Promise<string[]>
  saveCommunity(community: Community): Promise<void>
  saveBuilding(building: Building): Promise<void>
  /** 加一位成员；同一人在同一小区同一楼同一身份已有一条时不再加，返回 false。 */
  addMember(member: Member): Promise<boolean>
  /** 小区的全部成员（管理员看、移除用），按加入先后。 */
  membersOf(communityId: string): Promise<Member[]>
  /** 移除立即生效：之后 membershipsOf 不再有这条。找不到返回 false。 */
  removeMember(memberId: string): Promise<boolean>
  /** 某人作为管理员创建过的小区数（每人创建的上限）。 */
  communitiesCreatedBy(openid: string): Promise<number>
  /** 这个人用这个请求编号建过的小区的 id（建小区的幂等记录）；没有为 null。 */
  communityCreatedBy(openid: string, requestId: string): Promise<string | null>
  /**
   * 原子地建小区：记下 (创建者, 请求编号) → 小区 id、存小区、加创建者为它的管理员，要么都生效，要么都不生效。
   * 同一 (创建者, 请求编号) 已有记录时（重试，含同时的两次）什么都不改，答记录里的小区 id（created = false）。
   * 创建者已建了 maxPerCreator 个（从他已有的管理员身份数起）时什么都不改，答 'limited'；
   * 这个数与写入在同一步里，不同请求编号同时建也不会超过。
   */
  createCommunity(creation: CommunityCreation, maxPerCreator: number): Promise<{ communityId: string; created: boolean } | 'limited'>
}

/** 一次建小区：新小区（服务端随机的 id）与它的管理员（创建者本人）。 */
export interface CommunityCreation {
  requestId: string
  community: Community
  /** 创建者：openid 即创建者，communityId 即新小区，role 为 admin。 */
  admin: Member
}

export interface InviteStore {
  saveInvite(invite: Invite): Promise<void>
  inviteByCode(code: string): Promise<Invite | null>
  /** 小区里还没用过、没撤回的邀请（含已过期的，页面标明），新的在前。 */
  openInvitesOf(communityId: string): Promise<Invite[]>
  /**
   * 原子地接受邀请并加成员：只有没用过、没撤回、at 早于过期时刻的邀请才生效。
   * 同一人重试（邀请已被他本人接受）答 'accepted'，不再加成员；别人用过答 'taken'。
   */
  acceptInvite(code: string, openid: string, at: string, member: Member): Promise<'accepted' | 'taken' | 'expired' | 'revoked' | 'missing'>
  /** 撤回还没用过的邀请；已用过或找不到返回 false。 */
  revokeInvite(code: string, at: string): Promise<boolean>
  /**
   * 原子地记一次查邀请码的尝试：这个人在这个小时（hourKey）里已记的不到 max 次才记上并答 true，否则什么都不改、答 false。
   * 同时的许多次尝试里恰好 max 次答 true。
   */
  recordInviteAttempt(openid: string, hourKey: string, max: number): Promise<boolean>
  /** 退回一次已记的尝试（码是真的：用对的码不算试错）；这个小时没有记过时什么都不改。 */
  forgiveInviteAttempt(openid: string, hourKey: string): Promise<void>
}

/** 公告的查询：某小区、面向这些楼栋之一（或整个小区）的公告。 */
export interface NoticeQuery {
  communityId: string
  /** 只要面向其中任一楼栋的（整个小区的公告面向全部楼栋）；不填为小区的全部公告。 */
  buildingIds?: readonly string[]
  /** 居民看的：只要已发布、没过期（过期时刻晚于 now）的。 */
  liveAt?: string
  pinned?: boolean
  /** true 只要面向整个小区的，false 只要面向所选楼栋的（居民的置顶条先放整个小区的）。 */
  wholeCommunity?: boolean
}

export interface NoticeStore {
  /**
   * 原子地插入公告并累加统计；同一发布人用同一请求编号重试时返回第一次的那条（created = false）。
   * 给出 limit 时，额度与插入在同一个事务里（见 limits.ts）：这一小时已满则什么都不存，答 'limited'。
   */
  insertNotice<L extends HourlyLimit | undefined = undefined>(notice: Notice, deltas: TallyDelta[], limit?: L): Promise<{ notice: Notice; created: boolean } | LimitedIf<L>>
  noticeById(id: string): Promise<Notice | null>
  /** 撤回：只有已发布的才生效，返回是否改了。 */
  withdrawNotice(id: string, at: string): Promise<boolean>
  /** 按发布时间新的在前；before 为上一页最后一条（publishedAt|id）。 */
  notices(query: NoticeQuery, limit: number, before?: NoticeCursor): Promise<Notice[]>
  /** 原子地记一次阅读：每人每条只记一次（已读过返回 false，什么都不改），公告的已读人数加一、累加统计。 */
  recordRead(read: NoticeRead, deltas: TallyDelta[]): Promise<boolean>
  /** 这些公告里某人读过的（标未读用）。 */
  readNoticeIds(openid: string, noticeIds: readonly string[]): Promise<string[]>
  /** 一条公告各楼的已读人数（楼栋 id → 人数）。 */
  readersByBuilding(noticeId: string): Promise<Record<string, number>>
  /** 居民点了"订阅公告提醒"：每点一次多一次可发的额度（一次性订阅消息），最多累计 max 次。 */
  addNoticeCredit(openid: string, buildingId: string, max: number): Promise<void>
  /** 原子地取走这些楼栋里每人一次额度，答被取走额度的人（每人最多一次，至多 limit 人）。 */
  takeNoticeCredits(buildingIds: readonly string[], limit: number): Promise<{ openid: string; buildingId: string }[]>
}

export interface NoticeCursor {
  publishedAt: string
  id: string
}

/** 台账的查询：这些楼栋的，和（若给出）整个小区的。 */
export interface WorkLogQuery {
  communityId: string
  buildingIds: readonly string[]
  /** 是否也要面向整个小区（buildingId 为 null）的台账。 */
  includeCommunity: boolean
  kind?: WorkLogEntry['kind']
}

export interface WorkLogStore {
  /** 原子地插入台账并累加统计；同一人用同一请求编号重试时返回第一次的那条（created = false）。limit 同 insertNotice。 */
  insertWorkLog<L extends HourlyLimit | undefined = undefined>(entry: WorkLogEntry, deltas: TallyDelta[], limit?: L): Promise<{ entry: WorkLogEntry; created: boolean } | LimitedIf<L>>
  /**
   * 原子地整条替换并调整统计（编辑、整改隐患、删除都走这里）；只有存储里的 updatedAt 仍为 expectedUpdatedAt 时才生效，
   * 否则返回 false、什么都不改（两人同时改，后到的重读再改）。
   */
  replaceWorkLog(entry: WorkLogEntry, expectedUpdatedAt: string, deltas: TallyDelta[]): Promise<boolean>
  workLogById(id: string): Promise<WorkLogEntry | null>
  /** 没删除的台账，按日期新的在前（同日按 id）；before 为上一页最后一条。 */
  workLog(query: WorkLogQuery, limit: number, before?: WorkLogCursor): Promise<WorkLogEntry[]>
}

/** 问卷的查询：某小区、面向这些楼栋之一的问卷。 */
export interface SurveyQuery {
  communityId: string
  /** 只要面向其中任一楼栋的；不填为小区的全部问卷。 */
  buildingIds?: readonly string[]
  /** 只要此刻开着的：已开始（opensAt ≤ openAt）、没到截止（closesAt > openAt）、没提前结束。 */
  openAt?: string
  /** 只要还没结束的（开着的与没开始的）：截止晚于此刻、没提前结束。每楼没结束的问卷有上限。 */
  unfinishedAt?: string
  /** true 只要面向整个小区的，false 只要面向所选楼栋的（两种各有各的上限，谁也挤不掉谁）。 */
  wholeCommunity?: boolean
}

export interface SurveyStore {
  /** 原子地插入问卷并累加统计（各楼的户数）；同一发起人用同一请求编号重试时返回第一次的那份（created = false）。 */
  insertSurvey(survey: Survey, deltas: TallyDelta[]): Promise<{ survey: Survey; created: boolean }>
  surveyById(id: string): Promise<Survey | null>
  /** 按创建时间新的在前；before 为上一页最后一条（createdAt|id）。 */
  surveys(query: SurveyQuery, limit: number, before?: PageCursor): Promise<Survey[]>
  /** 提前结束：只对还没结束的生效，返回是否改了。 */
  closeSurvey(id: string, at: string): Promise<boolean>
  /** 同一模板、在 before 之前开始的问卷里最近的一份（环比用）；没有为 null。 */
  previousSurvey(communityId: string, template: SurveyTemplate, before: string): Promise<Survey | null>
  answerOf(surveyId: string, openid: string): Promise<SurveyAnswer | null>
  /**
   * 原子地存一份答卷并调整统计。每人每卷只有一份，由存储保证：
   *   previous 为 null 时，只有此人还没有答卷才插入（并发的两次提交只有一次生效，另一次返回 false）；
   *   previous 不为 null 时，只有存储里那份仍是 previous（同一请求编号与时刻）才替换，否则返回 false。
   * 返回 false 时什么都不改。给出 limit 时插入与替换都占一次额度（同 insertNotice），已满答 'limited'。
   */
  saveAnswer<L extends HourlyLimit | undefined = undefined>(answer: SurveyAnswer, previous: SurveyAnswer | null, deltas: TallyDelta[], limit?: L): Promise<boolean | LimitedIf<L>>
  /** 一份问卷的全部答卷（结果页在用例里汇总，不带出身份）。 */
  answersOf(surveyId: string): Promise<SurveyAnswer[]>
}

export interface WorkLogCursor {
  date: string
  id: string
}

export interface ReportStore {
  /**
   * 原子地插入报事并累加统计。同一报事人用同一请求编号重试时，不再插入，
   * 返回第一次存下的那条（created = false），统计也不再累加，也不占额度。limit 同 insertNotice。
   */
  insertReport<L extends HourlyLimit | undefined = undefined>(report: Report, deltas: TallyDelta[], limit?: L): Promise<{ report: Report; created: boolean } | LimitedIf<L>>
  /**
   * 原子地改变状态、留痕并调整统计；只有当前状态仍为 expected 时才生效（防并发覆盖），
   * 否则返回 false、什么都不改。
   */
  changeStatus(change: StatusChange, expected: ReportStatus, deltas: TallyDelta[], patch?: ReportPatch): Promise<boolean>
  reportById(id: string): Promise<Report | null>
  /** 某人提交的报事，新的在前；before 为上一页最后一条的 createdAt|id。 */
  reportsByReporter(openid: string, limit: number, before?: PageCursor): Promise<Report[]>
  /** 一条报事的流转留痕，按先后。 */
  statusChangesOf(reportId: string): Promise<StatusChange[]>
  /** 代表的队列：按条件筛选，按提交时间排序，after 为上一页最后一条。 */
  queueReports(query: ReportQuery, limit: number, after?: PageCursor): Promise<Report[]>
  /** 符合条件的报事条数（代表首页的待办数）。 */
  countReports(query: ReportQuery): Promise<number>
  /**
   * 原子地加一位关注者：记下关注、报事的关注人数加一、累加统计。已经关注过的返回 false，什么都不改。
   * 报事不存在时抛错（用例先读到报事才会调用）。limit 同 insertNotice（已关注的不占额度）。
   */
  addFollower<L extends HourlyLimit | undefined = undefined>(follow: Follow, deltas: TallyDelta[], limit?: L): Promise<boolean | LimitedIf<L>>
  /** 一条报事的关注者（openid），按关注先后。 */
  followersOf(reportId: string): Promise<string[]>
  /** 某人关注的报事，新的在前（按报事提交时间）。 */
  reportsFollowedBy(openid: string, limit: number, before?: PageCursor): Promise<Report[]>
}

/**
 * 工作总结的存储：总结与各版、居民意见；以及起草与"数字背后的记录"要的两种报事查询
 * （都走索引、有上限，与报事总条数无关）。
 */
export interface SummaryStore {
  /**
   * 典型案例的候选：这些楼、这些提交月里，三条规则——关注最多的已办结（待确认、已解决）、第一次标记已处理最快的紧急报事、
   * 提交最早的未办结——各自在整个范围里排前 perRule 的一定在内；适配器可以多给（SQLite 按楼按月、按状态各取 perRule 条，
   * 云开发每条规则一个查询）。读取量只随楼数、月数与 perRule 变，与报事条数无关。
   */
  caseCandidates(buildingIds: readonly string[], months: readonly string[], perRule: number): Promise<CaseCandidateRow[]>
  /** 按条件列报事，提交早的在前；after 为上一页最后一条。 */
  traceReports(query: ReportTraceQuery, limit: number, after?: PageCursor): Promise<Report[]>
  countTraceReports(query: ReportTraceQuery): Promise<number>
  /** 新总结连同第 1 版一起存下；同一起草人用同一请求编号重试时答第一次的（created = false）。 */
  insertSummary(summary: SummaryRecord, first: SummaryVersion): Promise<{ summary: SummaryRecord; created: boolean }>
  /**
   * 存下一版：同一份总结里已有同一人同一请求编号的那版时答它（created = false，什么都不改）；
   * 否则只有总结仍是 expectedLatest 版、且不是定稿时才存（latestVersion、标题、更新时刻跟着改），不然答 null。
   */
  appendSummaryVersion(version: SummaryVersion, expectedLatest: number): Promise<{ version: SummaryVersion; created: boolean } | null>
  summaryById(id: string): Promise<SummaryRecord | null>
  summaryVersion(summaryId: string, version: number): Promise<SummaryVersion | null>
  /** 各版的说明（不含文档），按版本号。 */
  summaryVersions(summaryId: string): Promise<SummaryVersionMeta[]>
  /** 小区里的总结，更新晚的在前；buildingIds 给出时只要这些楼的（不含整个小区的）。 */
  summariesOf(communityId: string, buildingIds: readonly string[] | null, limit: number): Promise<SummaryRecord[]>
  /** 改状态（征求意见、公示）：只有存储里的状态仍为 from、最新版仍为 latestVersion 时才改，答是否改了。 */
  updateSummaryStatus(id: string, from: SummaryRecord['status'], latestVersion: number, patch: Partial<Pick<SummaryRecord, 'status' | 'noticeId' | 'finalNoticeId' | 'consultUntil' | 'finalizedAt' | 'updatedAt'>>): Promise<boolean>
  /** 存一条意见；同一人同一请求编号重试答第一次的（created = false）。limit 同 insertNotice。 */
  insertSummaryComment<L extends HourlyLimit | undefined = undefined>(comment: SummaryComment, limit?: L): Promise<{ comment: SummaryComment; created: boolean } | LimitedIf<L>>
  /** 一份总结的意见，早的在前，至多 limit 条。 */
  summaryComments(summaryId: string, limit: number): Promise<SummaryComment[]>
  summaryCommentsBy(summaryId: string, openid: string): Promise<SummaryComment[]>
  countSummaryComments(summaryId: string): Promise<number>
}

/** 翻页游标：上一页最后一条的提交时间与 id。 */
export interface PageCursor {
  createdAt: string
  id: string
}

/** 流转时一并改在报事上的字段（派给谁、并入哪条）。 */
export type ReportPatch = Partial<Pick<Report, 'assignee' | 'mergedInto'>>

/** 报事查询条件；空数组的 statuses 表示不限状态。 */
export interface ReportQuery {
  buildingIds: readonly string[]
  statuses: readonly ReportStatus[]
  category?: CategoryId
  urgency?: Urgency
  /** 超时筛选：各紧急程度只要提交早于这个时刻的；没列出的紧急程度不要。 */
  createdBefore?: Partial<Record<Urgency, string>>
  order: 'asc' | 'desc'
}

/** 照片的内容安全检测：提交时每张一条（pending），平台推送结论后改为 pass 或 risky。 */
export type PhotoVerdict = 'pending' | 'pass' | 'risky'
export interface PhotoCheck {
  traceId: string
  fileId: string
  reportId: string
  uploaderId: string
  verdict: PhotoVerdict
  at: string
}

export interface PhotoCheckStore {
  /** 同一追踪号再记一次是覆盖。 */
  recordPhotoChecks(checks: PhotoCheck[]): Promise<void>
  /** 按追踪号记下结论，只改还在待检的（重放的推送不能把有风险改回通过）；找不到这个追踪号返回 false。 */
  setPhotoVerdict(traceId: string, verdict: PhotoVerdict): Promise<boolean>
  /** 一条报事里被判为有风险的照片（fileID，按送检先后）：只给上传者本人看。 */
  riskyPhotosOf(reportId: string): Promise<string[]>
}

/** 用例读统计：若干范围、若干月份的桶（一个期间最多 12 个月）。 */
export interface TallyReader {
  bucketsOf(scopes: readonly Scope[], months: readonly string[]): Promise<TallyBucket[]>
}

/**
 * 管理工具用的统计维护（npm run tally:check），与用例看到的端口分开：用例不能重写统计。
 * 全部读取都分页（云开发每次最多读 100 条），从不一次读整个集合。
 */
export interface TallyMaintenance {
  /** 全部桶。 */
  allBuckets(): Promise<TallyBucket[]>
  /** 统计所依据的全部原始记录。 */
  rawRecords(): Promise<TallyRecords>
  /**
   * 用重算结果改正桶：只写有差异的桶，返回改正前的差异。
   * SQLite 在一个写事务里读记录、重算、改正，期间的写入排队等待；
   * 云开发做不到跨集合读的事务，应在无人写入时执行，执行后再核对一次。
   */
  rebuild(recount: (records: TallyRecords) => TallyBucket[]): Promise<TallyDiff>
  /** 还没归并进桶的统计事件数（云开发；SQLite 同步累加，总是 0）。读统计时已把它们算上。 */
  pendingTallyEvents(): Promise<number>
}

/**
 * 统计归并（定时触发的云函数 tally 用）：把写入时记下的统计事件加进桶。同一时刻只有一个归并在跑，
 * 重叠的一次答 busy、什么都不做；中途崩溃不会少加或多加（见 server/storage/cloudbase/tallyLog.ts）。
 * SQLite 在写入的事务里直接累加，没有可归并的。
 */
export interface TallyFolder {
  foldTallies(): Promise<{ folded: number; pending: number; busy: boolean }>
}

// —— 平台能力（生产用微信云调用，本地宿主用本地实现；见 server/platform）——

/** 文本内容安全检测的结论：risky 拒收；review 收下但可能需要代表留意。 */
export type ContentVerdict = { ok: true; needsReview: boolean } | { ok: false; reason: string }
/** msgSecCheck v2 的场景：资料、评论、论坛、社交日志。报事像论坛帖子，会被代表与邻居看到。 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'journal'

export interface ContentChecker {
  checkText(text: string, openid: string, scene: ContentScene): Promise<ContentVerdict>
  /** 图片是异步检测：提交后立即返回追踪号，结论由平台事件推送。 */
  submitImage(fileUrl: string, openid: string, scene: ContentScene): Promise<{ traceId: string }>
}

/** 一条订阅消息（字段已按模板规则校验与裁剪，见 subscribe.ts）。 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  /** 点开消息后进入的小程序页面（可带参数）。 */
  page: string
  data: Record<string, { value: string }>
}
/** sent：已下发；not_subscribed：用户没有（或已用完）这次订阅；failed：其他错误。 */
export type NotifyOutcome = 'sent' | 'not_subscribed' | 'failed'

export interface Notifier {
  send(message: SubscribeMessage): Promise<NotifyOutcome>
}

export interface QrImage {
  contentType: string
  data: Uint8Array
}

export interface QrCodeMaker {
  /** 楼栋二维码：扫码进入该楼的首页（小程序码 scene 为 b=楼栋码）。 */
  buildingQr(buildingCode: string): Promise<QrImage>
  /** 邀请二维码：扫码进入接受邀请的页面（小程序码 scene 为 i=邀请码）。 */
  inviteQr(inviteCode: string): Promise<QrImage>
}

export interface FileStorage {
  /** 存一个文件，返回以后引用它的 fileID。 */
  upload(path: string, content: Uint8Array): Promise<string>
  /** fileID → 可以直接展示的临时地址；找不到的不在结果里。 */
  temporaryUrls(fileIds: string[]): Promise<Record<string, string>>
  /**
   * 服务端核对上传的文件：按文件头认出的类型与字节数；找不到为 null。
   * problem：认得出类型、却不是一张能用的图（截断、只有魔数、宽高为 0 或离谱）时的原因，接在"第 N 张照片"后面读。
   */
  describe(fileId: string): Promise<{ contentType: string | null; bytes: number; problem?: string | null } | null>
}

export interface Platform {
  content: ContentChecker
  notifier: Notifier
  qr: QrCodeMaker
  files: FileStorage
}

// —— 日志（部署后写 JSON 行进云开发日志服务，本地宿主写给人看的行；见 server/platform/logger.ts）——

/** 随日志一起记下的东西：出错时的异常，和帮助定位的少量字段（不放报事原文这类居民写的内容）。 */
export interface LogFields {
  error?: unknown
  details?: Record<string, unknown>
}

/**
 * 运维日志。消息用中文写给看日志的人；居民看到的答复不经过这里。
 * error：请求失败或出了没预料的异常；warn：降级但照常答复（如检测服务不可用而放行）；info：值得留痕的常态事件。
 */
export interface Logger {
  error(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
}
