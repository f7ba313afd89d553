/**
 * 云函数的客户端：api.<函数>.<动作>(载荷)，函数名、动作名与载荷都照 src/core/api.ts 的契约，不另起别名。
 * 由契约的动作清单 FUNCTION_ACTIONS 生成：契约加一个动作，这里不用加一行（清单漏写由 test/types/server-contract.ts 拦下）。
 */
import { FUNCTION_ACTIONS, type ActionOf, type FunctionName, type InputOf, type OutputOf } from '@/core/api'
import { callFunction } from './transport'

/** 一个函数的全部动作：载荷与返回的类型都由契约推出。 */
export type FunctionClient<F extends FunctionName> = { readonly [A in ActionOf<F>]: (payload: InputOf<F, A>) => Promise<OutputOf<F, A>> }
export type Api = { readonly [F in FunctionName]: FunctionClient<F> }

type Send = (payload: unknown) => Promise<unknown>

function clientOf(name: FunctionName): Record<string, Send> {
  const client: Record<string, Send> = {}
  for (const action of FUNCTION_ACTIONS[name] as readonly string[]) client[action] = (payload) => callFunction(name, { action, payload })
  return client
}

/** 运行时的对象只是"函数名 → 动作名 → 发送"；它与 Api 类型一致，靠的是 FUNCTION_ACTIONS 与契约一一对应。 */
function buildApi(): Api {
  const clients: Record<string, Record<string, Send>> = {}
  for (const name of Object.keys(FUNCTION_ACTIONS) as FunctionName[]) clients[name] = clientOf(name)
  return clients as unknown as Api
}

export const api = buildApi()

/** 请求编号：同一次提交的重试用同一个，函数据此只存一次。 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `r${Date.now().toString(36)}${random}`
}
