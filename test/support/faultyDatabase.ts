/**
 * 在 SDK 的数据库对象外面包一层，让某一步"函数被杀"：那个请求永远不返回，之后的代码也就不再运行
 * （云函数超时被平台结束时正是这样：已开的事务没人提交也没人回滚，要等服务端的事务时限）。
 * 只用来检验归并中途崩溃后统计仍然精确；其余请求原样交给真的 SDK。
 */
import type { CloudDatabase } from '../../server/storage/cloudbase'
import { interceptRequests } from '../../server/storage/cloudbase/requestRetry'

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

  // 只改三处，其余请求原样交给真的 SDK：事务里写桶（提交前被杀）、删已归并的事件（提交后被杀）、归并挑一批时读事件（停住）。
  const wrapped = interceptRequests(db, async (request, send) => {
    if (request.collection === 'tallies' && request.op === 'set' && request.inTransaction && take('beforeCommit')) return never()
    if (request.collection === 'tallyEvents' && request.op === 'remove' && take('afterCommit')) return never()
    const result = await send()
    if (request.collection === 'tallyEvents' && request.op === 'get' && paused) {
      const hold = paused
      paused = null
      hold.reached()
      await hold.released
    }
    return result
  })
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
