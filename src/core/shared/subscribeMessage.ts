/**
 * 订阅消息：模板字段的类型规则（微信"订阅消息参数值内容限制"）与本产品的两个模板。
 * 字段超限时微信整条拒收（47003），所以在发送前裁剪或拒绝，而不是赌它能过。
 */
import type { SubscribeMessage } from './ports'
import { fail, ok, type Result } from './result'

export type FieldKind = 'thing' | 'phrase' | 'time' | 'number' | 'character_string' | 'name'

const HAN = /^\p{Script=Han}+$/u
const chars = (s: string) => Array.from(s)

/** 每种字段的规则：能安全裁剪的就裁剪（thing），不能的就拒绝。 */
/** 'thing' 先只看描述的这么长一段（UTF-16 单元）：报事描述常有几百字，消息里只要前 20 个字。 */
const THING_HEAD = 64

export function fitField(kind: FieldKind, raw: string): Result<string> {
  if (kind === 'thing' && raw.length > THING_HEAD) {
    // 前一段规整后已有 23 个字以上：整段规整后的前 21 个字与它的相同（切口处的半个字、接着的空白都在第 22 个字之后），
    // 相邻两个字里至少一个不是空白（连续空白已合成一个），所以整段规整后超过 20 个字——答前 19 个字加省略号，不必规整、拆开整段。
    const head = Array.from(raw.slice(0, THING_HEAD).replace(/\s+/g, ' ').trimStart())
    if (head.length >= 23) return ok(`${head.slice(0, 19).join('')}…`)
  }
  const value = raw.replace(/\s+/g, ' ').trim()
  if (!value) return fail('INVALID', '订阅消息字段不能为空')
  switch (kind) {
    case 'thing': {
      // 20 个以内字符，超出用省略号收尾。UTF-16 长度不超过 20 时字符数更不会超过，不用拆字符（报事描述常有几百字，只拆一次）。
      if (value.length <= 20) return ok(value)
      const all = chars(value)
      return ok(all.length <= 20 ? value : `${all.slice(0, 19).join('')}…`)
    }
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

export function buildMessage(spec: TemplateSpec, templateId: string, touser: string, values: Record<string, string>, query = ''): Result<SubscribeMessage> {
  const data: SubscribeMessage['data'] = {}
  for (const [key, kind] of Object.entries(spec.fields)) {
    const fitted = fitField(kind, values[key] ?? '')
    if (!fitted.ok) return fail('INVALID', `订阅消息字段 ${key}：${fitted.message}`)
    data[key] = { value: fitted.data }
  }
  return ok({ touser, templateId, page: query ? `${spec.page}?${query}` : spec.page, data })
}

export const LONG_TIME = 'YYYY年M月D日 HH:mm'
