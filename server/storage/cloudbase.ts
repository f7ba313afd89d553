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
 *   - 事务里不能查询：关注用确定的 _id（报事|openid），"是否已关注"是按 _id 读一个文档。
 */
import { DEFAULT_OVERDUE_HOURS, type Building, type Community, type Follow, type Membership, type Report, type StatusChange } from '../../src/core/model'
import type { DirectoryStore, PageCursor, PhotoCheck, PhotoCheckStore, ReportQuery, ReportStore, TallyMaintenance, TallyReader } from '../../src/core/ports'
import { bucketId, diffBuckets, mergeDeltas, type TallyBucket, type TallyDelta } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'
import { isTransactionConflict } from './cloudbaseErrors'

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

const membershipId = (openid: string, m: Membership) => [openid, m.communityId, m.buildingId ?? '', m.role].join('|')
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
const toReport = (doc: Data): Report => ({ ...REPORT_DEFAULTS, ...fromDoc<Report>(doc, ['revision']) })
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
}

/**
 * 指数退避加全抖动：第 n 次等 0 到 min(400, 8·2ⁿ) 毫秒。同楼同月的提交都要加同几个桶，
 * 线性退避在真实网络延迟下 12 路并发会用完 10 次重试（协作者实测 11/12）；指数退避把冲突的几方摊开，
 * 14 次重试的期望等待约 1.5 s，在云函数的超时（部署时设为 10 s，见 README）之内。
 */
const defaultBackoff = (attempt: number) => Math.round(Math.random() * Math.min(400, 8 * 2 ** attempt))

/** 云开发数据库实现全部存储端口；用例只拿到它们各自用的那几个。 */
export type CloudbaseStore = DirectoryStore & ReportStore & PhotoCheckStore & TallyReader & TallyMaintenance

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

  async function applyDeltas(tx: Transaction, deltas: TallyDelta[]) {
    for (const d of mergeDeltas(deltas)) {
      const ref = tx.collection(COLLECTIONS.tallies).doc(bucketId(d))
      const { data: current } = await ref.get()
      if (!current) await ref.set({ data: bucketDoc(d) })
      else if ((current.count as number) + d.count === 0 && ((current.sum as number | undefined) ?? 0) + d.sum === 0) await ref.remove()
      else await ref.update({ data: { count: _().inc(d.count), sum: _().inc(d.sum) } })
    }
  }

  async function rawRecords() {
    const reports = (await readAll('reports')).map(toReport).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    const changes = (await readAll('statusChanges')).sort((a, b) =>
      a.reportId === b.reportId ? (a.seq as number) - (b.seq as number) : (a.reportId as string) < (b.reportId as string) ? -1 : 1,
    )
    const follows = (await readAll('follows')).map(toFollow)
    return { reports, statusChanges: changes.map(toStatusChange), follows }
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
      return { id, name: data.name as string, hasPropertyCompany: data.hasPropertyCompany as boolean, overdueHours }
    },
    async membershipsOf(openid): Promise<Membership[]> {
      const docs = await readAll('memberships', { openid })
      return docs
        .map((d) => ({ communityId: d.communityId as string, buildingId: (d.buildingId as string | null) ?? null, role: d.role as Membership['role'] }))
        .sort((a, b) => `${a.role}|${a.buildingId ?? ''}`.localeCompare(`${b.role}|${b.buildingId ?? ''}`))
    },
    async representativesOf(buildingId) {
      const docs = await readAll('memberships', { buildingId, role: 'representative' })
      return docs.map((d) => d.openid as string).sort()
    },
    async saveCommunity(c) {
      await coll('communities').doc(c.id).set({ data: { name: c.name, hasPropertyCompany: c.hasPropertyCompany, overdueHours: c.overdueHours } })
    },
    async saveBuilding(b) {
      const { id, ...fields } = b
      await coll('buildings').doc(id).set({ data: { ...fields, codeKey: b.code.toUpperCase() } })
    },
    async addMembership(openid, m) {
      // 确定的 _id 让重复登记成为同一条记录的覆盖写。
      await coll('memberships').doc(membershipId(openid, m)).set({ data: { openid, ...m } })
    },

    async insertReport(report, deltas) {
      const { id, ...fields } = report
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.reports).add({ data: { _id: id, ...fields, revision: 0 } })
          await applyDeltas(tx, deltas)
        })
        return { report, created: true }
      } catch (error) {
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
          await reportRef.update({ data: { status: change.to, updatedAt: change.at, revision: seq, ...patched } })
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

    async countReportsSince(openid, since) {
      return (await coll('reports').where({ reporterId: openid, createdAt: _().gte(since) }).count()).total
    },

    async addFollower(follow, deltas) {
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
          await applyDeltas(tx, deltas)
        })
        return true
      } catch (error) {
        if (error === ALREADY) return false
        throw error
      }
    },

    async countFollowsSince(openid, since) {
      return (await coll('follows').where({ openid, via: 'follow', at: _().gte(since) }).count()).total
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

    async bucketsOf(scopes, months) {
      if (months.length === 0 || scopes.length === 0) return []
      return (await readAll('tallies', { scope: _().in([...scopes]), month: _().in([...months]) })).map(toBucket)
    },
    async allBuckets() {
      return (await readAll('tallies')).map(toBucket)
    },
    rawRecords,
    async rebuild(recount) {
      // 云开发的事务里不能查询，读全部记录无法与改正放在一个事务里：逐桶按重算结果写绝对值。
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
