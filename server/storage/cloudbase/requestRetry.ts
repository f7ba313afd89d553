/**
 * 被配额挡下的请求退避后重发。云开发按套餐限制环境的每秒请求数与同时连接数，超出的请求直接被拒
 * （-501003 / -501004），不排队：几百户同时打开一条公告时，拒绝落在谁身上，谁的操作就整个失败。
 * 被拒的请求没有执行，所以任何一个（读、写、事务里的单文档操作）都可以原样重发；带抖动的退避把
 * 一秒里挤不下的请求摊到后面几秒，换来的是这些人多等一会儿，而不是失败。
 *
 * 包在 SDK 的数据库对象外面（context.ts 建存储时包一次），各端口照常写查询，不必各自处理。
 * 事务的开始与提交是 SDK 自己发的请求，由 transaction.ts 的 transact 整个重来。
 */
import type { CloudDatabase, CollectionRef, DocRef, Query, Transaction } from './sdk'
import { isRequestLimited, type CloudbaseStoreOptions } from './transaction'

/**
 * 第 n 次重发前等 0 到 min(800, 40·2ⁿ) 毫秒：每秒请求数的窗口是一秒，挤不下的要摊进后面几秒。
 * 16 次的期望总等待约 5 秒，在函数的超时（10 秒，见 TIMEOUT_SECONDS_BY_FUNCTION）之内。
 */
const defaultLimitBackoff = (attempt: number) => Math.round(Math.random() * Math.min(800, 40 * 2 ** attempt))

/** 一个发往数据库的请求：哪个集合、哪种操作、是不是事务里的。 */
export interface DatabaseRequest {
  collection: string
  op: 'get' | 'count' | 'set' | 'update' | 'remove' | 'add'
  inTransaction: boolean
}
/** 包住每个请求：send 是真正发出它的那一步。 */
export type AroundRequest = <T>(request: DatabaseRequest, send: () => Promise<T>) => Promise<T>

/**
 * 在 SDK 的数据库对象外面包一层，每个发出请求的方法都经过 around（查询是链式的：每一层都包上，只有发出请求的方法经过它）。
 * 重发被挡下的请求用它；测试里让某个请求"被杀"（永不返回）也用它（test/support/faultyDatabase.ts）。
 */
export function interceptRequests(db: CloudDatabase, around: AroundRequest): CloudDatabase {
  const doc = (collection: string, inTransaction: boolean, ref: DocRef): DocRef => {
    const r = (op: DatabaseRequest['op']) => ({ collection, op, inTransaction })
    return {
      get: () => around(r('get'), () => ref.get()),
      set: (o) => around(r('set'), () => ref.set(o)),
      update: (o) => around(r('update'), () => ref.update(o)),
      remove: () => around(r('remove'), () => ref.remove()),
    }
  }
  const query = (collection: string, q: Query): Query => {
    const r = (op: DatabaseRequest['op']) => ({ collection, op, inTransaction: false })
    return {
      where: (c) => query(collection, q.where(c)),
      orderBy: (f, d) => query(collection, q.orderBy(f, d)),
      limit: (n) => query(collection, q.limit(n)),
      get: () => around(r('get'), () => q.get()),
      count: () => around(r('count'), () => q.count()),
      update: (o) => around(r('update'), () => q.update(o)),
      remove: () => around(r('remove'), () => q.remove()),
    }
  }
  const collection = (name: string, c: CollectionRef): CollectionRef => ({
    ...query(name, c),
    doc: (id) => doc(name, false, c.doc(id)),
    add: (o) => around({ collection: name, op: 'add', inTransaction: false }, () => c.add(o)),
  })
  const transaction = (tx: Transaction): Transaction => ({
    collection(name) {
      const c = tx.collection(name)
      return { doc: (id) => doc(name, true, c.doc(id)), add: (o) => around({ collection: name, op: 'add', inTransaction: true }, () => c.add(o)) }
    },
  })

  return {
    get command() {
      return db.command
    },
    collection: (name) => collection(name, db.collection(name)),
    runTransaction: (run, times) => db.runTransaction((tx) => run(transaction(tx)), times),
  }
}

/** 被配额挡下的请求退避后重发。 */
export function retryingOnLimit(db: CloudDatabase, options: CloudbaseStoreOptions = {}): CloudDatabase {
  const retries = options.limitRetries ?? 16
  const backoff = options.limitBackoff ?? defaultLimitBackoff
  return interceptRequests(db, async (_request, send) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send()
      } catch (error) {
        if (!isRequestLimited(error) || attempt > retries) throw error
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)))
      }
    }
  })
}
