/**
 * 订阅消息：模板字段的类型规则（微信"订阅消息参数值内容限制"）与本产品的两个模板。
 * 字段超限时微信整条拒收（47003），所以在发送前裁剪或拒绝，而不是赌它能过。
 */
import { CATEGORY_LABELS } from './catalog'
import type { Building, Notice, Report } from './model'
import type { SubscribeMessage } from './ports'
import { fail, ok, type Result } from './result'
import { formatChinaTime } from './time'
import { STATUS_LABELS } from './workflow'

export type FieldKind = 'thing' | 'phrase' | 'time' | 'number' | 'character_string' | 'name'

const HAN = /^\p{Script=Han}+$/u
const chars = (s: string) => Array.from(s)

/** 每种字段的规则：能安全裁剪的就裁剪（thing），不能的就拒绝。 */
export function fitField(kind: FieldKind, raw: string): Result<string> {
  const value = raw.replace(/\s+/g, ' ').trim()
  if (!value) return fail('INVALID', '订阅消息字段不能为空')
  switch (kind) {
    case 'thing':
      // 20 个以内字符，超出用省略号收尾。
      return ok(chars(value).length <= 20 ? value : `${chars(value).slice(0, 19).join('')}…`)
    case 'phrase':
      return HAN.test(value) && chars(value).length <= 5 ? ok(value) : fail('INVALID', `"${value}"不是 5 个以内的汉字`)
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value) ? ok(value) : fail('INVALID', `"${value}"不是"2026年11月21日 09:30"这样的时间`)
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) && value.replace(/\D/g, '').length <= 32 ? ok(value) : fail('INVALID', `"${value}"不是 32 位以内的数字`)
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value) ? ok(value) : fail('INVALID', `"${value}"不是 32 位以内的数字、字母或符号`)
    case 'name':
      return (HAN.test(value) && chars(value).length <= 10) || /^[A-Za-z .'-]{1,20}$/.test(value)
        ? ok(value)
        : fail('INVALID', `"${value}"不是 10 个以内汉字或 20 个以内字母的姓名`)
  }
}

export interface TemplateSpec {
  /** 在公众平台选用模板后，各字段的键（如 thing1）与类型。 */
  fields: Record<string, FieldKind>
  /** 点开消息进入的页面。 */
  page: string
}

/** 代表收到：本楼有新报事。 */
export const NEW_REPORT_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  page: 'rep/detail/index',
}

/** 居民收到：我报的或我关注的报事有了进展。 */
export const REPORT_PROGRESS_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', phrase2: 'phrase', time3: 'time', thing4: 'thing' },
  page: 'pages/track/index',
}

export function buildMessage(spec: TemplateSpec, templateId: string, touser: string, values: Record<string, string>, query = ''): Result<SubscribeMessage> {
  const data: SubscribeMessage['data'] = {}
  for (const [key, kind] of Object.entries(spec.fields)) {
    const fitted = fitField(kind, values[key] ?? '')
    if (!fitted.ok) return fail('INVALID', `订阅消息字段 ${key}：${fitted.message}`)
    data[key] = { value: fitted.data }
  }
  return ok({ touser, templateId, page: query ? `${spec.page}?${query}` : spec.page, data })
}

/** 居民收到：本楼有新公告（订阅了公告提醒的）。 */
export const NEW_NOTICE_TEMPLATE: TemplateSpec = {
  fields: { thing1: 'thing', thing2: 'thing', time3: 'time' },
  page: 'pages/notice/index',
}

const LONG_TIME = 'YYYY年M月D日 HH:mm'

export function newReportMessage(templateId: string, representative: string, report: Report, building: Building): Result<SubscribeMessage> {
  return buildMessage(NEW_REPORT_TEMPLATE, templateId, representative, {
    thing1: building.name,
    thing2: `${CATEGORY_LABELS[report.category]}：${report.text}`,
    time3: formatChinaTime(report.createdAt, LONG_TIME),
    thing4: report.location.scope === 'public' ? report.location.area : `${report.location.unit} ${report.location.floor}层`,
  }, `id=${report.id}`)
}

/** 报事进度：发给报事人与每位关注者（touser）；report 是流转之后的报事。 */
export function reportProgressMessage(templateId: string, touser: string, report: Report, note: string, at: string): Result<SubscribeMessage> {
  return buildMessage(REPORT_PROGRESS_TEMPLATE, templateId, touser, {
    thing1: `${CATEGORY_LABELS[report.category]}：${report.text}`,
    phrase2: STATUS_LABELS[report.status],
    time3: formatChinaTime(at, LONG_TIME),
    thing4: note || '无',
  }, `id=${report.id}`)
}

/** 新公告：标题、落款、发布时间；点开进入这条公告（带上收信人所在的楼）。 */
export function newNoticeMessage(templateId: string, touser: string, notice: Notice, buildingCode: string): Result<SubscribeMessage> {
  return buildMessage(NEW_NOTICE_TEMPLATE, templateId, touser, {
    thing1: notice.title,
    thing2: notice.signedAs,
    time3: formatChinaTime(notice.publishedAt, LONG_TIME),
  }, `id=${notice.id}&b=${buildingCode}`)
}
