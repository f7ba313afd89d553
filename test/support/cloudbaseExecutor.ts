/**
 * 云开发数据库在测试里的替身：只替换 wx-server-sdk 的请求层（@cloudbase/database 的 Db.reqClass），
 * 查询构造、EJSON 序列化、事务重试、返回值解析都走真的 SDK。执行器按 EJSON 解析 SDK 发出的请求，
 * 用 mingo 执行查询与更新，并按 cloudbase/database.json 执行唯一索引——与线上一样，
 * 没有在定义文件里声明的约束，这里也不存在。
 *
 * 与云开发一致的行为（适配器依赖它们，所以在这里必须如此）：
 *   - 集合须先创建（按定义文件），否则 DATABASE_COLLECTION_NOT_EXIST；
 *   - 唯一索引冲突：DATABASE_REQUEST_FAILED / E11000 duplicate key；
 *   - 单次读取最多 1000 条，未指定 limit 时 100 条；
 *   - 事务：快照读，提交时若所碰过的文档已被别的写入改过，则 DATABASE_TRANSACTION_CONFLICT。
 */
import { createRequire } from 'node:module'
import { find, update } from 'mingo'
import { readDatabaseDefinition, type CollectionDefinition } from '../../server/storage/cloudbaseSchema'

type Doc = Record<string, unknown> & { _id: string }
type Collections = Map<string, Map<string, Doc>>

const requireFromSdk = createRequire(require.resolve('@cloudbase/node-sdk'))
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EJSON } = require(requireFromSdk.resolve('bson')) as typeof import('bson')
// SDK 自己解析 EJSON 用的也是这一份 bson。

interface Transaction {
  snapshot: Collections
  /** 事务开始时每个文档的版本，用于提交时检测冲突。 */
  versionsAtStart: Map<string, number>
  touched: Set<string>
}

interface Reply {
  code?: string
  message?: string
  requestId: string
  data?: unknown
  transactionId?: string
}

const clone = (docs: Collections): Collections =>
  new Map([...docs].map(([name, coll]) => [name, new Map([...coll].map(([id, doc]) => [id, structuredClone(doc)]))]))

export class CloudbaseExecutor {
  private data: Collections = new Map()
  private readonly versions = new Map<string, number>()
  private readonly definitions: Map<string, CollectionDefinition>
  private readonly transactions = new Map<string, Transaction>()
  private serial = 0

  constructor(collections = readDatabaseDefinition()) {
    this.definitions = new Map(collections.map((c) => [c.name, c]))
    for (const c of collections) this.data.set(c.name, new Map())
  }

  /** 与 Db.reqClass 同形：new reqClass(config).send(action, params)。 */
  requestClass() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const executor = this
    return class ExecutorRequest {
      async send(action: string, params: Record<string, unknown> = {}): Promise<Reply> {
        try {
          return executor.execute(action, params)
        } catch (error) {
          if (error instanceof DatabaseError) return { code: error.code, message: error.message, requestId: executor.requestId() }
          throw error
        }
      }
    }
  }

  documents(collection: string): Doc[] {
    return [...(this.data.get(collection)?.values() ?? [])].map((d) => structuredClone(d))
  }

  private requestId() {
    return `exec-${++this.serial}`
  }

  private execute(action: string, params: Record<string, unknown>): Reply {
    const requestId = this.requestId()
    switch (action) {
      case 'database.startTransaction': {
        const id = `tx-${this.serial}`
        this.transactions.set(id, { snapshot: clone(this.data), versionsAtStart: new Map(this.versions), touched: new Set() })
        return { requestId, transactionId: id }
      }
      case 'database.commitTransaction':
        return this.commit(String(params.transactionId), requestId)
      case 'database.abortTransaction':
        this.transactions.delete(String(params.transactionId))
        return { requestId }
    }
    const tx = params.transactionId ? this.transactions.get(String(params.transactionId)) : undefined
    if (params.transactionId && !tx) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `事务 ${String(params.transactionId)} 不存在或已结束`)
    const space = tx ? tx.snapshot : this.data
    const name = String(params.collectionName)
    const coll = space.get(name)
    if (!coll) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在`)
    const write = (doc: Doc) => {
      this.checkUnique(name, coll, doc)
      coll.set(doc._id, doc)
      this.touch(name, doc._id, tx)
    }
    const query = params.query ? (EJSON.parse(String(params.query), { relaxed: true }) as Record<string, unknown>) : {}
    const matching = () => find([...coll.values()], query).all() as Doc[]
    // 事务里读过的文档也算碰过：提交时若它们已被别人改过，就是冲突。
    if (tx && params.query) for (const doc of matching()) this.touch(name, doc._id, tx)

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
          coll.delete(doc._id)
          this.touch(name, doc._id, tx)
        }
        return { requestId, data: { deleted: chosen.length } }
      }
    }
    throw new DatabaseError('DATABASE_REQUEST_FAILED', `执行器不支持的操作：${action}`)
  }

  private touch(collection: string, id: string, tx: Transaction | undefined) {
    const key = `${collection}/${id}`
    if (tx) tx.touched.add(key)
    else this.versions.set(key, (this.versions.get(key) ?? 0) + 1)
  }

  private commit(id: string, requestId: string): Reply {
    const tx = this.transactions.get(id)
    if (!tx) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `事务 ${id} 不存在或已结束`)
    this.transactions.delete(id)
    for (const key of tx.touched) {
      if ((this.versions.get(key) ?? 0) !== (tx.versionsAtStart.get(key) ?? 0)) {
        throw new DatabaseError('DATABASE_TRANSACTION_CONFLICT', `事务冲突：${key} 已被其他写入修改`)
      }
    }
    const writes = [...tx.touched].map((key) => {
      const [collection, docId] = splitKey(key)
      return { key, collection, docId, staged: tx.snapshot.get(collection)!.get(docId) }
    })
    // 先全部检查唯一约束，再全部写入：提交要么整体生效，要么什么都不改。
    for (const w of writes) if (w.staged) this.checkUnique(w.collection, this.data.get(w.collection)!, w.staged)
    for (const w of writes) {
      const target = this.data.get(w.collection)!
      if (w.staged) target.set(w.docId, w.staged)
      else target.delete(w.docId)
      this.versions.set(w.key, (this.versions.get(w.key) ?? 0) + 1)
    }
    return { requestId }
  }

  private checkUnique(collection: string, coll: Map<string, Doc>, doc: Doc) {
    for (const index of this.definitions.get(collection)?.indexes ?? []) {
      if (!index.unique) continue
      const fields = Object.keys(index.keys)
      const clash = [...coll.values()].find((other) => other._id !== doc._id && fields.every((f) => other[f] === doc[f]))
      if (clash) throw duplicate(collection, index.name, fields.map((f) => String(doc[f])).join(', '))
    }
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

const duplicate = (collection: string, index: string, key: string) =>
  new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${key} }`)

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
