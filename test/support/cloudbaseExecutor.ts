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
 */
import { createRequire } from 'node:module'
import { find, update } from 'mingo'
import { readDatabaseDefinition, type CollectionDefinition } from '../../server/storage/cloudbase/schema'

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

export interface ExecutorOptions {
  collections?: CollectionDefinition[]
  /** 毫秒时钟：测试注入它来检查 30 秒时限而不必真等。 */
  now?: () => number
}

interface Transaction {
  id: string
  startedAt: number
  /** 开始时的提交序号：之后提交的文档不在快照里。 */
  startSeq: number
  /** 开始时的快照，加上本事务自己的写。 */
  view: Collections
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

const clone = (docs: Collections): Collections =>
  new Map([...docs].map(([name, coll]) => [name, new Map([...coll].map(([id, doc]) => [id, structuredClone(doc)]))]))

const keyOf = (collection: string, id: string) => `${collection}/${id}`
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'])

export class CloudbaseExecutor {
  private data: Collections = new Map()
  /** 每个文档最后一次提交时的序号。 */
  private readonly versions = new Map<string, number>()
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

  constructor(options: ExecutorOptions = {}) {
    const collections = options.collections ?? readDatabaseDefinition()
    this.now = options.now ?? Date.now
    this.definitions = new Map(collections.map((c) => [c.name, c]))
    for (const c of collections) this.data.set(c.name, new Map())
  }

  /** 与 Db.reqClass 同形：new reqClass(config).send(action, params)。 */
  requestClass() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const executor = this
    return class ExecutorRequest {
      async send(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
        executor.received.push({
          action,
          ...(params.transactionId ? { transactionId: String(params.transactionId) } : {}),
          ...(params.queryType ? { queryType: String(params.queryType) } : {}),
        })
        try {
          if (!params.transactionId && WRITES.has(action)) await executor.waitForLocks(action, params)
          return executor.execute(action, params)
        } catch (error) {
          if (error instanceof DatabaseError) throw new TcbError({ code: error.code, message: error.message, requestId: executor.requestId() })
          throw error
        }
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
      throw new DatabaseError('DATABASE_REQUEST_FAILED', `事务内只允许按 _id 的单文档操作与 add，不支持 ${action}（${String(params.queryType ?? '无 queryType')}）`)
    }
    const space = tx ? tx.view : this.data
    const name = String(params.collectionName)
    const coll = space.get(name)
    if (!coll) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在`)
    const write = (doc: Doc) => {
      this.checkUnique(name, doc, tx)
      if (tx) this.lock(tx, name, doc._id)
      coll.set(doc._id, doc)
      if (!tx) this.versions.set(keyOf(name, doc._id), ++this.commitSeq)
    }
    const query = params.query ? (EJSON.parse(String(params.query), { relaxed: true }) as Record<string, unknown>) : {}
    const matching = () => find([...coll.values()], query).all() as Doc[]

    switch (action) {
      case 'database.getDocument': {
        let cursor = find([...coll.values()], query)
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
          if (coll.has(doc._id)) throw duplicate(name, '_id_', doc._id)
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
          coll.delete(doc._id)
          if (!tx) this.versions.set(keyOf(name, doc._id), ++this.commitSeq)
        }
        return { requestId, data: { deleted: chosen.length } }
      }
    }
    throw new DatabaseError('DATABASE_REQUEST_FAILED', `执行器不支持的操作：${action}`)
  }

  private begin(): Transaction {
    let end = () => {}
    const ended = new Promise<void>((resolve) => (end = resolve))
    const tx: Transaction = { id: `tx-${this.serial}`, startedAt: this.now(), startSeq: this.commitSeq, view: clone(this.data), writes: new Set(), ended, end }
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
    if ((owner && owner !== tx) || (this.versions.get(key) ?? 0) > tx.startSeq) throw conflict()
    this.locks.set(key, tx)
    tx.writes.add(key)
  }

  private commit(tx: Transaction) {
    // 冲突都在写的当下查过、锁也持有着：提交只是把暂存的写一次性放进已提交数据。
    const seq = ++this.commitSeq
    for (const key of tx.writes) {
      const [collection, id] = splitKey(key)
      const staged = tx.view.get(collection)!.get(id)
      if (staged) this.data.get(collection)!.set(id, structuredClone(staged))
      else this.data.get(collection)!.delete(id)
      this.versions.set(key, seq)
    }
    this.finish(tx, '已提交')
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
      if ([...tx.view.get(collection)!.values()].some(clashes)) throw dup()
      const committedLater = [...this.data.get(collection)!.values()].some((other) => clashes(other) && (this.versions.get(keyOf(collection, other._id)) ?? 0) > tx.startSeq)
      if (committedLater || this.stagedClash(collection, doc, tx)) throw conflict()
    }
  }

  /** 另一个未结束事务暂存的文档里，是否有与 doc 在某个唯一索引上同键的。 */
  private stagedClash(collection: string, doc: Doc, self: Transaction | undefined): Transaction | undefined {
    for (const other of this.transactions.values()) {
      if (other === self) continue
      for (const key of other.writes) {
        const [c, id] = splitKey(key)
        const staged = c === collection ? other.view.get(c)!.get(id) : undefined
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
      for (const doc of find([...coll.values()], query).all() as Doc[]) ids.add(doc._id)
      if (typeof query._id === 'string') ids.add(query._id)
    }
    for (const id of ids) {
      const owner = this.locks.get(keyOf(name, id))
      if (owner) return owner
    }
    return undefined
  }
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
