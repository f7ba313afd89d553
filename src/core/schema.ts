/**
 * 每个请求载荷一份校验规则，表单与云函数共用，所以居民在页面上看到的错误
 * 与函数拒绝时返回的错误是同一句中文。
 * 载荷里不接受任何身份字段：身份只来自平台上下文（OPENID）。
 */
import { z } from 'zod'
import {
  ASSIGNEE_PARTIES,
  CATEGORY_IDS,
  MAX_PHOTOS,
  PUBLIC_AREAS,
  REPORT_KINDS,
  TEXT_MAX,
  TEXT_MIN,
  URGENCIES,
} from './catalog'
import { REPORT_STATUSES, STATUS_GROUPS } from './workflow'
import { isMonth } from './time'

// 没有自定义说法的校验失败（类型不对等）也答中文，而不是 zod 默认的英文。不用 zod 自带的中文包：
// 它进主包（约 8 KB），而它的说法（"期望 string"）居民也看不懂；parsePayload 会在前面加上字段名。
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
  name: '称呼',
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

export const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : '内容格式不正确',
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
export const writtenText = (error: string) => z.string({ error }).refine((v) => !hasLoneSurrogate(v), UNREADABLE_TEXT).overwrite(cleanText)
/** 人写的文字，去掉首尾空白：表单里的每个文字字段都用它。 */
export const userText = (error: string) => writtenText(error).trim()

export const buildingCode = z.string({ error: '缺少楼栋码' }).regex(BUILDING_CODE_RE, '楼栋码无效，请重新扫描楼栋二维码')
export const requestId = z.string({ error: '缺少请求编号' }).regex(REQUEST_ID_RE, '请求编号无效')
/** 报事编号：服务端生成的字母数字串。 */
export const REPORT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
export const reportId = z.string({ error: '缺少报事编号' }).regex(REPORT_ID_RE, '报事编号无效')
/**
 * 照片的 fileID：只收居民上传目录 reports/ 下的文件（云存储 cloud://环境/reports/…，本地 local://uploads/reports/…），
 * 不能拿服务端别处的文件（例如楼栋二维码）冒充报事照片。
 */
export const PHOTO_ID_RE = uploadIdPattern('reports')
/** 某个上传目录（reports、notices、worklog）下的 fileID。 */
export function uploadIdPattern(folder: 'reports' | 'notices' | 'worklog'): RegExp {
  return new RegExp(`^(?:cloud://[^/\\s]+|local://uploads)/${folder}/(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$`)
}
/** 手机或带区号的座机：7–20 位数字，可有 - 与空格。 */
export const CONTACT_PHONE_RE = /^(?:\+?86[ -]?)?[0-9][0-9 -]{5,18}[0-9]$/

const unitLocation = strict({
  scope: z.literal('unit'),
  unit: userText('请填写单元').min(1, '请填写单元').max(10, '单元最多 10 个字'),
  floor: z
    .number({ error: '请填写楼层' })
    .int('楼层应为整数')
    .min(-5, '楼层应在 -5 到 99 之间')
    .max(99, '楼层应在 -5 到 99 之间'),
  room: userText('房号格式不正确').max(10, '房号最多 10 个字'),
})

const publicLocation = strict({
  scope: z.literal('public'),
  area: z.enum(PUBLIC_AREAS, { error: '请选择公共区域' }),
  detail: userText('具体位置格式不正确').max(40, '具体位置最多 40 个字'),
})

export const reportLocationSchema = z.discriminatedUnion('scope', [unitLocation, publicLocation], {
  error: '请选择位置：自家单元或公共区域',
})

export const submitReportSchema = strict({
  requestId,
  buildingCode,
  kind: z.enum(REPORT_KINDS, { error: '请选择类型：报事报修、投诉或建议' }),
  category: z.enum(CATEGORY_IDS, { error: '请选择问题分类' }),
  text: userText('请填写问题描述')
    .min(TEXT_MIN, `问题描述至少 ${TEXT_MIN} 个字`)
    .max(TEXT_MAX, `问题描述最多 ${TEXT_MAX} 个字`),
  location: reportLocationSchema,
  anonymous: z.boolean({ error: '请选择是否匿名' }),
  urgency: z.enum(URGENCIES, { error: '请选择紧急程度' }),
  contactPhone: z
    .string({ error: '联系电话格式不正确' })
    .trim()
    .refine((v) => v === '' || CONTACT_PHONE_RE.test(v), '请填写正确的手机或座机号码，或留空'),
  photos: z
    .array(z.string({ error: '照片格式不正确' }).max(512, '照片格式不正确').regex(PHOTO_ID_RE, '照片格式不正确，请删掉重新添加'), { error: '照片格式不正确' })
    .max(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`)
    .refine((list) => new Set(list).size === list.length, '照片重复了'),
})
export type SubmitReportInput = z.infer<typeof submitReportSchema>

/** 提交前查同楼同类、还没办结的报事（"是否是同一个问题？"）。 */
export const similarReportsSchema = strict({
  buildingCode,
  category: z.enum(CATEGORY_IDS, { error: '请选择问题分类' }),
})
export type SimilarReportsInput = z.infer<typeof similarReportsSchema>

/** 只带一个报事编号的载荷：关注、居民看详情、代表看详情。 */
export const reportRefSchema = strict({ reportId })
export type ReportRefInput = z.infer<typeof reportRefSchema>

/**
 * 页面显示的状态：动作是照着它决定的，报事已经变了就答 CONFLICT（请刷新），
 * 免得同时点下的几个动作连成一串（待受理→已受理→不予受理→已隐藏）。
 */
const expectedStatus = z.enum(REPORT_STATUSES, { error: '缺少报事现在的状态，请刷新后再操作' })

const note = (max: number) => userText('备注格式不正确').max(max, `最多 ${max} 个字`)

/** 居民回答"解决了吗？"：解决了带三项评分，没解决带原因。 */
const score = z.number({ error: '请打分' }).int('评分应为 1 到 5 的整数').min(1, '评分应为 1 到 5 分').max(5, '评分应为 1 到 5 分')
export const answerSchema = z.discriminatedUnion(
  'solved',
  [
    // 评分可以不带：管这栋楼的人确认自己的报事、重新打开后再确认，都不打分（用例里判断）。
    strict({ reportId, requestId, expectedStatus, solved: z.literal(true), rating: strict({ speed: score, attitude: score, effect: score }).optional(), words: note(200) }),
    strict({ reportId, requestId, expectedStatus, solved: z.literal(false), reason: note(200).min(2, '请说说哪里还没解决（至少 2 个字）') }),
  ],
  { error: '请选择"解决了"或"没解决"' },
)
export type AnswerInput = z.infer<typeof answerSchema>

/** 代表可做的动作（居民的"确认已解决"走 answer）。 */
export const HANDLER_ACTIONS = ['accept', 'start', 'handle', 'close', 'merge', 'hide', 'reopen'] as const
export type HandlerAction = (typeof HANDLER_ACTIONS)[number]

export const actSchema = strict({
  reportId,
  requestId,
  action: z.enum(HANDLER_ACTIONS, { error: '不支持的操作' }),
  expectedStatus,
  note: note(200),
  assignee: strict({
    party: z.enum(ASSIGNEE_PARTIES, { error: '请选择派给物业、业委会、维修单位或其他' }),
    name: userText('名称格式不正确').max(30, '最多 30 个字'),
  }).optional(),
  mergeInto: reportId.optional(),
})
export type ActInput = z.infer<typeof actSchema>


/** 代表的待办队列：楼栋（业委会不填则看全小区）、状态组、分类、紧急程度、只看超时、排序、翻页。 */
export const queueSchema = strict({
  buildingCode: buildingCode.optional(),
  group: z.enum(STATUS_GROUPS, { error: '状态组无效' }).optional(),
  status: z.enum(REPORT_STATUSES, { error: '状态无效' }).optional(),
  category: z.enum(CATEGORY_IDS, { error: '问题分类无效' }).optional(),
  urgency: z.enum(URGENCIES, { error: '紧急程度无效' }).optional(),
  overdue: z.boolean({ error: '超时筛选无效' }).optional(),
  order: z.enum(['oldest', 'newest'], { error: '排序只能是最早或最新' }).optional(),
  cursor: z.string().max(100).optional(),
  /** 同时答这个范围的待办数（页面第一次加载与刷新时要，筛选与翻页时不要）。 */
  withCounts: z.boolean({ error: '待办数选项无效' }).optional(),
})
export type QueueInput = z.infer<typeof queueSchema>

export const queueCountsSchema = strict({ buildingCode: buildingCode.optional() })
export type QueueCountsInput = z.infer<typeof queueCountsSchema>

export const listMineSchema = strict({
  cursor: z.string().max(64).optional(),
  /** 同时答我的身份（"我的"页第一次加载与回到页面时要，翻页与切换标签时不要）。 */
  withRoles: z.boolean({ error: '身份选项无效' }).optional(),
})
export type ListMineInput = z.infer<typeof listMineSchema>

export const buildingStatsSchema = strict({
  buildingCode,
  month: z.string().refine(isMonth, '月份格式应为 YYYY-MM').optional(),
})
export type BuildingStatsInput = z.infer<typeof buildingStatsSchema>

export const buildingInfoSchema = strict({ buildingCode })
export type BuildingInfoInput = z.infer<typeof buildingInfoSchema>

export const emptySchema = strict({})



export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string }

/** 校验并把第一条问题翻成"字段：原因"的一句中文。 */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): ParseResult<T> {
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
