/** 报事的订阅消息：新报事提醒代表，进展提醒报事人与关注者。 */
import { CATEGORY_LABELS } from '../shared/catalog'
import type { Building } from '../directory'
import type { Report } from './model'
import type { SubscribeMessage } from '../shared/ports'
import type { Result } from '../shared/result'
import { formatChinaLongTime } from '../shared/time'
import { STATUS_LABELS } from './workflow'
import { TemplateSpec, buildMessage } from '../shared/subscribeMessage'

/** 代表收到：本楼有新报事。 */
export const NEW_REPORT_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  page: 'rep/detail/index',
}

/** 居民收到：我报的或我关注的报事有了进展。 */
export const REPORT_PROGRESS_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', phrase2: 'phrase', time3: 'time', thing4: 'thing' },
  // 公开的旧路径：页面搬进了分包 resident/，主包里这条路径是转发页（发出的消息长期有效，新旧版本都打得开）。
  page: 'pages/track/index',
}

export function newReportMessage(templateId: string, representative: string, report: Report, building: Building): Result<SubscribeMessage> {
  return buildMessage(
    NEW_REPORT_TEMPLATE,
    templateId,
    representative,
    {
      thing1: building.name,
      thing2: `${CATEGORY_LABELS[report.category]}：${report.text}`,
      time3: formatChinaLongTime(report.createdAt),
      thing4: report.location.scope === 'public' ? report.location.area : `${report.location.unit} ${report.location.floor}层`,
    },
    `id=${report.id}`,
  )
}

/** 报事进度：发给报事人与每位关注者（touser）；report 是流转之后的报事。 */
export function reportProgressMessage(templateId: string, touser: string, report: Report, note: string, at: string): Result<SubscribeMessage> {
  return buildMessage(
    REPORT_PROGRESS_TEMPLATE,
    templateId,
    touser,
    {
      thing1: `${CATEGORY_LABELS[report.category]}：${report.text}`,
      phrase2: STATUS_LABELS[report.status],
      time3: formatChinaLongTime(at),
      thing4: note || '无',
    },
    `id=${report.id}`,
  )
}
