/**
 * 云开发数据库在测试里的替身：只替换 wx-server-sdk 的请求层（@cloudbase/database 的 Db.reqClass），
 * 查询构造、EJSON 序列化、事务重试、错误转换、返回值解析都走真的 SDK。执行器按 EJSON 解析 SDK 发出的请求，
 * 用 mingo 执行查询与更新，并按 cloudbase/database.json 执行唯一索引——与线上一样，
 * 没有在定义文件里声明的约束，这里也不存在。
 *
 * 出错时像真的请求层那样抛出 TcbError（code + message + requestId）：@cloudbase/node-sdk 的 request()
 * 在 throwOnCode（默认开）下就是这样做的。之后 wx-server-sdk 的 maybeTransformError 只留下
 * errCode（按 code 查表，查不到就是 -501001）和 message，字符串 code 丢掉——适配器看到的与线上相同。
 *
 * 与云开发一致的行为（适配器依赖它们，所以在这里必须如此）：
 *   - 集合须先创建（按定义文件），否则 DATABASE_COLLECTION_NOT_EXIST；
 *   - 唯一索引冲突：DATABASE_REQUEST_FAILED / E11000 duplicate key（经 SDK 为 -502001）；
 *     索引不是稀疏的：缺字段按 null 比较，同样相撞；
 *   - 单次读取最多 1000 条，未指定 limit 时 100 条；
 *   - 事务是快照隔离加写锁：事务里的读看开始时的快照（加上自己的写）；写一个文档时，
 *     若它已被另一个未结束的事务写过，或在本事务开始后被别人提交改过，这次写当场失败，
 *     答 DATABASE_TRANSACTION_CONFLICT / [ResourceUnavailable.TransactionConflict] Transaction is conflict…
 *     （经 wx-server-sdk 为 -501001，code 不再保留，@cloudbase/database 的 runTransaction 因而不会自己重试），
 *     且本事务随即被回滚：之后再用它的 id 都失败。读不加锁，所以不会因读冲突；
 *   - 事务里只许单文档操作（doc(id).get/set/update/remove 与 collection.add）：带事务 id 的条件查询
 *     （where().get()、无条件的 collection.get()）被拒绝。SDK 发 count()、where().update()/remove()、
 *     aggregate() 时根本不带事务 id，它们在事务之外立即执行——执行器看不见，也就无从拒绝，与线上一样；
 *   - 事务开始 30 秒后仍未提交或回滚，即被结束：之后的操作与提交都失败（时钟可注入）；
 *   - 更新经点号路径（SDK 把更新里的对象拆成 "assignee.party" 这样的 $set）在 null 或标量上创建子字段时失败：
 *     MongoDB 答 Cannot create field 'party' in element {assignee: null}。mingo 会悄悄把 null 换成对象，
 *     这里先查一遍，免得适配器在执行器里能过、线上却失败。
 *
 * 这里自己做的选择（线上细节无从核对，取更严的一边）：
 *   - 另一个未结束事务已暂存（插入未提交）的唯一键，第二个事务再写同一个键时按写冲突处理
 *     （写锁式服务器在索引键上也加锁，先到者持有）：答 TransactionConflict 并回滚第二个事务，
 *     而不是 E11000——那条还没有提交，谁也不能据此读回"第一次的那条"；待第一个提交后重试，才得到 E11000。
 *     本事务开始后才被别人提交的同键文档同样算冲突（不在快照里）；快照里就有的同键文档才是 E11000；
 *   - 事务里被拒绝的条件查询、唯一键重复也会回滚事务（MongoDB 事务里的写错误即中止事务）；
 *   - 事务外的写碰到被未结束事务锁住的文档（或暂存的唯一键）时等它结束再执行（MongoDB 的行为），
 *     不报错；
 *   - 对已结束的事务提交或回滚都答 DATABASE_TRANSACTION_FAIL（runTransaction 会吞掉回滚的失败）。
 *
 * 规模（基准 cloudScale 用，默认全关，与以前的行为相同）：
 *   - 每个请求的往返延迟（latencyMs）：一半在去程，一半在回程；事务的锁因此跨着真实的往返时间；
 *   - 套餐配额（limits）：每秒请求数与同时连接数。超出时拒绝（见 PackageLimits 的出处），
 *     错误形状同线上：TcbError，code 为 EXCEED_REQUEST_LIMIT / EXCEED_CONCURRENT_REQUEST_LIMIT，
 *     经 wx-server-sdk 成为 -501003 / -501004。被拒的请求没有到达数据库：事务里被拒，事务照旧开着；
 *   - 调用被平台结束（invocationContext.ts 的 killed）：之后这次调用的请求既不发出也不返回，
 *     它开着的事务就一直持锁，直到 30 秒时限；
 *   - 统计：请求总数、被拒数、写冲突数、在途峰值、每秒请求数，并记到当前调用（AsyncLocalStorage）名下。
 *
 * 快照用多版本文档实现：每个文档保留已提交的各个版本（带提交序号），事务读"开始序号之前最新的那个版本"
 * 加上自己暂存的写；没有事务还可能读到的旧版本在下次写这个文档时丢掉。开一个事务不再复制整个数据库。
 */
import { createRequire } from 'node:module'
import { find, update } from 'mingo'
import { readDatabaseDefinition, type CollectionDefinition } from '../../server/storage/cloudbase/schema'
import { currentInvocation, type Invocation } from './invocationContext'

type Doc = Record<string, unknown> & { _id: string }
type Collections = Map<string, Map<string, Doc>>

const requireFromSdk = createRequire(require.resolve('@cloudbase/node-sdk'))
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EJSON } = require(requireFromSdk.resolve('bson')) as typeof import('bson')
// SDK 自己解析 EJSON 用的也是这一份 bson。
/** 真的请求层抛的错误类（@cloudbase/node-sdk 的 utils.TcbError）。 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TcbError } = require(requireFromSdk.resolve('./utils/utils')) as {
  TcbError: new (e: { code: string; message: string; requestId: string }) => Error & { code: string; requestId: string }
}

/** 事务须在开始后这么多毫秒内提交或回滚。 */
export const TRANSACTION_TIMEOUT_MS = 30_000
/** 云开发写冲突时答的 message（经 wx-server-sdk 后只剩它能认出冲突）。 */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

/**
 * 超出配额时答的 code 与 message。code 是 wx-server-sdk 的 TCB_ERR_CODE 里的名字（EXCEED_REQUEST_LIMIT → -501003
 * "请求次数超出环境配额"，EXCEED_CONCURRENT_REQUEST_LIMIT → -501004 "请求并发数超出环境配额"，
 * 见 https://developers.weixin.qq.com/minigame/en/dev/wxcloud/reference/errcode.html）；方括号里的错误名取自
 * https://docs.cloudbase.net/error-code/RequestLimitExceeded（"请求限制超限"）。服务端的原文没有公开，英文部分是 SDK 对这两个码的说明。
 */
export const QPS_REFUSAL = { code: 'EXCEED_REQUEST_LIMIT', message: '[RequestLimitExceeded] exceed request limit' } as const
export const CONNECTION_REFUSAL = { code: 'EXCEED_CONCURRENT_REQUEST_LIMIT', message: '[RequestLimitExceeded] exceed concurrent request limit' } as const

/**
 * 云开发套餐的数据库配额（一个环境）。
 * 同时连接数按套餐见"配额说明"：基础版 1/2 为 20/50，专业版 1/2/3 为 100/200/300，旗舰版 1/2/3 为 400/500/500
 * （https://w3cschool.cn/weixinapp/weixinapp-c9eh38kg.html，转载的微信云开发文档）。
 * 每秒请求数：文档只给出基础配额的 30（https://developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html），
 * 各付费套餐的数字没有找到成文的，调用方自己给。
 * 超限的处理："同时连接数、函数并发达到上限后后续的连接都将被拒，直到某些现有连接关闭为止"
 * （https://developers.weixin.qq.com/miniprogram/dev/wxcloud/billing/expiration-rule.html），所以默认拒绝；
 * 每秒请求数超出同样拒绝（有 -501003 这个错误码，没有排队的说法）。
 */
export interface PackageLimits {
  /** 套餐名（报告用）。 */
  name?: string
  /** 过去 1 秒内已接受的请求达到这个数，新请求被拒。 */
  qps?: number
  /** 同一时刻在途（已发出、未收到回答）的请求数上限。 */
  connections?: number
  /** 超出同时连接数时：拒绝（文档的说法，默认）或排队等一个连接空出来。 */
  overConnections?: 'refuse' | 'queue'
}

export interface ExecutorOptions {
  collections?: CollectionDefinition[]
  /** 毫秒时钟：测试注入它来检查 30 秒时限与每秒请求数而不必真等。 */
  now?: () => number
  /** 每个请求的往返毫秒数（每次抽一个，可按操作区分）；不给即无延迟。 */
  latencyMs?: (action: string) => number
  limits?: PackageLimits
}

export interface ExecutorStats {
  /** 到达请求层的请求（含被拒的）。 */
  requests: number
  refusedQps: number
  refusedConnections: number
  /** 事务写冲突次数。 */
  conflicts: number
  /** 同一时刻在途请求的最大数。 */
  inFlightPeak: number
  /** 任意连续 1 秒内到达的请求的最大数。 */
  peakPerSecond: number
}

/** 一个已提交的版本：seq 为提交序号，doc 为 null 表示在这一版被删除。 */
interface Version {
  seq: number
  doc: Doc | null
}

interface Transaction {
  id: string
  startedAt: number
  /** 开始时的提交序号：之后提交的版本不在快照里。 */
  startSeq: number
  /** 本事务暂存的写：文档键 → 新文档（null 为删除）。 */
  staged: Map<string, Doc | null>
  /** 本事务写过（持有写锁）的文档键 集合/_id。 */
  writes: Set<string>
  ended: Promise<void>
  end(): void
}

/** 到达请求层的一次请求（测试据此断言哪些操作带着事务 id）。 */
export interface ReceivedRequest {
  action: string
  transactionId?: string
  queryType?: string
}

/** 一个集合在某处（已提交的最新数据，或某个事务的快照）的样子。 */
interface Space {
  get(id: string): Doc | undefined
  all(): Doc[]
  put(doc: Doc): void
  remove(id: string): void
}

const keyOf = (collection: string, id: string) => `${collection}/${id}`
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'])
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
/** 被结束的调用的请求：永不完成。 */
const never = () => new Promise<never>(() => undefined)

export class CloudbaseExecutor {
  /** 已提交的最新数据。 */
  private readonly data: Collections = new Map()
  /** 集合 → _id → 已提交的版本（按序号升序）。 */
  private readonly history = new Map<string, Map<string, Version[]>>()
  private commitSeq = 0
  private readonly definitions: Map<string, CollectionDefinition>
  private readonly transactions = new Map<string, Transaction>()
  /** 文档键 → 持有写锁的未结束事务。 */
  private readonly locks = new Map<string, Transaction>()
  /** 已结束事务的去向，用于报错。 */
  private readonly endings = new Map<string, string>()
  private readonly now: () => number
  private serial = 0
  readonly received: ReceivedRequest[] = []
  /** 可在运行中改：基准先无延迟地播种，再打开延迟与配额。 */
  latencyMs: ((action: string) => number) | undefined
  limits: PackageLimits | undefined

  // —— 配额与统计 ——
  /** 过去 1 秒内被接受的请求的到达时刻（每秒请求数用）。 */
  private accepted: number[] = []
  private inFlight = 0
  private readonly connectionWaiters: (() => void)[] = []
  private counters = { requests: 0, refusedQps: 0, refusedConnections: 0, conflicts: 0, inFlightPeak: 0 }
  private arrivals: number[] = []
  private statsSince: number

  constructor(options: ExecutorOptions = {}) {
    const collections = options.collections ?? readDatabaseDefinition()
    this.now = options.now ?? Date.now
    this.latencyMs = options.latencyMs
    this.limits = options.limits
    this.statsSince = this.now()
    this.definitions = new Map(collections.map((c) => [c.name, c]))
    for (const c of collections) {
      this.data.set(c.name, new Map())
      this.history.set(c.name, new Map())
    }
  }

  /** 与 Db.reqClass 同形：new reqClass(config).send(action, params)。 */
  requestClass() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const executor = this
    return class ExecutorRequest {
      async send(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
        const invocation = currentInvocation()
        // 已被平台结束的调用：请求发不出去，调用方永远等不到回答。
        if (invocation?.killed) return never()
        executor.received.push({
          action,
          ...(params.transactionId ? { transactionId: String(params.transactionId) } : {}),
          ...(params.queryType ? { queryType: String(params.queryType) } : {}),
        })
        executor.count(invocation)
        const latency = executor.latencyMs?.(action) ?? 0
        try {
          const waiting = executor.admit(invocation)
          if (waiting) await waiting
        } catch (error) {
          // 被配额拒绝：请求没到数据库，拒绝的回答走完一个往返。
          if (latency > 0) await sleep(latency)
          if (invocation?.killed) return never()
          throw executor.asTcbError(error, invocation)
        }
        let outcome: { ok: true; value: unknown } | { ok: false; error: unknown }
        try {
          if (latency > 0) await sleep(latency / 2)
          if (!params.transactionId && WRITES.has(action)) await executor.waitForLocks(action, params)
          outcome = { ok: true, value: executor.execute(action, params) }
        } catch (error) {
          outcome = { ok: false, error: executor.asTcbError(error, invocation) }
        }
        if (latency > 0) await sleep(latency / 2)
        executor.release()
        // 回答在路上时调用被结束：数据库已执行，调用方却收不到。
        if (invocation?.killed) return never()
        if (!outcome.ok) throw outcome.error
        return outcome.value
      }
    }
  }

  documents(collection: string): Doc[] {
    return [...(this.data.get(collection)?.values() ?? [])].map((d) => structuredClone(d))
  }

  /** 还未结束的事务 id。 */
  openTransactions(): string[] {
    this.expireTransactions()
    return [...this.transactions.keys()]
  }

  /** 自上次 resetStats（或创建）以来的统计。 */
  stats(): ExecutorStats {
    return { ...this.counters, peakPerSecond: peakInWindow(this.arrivals, 1000) }
  }

  /** 自上次 resetStats 以来每一整秒到达的请求数（第 0 个是第一秒）。 */
  requestsPerSecond(): number[] {
    const out: number[] = []
    for (const at of this.arrivals) {
      const second = Math.floor((at - this.statsSince) / 1000)
      while (out.length <= second) out.push(0)
      out[second]++
    }
    return out
  }

  resetStats() {
    this.counters = { requests: 0, refusedQps: 0, refusedConnections: 0, conflicts: 0, inFlightPeak: this.inFlight }
    this.arrivals = []
    this.statsSince = this.now()
  }

  private count(invocation: Invocation | undefined) {
    this.counters.requests++
    this.arrivals.push(this.now())
    if (invocation) invocation.requests++
  }

  /**
   * 取一个连接并计入每秒请求数；超出配额时抛出（或在排队模式下等一个连接）。
   * 不超出时同步完成（不让无配额的执行器多出一次 await）。
   */
  private admit(invocation: Invocation | undefined): Promise<void> | undefined {
    const limits = this.limits
    if (limits?.qps !== undefined) {
      const now = this.now()
      while (this.accepted.length > 0 && this.accepted[0] <= now - 1000) this.accepted.shift()
      if (this.accepted.length >= limits.qps) {
        this.counters.refusedQps++
        if (invocation) invocation.refused++
        throw new DatabaseError(QPS_REFUSAL.code, QPS_REFUSAL.message)
      }
      this.accepted.push(now)
    }
    if (limits?.connections !== undefined && this.inFlight >= limits.connections) {
      if ((limits.overConnections ?? 'refuse') === 'refuse') {
        this.counters.refusedConnections++
        if (invocation) invocation.refused++
        throw new DatabaseError(CONNECTION_REFUSAL.code, CONNECTION_REFUSAL.message)
      }
      // 排队：release 把连接直接交给排在最前的（inFlight 不变）。
      return new Promise<void>((resolve) => this.connectionWaiters.push(resolve))
    }
    this.inFlight++
    this.counters.inFlightPeak = Math.max(this.counters.inFlightPeak, this.inFlight)
    return undefined
  }

  private release() {
    const next = this.connectionWaiters.shift()
    if (next) next()
    else this.inFlight--
  }

  /** 执行器内部的错误换成真请求层抛的 TcbError；写冲突记到统计与当前调用上。 */
  private asTcbError(error: unknown, invocation: Invocation | undefined): unknown {
    if (!(error instanceof DatabaseError)) return error
    if (error.code === 'DATABASE_TRANSACTION_CONFLICT') {
      this.counters.conflicts++
      if (invocation) invocation.conflicts++
    }
    return new TcbError({ code: error.code, message: error.message, requestId: this.requestId() })
  }

  private requestId() {
    return `exec-${++this.serial}`
  }

  private execute(action: string, params: Record<string, unknown>): unknown {
    this.expireTransactions()
    const requestId = this.requestId()
    switch (action) {
      case 'database.startTransaction':
        return { requestId, transactionId: this.begin().id }
      case 'database.commitTransaction':
        this.commit(this.openTransaction(params.transactionId))
        return { requestId }
      case 'database.abortTransaction':
        this.finish(this.openTransaction(params.transactionId), '已回滚')
        return { requestId }
    }
    const tx = params.transactionId ? this.openTransaction(params.transactionId) : undefined
    if (tx) {
      try {
        return this.executeIn(tx, action, params, requestId)
      } catch (error) {
        // 事务里的任何失败都回滚整个事务（冲突、唯一键重复、不许的操作）。
        this.finish(tx, '因出错已回滚')
        throw error
      }
    }
    return this.executeIn(undefined, action, params, requestId)
  }

  private executeIn(tx: Transaction | undefined, action: string, params: Record<string, unknown>, requestId: string): unknown {
    const singleDocument = action === 'database.insertDocument' || (params.queryType === 'DOC' && (WRITES.has(action) || action === 'database.getDocument'))
    if (tx && !singleDocument) {
      throw new DatabaseError(
        'DATABASE_REQUEST_FAILED',
        `事务内只允许按 _id 的单文档操作与 add，不支持 ${action}（${String(params.queryType ?? '无 queryType')}）`,
      )
    }
    const name = String(params.collectionName)
    if (!this.data.has(name)) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在`)
    const space = tx ? this.snapshotSpace(tx, name) : this.committedSpace(name)
    const write = (doc: Doc) => {
      this.checkUnique(name, doc, tx)
      if (tx) this.lock(tx, name, doc._id)
      space.put(doc)
    }
    const query = params.query ? (EJSON.parse(String(params.query), { relaxed: true }) as Record<string, unknown>) : {}
    // 按 _id（或 _id 在一组值里）的查询只看那几个文档（快照里取版本，不必扫整个集合）；条件照样由 mingo 判。
    const candidates = () => {
      const ids = idsNamedBy(query)
      if (!ids) return space.all()
      return ids.map((id) => space.get(id)).filter((d): d is Doc => d !== undefined)
    }
    const matching = () => find(candidates(), query).all() as Doc[]

    switch (action) {
      case 'database.getDocument': {
        let cursor = find(candidates(), query)
        if (params.order) cursor = cursor.sort(EJSON.parse(String(params.order), { relaxed: true }) as Record<string, 1 | -1>)
        if (params.offset) cursor = cursor.skip(Number(params.offset))
        cursor = cursor.limit(Math.min(Number(params.limit ?? 100), 1000))
        const list = (cursor.all() as Doc[]).map((d) => EJSON.stringify(d, { relaxed: false }))
        return { requestId, data: { list } }
      }
      case 'database.calculateDocument':
        return { requestId, data: { total: matching().length } }
      case 'database.insertDocument': {
        const ids: string[] = []
        for (const raw of params.data as string[]) {
          const doc = EJSON.parse(raw, { relaxed: true }) as Doc
          doc._id ??= `auto-${++this.serial}`
          if (space.get(doc._id)) throw duplicate(name, '_id_', doc._id)
          write(doc)
          ids.push(doc._id)
        }
        return { requestId, data: { insertedIds: ids } }
      }
      case 'database.modifyDocument': {
        const change = EJSON.parse(String(params.data), { relaxed: true }) as Record<string, unknown>
        const targets = matching()
        const chosen = params.multi ? targets : targets.slice(0, 1)
        const isOperator = Object.keys(change).some((k) => k.startsWith('$'))
        if (chosen.length === 0 && params.upsert) {
          const id = typeof query._id === 'string' ? query._id : `auto-${++this.serial}`
          write({ ...(isOperator ? {} : change), _id: id } as Doc)
          return { requestId, data: { updated: 0, upsert_id: id } }
        }
        for (const doc of chosen) {
          const next = structuredClone(doc)
          if (isOperator) checkPathsViable(next, change)
          if (isOperator) update(next, change)
          else if (params.merge) update(next, { $set: change })
          else {
            for (const key of Object.keys(next)) if (key !== '_id') delete next[key]
            Object.assign(next, change)
          }
          write(next)
        }
        return { requestId, data: { updated: chosen.length } }
      }
      case 'database.removeDocument': {
        const targets = matching()
        const chosen = params.multi ? targets : targets.slice(0, 1)
        for (const doc of chosen) {
          if (tx) this.lock(tx, name, doc._id)
          space.remove(doc._id)
        }
        return { requestId, data: { deleted: chosen.length } }
      }
    }
    throw new DatabaseError('DATABASE_REQUEST_FAILED', `执行器不支持的操作：${action}`)
  }

  /** 已提交的最新数据：每次写都是一个新版本。 */
  private committedSpace(collection: string): Space {
    const coll = this.data.get(collection)!
    return {
      get: (id) => coll.get(id),
      all: () => [...coll.values()],
      put: (doc) => this.commitVersion(collection, doc._id, doc, ++this.commitSeq),
      remove: (id) => this.commitVersion(collection, id, null, ++this.commitSeq),
    }
  }

  /** 事务的快照：开始序号之前最新的已提交版本，加上本事务暂存的写。 */
  private snapshotSpace(tx: Transaction, collection: string): Space {
    const get = (id: string): Doc | undefined => {
      const key = keyOf(collection, id)
      if (tx.staged.has(key)) return tx.staged.get(key) ?? undefined
      return versionAt(this.history.get(collection)!.get(id), tx.startSeq)
    }
    return {
      get,
      all: () => {
        const out: Doc[] = []
        for (const id of this.history.get(collection)!.keys()) {
          if (tx.staged.has(keyOf(collection, id))) continue
          const doc = versionAt(this.history.get(collection)!.get(id), tx.startSeq)
          if (doc) out.push(doc)
        }
        for (const [key, doc] of tx.staged) if (doc && splitKey(key)[0] === collection) out.push(doc)
        return out
      },
      put: (doc) => void tx.staged.set(keyOf(collection, doc._id), doc),
      remove: (id) => void tx.staged.set(keyOf(collection, id), null),
    }
  }

  /** 提交一个版本，并丢掉任何未结束事务都不会再读的旧版本。 */
  private commitVersion(collection: string, id: string, doc: Doc | null, seq: number) {
    const coll = this.data.get(collection)!
    if (doc) coll.set(id, doc)
    else coll.delete(id)
    const byId = this.history.get(collection)!
    const versions = byId.get(id) ?? []
    versions.push({ seq, doc })
    let oldestReader = Infinity
    for (const tx of this.transactions.values()) oldestReader = Math.min(oldestReader, tx.startSeq)
    // 最老的未结束事务读到的是序号不超过它开始序号的最新版本：更早的都用不着了。
    let keepFrom = versions.length - 1
    while (keepFrom > 0 && versions[keepFrom].seq > oldestReader) keepFrom--
    if (keepFrom > 0) versions.splice(0, keepFrom)
    if (versions.length === 1 && versions[0].doc === null) byId.delete(id)
    else byId.set(id, versions)
  }

  private lastSeq(collection: string, id: string): number {
    return this.history.get(collection)!.get(id)?.at(-1)?.seq ?? 0
  }

  private begin(): Transaction {
    let end = () => {}
    const ended = new Promise<void>((resolve) => (end = resolve))
    const tx: Transaction = { id: `tx-${this.serial}`, startedAt: this.now(), startSeq: this.commitSeq, staged: new Map(), writes: new Set(), ended, end }
    this.transactions.set(tx.id, tx)
    return tx
  }

  private openTransaction(id: unknown): Transaction {
    const tx = this.transactions.get(String(id))
    if (!tx) {
      const how = this.endings.get(String(id)) ?? '不存在'
      throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `事务 ${String(id)} ${how}`)
    }
    return tx
  }

  /** 结束事务（提交、回滚或超时）：释放它的写锁，唤醒等锁的事务外写入。 */
  private finish(tx: Transaction, how: string) {
    this.transactions.delete(tx.id)
    this.endings.set(tx.id, how)
    for (const key of tx.writes) if (this.locks.get(key) === tx) this.locks.delete(key)
    tx.end()
  }

  private expireTransactions() {
    const now = this.now()
    for (const tx of [...this.transactions.values()]) {
      if (now - tx.startedAt >= TRANSACTION_TIMEOUT_MS) this.finish(tx, `已超过 ${TRANSACTION_TIMEOUT_MS / 1000} 秒未提交或回滚，已被结束`)
    }
  }

  /** 写之前取写锁：别的未结束事务已写过，或本事务开始后它被别人提交改过，即为冲突。 */
  private lock(tx: Transaction, collection: string, id: string) {
    const key = keyOf(collection, id)
    const owner = this.locks.get(key)
    if ((owner && owner !== tx) || this.lastSeq(collection, id) > tx.startSeq) throw conflict()
    this.locks.set(key, tx)
    tx.writes.add(key)
  }

  private commit(tx: Transaction) {
    // 冲突都在写的当下查过、锁也持有着：提交只是把暂存的写作为同一个序号的新版本放进已提交数据。
    const seq = ++this.commitSeq
    // 先结束事务：它自己的快照不再需要旧版本。
    this.finish(tx, '已提交')
    for (const key of tx.writes) {
      if (!tx.staged.has(key)) continue
      const [collection, id] = splitKey(key)
      this.commitVersion(collection, id, tx.staged.get(key) ?? null, seq)
    }
  }

  /**
   * 唯一索引。事务外：与已提交的数据比较。事务里：快照（含自己的写）里相撞是 E11000；
   * 与本事务开始后才提交的、或别的未结束事务暂存的同键文档相撞是写冲突（见文件头）。
   */
  private checkUnique(collection: string, doc: Doc, tx: Transaction | undefined) {
    for (const index of this.definitions.get(collection)?.indexes ?? []) {
      if (!index.unique) continue
      const fields = Object.keys(index.keys)
      const clashes = (other: Doc) => other._id !== doc._id && fields.every((f) => (other[f] ?? null) === (doc[f] ?? null))
      const dup = () => duplicate(collection, index.name, fields.map((f) => String(doc[f] ?? null)).join(', '))
      if (!tx) {
        if ([...this.data.get(collection)!.values()].some(clashes)) throw dup()
        continue
      }
      if (this.snapshotSpace(tx, collection).all().some(clashes)) throw dup()
      const committedLater = [...this.data.get(collection)!.values()].some((other) => clashes(other) && this.lastSeq(collection, other._id) > tx.startSeq)
      if (committedLater || this.stagedClash(collection, doc, tx)) throw conflict()
    }
  }

  /** 另一个未结束事务暂存的文档里，是否有与 doc 在某个唯一索引上同键的。 */
  private stagedClash(collection: string, doc: Doc, self: Transaction | undefined): Transaction | undefined {
    for (const other of this.transactions.values()) {
      if (other === self) continue
      for (const key of other.writes) {
        const [c] = splitKey(key)
        const staged = c === collection ? other.staged.get(key) : undefined
        if (!staged || staged._id === doc._id) continue
        for (const index of this.definitions.get(collection)?.indexes ?? []) {
          if (index.unique && Object.keys(index.keys).every((f) => (staged[f] ?? null) === (doc[f] ?? null))) return other
        }
      }
    }
    return undefined
  }

  /** 事务外的写：要碰的文档（或唯一键）被未结束的事务锁着时，等那个事务结束。 */
  async waitForLocks(action: string, params: Record<string, unknown>) {
    for (;;) {
      this.expireTransactions()
      const blocker = this.blockerOf(action, params)
      if (!blocker) return
      let timer: NodeJS.Timeout | undefined
      // 注入的时钟走不动真时间：定时醒来再看一次是否已超时。
      await Promise.race([blocker.ended, new Promise((resolve) => (timer = setTimeout(resolve, 20)))])
      clearTimeout(timer)
    }
  }

  private blockerOf(action: string, params: Record<string, unknown>): Transaction | undefined {
    const name = String(params.collectionName)
    const coll = this.data.get(name)
    if (!coll) return undefined
    const ids = new Set<string>()
    if (action === 'database.insertDocument') {
      for (const raw of params.data as string[]) {
        const doc = EJSON.parse(raw, { relaxed: true }) as Doc
        if (doc._id) ids.add(doc._id)
        const owner = this.stagedClash(name, doc, undefined)
        if (owner) return owner
      }
    } else {
      const query = params.query ? (EJSON.parse(String(params.query), { relaxed: true }) as Record<string, unknown>) : {}
      if (typeof query._id === 'string') ids.add(query._id)
      else for (const doc of find([...coll.values()], query).all() as Doc[]) ids.add(doc._id)
    }
    for (const id of ids) {
      const owner = this.locks.get(keyOf(name, id))
      if (owner) return owner
    }
    return undefined
  }
}

/** 查询直接点名的 _id：{_id: 'x'} 或 {_id: {$in: [...]}}；别的形状答 undefined。 */
function idsNamedBy(query: Record<string, unknown>): string[] | undefined {
  const id = query._id
  if (typeof id === 'string') return [id]
  if (id && typeof id === 'object' && Object.keys(id).length === 1 && Array.isArray((id as { $in?: unknown }).$in)) {
    const list = (id as { $in: unknown[] }).$in
    if (list.every((x) => typeof x === 'string')) return [...new Set(list as string[])]
  }
  return undefined
}

/** 已提交版本里序号不超过 seq 的最新那个（删除或不存在时为 undefined）。 */
function versionAt(versions: Version[] | undefined, seq: number): Doc | undefined {
  if (!versions) return undefined
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].seq <= seq) return versions[i].doc ?? undefined
  return undefined
}

/** 升序时刻里，任意长 windowMs 的区间内最多有几个。 */
function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0
  let from = 0
  for (let to = 0; to < times.length; to++) {
    while (times[to] - times[from] >= windowMs) from++
    peak = Math.max(peak, to - from + 1)
  }
  return peak
}

class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const conflict = () => new DatabaseError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE)

const duplicate = (collection: string, index: string, key: string) =>
  new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${key} }`)

/** 这些更新运算符在路径不存在时会创建它；$unset、$pull 之类在走不通的路径上什么都不做。 */
const CREATING_OPERATORS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$setOnInsert'])

/** 点号路径的中间一段若是 null 或标量（不是对象、数组），MongoDB 拒绝在它下面创建字段。 */
function checkPathsViable(doc: Doc, change: Record<string, unknown>) {
  for (const [operator, fields] of Object.entries(change)) {
    if (!CREATING_OPERATORS.has(operator) || !fields || typeof fields !== 'object') continue
    for (const path of Object.keys(fields)) {
      const segments = path.split('.')
      let value: unknown = doc
      for (const [i, segment] of segments.slice(0, -1).entries()) {
        value = (value as Record<string, unknown>)[segment]
        if (value === undefined) break
        if (value === null || typeof value !== 'object') {
          const shown = `{${segments.slice(0, i + 1).join('.')}: ${JSON.stringify(value)}}`
          throw new DatabaseError('DATABASE_REQUEST_FAILED', `Cannot create field '${segments[i + 1]}' in element ${shown}`)
        }
      }
    }
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/')
  return [key.slice(0, slash), key.slice(slash + 1)]
}

/**
 * 把真 SDK 的请求层换成执行器。cloud.database() 每次都会把 Db.reqClass 改回 HTTP 请求类，
 * 所以用 defineProperty 钉住；返回的函数恢复原状。
 */
export function routeSdkDatabaseTo(executor: CloudbaseExecutor): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Db } = require(requireFromSdk.resolve('@cloudbase/database')) as { Db: { reqClass: unknown } }
  const original = Object.getOwnPropertyDescriptor(Db, 'reqClass')
  const routed = executor.requestClass()
  Object.defineProperty(Db, 'reqClass', { configurable: true, get: () => routed, set: () => undefined })
  return () => {
    if (original) Object.defineProperty(Db, 'reqClass', original)
    else delete (Db as { reqClass?: unknown }).reqClass
  }
}
