/**
 * 在 SDK 的数据库对象外面包一层，让某一步"函数被杀"：那个请求永远不返回，之后的代码也就不再运行
 * （云函数超时被平台结束时正是这样：已开的事务没人提交也没人回滚，要等服务端的事务时限）。
 * 只用来检验归并中途崩溃后统计仍然精确；其余请求原样交给真的 SDK。
 */
import type { CloudDatabase, Transaction } from '../../server/storage/cloudbase'

type Data = Record<string, unknown>
/** 归并的两处崩溃点：事务里写桶时（提交前），与提交后删除已归并的事件时。 */
export type FoldCrash = 'beforeCommit' | 'afterCommit'

const never = () => new Promise<never>(() => {})

export function faultyDatabase(db: CloudDatabase) {
  let armed: FoldCrash | null = null
  let paused: { reached(): void; released: Promise<void> } | null = null
  let stuck: Promise<void> = Promise.resolve()
  let markStuck = () => {}
  const take = (stage: FoldCrash) => {
    if (armed !== stage) return false
    armed = null
    markStuck()
    return true
  }

  const wrapTx = (tx: Transaction): Transaction => ({
    collection(name: string) {
      const coll = tx.collection(name)
      if (name !== 'tallies') return coll
      return {
        add: (options: { data: Data }) => coll.add(options),
        doc(id: string) {
          const ref = coll.doc(id)
          return {
            get: () => ref.get(),
            update: (o: { data: Data }) => ref.update(o),
            remove: () => ref.remove(),
            set: (o: { data: Data }) => (take('beforeCommit') ? never() : ref.set(o)),
          }
        },
      }
    },
  })

  const wrapped: CloudDatabase = {
    get command() {
      return db.command
    },
    collection(name: string) {
      const coll = db.collection(name)
      if (name !== 'tallyEvents') return coll
      // 查询是链式的（where/orderBy/limit 各返回新的查询）：每一层都包上，只改最后的 get 与 remove。
      const wrapQuery = <T extends object>(query: T): T =>
        new Proxy(query, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver)
            if (typeof value !== 'function') return value
            if (prop === 'remove') return () => (take('afterCommit') ? never() : (value as () => Promise<unknown>).call(target))
            if (prop === 'get') {
              return async () => {
                const result = await (value as () => Promise<unknown>).call(target)
                const hold = paused
                if (hold) {
                  paused = null
                  hold.reached()
                  await hold.released
                }
                return result
              }
            }
            if (['where', 'orderBy', 'limit', 'skip', 'field'].includes(String(prop)))
              return (...args: unknown[]) => wrapQuery((value as (...a: unknown[]) => object).apply(target, args))
            return value.bind(target)
          },
        })
      return wrapQuery(coll)
    },
    runTransaction: (run, retries) => db.runTransaction((tx) => run(wrapTx(tx)), retries),
  }
  return {
    db: wrapped,
    /** 下一次走到这一步的请求永远不返回。 */
    killAt(stage: FoldCrash) {
      armed = stage
      stuck = new Promise((resolve) => (markStuck = resolve))
    },
    /** 等到被杀的那个请求已经发出。 */
    untilStuck: () => stuck,
    /** 下一次读事件（归并挑一批）读完之后停住，直到 resume：模拟一个慢了、租约已过期还在跑的归并。 */
    pauseAfterEventsRead() {
      let reached = () => {}
      let resume = () => {}
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve))
      const released = new Promise<void>((resolve) => (resume = resolve))
      paused = { reached, released }
      return { reached: reachedPromise, resume }
    },
  }
}
