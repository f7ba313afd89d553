/**
 * 一次云函数调用的上下文，经 AsyncLocalStorage 传到执行器的请求层：函数运行器（cloudFunctionRunner.ts）
 * 在调用开始时设下，执行器据此把请求与事务冲突记到这次调用上，并在调用被平台杀掉之后让它的请求永不完成。
 * 存储适配器不知道它的存在。
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Invocation {
  readonly id: number
  /** 云函数名与动作（报告用）。 */
  readonly name: string
  readonly action: string
  /** 调用者（部署后的入口经 identify 取它，代替 getWXContext().OPENID）。 */
  readonly openid: string
  /** 超时被平台结束：之后这次调用的数据库请求既不发出也不返回。 */
  killed: boolean
  /** 到达请求层的数据库请求数（含被配额拒绝的）。 */
  requests: number
  /** 这次调用遇到的事务写冲突数（适配器每遇一次就重试一次，直到用完次数）。 */
  conflicts: number
  /** 被配额拒绝的请求数（QPS 或同时连接数）。 */
  refused: number
}

const storage = new AsyncLocalStorage<Invocation>()

let serial = 0

export function newInvocation(name: string, action: string, openid = ''): Invocation {
  return { id: ++serial, name, action, openid, killed: false, requests: 0, conflicts: 0, refused: 0 }
}

/** 在这次调用的上下文里运行 run：其中（含其后的一切异步延续）发出的数据库请求都记在它名下。 */
export function runInInvocation<T>(invocation: Invocation, run: () => T): T {
  return storage.run(invocation, run)
}

/** 当前的调用；不在任何调用里（测试直接用 SDK、播种）时为 undefined。 */
export function currentInvocation(): Invocation | undefined {
  return storage.getStore()
}
