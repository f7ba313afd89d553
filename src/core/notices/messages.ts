/** 新公告的订阅消息。 */
import type { Notice } from './model'
import type { SubscribeMessage } from '../shared/ports'
import type { Result } from '../shared/result'
import { formatChinaLongTime } from '../shared/time'
import { TemplateSpec, buildMessage } from '../shared/subscribeMessage'

/** 居民收到：本楼有新公告（订阅了公告提醒的）。 */
export const NEW_NOTICE_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', thing2: 'thing', time3: 'time' },
  // 公开的旧路径：页面搬进了分包 resident/，主包里这条路径是转发页（发出的消息长期有效，新旧版本都打得开）。
  page: 'pages/notice/index',
}

/** 新公告：标题、落款、发布时间；点开进入这条公告（带上收信人所在的楼）。 */
export function newNoticeMessage(templateId: string, touser: string, notice: Notice, buildingCode: string): Result<SubscribeMessage> {
  return buildMessage(
    NEW_NOTICE_TEMPLATE,
    templateId,
    touser,
    {
      thing1: notice.title,
      thing2: notice.signedAs,
      time3: formatChinaLongTime(notice.publishedAt),
    },
    `id=${notice.id}&b=${buildingCode}`,
  )
}
