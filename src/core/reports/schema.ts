/** 报事的载荷校验：提交、同类、回答"解决了吗？"、代表的动作与待办队列。 */
import { z } from 'zod/mini'
import {
  ASSIGNEE_NAME_MAX,
  ASSIGNEE_PARTIES,
  CATEGORY_IDS,
  MAX_PHOTOS,
  PUBLIC_AREAS,
  REPORT_KINDS,
  REPORT_NOTE_MAX,
  TEXT_MAX,
  TEXT_MIN,
  URGENCIES,
} from '../shared/catalog'
import { REPORT_STATUSES, STATUS_GROUPS } from './workflow'
import { uploadIdPattern, strict, userText, requestId, buildingCode } from '../shared/schema'

/** 报事编号：服务端生成的字母数字串。 */
export const REPORT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
export const reportId = z.string({ error: '缺少报事编号' }).check(z.regex(REPORT_ID_RE, '报事编号无效'))
/**
 * 照片的 fileID：只收居民上传目录 reports/ 下的文件（云存储 cloud://环境/reports/…，本地 local://uploads/reports/…），
 * 不能拿服务端别处的文件（例如楼栋二维码）冒充报事照片。
 */
export const PHOTO_ID_RE = uploadIdPattern('reports')
/** 手机或带区号的座机：7–20 位数字，可有 - 与空格。 */
export const CONTACT_PHONE_RE = /^(?:\+?86[ -]?)?[0-9][0-9 -]{5,18}[0-9]$/

const unitLocation = strict({
  scope: z.literal('unit'),
  unit: userText('请填写单元').check(z.minLength(1, '请填写单元'), z.maxLength(10, '单元最多 10 个字')),
  floor: z.number({ error: '请填写楼层' }).check(z.int('楼层应为整数'), z.gte(-5, '楼层应在 -5 到 99 之间'), z.lte(99, '楼层应在 -5 到 99 之间')),
  room: userText('房号格式不正确').check(z.maxLength(10, '房号最多 10 个字')),
})

const publicLocation = strict({
  scope: z.literal('public'),
  area: z.enum(PUBLIC_AREAS, { error: '请选择公共区域' }),
  detail: userText('具体位置格式不正确').check(z.maxLength(40, '具体位置最多 40 个字')),
})

export const reportLocationSchema = z.discriminatedUnion('scope', [unitLocation, publicLocation], {
  error: '请选择位置：自家单元或公共区域',
})

export const submitReportSchema = strict({
  requestId,
  buildingCode,
  kind: z.enum(REPORT_KINDS, { error: '请选择类型：报事报修、投诉或建议' }),
  category: z.enum(CATEGORY_IDS, { error: '请选择问题分类' }),
  text: userText('请填写问题描述').check(z.minLength(TEXT_MIN, `问题描述至少 ${TEXT_MIN} 个字`), z.maxLength(TEXT_MAX, `问题描述最多 ${TEXT_MAX} 个字`)),
  location: reportLocationSchema,
  anonymous: z.boolean({ error: '请选择是否匿名' }),
  urgency: z.enum(URGENCIES, { error: '请选择紧急程度' }),
  contactPhone: z.string({ error: '联系电话格式不正确' }).check(
    z.trim(),
    z.refine((v) => v === '' || CONTACT_PHONE_RE.test(v), '请填写正确的手机或座机号码，或留空'),
  ),
  photos: z
    .array(z.string({ error: '照片格式不正确' }).check(z.maxLength(512, '照片格式不正确'), z.regex(PHOTO_ID_RE, '照片格式不正确，请删掉重新添加')), {
      error: '照片格式不正确',
    })
    .check(
      z.maxLength(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`),
      z.refine((list) => new Set(list).size === list.length, '照片重复了'),
    ),
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

export const note = (max: number) => userText('备注格式不正确').check(z.maxLength(max, `最多 ${max} 个字`))

/** 居民回答"解决了吗？"：解决了带三项评分，没解决带原因。 */
const score = z.number({ error: '请打分' }).check(z.int('评分应为 1 到 5 的整数'), z.gte(1, '评分应为 1 到 5 分'), z.lte(5, '评分应为 1 到 5 分'))
export const answerSchema = z.discriminatedUnion(
  'solved',
  [
    // 评分可以不带：管这栋楼的人确认自己的报事、重新打开后再确认，都不打分（用例里判断）。
    strict({
      reportId,
      requestId,
      expectedStatus,
      solved: z.literal(true),
      rating: z.optional(strict({ speed: score, attitude: score, effect: score })),
      words: note(REPORT_NOTE_MAX),
    }),
    strict({
      reportId,
      requestId,
      expectedStatus,
      solved: z.literal(false),
      reason: note(REPORT_NOTE_MAX).check(z.minLength(2, '请说说哪里还没解决（至少 2 个字）')),
    }),
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
  note: note(REPORT_NOTE_MAX),
  assignee: z.optional(
    strict({
      party: z.enum(ASSIGNEE_PARTIES, { error: '请选择派给物业、业委会、维修单位或其他' }),
      name: userText('名称格式不正确').check(z.maxLength(ASSIGNEE_NAME_MAX, `最多 ${ASSIGNEE_NAME_MAX} 个字`)),
    }),
  ),
  mergeInto: z.optional(reportId),
})
export type ActInput = z.infer<typeof actSchema>

/** 代表的待办队列：楼栋（业委会不填则看全小区）、状态组、分类、紧急程度、只看超时、排序、翻页。 */
export const queueSchema = strict({
  buildingCode: z.optional(buildingCode),
  group: z.optional(z.enum(STATUS_GROUPS, { error: '状态组无效' })),
  status: z.optional(z.enum(REPORT_STATUSES, { error: '状态无效' })),
  category: z.optional(z.enum(CATEGORY_IDS, { error: '问题分类无效' })),
  urgency: z.optional(z.enum(URGENCIES, { error: '紧急程度无效' })),
  overdue: z.optional(z.boolean({ error: '超时筛选无效' })),
  /** 不给时是 priority：待受理与紧急的在前，各段里最新在前（代表两分钟内先看到要紧的）。 */
  order: z.optional(z.enum(['priority', 'oldest', 'newest'], { error: '排序只能是待受理紧急在前、最早或最新' })),
  cursor: z.optional(z.string().check(z.maxLength(100))),
  /** 同时答这个范围的待办数（页面第一次加载与刷新时要，筛选与翻页时不要）。 */
  withCounts: z.optional(z.boolean({ error: '待办数选项无效' })),
})
export type QueueInput = z.infer<typeof queueSchema>

export const queueCountsSchema = strict({ buildingCode: z.optional(buildingCode) })
export type QueueCountsInput = z.infer<typeof queueCountsSchema>

export const listMineSchema = strict({
  cursor: z.optional(z.string().check(z.maxLength(64))),
  /** 同时答我的身份（"我的"页第一次加载与回到页面时要，翻页与切换标签时不要）。 */
  withRoles: z.optional(z.boolean({ error: '身份选项无效' })),
})
export type ListMineInput = z.infer<typeof listMineSchema>
