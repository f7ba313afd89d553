/**
 * 云函数的统一外壳：按 event.action 分派，用共享的校验规则检查载荷，
 * 身份只取自调用上下文（平台给的 OPENID），返回 { code, message, data }。
 */
import type { FunctionEvent, FunctionReply } from '../../src/core/api'
import type { Result } from '../../src/core/result'
import { parsePayload } from '../../src/core/schema'
import type { z } from 'zod'

/** 调用上下文：生产里来自 cloud.getWXContext（），本地宿主里来自会话。 */
export interface CallContext {
  openid: string
}

export interface ActionDef<I, O> {
  schema: z.ZodType<I>
  run(openid: string, input: I): Promise<Result<O>>
}

export type FunctionHandler = (event: FunctionEvent, ctx: CallContext) => Promise<FunctionReply<unknown>>

// 每个动作的输入类型各不相同，这里按动作名存放，类型在 defineAction 处检查。
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = ActionDef<any, any>

export const defineAction = <I, O>(def: ActionDef<I, O>): ActionDef<I, O> => def

export interface Logger {
  error(message: string, error: unknown): void
}

export function defineFunction(name: string, actions: Record<string, AnyAction>, logger: Logger = console): FunctionHandler {
  return async (event, ctx) => {
    const actionName = typeof event?.action === 'string' ? event.action : ''
    const action = Object.prototype.hasOwnProperty.call(actions, actionName) ? actions[actionName] : undefined
    if (!action) return { code: 'UNKNOWN_ACTION', message: `不支持的操作：${actionName || '（空）'}`, data: null }
    if (!ctx?.openid) return { code: 'FORBIDDEN', message: '无法确认你的身份，请在微信中重新打开小程序', data: null }
    const parsed = parsePayload(action.schema, event.payload)
    if (!parsed.ok) return { code: 'INVALID', message: parsed.message, data: null }
    try {
      const result = await action.run(ctx.openid, parsed.value)
      return result.ok
        ? { code: 'OK', message: '成功', data: result.data }
        : { code: result.code, message: result.message, data: null }
    } catch (error) {
      logger.error(`${name}.${actionName} 失败`, error)
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
