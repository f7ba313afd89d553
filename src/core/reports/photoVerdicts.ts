/**
 * 照片的内容安全结论：微信 security.mediaCheckAsync（v2）检测完后，把结论作为 wxa_media_check 事件推送过来
 * （生产：云开发"消息推送"推给云函数 mediaCheck；本地宿主：本地平台模拟推送，见 server/platform/local.ts）。
 * 这里核对推送的形状，按追踪号（trace_id）记下结论。推送从哪里来（是不是平台）由入口判断，不在这里。
 *
 * 结论的取舍：
 * - risky → risky：照片只给上传者本人看；报事本身照常保留、照常流转。
 * - pass → pass。
 * - review → pass，并记一条 warn。review 是模型拿不准、建议人工看一眼。照片是居民给代表看的现场证据
 *   （漏水、破损、伤口），没有人工复核的界面时，把它藏起来就是永远藏起来，代表因此看不到现场；
 *   文字检测对 review 也是收下（见 shared/ports.ts 的 ContentVerdict）。warn 日志带追踪号与标签，运维可以据此人工查看。
 *   也不留作 pending：pending 的意思是"还没有答复"，留着它会让以后按 pending 重新送检的逻辑误会。
 */
import { z } from 'zod/mini'
import type { Logger } from '../shared/ports'
import type { PhotoCheckStore, PhotoVerdict } from './ports'
import { fail, ok, type Result } from '../shared/result'

/** 平台的建议：risky 有风险，pass 未见风险，review 建议人工复核。 */
const SUGGESTS = ['risky', 'pass', 'review'] as const
type Suggest = (typeof SUGGESTS)[number]

/** 微信的标签有时是数字、有时是数字字符串（推送样例里是 "100"）。 */
const label = z.union([z.number(), z.string().check(z.maxLength(32))])

/** wxa_media_check 推送（v2）。只核对用得到的字段；其余字段（ToUserName 等）可有可无，不拒收。 */
export const mediaCheckPushSchema = z.object({
  ToUserName: z.optional(z.string().check(z.maxLength(128))),
  FromUserName: z.optional(z.string().check(z.maxLength(128))),
  CreateTime: z.optional(z.number()),
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  appid: z.optional(z.string().check(z.maxLength(64))),
  trace_id: z.string().check(z.minLength(1), z.maxLength(128)),
  version: z.literal(2),
  result: z.object({ suggest: z.enum(SUGGESTS), label: z.optional(label) }),
  detail: z.optional(
    z
      .array(
        z.object({
          strategy: z.optional(z.string().check(z.maxLength(64))),
          errcode: z.optional(z.number()),
          suggest: z.optional(z.string().check(z.maxLength(16))),
          label: z.optional(label),
          prob: z.optional(z.number()),
        }),
      )
      .check(z.maxLength(32)),
  ),
})

export type MediaCheckPush = z.infer<typeof mediaCheckPushSchema>

const VERDICTS: Record<Suggest, Exclude<PhotoVerdict, 'pending'>> = { risky: 'risky', pass: 'pass', review: 'pass' }

export interface RecordedVerdict {
  traceId: string
  verdict: PhotoVerdict
  /** false：没有这个追踪号的检测记录（已记下 warn）。 */
  recorded: boolean
}

export function createRecordPhotoVerdict({ photos, logger }: { photos: PhotoCheckStore; logger: Logger }) {
  return async (event: unknown): Promise<Result<RecordedVerdict>> => {
    const parsed = mediaCheckPushSchema.safeParse(event)
    if (!parsed.success) {
      logger.warn('收到的不是图片检测结果推送（wxa_media_check v2），没有记录', {
        details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`) },
      })
      return fail('INVALID', '不是图片检测结果推送')
    }
    const push = parsed.data
    const traceId = push.trace_id
    const verdict = VERDICTS[push.result.suggest]
    const details = { traceId, suggest: push.result.suggest, label: push.result.label ?? null }
    // 某条策略出错（例如图片下载不到）时，结论可能并不代表图片本身：留个记号。
    const failed = (push.detail ?? []).filter((d) => d.errcode !== undefined && d.errcode !== 0)
    if (failed.length > 0) logger.warn('图片检测有策略出错，结论可能不完整', { details: { ...details, errcodes: failed.map((d) => d.errcode) } })
    if (push.result.suggest === 'review') logger.warn('图片检测建议人工复核：按通过处理，请人工查看', { details })

    const recorded = await photos.setPhotoVerdict(traceId, verdict)
    if (!recorded) logger.warn('图片检测结论对应不上任何照片（未知的追踪号）', { details })
    else if (verdict === 'risky') logger.info('照片被判为有风险：只给上传者本人看', { details })
    return ok({ traceId, verdict, recorded })
  }
}
