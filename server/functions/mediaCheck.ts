/**
 * 云函数 mediaCheck：接收微信推来的 wxa_media_check 事件（security.mediaCheckAsync 的结论），记到照片上。
 * 生产里由云开发"消息推送"触发（云开发控制台 → 设置 → 其他设置 → 消息推送，推送模式选云函数，
 * 消息类型 event、事件类型 wxa_media_check、云函数 mediaCheck）；本地宿主不经过这里，本地平台直接把
 * 同形的推送交给同一个用例（server/platform/local.ts、server/host/app.ts）。
 *
 * 安全：云函数谁都能调。小程序里任何人都可以 wx.cloud.callFunction({ name: 'mediaCheck', data: 伪造的推送 })，
 * 拿一条 pass 把自己被判 risky 的照片放出来，或拿一条 risky 藏掉别人的照片。事件内容全由调用者决定，
 * ToUserName、FromUserName、appid 都能照抄，所以不能凭事件判断来源，只能凭平台写进调用上下文、调用者改不了的东西：
 * 1. getWXContext().SOURCE：平台给出的调用来源，链式调用用逗号连接（小程序调 A、A 再调 B，B 看到 "wx_client,scf"）。
 *    文档列出的来源里 wx_client（小程序）、wx_devtools（开发者工具）、wx_localdebug、wx_crawler 是人能发起的，
 *    wx_http（HTTP API）、wx_trigger（定时触发器）、scf（云函数互调）、wx_paycallback（支付回调）也都不是消息推送。
 *    链上出现其中任何一个都拒收。文档没有写消息推送的 SOURCE 是什么，所以不用白名单（可能把真推送拒掉），用这张黑名单：
 *    它拦下的正是客户端能走的全部路径。每条收下的推送都记一条 info（带 SOURCE），上线后可以在日志里核对。
 * 2. 事件里有 userInfo（小程序端 callFunction 时 SDK 塞进 event 的 { appId, openId }）也拒收。
 * 没有用"上下文里有没有 OPENID"来判断：官方的消息推送示例正是用推送时的 getWXContext().OPENID 回复用户，
 * 推送也可能带 OPENID，拿它当判据会把真推送拒掉。
 * 另有一层：追踪号只在服务端流转（提交用例拿到后直接存库，不回给客户端），伪造者还得知道一个真实的追踪号。
 */
import type { Logger } from '../../src/core/shared/ports'
import type { PhotoCheckStore } from '../../src/core/reports'
import { createRecordPhotoVerdict } from '../../src/core/reports'
import { createJsonLogger } from '../platform/logger'
import type { WxContext } from '../platform/wxCloud'
import { wxSdk } from '../platform/wxCloud'

/** 不是消息推送的调用来源（见文件头）。 */
export const NON_PUSH_SOURCES: readonly string[] = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler', 'wx_http', 'wx_trigger', 'wx_paycallback', 'scf']

export type MediaCheckReply = 'success' | { code: 'FORBIDDEN' | 'INTERNAL'; message: string; data: null }

const FORBIDDEN: MediaCheckReply = { code: 'FORBIDDEN', message: '这个云函数只接收微信平台的图片检测推送', data: null }

/** 这次调用是不是平台的消息推送；不是时给出原因（写进日志）。 */
export function pushOrigin(event: unknown, context: WxContext): { push: true } | { push: false; reason: string } {
  const chain = (context.SOURCE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const caller = chain.find((source) => NON_PUSH_SOURCES.includes(source))
  if (caller) return { push: false, reason: `调用来源是 ${caller}` }
  if (event && typeof event === 'object' && 'userInfo' in event) return { push: false, reason: '事件带着小程序端的 userInfo' }
  return { push: true }
}

export interface MediaCheckDeps {
  photos: PhotoCheckStore
  logger: Logger
}

/** 拒收：记一条 warn，答 FORBIDDEN，不碰存储。 */
function refuse(logger: Logger, reason: string, context: WxContext): MediaCheckReply {
  logger.warn('拒收 mediaCheck 调用：不是平台推送', { details: { reason, source: context.SOURCE ?? null, openid: context.OPENID ?? null } })
  return FORBIDDEN
}

/** 入口的核心：先认来源，再交给用例。测试直接传上下文。 */
export function createMediaCheckHandler({ photos, logger }: MediaCheckDeps) {
  const record = createRecordPhotoVerdict({ photos, logger })
  return async (event: unknown, context: WxContext): Promise<MediaCheckReply> => {
    const origin = pushOrigin(event, context)
    if (!origin.push) return refuse(logger, origin.reason, context)
    try {
      const result = await record(event)
      if (result.ok) {
        const { traceId, verdict, recorded } = result.data
        logger.info('收到图片检测推送', { details: { source: context.SOURCE ?? null, traceId, verdict, recorded } })
      }
      // 形状不对的推送已由用例记下 warn；重推也一样，照样答 success。
      return 'success'
    } catch (error) {
      // 存储出错：结论没记上，照片停在 pending（与检测前一样可见）。
      logger.error('mediaCheck 记录检测结论失败', { error })
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}

export interface MediaCheckMainOptions {
  /** 照片检测记录的存储；部署包里是云开发数据库，第一次收下推送时才建。 */
  photos: () => PhotoCheckStore
  /** 调用上下文；默认取自 getWXContext()（平台写进环境变量，调用者改不了）。 */
  context?: () => WxContext
  logger?: Logger
}

/** 部署后的入口：main(event)。拒收的调用不建存储、不初始化 SDK、不碰网络。 */
export function mediaCheckMain({ photos, context = () => wxSdk().getWXContext(), logger = createJsonLogger() }: MediaCheckMainOptions) {
  let handler: ReturnType<typeof createMediaCheckHandler> | undefined
  return async (event: unknown): Promise<MediaCheckReply> => {
    try {
      const ctx = context()
      const origin = pushOrigin(event, ctx)
      if (!origin.push) return refuse(logger, origin.reason, ctx)
      handler ??= createMediaCheckHandler({ photos: photos(), logger })
      return await handler(event, ctx)
    } catch (error) {
      handler = undefined
      logger.error('云函数出错', { error })
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
