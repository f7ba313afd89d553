/**
 * 云函数的统一外壳：按 event.action 分派，用共享的校验规则检查载荷，
 * 身份只取自调用上下文（平台给的 OPENID），返回 { code, message, data }。
 */
import type { ActionOf, FunctionEvent, FunctionName, FunctionReply, InputOf, OutputOf } from '../../src/core/api'
import type { Logger } from '../../src/core/shared/ports'
import type { Result } from '../../src/core/shared/result'
import { parsePayload } from '../../src/core/shared/schema'
import { z } from 'zod/mini'

/** 调用上下文：生产里来自 cloud.getWXContext（），本地宿主里来自会话。 */
export interface CallContext {
  openid: string
}

/** 一个动作：校验规则的输出就是契约里的载荷，run 答契约里的返回数据。run 写成属性，让参数按逆变检查。 */
export interface ActionDef<I, O> {
  schema: z.ZodMiniType<I>
  run: (openid: string, input: I) => Promise<Result<O>>
}

/** 函数 F 的全部动作，以 src/core/api.ts 的 FunctionApi 为准。 */
export type ActionsOf<F extends FunctionName> = { [A in ActionOf<F>]: ActionDef<InputOf<F, A>, OutputOf<F, A>> }

/**
 * 契约里没有的动作名映射成 never：动作表先存进变量再传入时没有多余属性检查，多出来的也照样报错。
 * 包在 NoInfer 里，不参与推断，动作表里的 run 仍按契约得到参数类型。
 */
type NoExtraActions<F extends FunctionName, T> = NoInfer<{ [K in Exclude<keyof T, ActionOf<F>>]: never }>

export type FunctionHandler = (event: FunctionEvent, ctx: CallContext) => Promise<FunctionReply<unknown>>

/** 载荷带楼栋码的动作的守卫：挡住挨个试楼栋码的人（src/core/directory 的 createCodeAttemptGuard）。 */
export interface BuildingCodeGuard {
  /** 这个人这一小时试错满了：答拒绝；否则 null。 */
  refuse(openid: string): Promise<Result<never> | null>
  /** 动作答了"没有找到"：码不是哪栋楼时记一次试错。 */
  notFound(openid: string, buildingCode: string): Promise<void>
}

/** 校验过的载荷里的楼栋码（顶层的 buildingCode 字段）；没有为 null。 */
function buildingCodeOf(input: unknown): string | null {
  const code = input !== null && typeof input === 'object' ? (input as { buildingCode?: unknown }).buildingCode : undefined
  return typeof code === 'string' ? code : null
}

export function defineFunction<F extends FunctionName, T extends ActionsOf<F>>(
  name: F,
  actions: T & NoExtraActions<F, T>,
  logger: Logger,
  guard?: BuildingCodeGuard,
): FunctionHandler {
  // 分派时动作名来自事件（任意字符串），按名字查表；每个动作的类型已在上面的签名里对过契约。
  const table = actions as unknown as Record<string, ActionDef<unknown, unknown>>
  // 函数里（Node 允许生成代码）把用到的校验规则编译成快速路径（z.compile）：结果与逐项校验相同，不合规的输入仍由 zod 逐项给出中文说法。
  // zod/mini 没有经典 zod 的对象 JIT：一次报事的校验不编译约 12 µs、编译后约 2 µs（原来的经典 zod 约 6 µs）。
  // 第一次用到某个动作时才编译（约 10 ms），不拖慢冷启动。小程序里不编译：微信不许 new Function。
  const compiled = new Map<string, z.ZodMiniType<unknown>>()
  const schemaOf = (actionName: string, action: ActionDef<unknown, unknown>) => {
    let schema = compiled.get(actionName)
    if (!schema) compiled.set(actionName, (schema = z.compile(action.schema)))
    return schema
  }
  return async (event, ctx) => {
    const actionName = typeof event?.action === 'string' ? event.action : ''
    const action = Object.prototype.hasOwnProperty.call(table, actionName) ? table[actionName] : undefined
    if (!action) return { code: 'UNKNOWN_ACTION', message: `不支持的操作：${actionName || '（空）'}`, data: null }
    if (!ctx?.openid) return { code: 'FORBIDDEN', message: '无法确认你的身份，请在微信中重新打开小程序', data: null }
    const parsed = parsePayload(schemaOf(actionName, action), event.payload)
    if (!parsed.ok) return { code: 'INVALID', message: parsed.message, data: null }
    try {
      // 带楼栋码的动作：试错满了的人什么都不答（连"有没有这栋楼"也不答）。
      const buildingCode = guard ? buildingCodeOf(parsed.value) : null
      if (guard && buildingCode !== null) {
        const refused = await guard.refuse(ctx.openid)
        if (refused && !refused.ok) return { code: refused.code, message: refused.message, data: null }
      }
      const result = await action.run(ctx.openid, parsed.value)
      if (guard && buildingCode !== null && !result.ok && result.code === 'NOT_FOUND') await guard.notFound(ctx.openid, buildingCode)
      return result.ok ? { code: 'OK', message: '成功', data: result.data } : { code: result.code, message: result.message, data: null }
    } catch (error) {
      logger.error(`${name}.${actionName} 失败`, { error })
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
