/**
 * 云开发数据库存储适配器（wx-server-sdk 的 cloud.database()），实现与 SQLite 适配器相同的存储端口。
 * 集合与索引见 cloudbase/database.json（scripts/cloud-setup.ts 按它创建）。
 *
 * 云开发与 SQLite 的差别，以及这里的对策：
 *   - 没有 "INSERT … ON CONFLICT"：报事的幂等靠 reports 上 (reporterId, requestId) 的唯一索引；
 *     插入失败时再按这两个字段读回第一次存下的那条。
 *   - 统计桶用确定的 _id（范围|月份|指标），在与被统计的写入同一个事务里 _.inc 累加；
 *     事务冲突（同楼同时提交）时退避重试。
 *   - 一次读取最多返回有限条数：所有"读全部"都按 _id 或时间游标分页，每页 PAGE_SIZE 条。
 *   - 文档内只存领域字段，_id 即领域 id。
 *   - 没有迁移的旧文档缺后来加的字段：读出时补默认值（与 SQLite 的列默认值一致），查询靠迁移补齐的字段。
 *   - 事务里不能查询：关注用确定的 _id（报事|openid），"是否已关注"是按 _id 读一个文档；
 *     成员（openid|小区|楼|身份）、公告阅读（公告|openid）、提醒额度（openid|楼）同理。
 *     公告与台账的幂等同报事：(authorId, requestId) 上的唯一索引。
 *   - 每小时限额：额度文档（_id 为 动作|人）与被限的写入在同一个事务里读写（见 cloudbaseLimits.ts）。
 *   - 问卷同公告（唯一索引 + 另存 targetIds）；答卷的 _id 为 问卷|openid：每人每卷一份由 _id 保证，
 *     同一人同时交两份时两个事务写同一个 _id，后写的冲突、重试时读到已有那份，答 false。
 */
import {
  DEFAULT_OVERDUE_HOURS,
  type Building,
  type Community,
  type Follow,
  type Invite,
  type Member,
  type Membership,
  type Notice,
  type NoticeRead,
  type Report,
  type StatusChange,
  type Survey,
  type SurveyAnswer,
  type WorkLogEntry,
} from '../../src/core/model'
import type {
  DirectoryStore,
  InviteStore,
  NoticeQuery,
  NoticeStore,
  PageCursor,
  PhotoCheck,
  PhotoCheckStore,
  ReportQuery,
  ReportStore,
  SurveyQuery,
  SurveyStore,
  TallyMaintenance,
  TallyReader,
  WorkLogQuery,
  WorkLogStore,
} from '../../src/core/ports'
import { bucketId, diffBuckets, type TallyBucket, type TallyDelta } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'
import { createHash } from 'node:crypto'
import { isTransactionConflict } from './cloudbaseErrors'
import { HOUR_FULL, HOURLY_LIMITS_COLLECTION, useHourlyLimit } from './cloudbaseLimits'
import { limitedFor } from '../../src/core/limits'
import { cloudbaseSummaryStore, MILESTONE_FIELDS } from './cloudbaseSummary'
import { minutesBetween, RESPONDING_STATUSES } from '../../src/core/sources/reports'
import type { SummaryStore, TallyFolder } from '../../src/core/ports'
import { createTallyLog, TALLY_EVENTS, TALLY_STATE } from './cloudbaseTallyLog'

/** 每页读取条数：云开发未指定 limit 时的默认值，也是文档建议的上限。 */
export const PAGE_SIZE = 100

export const COLLECTIONS = {
  communities: 'communities',
  buildings: 'buildings',
  memberships: 'memberships',
  reports: 'reports',
  statusChanges: 'statusChanges',
  tallies: 'tallies',
  follows: 'follows',
  photoChecks: 'photoChecks',
  invites: 'invites',
  notices: 'notices',
  noticeReads: 'noticeReads',
  noticeCredits: 'noticeCredits',
  workLog: 'workLog',
  surveys: 'surveys',
  surveyAnswers: 'surveyAnswers',
  summaries: 'summaries',
  summaryVersions: 'summaryVersions',
  summaryComments: 'summaryComments',
  communityCreations: 'communityCreations',
  communityCreators: 'communityCreators',
  inviteAttempts: 'inviteAttempts',
  hourlyLimits: HOURLY_LIMITS_COLLECTION,
  tallyEvents: TALLY_EVENTS,
  tallyState: TALLY_STATE,
  migrations: 'migrations',
} as const

// —— wx-server-sdk 数据库接口里用到的那一小部分（结构类型，便于在边缘注入）——
type Data = Record<string, unknown>
interface DocRef {
  get(): Promise<{ data: Data | null }>
  set(options: { data: Data }): Promise<unknown>
  update(options: { data: Data }): Promise<{ stats?: { updated: number } }>
  remove(): Promise<unknown>
}
interface Query {
  where(condition: Data): Query
  update(options: { data: Data }): Promise<{ stats?: { updated: number } }>
  remove(): Promise<{ stats?: { removed: number } }>
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  limit(n: number): Query
  get(): Promise<{ data: Data[] }>
  count(): Promise<{ total: number }>
}
interface CollectionRef extends Query {
  doc(id: string): DocRef
  add(options: { data: Data }): Promise<unknown>
}
interface TxCollectionRef {
  doc(id: string): DocRef
  add(options: { data: Data }): Promise<unknown>
}
export interface Transaction {
  collection(name: string): TxCollectionRef
}
interface Command {
  in(values: unknown[]): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  inc(n: number): unknown
  /** 整个替换一个字段的值。更新里直接写对象，SDK 会把它拆成逐个子字段的 $set（空对象则整个丢掉）。 */
  set(value: unknown): unknown
  or(conditions: Data[]): unknown
  and(conditions: unknown[]): Data
  exists(present: boolean): unknown
}
export interface CloudDatabase {
  command: Command
  collection(name: string): CollectionRef
  runTransaction<T>(run: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>
}

/** 一人在一个小区同一楼同一身份只有一条：确定的 _id 让"是否已是成员"在事务里按 _id 读得到；成员自己的 id 另存在 id 字段。 */
const membershipId = (openid: string, m: Membership) => [openid, m.communityId, m.buildingId ?? '', m.role].join('|')
/** 建小区的幂等记录：每人每个请求编号一条（请求编号只含字母、数字、_ 与 -，不会含 |）。 */
const communityCreationId = (openid: string, requestId: string) => `${openid}|${requestId}`
/** 查邀请码的尝试：每人每小时一条。 */
const inviteAttemptId = (openid: string, hourKey: string) => `${openid}|${hourKey}`
/** 每人每条公告只读一次。 */
const noticeReadId = (noticeId: string, openid: string) => `${noticeId}|${openid}`
/** 每人每栋楼一份提醒额度。 */
const noticeCreditId = (openid: string, buildingId: string) => `${openid}|${buildingId}`
/** 每人每卷一份答卷。 */
const surveyAnswerId = (surveyId: string, openid: string) => `${surveyId}|${openid}`
const changeId = (reportId: string, seq: number) => `${reportId}:${String(seq).padStart(4, '0')}`
/** 一人对一条报事只有一条关注：确定的 _id 让"是否已关注"在事务里按 _id 读得到。 */
const followId = (reportId: string, openid: string) => `${reportId}|${openid}`

/**
 * 文档就是领域对象：_id 即领域 id，另有几个只供存储用的字段（报事的 revision、楼栋的 codeKey）。
 * 读回时去掉它们，其余字段原样交回。
 */
function fromDoc<T>(doc: Data, storageOnly: string[] = []): T {
  const { _id, ...fields } = doc
  for (const key of storageOnly) delete fields[key]
  return { id: String(_id), ...fields } as T
}

/** 报事后来加的字段在旧文档里的值（迁移 2026-11-report-life 把它们补进库里）。 */
const REPORT_DEFAULTS: Pick<Report, 'urgency' | 'contactPhone' | 'assignee' | 'mergedInto' | 'followers'> = {
  urgency: 'normal',
  contactPhone: '',
  assignee: null,
  mergedInto: null,
  followers: 0,
}
const toReport = (doc: Data): Report => ({ ...REPORT_DEFAULTS, ...fromDoc<Report>(doc, ['revision', ...MILESTONE_FIELDS]) })
const toBuilding = (doc: Data) => fromDoc<Building>(doc, ['codeKey'])
/** 桶的 _id（范围|月份|指标）只是存储键，领域里的桶没有 id。 */
const toBucket = (doc: Data): TallyBucket => ({
  scope: doc.scope as TallyBucket['scope'],
  month: doc.month as string,
  metric: doc.metric as string,
  count: doc.count as number,
  sum: doc.sum as number,
})
const bucketDoc = (b: TallyBucket) => ({ scope: b.scope, month: b.month, metric: b.metric, count: b.count, sum: b.sum })
const toStatusChange = (d: Data): StatusChange => ({
  reportId: d.reportId as string,
  from: d.from as string,
  to: d.to as ReportStatus,
  note: d.note as string,
  actorId: d.actorId as string,
  at: d.at as string,
  requestId: (d.requestId as string | undefined) ?? '',
  details: (d.details as StatusChange['details'] | undefined) ?? {},
})
/** 关注文档另存被关注报事的提交时间（reportCreatedAt），"我关注的"按它排序翻页；领域里的关注没有它。 */
const toFollow = (d: Data): Follow => ({ reportId: d.reportId as string, openid: d.openid as string, at: d.at as string, via: d.via as Follow['via'] })
/**
 * 迁移 2026-11-governance 之前的成员文档没有 id：由 _id 确定地算出一个（迁移写进库里的也是它）。
 * 不直接用 _id：它含 openid，而成员 id 会给管理员看到。
 */
export const legacyMemberId = (docId: string) => `m${createHash('sha256').update(docId).digest('hex').slice(0, 19)}`

/** 没有 id、称呼、名义与加入时刻的旧成员文档取 legacyMemberId 与默认值。 */
const toMember = (d: Data): Member => ({
  id: (d.id as string | undefined) ?? legacyMemberId(String(d._id)),
  openid: d.openid as string,
  communityId: d.communityId as string,
  buildingId: (d.buildingId as string | null | undefined) ?? null,
  role: d.role as Member['role'],
  name: (d.name as string | undefined) ?? '',
  body: (d.body as Member['body'] | undefined) ?? null,
  since: (d.since as string | undefined) ?? '',
})
const memberDoc = (m: Member): Data => ({ ...m })
/** 邀请的 _id 即邀请码。 */
const toInvite = (d: Data): Invite => {
  const { _id, ...fields } = d
  return { code: String(_id), ...fields } as Invite
}
/** 公告文档另存面向的楼栋 id 的数组（targetIds），按楼筛选走它的索引；领域里的公告没有它。 */
// readers：旧版本在公告文档上记的已读人数（热点文档，高峰时冲突），现在从阅读回执数；旧文档里的这一项丢掉。
const toNotice = (d: Data) => fromDoc<Notice>(d, ['targetIds', 'readers'])
const toNoticeRead = (d: Data): NoticeRead => ({ noticeId: d.noticeId as string, openid: d.openid as string, buildingId: d.buildingId as string, at: d.at as string })
const toWorkLog = (d: Data) => fromDoc<WorkLogEntry>(d)
/** 问卷文档同公告，另存面向的楼栋 id 的数组（targetIds）。 */
const toSurvey = (d: Data) => fromDoc<Survey>(d, ['targetIds'])
const toSurveyAnswer = (d: Data): SurveyAnswer => ({
  surveyId: d.surveyId as string,
  openid: d.openid as string,
  buildingId: d.buildingId as string,
  unit: d.unit as string,
  room: d.room as string,
  values: (d.values as SurveyAnswer['values'] | undefined) ?? {},
  requestId: d.requestId as string,
  at: d.at as string,
})
const surveyAnswerDoc = (a: SurveyAnswer): Data => ({ ...a })
const byCreation = <T extends { id: string }>(at: (x: T) => string) => (a: T, b: T) =>
  at(a) === at(b) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : at(a) < at(b) ? -1 : 1
/** 答卷按问卷、交卷时刻、openid 排（与 SQLite 一致）。 */
const byAnswerOrder = (a: SurveyAnswer, b: SurveyAnswer) => {
  const ka = [a.surveyId, a.at, a.openid]
  const kb = [b.surveyId, b.at, b.openid]
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
  return 0
}
const toPhotoCheck = (d: Data): PhotoCheck => ({
  traceId: String(d._id),
  fileId: d.fileId as string,
  reportId: d.reportId as string,
  uploaderId: d.uploaderId as string,
  verdict: d.verdict as PhotoCheck['verdict'],
  at: d.at as string,
})

export interface CloudbaseStoreOptions {
  /** 事务冲突后的最多重试次数（SDK 自己只立即重试 3 次，同楼同时提交会用完）。 */
  conflictRetries?: number
  /** 第 n 次重试前等待的毫秒数；带抖动，让冲突的几方错开。 */
  backoff?: (attempt: number) => number
  /** 毫秒时钟（统计归并的租约）；测试注入。 */
  now?: () => number
}

/**
 * 指数退避加全抖动：第 n 次等 0 到 min(400, 8·2ⁿ) 毫秒。同楼同月的提交都要加同几个桶，
 * 线性退避在真实网络延迟下 12 路并发会用完 10 次重试（协作者实测 11/12）；指数退避把冲突的几方摊开，
 * 14 次重试的期望等待约 1.5 s，在云函数的超时（部署时设为 10 s，见 README）之内。
 */
const defaultBackoff = (attempt: number) => Math.round(Math.random() * Math.min(400, 8 * 2 ** attempt))

/** 云开发数据库实现全部存储端口；用例只拿到它们各自用的那几个。 */
export type CloudbaseStore = DirectoryStore & InviteStore & NoticeStore & WorkLogStore & SurveyStore & SummaryStore & ReportStore & PhotoCheckStore & TallyReader & TallyMaintenance & TallyFolder

/** 一次流转要记下的报事里程碑（与 SQLite 的 setMilestones、迁移里的 milestonesFrom 同一规则）。 */
function milestonePatch(current: Data, change: StatusChange, expected: ReportStatus): Data {
  const out: Data = {}
  const handledCount = (current.handledCount as number | undefined) ?? 0
  if (!current.respondedAt && expected === 'pending' && RESPONDING_STATUSES.includes(change.to)) out.respondedAt = change.at
  if (change.to === 'awaiting_confirmation') {
    if (!current.handledAt) {
      out.handledAt = change.at
      out.handlingMinutes = minutesBetween(current.createdAt as string, change.at)
    }
    out.handledCount = handledCount + 1
  }
  if (change.to === 'resolved') {
    if (!current.resolvedAt) {
      out.resolvedAt = change.at
      out.firstTimeResolved = handledCount === 1
    }
    if (change.details.rating) out.ratingCount = ((current.ratingCount as number | undefined) ?? 0) + 1
  }
  return out
}

/** (createdAt, _id) 严格在游标之后（按 order 的方向）：同一时刻的按 _id 接着排。 */
function afterCursor(_: Command, cursor: PageCursor, order: 'asc' | 'desc'): Data {
  const beyond = (value: string) => (order === 'asc' ? _.gt(value) : _.lt(value))
  return _.or([{ createdAt: beyond(cursor.createdAt) }, { createdAt: cursor.createdAt, _id: beyond(cursor.id) }]) as Data
}

/** 报事查询条件；null 表示必然为空（不必问数据库）。 */
function queueCondition(_: Command, query: ReportQuery): Data[] | null {
  if (query.buildingIds.length === 0) return null
  const parts: Data[] = [{ buildingId: _.in([...query.buildingIds]) }]
  if (query.statuses.length) parts.push({ status: _.in([...query.statuses]) })
  if (query.category) parts.push({ category: query.category })
  if (query.urgency) parts.push({ urgency: query.urgency })
  if (query.createdBefore) {
    // 超时：各紧急程度有各自的界限；没列出的紧急程度不要。
    const limits = Object.entries(query.createdBefore).filter((e): e is [string, string] => typeof e[1] === 'string')
    if (limits.length === 0) return null
    parts.push(_.or(limits.map(([urgency, before]) => ({ urgency, createdAt: _.lt(before) }))) as Data)
  }
  return parts
}

export function createCloudbaseStore(db: CloudDatabase, options: CloudbaseStoreOptions = {}): CloudbaseStore {
  // 用到时才取 command：部署后的函数在第一次读写之前不初始化 SDK（初始化会联网取凭证）。
  const _ = () => db.command
  const retries = options.conflictRetries ?? 14
  const backoff = options.backoff ?? defaultBackoff

  /** 事务冲突时退避重试；其他错误原样抛出。 */
  async function transact(run: (tx: Transaction) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.runTransaction(run, 1)
        return
      } catch (error) {
        if (!isTransactionConflict(error) || attempt > retries) throw error
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)))
      }
    }
  }
  const coll = (name: keyof typeof COLLECTIONS) => db.collection(COLLECTIONS[name])

  /** 读一个查询的全部结果：按 _id 升序，以上一页最后一个 _id 为游标逐页读取。 */
  async function readAll(name: keyof typeof COLLECTIONS, condition: Data = {}): Promise<Data[]> {
    const all: Data[] = []
    let after: string | undefined
    for (;;) {
      const where = after === undefined ? condition : { ...condition, _id: _().gt(after) }
      const { data } = await coll(name).where(where).orderBy('_id', 'asc').limit(PAGE_SIZE).get()
      all.push(...data)
      if (data.length < PAGE_SIZE) return all
      after = String(data[data.length - 1]._id)
    }
  }

  /** 某人作为管理员的小区数（移除了的不算）。 */
  async function adminCommunityCount(openid: string): Promise<number> {
    const docs = await readAll('memberships', { openid, role: 'admin' })
    return new Set(docs.map((d) => d.communityId)).size
  }

  const tallyLog = createTallyLog({ db, transact, readAll: (collection, condition) => readAll(collection as keyof typeof COLLECTIONS, condition), now: options.now ?? Date.now })

  /** 统计不在用户的事务里累加：只记一条事件，由定时的归并加进桶（见 cloudbaseTallyLog.ts）。 */
  const applyDeltas = (tx: Transaction, deltas: TallyDelta[]) => tallyLog.record(tx, deltas)

  async function rawRecords() {
    const reports = (await readAll('reports')).map(toReport).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    const changes = (await readAll('statusChanges')).sort((a, b) =>
      a.reportId === b.reportId ? (a.seq as number) - (b.seq as number) : (a.reportId as string) < (b.reportId as string) ? -1 : 1,
    )
    const follows = (await readAll('follows')).map(toFollow)
    const notices = (await readAll('notices')).map(toNotice).sort(byCreation((n) => n.publishedAt))
    const noticeReads = (await readAll('noticeReads')).map(toNoticeRead)
    const workLog = (await readAll('workLog')).map(toWorkLog).sort(byCreation((e) => e.createdAt))
    const surveys = (await readAll('surveys')).map(toSurvey).sort(byCreation((s) => s.createdAt))
    const surveyAnswers = (await readAll('surveyAnswers')).map(toSurveyAnswer).sort(byAnswerOrder)
    return { reports, statusChanges: changes.map(toStatusChange), follows, notices, noticeReads, workLog, surveys, surveyAnswers }
  }

  /**
   * 按 (field, _id) 新的在前读到 limit 条：每页不超过 PAGE_SIZE，以上一页最后一条为游标接着读；
   * before 为上一次交回的最后一条（不含它）。
   */
  async function newestFirst(name: keyof typeof COLLECTIONS, parts: Data[], field: string, limit: number, before?: { value: string; id: string }): Promise<Data[]> {
    const found: Data[] = []
    let cursor = before
    while (found.length < limit) {
      const after = cursor && (_().or([{ [field]: _().lt(cursor.value) }, { [field]: cursor.value, _id: _().lt(cursor.id) }]) as Data)
      const condition = _().and(after ? [...parts, after] : parts)
      const pageSize = Math.min(PAGE_SIZE, limit - found.length)
      const { data } = await coll(name).where(condition).orderBy(field, 'desc').orderBy('_id', 'desc').limit(pageSize).get()
      found.push(...data)
      if (data.length < pageSize) break
      const last = data[data.length - 1]
      cursor = { value: last[field] as string, id: String(last._id) }
    }
    return found
  }

  /** 公告列表的条件；null 表示必然为空。 */
  function noticeCondition(query: NoticeQuery): Data[] | null {
    const parts: Data[] = [{ communityId: query.communityId }]
    if (query.buildingIds) {
      if (query.buildingIds.length === 0) return null
      // 数组字段上的 in：面向的楼栋里有任一个就算。
      parts.push({ targetIds: _().in([...query.buildingIds]) })
    }
    if (query.liveAt !== undefined) {
      parts.push({ status: 'published' }, _().or([{ expiresAt: null }, { expiresAt: _().gt(query.liveAt) }]) as Data)
    }
    if (query.pinned !== undefined) parts.push({ pinned: query.pinned })
    if (query.wholeCommunity !== undefined) parts.push({ wholeCommunity: query.wholeCommunity })
    return parts
  }

  /** 问卷列表的条件；null 表示必然为空。 */
  function surveyCondition(query: SurveyQuery): Data[] | null {
    const parts: Data[] = [{ communityId: query.communityId }]
    if (query.buildingIds) {
      if (query.buildingIds.length === 0) return null
      parts.push({ targetIds: _().in([...query.buildingIds]) })
    }
    // 此刻开着的：已开始、没到截止、没提前结束。
    if (query.openAt !== undefined) parts.push({ opensAt: _().lte(query.openAt), closesAt: _().gt(query.openAt), closedAt: null })
    if (query.unfinishedAt !== undefined) parts.push({ closesAt: _().gt(query.unfinishedAt), closedAt: null })
    if (query.wholeCommunity !== undefined) parts.push({ wholeCommunity: query.wholeCommunity })
    return parts
  }

  /** 台账列表的条件：没删除的，这些楼栋的，和（若要）整个小区的（buildingId 为 null）。 */
  function workLogCondition(query: WorkLogQuery): Data[] | null {
    const places: (string | null)[] = [...query.buildingIds, ...(query.includeCommunity ? [null] : [])]
    if (places.length === 0) return null
    const parts: Data[] = [{ communityId: query.communityId, removedAt: null, buildingId: _().in(places) }]
    if (query.kind) parts.push({ kind: query.kind })
    return parts
  }

  async function byRequest<T>(name: 'notices' | 'workLog' | 'surveys', authorId: string, requestId: string, to: (d: Data) => T): Promise<T | null> {
    const { data } = await coll(name).where({ authorId, requestId }).limit(1).get()
    return data.length ? to(data[0]) : null
  }

  /** 按 id 读一批报事（每批不超过 PAGE_SIZE），按给定的 id 顺序交回；读不到的略去。 */
  async function reportsByIds(ids: string[]): Promise<Report[]> {
    if (ids.length === 0) return []
    const { data } = await coll('reports').where({ _id: _().in(ids) }).limit(ids.length).get()
    const byId = new Map(data.map((d) => [String(d._id), toReport(d)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  async function reportByRequest(reporterId: string, requestId: string): Promise<Report | null> {
    const { data } = await coll('reports').where({ reporterId, requestId }).limit(1).get()
    return data.length ? toReport(data[0]) : null
  }

  return {
    ...cloudbaseSummaryStore(db, { transact, toReport }),
    async buildingByCode(code) {
      const { data } = await coll('buildings').where({ codeKey: code.toUpperCase() }).limit(1).get()
      return data.length ? toBuilding(data[0]) : null
    },
    async buildingById(id) {
      const { data } = await coll('buildings').doc(id).get()
      return data ? toBuilding(data) : null
    },
    async buildingsOfCommunity(communityId) {
      const docs = await readAll('buildings', { communityId })
      return docs.map(toBuilding).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    },
    async community(id): Promise<Community | null> {
      const { data } = await coll('communities').doc(id).get()
      if (!data) return null
      const overdueHours = (data.overdueHours as Community['overdueHours'] | undefined) ?? { ...DEFAULT_OVERDUE_HOURS }
      // 迁移 2026-11-governance 之前的小区没有 oldEstate。
      const oldEstate = (data.oldEstate as boolean | undefined) ?? false
      return { id, name: data.name as string, hasPropertyCompany: data.hasPropertyCompany as boolean, oldEstate, overdueHours }
    },
    async membershipsOf(openid): Promise<Member[]> {
      const docs = await readAll('memberships', { openid })
      const key = (m: Member) => `${m.role}|${m.buildingId ?? ''}`
      return docs.map(toMember).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    },
    async representativesOf(buildingId) {
      const docs = await readAll('memberships', { buildingId, role: 'representative' })
      return docs.map((d) => d.openid as string).sort()
    },
    async saveCommunity(c) {
      await coll('communities').doc(c.id).set({ data: { name: c.name, hasPropertyCompany: c.hasPropertyCompany, oldEstate: c.oldEstate, overdueHours: c.overdueHours } })
    },
    async saveBuilding(b) {
      const { id, ...fields } = b
      await coll('buildings').doc(id).set({ data: { ...fields, codeKey: b.code.toUpperCase() } })
    },
    async addMember(member) {
      let added = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.memberships).doc(membershipId(member.openid, member))
        // 同一对同时加：两个事务都写这个 _id，后写的冲突、退避重试，重试时读到已有。
        added = !(await ref.get()).data
        if (added) await ref.set({ data: memberDoc(member) })
      })
      return added
    },
    async membersOf(communityId) {
      return (await readAll('memberships', { communityId })).map(toMember).sort(byCreation((m) => m.since))
    },
    async removeMember(memberId) {
      const { data } = await coll('memberships').where({ id: memberId }).limit(1).get()
      // 找不到时再看迁移前没有 id 字段的旧文档（迁移之后一个也没有，这一步什么都读不到）。
      const legacy = data.length ? [] : (await readAll('memberships', { id: _().exists(false) })).filter((d) => legacyMemberId(String(d._id)) === memberId)
      const found = data[0] ?? legacy[0]
      if (!found) return false
      await coll('memberships').doc(String(found._id)).remove()
      return true
    },
    communitiesCreatedBy: adminCommunityCount,
    async communityCreatedBy(openid, requestId) {
      const { data } = await coll('communityCreations').doc(communityCreationId(openid, requestId)).get()
      return data ? (data.communityId as string) : null
    },
    async createCommunity({ requestId, community, admin }, maxPerCreator) {
      let outcome: { communityId: string; created: boolean } | 'limited' = { communityId: community.id, created: false }
      await transact(async (tx) => {
        // 同一请求同时两次：两个事务都写这条记录的 _id，后写的冲突、退避重试，重试时读到已有的记录。
        const ref = tx.collection(COLLECTIONS.communityCreations).doc(communityCreationId(admin.openid, requestId))
        const { data } = await ref.get()
        if (data) {
          outcome = { communityId: data.communityId as string, created: false }
          return
        }
        // 每人的上限：事务里不能数，所以每人一条计数，同时的创建都写它，后写的冲突、重试时读到新数。
        // 计数还没有时从他已有的管理员身份数起（这一读在事务之外；之后每次建成都会写计数，
        // 在这一读之后建成的会让本事务写计数时冲突）。
        const counterRef = tx.collection(COLLECTIONS.communityCreators).doc(admin.openid)
        const { data: counter } = await counterRef.get()
        const createdSoFar = counter ? (counter.created as number) : await adminCommunityCount(admin.openid)
        if (createdSoFar >= maxPerCreator) {
          outcome = 'limited'
          return
        }
        await counterRef.set({ data: { created: createdSoFar + 1 } })
        await ref.set({ data: { creator: admin.openid, requestId, communityId: community.id, at: admin.since } })
        await tx.collection(COLLECTIONS.communities).doc(community.id).set({ data: { name: community.name, hasPropertyCompany: community.hasPropertyCompany, oldEstate: community.oldEstate, overdueHours: community.overdueHours } })
        await tx.collection(COLLECTIONS.memberships).doc(membershipId(admin.openid, admin)).set({ data: memberDoc(admin) })
        outcome = { communityId: community.id, created: true }
      })
      return outcome
    },

    async saveInvite(invite) {
      const { code, ...fields } = invite
      await coll('invites').doc(code).set({ data: fields })
    },
    async inviteByCode(code) {
      const { data } = await coll('invites').doc(code).get()
      return data ? toInvite(data) : null
    },
    async openInvitesOf(communityId) {
      const docs = await readAll('invites', { communityId, acceptedBy: null, revokedAt: null })
      const invites = docs.map(toInvite)
      return invites.sort((a, b) => (a.createdAt === b.createdAt ? (a.code < b.code ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
    },
    async acceptInvite(code, openid, at, member) {
      let outcome: Awaited<ReturnType<InviteStore['acceptInvite']>> = 'missing'
      await transact(async (tx) => {
        const inviteRef = tx.collection(COLLECTIONS.invites).doc(code)
        const { data: invite } = await inviteRef.get()
        if (!invite) outcome = 'missing'
        else if (invite.acceptedBy) outcome = invite.acceptedBy === openid ? 'accepted' : 'taken'
        else if (invite.revokedAt) outcome = 'revoked'
        else if (!(at < (invite.expiresAt as string))) outcome = 'expired'
        else {
          // 两人同时接受：都写这条邀请，后写的冲突、重试时读到已被接受。
          await inviteRef.update({ data: { acceptedBy: openid, acceptedAt: at } })
          const memberRef = tx.collection(COLLECTIONS.memberships).doc(membershipId(member.openid, member))
          if (!(await memberRef.get()).data) await memberRef.set({ data: memberDoc(member) })
          outcome = 'accepted'
        }
      })
      return outcome
    },
    async recordInviteAttempt(openid, hourKey, max) {
      if (max < 1) return false
      let counted = false
      await transact(async (tx) => {
        // 同时的尝试都写这一条，后写的冲突、退避重试：读到的次数总是最新的。
        const ref = tx.collection(COLLECTIONS.inviteAttempts).doc(inviteAttemptId(openid, hourKey))
        const { data } = await ref.get()
        const attempts = (data?.attempts as number | undefined) ?? 0
        counted = attempts < max
        if (counted) await ref.set({ data: { openid, hour: hourKey, attempts: attempts + 1 } })
      })
      return counted
    },
    async forgiveInviteAttempt(openid, hourKey) {
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.inviteAttempts).doc(inviteAttemptId(openid, hourKey))
        const { data } = await ref.get()
        const attempts = (data?.attempts as number | undefined) ?? 0
        if (attempts > 0) await ref.set({ data: { openid, hour: hourKey, attempts: attempts - 1 } })
      })
    },
    async revokeInvite(code, at) {
      let revoked = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.invites).doc(code)
        const { data } = await ref.get()
        // 已经撤回过的再撤回一次也算撤回了（重试），撤回时刻不变。
        revoked = Boolean(data && !data.acceptedBy)
        if (data && revoked && !data.revokedAt) await ref.update({ data: { revokedAt: at } })
      })
      return revoked
    },

    async insertNotice(notice, deltas, limit) {
      const { id, ...fields } = notice
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.notices).add({ data: { _id: id, ...fields, targetIds: notice.targets.map((t) => t.buildingId) } })
          await useHourlyLimit(tx, limit)
          await applyDeltas(tx, deltas)
        })
        return { notice, created: true }
      } catch (error) {
        if (error === HOUR_FULL) return limitedFor(limit)
        // 同报事：重试撞上 (authorId, requestId) 唯一索引，事务整体回滚，读回第一次的那条。
        const raced = await byRequest('notices', notice.authorId, notice.requestId, toNotice)
        if (raced) return { notice: raced, created: false }
        throw error
      }
    },
    async noticeById(id) {
      const { data } = await coll('notices').doc(id).get()
      return data ? toNotice(data) : null
    },
    async withdrawNotice(id, at) {
      let withdrawn = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.notices).doc(id)
        const { data } = await ref.get()
        withdrawn = data?.status === 'published'
        if (withdrawn) await ref.update({ data: { status: 'withdrawn', withdrawnAt: at } })
      })
      return withdrawn
    },
    async notices(query, limit, before) {
      const parts = noticeCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('notices', parts, 'publishedAt', limit, before && { value: before.publishedAt, id: before.id })
      return docs.map(toNotice)
    },
    async recordRead(read, deltas) {
      const ALREADY = Symbol('已读过')
      try {
        await transact(async (tx) => {
          const readRef = tx.collection(COLLECTIONS.noticeReads).doc(noticeReadId(read.noticeId, read.openid))
          if ((await readRef.get()).data) throw ALREADY
          const noticeRef = tx.collection(COLLECTIONS.notices).doc(read.noticeId)
          if (!(await noticeRef.get()).data) throw new Error(`读的公告不存在：${read.noticeId}`)
          await readRef.set({ data: { ...read } })
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === ALREADY) return false
        throw error
      }
    },
    async readNoticeIds(openid, noticeIds) {
      const read = new Set<string>()
      for (let i = 0; i < noticeIds.length; i += PAGE_SIZE) {
        const ids = noticeIds.slice(i, i + PAGE_SIZE).map((id) => noticeReadId(id, openid))
        const { data } = await coll('noticeReads').where({ _id: _().in(ids) }).limit(ids.length).get()
        for (const d of data) read.add(d.noticeId as string)
      }
      return noticeIds.filter((id) => read.has(id))
    },
    async readersByBuilding(noticeId) {
      const counts: Record<string, number> = {}
      for (const d of await readAll('noticeReads', { noticeId })) counts[d.buildingId as string] = (counts[d.buildingId as string] ?? 0) + 1
      return counts
    },
    async addNoticeCredit(openid, buildingId, max) {
      if (max < 1) return
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.noticeCredits).doc(noticeCreditId(openid, buildingId))
        const { data } = await ref.get()
        const credits = Math.min(((data?.credits as number | undefined) ?? 0) + 1, max)
        await ref.set({ data: { openid, buildingId, credits } })
      })
    },
    async takeNoticeCredits(buildingIds, limit) {
      // 事务里不能查询：先在事务外按 (openid, 楼栋) 的顺序列出有额度的，再逐人在事务里按 _id 读、减一。
      // 每人的取走是原子的（并发的两次取走不会用掉同一份额度）；整批不是一个事务。
      const taken: { openid: string; buildingId: string }[] = []
      if (buildingIds.length === 0 || limit <= 0) return taken
      const tookFrom = new Set<string>()
      const base: Data = { buildingId: _().in([...buildingIds]), credits: _().gt(0) }
      let cursor: { openid: string; buildingId: string } | undefined
      while (taken.length < limit) {
        const condition = cursor
          ? _().and([base, _().or([{ openid: _().gt(cursor.openid) }, { openid: cursor.openid, buildingId: _().gt(cursor.buildingId) }])])
          : base
        const { data } = await coll('noticeCredits').where(condition).orderBy('openid', 'asc').orderBy('buildingId', 'asc').limit(PAGE_SIZE).get()
        for (const d of data) {
          const openid = d.openid as string
          const buildingId = d.buildingId as string
          if (tookFrom.has(openid) || taken.length >= limit) continue
          let took = false
          await transact(async (tx) => {
            const ref = tx.collection(COLLECTIONS.noticeCredits).doc(noticeCreditId(openid, buildingId))
            const { data: current } = await ref.get()
            const credits = (current?.credits as number | undefined) ?? 0
            took = credits > 0
            if (credits === 1) await ref.remove()
            else if (took) await ref.update({ data: { credits: _().inc(-1) } })
          })
          if (took) {
            tookFrom.add(openid)
            taken.push({ openid, buildingId })
          }
        }
        if (data.length < PAGE_SIZE) break
        const last = data[data.length - 1]
        cursor = { openid: last.openid as string, buildingId: last.buildingId as string }
      }
      return taken
    },

    async insertWorkLog(entry, deltas, limit) {
      const { id, ...fields } = entry
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.workLog).add({ data: { _id: id, ...fields } })
          await useHourlyLimit(tx, limit)
          await applyDeltas(tx, deltas)
        })
        return { entry, created: true }
      } catch (error) {
        if (error === HOUR_FULL) return limitedFor(limit)
        const raced = await byRequest('workLog', entry.authorId, entry.requestId, toWorkLog)
        if (raced) return { entry: raced, created: false }
        throw error
      }
    },
    async replaceWorkLog(entry, expectedUpdatedAt, deltas) {
      const STALE = Symbol('已被别人改过')
      const { id, ...fields } = entry
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.workLog).doc(id)
          const { data: current } = await ref.get()
          if (!current || current.updatedAt !== expectedUpdatedAt) throw STALE
          // 整条写入（set，不拆成子字段）；小区、作者、请求编号与创建时刻标识这条台账，不随替换改变。
          const identity = { communityId: current.communityId, authorId: current.authorId, requestId: current.requestId, createdAt: current.createdAt }
          await ref.set({ data: { ...fields, ...identity } })
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === STALE) return false
        throw error
      }
    },
    async workLogById(id) {
      const { data } = await coll('workLog').doc(id).get()
      return data ? toWorkLog(data) : null
    },
    async workLog(query, limit, before) {
      const parts = workLogCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('workLog', parts, 'date', limit, before && { value: before.date, id: before.id })
      return docs.map(toWorkLog)
    },

    async insertSurvey(survey, deltas) {
      const { id, ...fields } = survey
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.surveys).add({ data: { _id: id, ...fields, targetIds: survey.targets.map((t) => t.buildingId) } })
          await applyDeltas(tx, deltas)
        })
        return { survey, created: true }
      } catch (error) {
        // 同公告：重试撞上 (authorId, requestId) 唯一索引，事务整体回滚，读回第一次的那份。
        const raced = await byRequest('surveys', survey.authorId, survey.requestId, toSurvey)
        if (raced) return { survey: raced, created: false }
        throw error
      }
    },
    async surveyById(id) {
      const { data } = await coll('surveys').doc(id).get()
      return data ? toSurvey(data) : null
    },
    async surveys(query, limit, before) {
      const parts = surveyCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('surveys', parts, 'createdAt', limit, before && { value: before.createdAt, id: before.id })
      return docs.map(toSurvey)
    },
    async closeSurvey(id, at) {
      let closed = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.surveys).doc(id)
        const { data } = await ref.get()
        // 还没结束：没提前结束，也没到截止。
        closed = Boolean(data && data.closedAt === null && at < (data.closesAt as string))
        if (closed) await ref.update({ data: { closedAt: at } })
      })
      return closed
    },
    async previousSurvey(communityId, template, before) {
      const { data } = await coll('surveys')
        .where({ communityId, template, opensAt: _().lt(before) })
        .orderBy('opensAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(1)
        .get()
      return data.length ? toSurvey(data[0]) : null
    },
    async answerOf(surveyId, openid) {
      const { data } = await coll('surveyAnswers').doc(surveyAnswerId(surveyId, openid)).get()
      return data ? toSurveyAnswer(data) : null
    },
    async saveAnswer(answer, previous, deltas, limit) {
      const STALE = Symbol('已有答卷或已被替换')
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.surveyAnswers).doc(surveyAnswerId(answer.surveyId, answer.openid))
          const { data: current } = await ref.get()
          const expected = previous ? Boolean(current && current.requestId === previous.requestId && current.at === previous.at) : !current
          if (!expected) throw STALE
          // 同一人同时交两份：两个事务写同一个 _id，后写的冲突、退避重试，重试时读到已有的那份，答 false。
          await ref.set({ data: surveyAnswerDoc(answer) })
          await useHourlyLimit(tx, limit)
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === STALE) return false
        if (error === HOUR_FULL) return limitedFor(limit)
        throw error
      }
    },
    async answersOf(surveyId) {
      return (await readAll('surveyAnswers', { surveyId })).map(toSurveyAnswer).sort(byAnswerOrder)
    },

    async insertReport(report, deltas, limit) {
      const { id, ...fields } = report
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.reports).add({ data: { _id: id, ...fields, revision: 0 } })
          await useHourlyLimit(tx, limit)
          await applyDeltas(tx, deltas)
        })
        return { report, created: true }
      } catch (error) {
        if (error === HOUR_FULL) return limitedFor(limit)
        // 重试（或并发的重试）撞上唯一索引：事务整体回滚，第一次的那条已经存下，统计也已累加过。
        // 不在事务前先查一次：首次提交是常态，重试是例外，不为例外多付一次读。
        const raced = await reportByRequest(report.reporterId, report.requestId)
        if (raced) return { report: raced, created: false }
        throw error
      }
    },

    async changeStatus(change, expected, deltas, patch = {}) {
      const NOT_EXPECTED = Symbol('状态已变')
      // 派给谁是对象：用 _.set 整个替换（直接写对象会被拆成子字段的 $set，在旧值 null 上无法创建子字段）。
      const patched: Data = {}
      if (patch.assignee !== undefined) patched.assignee = patch.assignee === null ? null : _().set(patch.assignee)
      if (patch.mergedInto !== undefined) patched.mergedInto = patch.mergedInto
      try {
        await transact(async (tx) => {
          const reportRef = tx.collection(COLLECTIONS.reports).doc(change.reportId)
          const { data: current } = await reportRef.get()
          if (!current || current.status !== expected) throw NOT_EXPECTED
          const seq = ((current.revision as number | undefined) ?? 0) + 1
          await reportRef.update({ data: { status: change.to, updatedAt: change.at, revision: seq, ...patched, ...milestonePatch(current, change, expected) } })
          await tx.collection(COLLECTIONS.statusChanges).add({ data: { _id: changeId(change.reportId, seq), seq, ...change } })
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === NOT_EXPECTED) return false
        throw error
      }
    },

    async reportById(id) {
      const { data } = await coll('reports').doc(id).get()
      return data ? toReport(data) : null
    },

    async reportsByReporter(openid, limit, before) {
      const found: Report[] = []
      let cursor = before
      while (found.length < limit) {
        const condition: Data = cursor
          ? _().and([{ reporterId: openid }, _().or([{ createdAt: _().lt(cursor.createdAt) }, { createdAt: cursor.createdAt, _id: _().lt(cursor.id) }])])
          : { reporterId: openid }
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('reports').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(pageSize).get()
        found.push(...data.map(toReport))
        if (data.length < pageSize) break
        const last = found[found.length - 1]
        cursor = { createdAt: last.createdAt, id: last.id }
      }
      return found
    },

    async queueReports(query, limit, after) {
      const parts = queueCondition(_(), query)
      if (!parts || limit <= 0) return []
      const found: Report[] = []
      let cursor = after
      while (found.length < limit) {
        const condition = _().and(cursor ? [...parts, afterCursor(_(), cursor, query.order)] : parts)
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('reports').where(condition).orderBy('createdAt', query.order).orderBy('_id', query.order).limit(pageSize).get()
        found.push(...data.map(toReport))
        if (data.length < pageSize) break
        const last = found[found.length - 1]
        cursor = { createdAt: last.createdAt, id: last.id }
      }
      return found
    },

    async countReports(query) {
      const parts = queueCondition(_(), query)
      if (!parts) return 0
      return (await coll('reports').where(_().and(parts)).count()).total
    },

    async addFollower(follow, deltas, limit) {
      const ALREADY = Symbol('已关注')
      const id = followId(follow.reportId, follow.openid)
      try {
        await transact(async (tx) => {
          const followRef = tx.collection(COLLECTIONS.follows).doc(id)
          if ((await followRef.get()).data) throw ALREADY
          const reportRef = tx.collection(COLLECTIONS.reports).doc(follow.reportId)
          const { data: report } = await reportRef.get()
          if (!report) throw new Error(`关注的报事不存在：${follow.reportId}`)
          // 同一对同时关注：两个事务都写这个 _id，后写的冲突、退避重试，重试时读到已关注。
          await followRef.set({ data: { ...follow, reportCreatedAt: report.createdAt } })
          await reportRef.update({ data: { followers: _().inc(1) } })
          await useHourlyLimit(tx, limit)
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === ALREADY) return false
        if (error === HOUR_FULL) return limitedFor(limit)
        throw error
      }
    },

    async followersOf(reportId) {
      const docs = await readAll('follows', { reportId })
      return docs
        .map(toFollow)
        .sort((a, b) => (a.at === b.at ? (a.openid < b.openid ? -1 : 1) : a.at < b.at ? -1 : 1))
        .map((f) => f.openid)
    },

    async reportsFollowedBy(openid, limit, before) {
      // 先按关注文档里存的报事提交时间翻页，再按 id 读回报事本身。
      const found: Report[] = []
      let cursor = before
      while (found.length < limit) {
        const condition: Data = cursor
          ? _().and([{ openid }, _().or([{ reportCreatedAt: _().lt(cursor.createdAt) }, { reportCreatedAt: cursor.createdAt, reportId: _().lt(cursor.id) }])])
          : { openid }
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('follows').where(condition).orderBy('reportCreatedAt', 'desc').orderBy('reportId', 'desc').limit(pageSize).get()
        found.push(...(await reportsByIds(data.map((d) => d.reportId as string))))
        if (data.length < pageSize) break
        const last = data[data.length - 1]
        cursor = { createdAt: last.reportCreatedAt as string, id: last.reportId as string }
      }
      return found
    },

    async statusChangesOf(reportId) {
      const docs = await readAll('statusChanges', { reportId })
      return docs.sort((a, b) => (a.seq as number) - (b.seq as number)).map(toStatusChange)
    },

    async recordPhotoChecks(checks) {
      if (checks.length === 0) return
      // 一次提交的几张照片一起记下或都不记。
      await transact(async (tx) => {
        for (const { traceId, ...fields } of checks) await tx.collection(COLLECTIONS.photoChecks).doc(traceId).set({ data: fields })
      })
    },

    async setPhotoVerdict(traceId, verdict) {
      // 先读再改：结论与原来相同时，更新的条数可能是 0，不能据此判断"找不到"。只改还在待检的：第一次的结论为准。
      const ref = coll('photoChecks').doc(traceId)
      const { data } = await ref.get()
      if (!data) return false
      if (data.verdict === 'pending') await ref.update({ data: { verdict } })
      return true
    },

    async riskyPhotosOf(reportId) {
      const docs = await readAll('photoChecks', { reportId, verdict: 'risky' })
      return docs
        .map(toPhotoCheck)
        .sort((a, b) => (a.at === b.at ? (a.traceId < b.traceId ? -1 : 1) : a.at < b.at ? -1 : 1))
        .map((c) => c.fileId)
    },

    bucketsOf: tallyLog.bucketsOf,
    allBuckets: tallyLog.allBuckets,
    pendingTallyEvents: tallyLog.pendingCount,
    foldTallies: () => tallyLog.fold(),
    rawRecords,
    async rebuild(recount) {
      // 先把事件都归并进桶（有别的归并在跑时等它），之后桶就是精确值，再按重算结果改正。
      // 云开发的事务里不能查询，读全部记录无法与改正放在一个事务里：逐桶按重算结果写绝对值，应在无人写入时执行。
      for (let waited = 0; ; waited++) {
        const outcome = await tallyLog.fold({ budgetMs: Number.POSITIVE_INFINITY })
        if (!outcome.busy && outcome.pending === 0) break
        if (waited > 20) throw new Error('统计事件一直没能归并完（别的归并持有租约或写入不停），请稍后再改正')
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
      const docs = await readAll('tallies')
      // 多余的桶按它自己的 _id 删（形状不对的旧文档算出的键与 _id 不同）。
      const storedId = new Map(docs.map((d) => [bucketId(toBucket(d)), String(d._id)]))
      const diff = diffBuckets(docs.map(toBucket), recount(await rawRecords()))
      const tallies = coll('tallies')
      for (const b of diff.missing) await tallies.doc(bucketId(b)).set({ data: bucketDoc(b) })
      for (const { expected } of diff.different) await tallies.doc(bucketId(expected)).set({ data: bucketDoc(expected) })
      for (const b of diff.extra) await tallies.doc(storedId.get(bucketId(b)) ?? bucketId(b)).remove()
      return diff
    },
  }
}
