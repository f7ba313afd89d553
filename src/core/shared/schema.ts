/**
 * 每个请求载荷一份校验规则，表单与云函数共用，所以居民在页面上看到的错误
 * 与函数拒绝时返回的错误是同一句中文。
 * 载荷里不接受任何身份字段：身份只来自平台上下文（OPENID）。
 */
import { z } from 'zod/mini'

// 没有自定义说法的校验失败（类型不对等）也答中文，而不是 zod 默认的英文。不用 zod 自带的中文包：
// 它进主包（约 8 KB），而它的说法（"期望 string"）居民也看不懂；parsePayload 会在前面加上字段名。
// 用 zod/mini：不带英文说法、JSON Schema 生成器与链式方法那一层；居民与代表的分包里的 zod 从 108,013 B 降到 35,091 B（README"包的大小"）。
z.config({ customError: (issue) => (issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : '内容格式不正确') })

/** 楼栋码：4–12 位字母数字，能直接放进小程序码的 scene。 */
export const BUILDING_CODE_RE = /^[A-Za-z0-9]{4,12}$/
/** 客户端生成的请求编号，用来让重试的写入只存一次。 */
export const REQUEST_ID_RE = /^[A-Za-z0-9_-]{8,64}$/

const FIELD_LABELS: Record<string, string> = {
  requestId: '请求编号',
  buildingCode: '楼栋码',
  kind: '类型',
  category: '问题分类',
  text: '问题描述',
  location: '位置',
  unit: '单元',
  floor: '楼层',
  room: '房号',
  area: '公共区域',
  detail: '具体位置',
  scope: '位置类型',
  anonymous: '匿名',
  photos: '照片',
  month: '月份',
  cursor: '翻页位置',
  urgency: '紧急程度',
  contactPhone: '联系电话',
  reportId: '报事编号',
  note: '备注',
  action: '操作',
  assignee: '派给',
  party: '派给',
  'assignee.name': '名称',
  mergeInto: '并入的报事',
  solved: '是否解决',
  rating: '评价',
  speed: '速度评分',
  attitude: '态度评分',
  effect: '效果评分',
  words: '评价的话',
  reason: '原因',
  group: '状态',
  order: '排序',
  overdue: '超时',
  communityId: '小区',
  hasPropertyCompany: '是否有物业',
  oldEstate: '是否老旧小区',
  overdueHours: '超时时限',
  households: '户数',
  units: '单元数',
  floors: '层数',
  role: '身份',
  committeeBody: '名义',
  code: '邀请码',
  memberId: '成员',
  title: '标题',
  body: '正文',
  images: '图片',
  pinned: '置顶',
  expiresAt: '过期时间',
  buildingCodes: '楼栋',
  noticeId: '公告编号',
  entryId: '台账编号',
  hazardId: '隐患',
  fixedOn: '整改日期',
  expiresOn: '过期日期',
  'details.area': '巡查区域',
  'details.name': '活动名称',
  'details.outcome': '结果',
  'hazards.text': '隐患描述',
  'hazards.fixedOn': '整改日期',
  target: '发送范围',
  date: '日期',
  details: '内容',
  hazards: '隐患',
  type: '会议类型',
  attendees: '参会人数',
  topics: '议题',
  decisions: '决定',
  participants: '参与人次',
  parties: '当事方',
  outcome: '结果',
  volunteers: '志愿者人次',
  hours: '服务时长',
  counterpart: '对象',
  subject: '事由',
  reportIds: '关联报事',
}

export const strict = <T extends z.core.$ZodShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : '内容格式不正确'),
  })

/**
 * 人写的文字：先认出、再整理，然后才量长短、送内容检测、存下——存下的就是检测过的那串。
 *   - 落单的代理项（半个 emoji）拒收：存储会把它换成 U+FFFD，存下的就不是检测过的了；
 *   - 零宽字符（U+200B–U+200D、U+2060、U+FEFF）与双向控制符（U+200E/F、U+202A–U+202E、U+2066–U+2069）去掉：
 *     看不见，却能让称呼"有字"、让签名倒着显示、让词表对不上；
 *   - 统一成 NFC（"é"的两种写法是同一串）。
 * 去掉之后什么都不剩的必填项按"没填"拒收。
 */
export const UNREADABLE_TEXT = '含有无法识别的字符，请删掉后重新输入'
// 不用后行断言与 u 标志的 \p{…}：小程序较老的 iOS 内核不认，整包会加载失败。
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/
const INVISIBLE_RE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g
export const hasLoneSurrogate = (value: string) => LONE_SURROGATE_RE.test(value)
export const cleanText = (value: string) => value.replace(INVISIBLE_RE, '').normalize('NFC')
/** 人写的文字（不去首尾空白：工作总结的段落原样存）。 */
export const writtenText = (error: string) =>
  z.string({ error }).check(
    z.refine((v) => !hasLoneSurrogate(v), UNREADABLE_TEXT),
    z.overwrite(cleanText),
  )
/** 人写的文字，去掉首尾空白：表单里的每个文字字段都用它。 */
export const userText = (error: string) => writtenText(error).check(z.trim())

export const buildingCode = z.string({ error: '缺少楼栋码' }).check(z.regex(BUILDING_CODE_RE, '楼栋码无效，请重新扫描楼栋二维码'))
export const requestId = z.string({ error: '缺少请求编号' }).check(z.regex(REQUEST_ID_RE, '请求编号无效'))
/** 服务端生成的 id（小区、成员、公告、台账）。 */
export const ENTITY_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
export const entityId = (label: string) => z.string({ error: `缺少${label}` }).check(z.regex(ENTITY_ID_RE, `${label}无效`))
export const communityId = entityId('小区')
/** 表单里的名称与数量字段：说法里带上字段的叫法。 */
export const name = (label: string, max: number, min = 1) =>
  userText(`请填写${label}`).check(z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}最多 ${max} 个字`))
export const count = (label: string, max: number, min = 0) =>
  z
    .number({ error: `请填写${label}` })
    .check(z.int(`${label}应为整数`), z.gte(min, `${label}应在 ${min} 到 ${max} 之间`), z.lte(max, `${label}应在 ${min} 到 ${max} 之间`))
/** 某个上传目录（reports、notices、worklog）下的 fileID。 */
export function uploadIdPattern(folder: 'reports' | 'notices' | 'worklog'): RegExp {
  return new RegExp(`^(?:cloud://[^/\\s]+|local://uploads)/${folder}/(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$`)
}

export const emptySchema = strict({})

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string }

/** 校验并把第一条问题翻成"字段：原因"的一句中文。 */
export function parsePayload<T>(schema: z.ZodMiniType<T>, payload: unknown): ParseResult<T> {
  const result = schema.safeParse(payload ?? {})
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const names = issue.path.filter((p): p is string => typeof p === 'string')
  const field = names[names.length - 1]
  // 同名字段在不同载荷里含义不同（报事的 area 是公共区域，巡查的 area 是巡查区域）：先按"上一级.字段"找。
  const label = field ? (FIELD_LABELS[`${names[names.length - 2]}.${field}`] ?? FIELD_LABELS[field]) : undefined
  const message = label && !issue.message.includes(label) && issue.code !== 'unrecognized_keys' ? `${label}：${issue.message}` : issue.message
  return { ok: false, message, field }
}
