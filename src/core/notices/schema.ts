/** 公告的载荷校验：发布、撤回、居民读公告、列表。只在代表分包与函数里用，不进居民的主包。 */
import { z } from 'zod/mini'
import { MAX_NOTICE_IMAGES, NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from '../shared/catalog'
import { buildingCode, requestId, strict, uploadIdPattern, userText, communityId, name, entityId } from '../shared/schema'
import { isDate } from '../shared/time'
import { audienceSchema } from '../directory'

// —— 公告 ——

const noticeImages = z
  .array(
    z.string({ error: '图片格式不正确' }).check(z.maxLength(512, '图片格式不正确'), z.regex(uploadIdPattern('notices'), '图片格式不正确，请删掉重新添加')),
    {
      error: '图片格式不正确',
    },
  )
  .check(
    z.maxLength(MAX_NOTICE_IMAGES, `最多 ${MAX_NOTICE_IMAGES} 张图片`),
    z.refine((list) => new Set(list).size === list.length, '图片重复了'),
  )

/** 发布公告：面向整个小区（业委会、管理员），或选定的楼栋（代表只能选自己负责的）。 */
export const publishNoticeSchema = strict({
  requestId,
  communityId,
  target: audienceSchema('公告'),
  title: name('标题', NOTICE_TITLE_MAX, 2),
  body: userText('请填写正文').check(z.minLength(5, '正文至少 5 个字'), z.maxLength(NOTICE_BODY_MAX, `正文最多 ${NOTICE_BODY_MAX} 个字`)),
  images: noticeImages,
  pinned: z.boolean({ error: '请选择是否置顶' }),
  /** 过期日（北京时间，含当天）；不填为不过期。 */
  expiresOn: z.nullable(z.string({ error: '过期日期格式应为 YYYY-MM-DD' }).check(z.refine(isDate, '过期日期格式应为 YYYY-MM-DD'))),
})
export type PublishNoticeInput = z.infer<typeof publishNoticeSchema>

const noticeId = entityId('公告编号')
export const noticeRefSchema = strict({ noticeId })
export type NoticeRefInput = z.infer<typeof noticeRefSchema>

/** 居民读公告：带上扫码所在的楼（阅读记在这栋楼，知晓率按楼算）。 */
/** fromShare：从分享卡片或复制的链接打开（页面路径带 s=1）；只用来数"其中经群分享打开"。 */
export const readNoticeSchema = strict({ noticeId, buildingCode, fromShare: z.optional(z.boolean({ error: '分享来源无效' })) })
export type ReadNoticeInput = z.infer<typeof readNoticeSchema>

export const noticeListSchema = strict({ buildingCode, cursor: z.optional(z.string().check(z.maxLength(100))) })
export type NoticeListInput = z.infer<typeof noticeListSchema>

export const managedNoticesSchema = strict({ communityId: z.optional(communityId), cursor: z.optional(z.string().check(z.maxLength(100))) })
export type ManagedNoticesInput = z.infer<typeof managedNoticesSchema>
