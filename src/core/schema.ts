/**
 * 每个请求载荷一份校验规则，表单与云函数共用，所以居民在页面上看到的错误
 * 与函数拒绝时返回的错误是同一句中文。
 * 载荷里不接受任何身份字段：身份只来自平台上下文（OPENID）。
 */
import { z } from 'zod'
import {
  ASSIGNEE_PARTIES,
  CATEGORY_IDS,
  COMMITTEE_BODIES,
  MAX_HAZARDS,
  MAX_LINKED_REPORTS,
  MAX_NOTICE_IMAGES,
  MAX_PHOTOS,
  MEDIATION_OUTCOMES,
  MEETING_TYPES,
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  PUBLIC_AREAS,
  REPORT_KINDS,
  TEXT_MAX,
  TEXT_MIN,
  URGENCIES,
  WORKLOG_KINDS,
} from './catalog'
import { REPORT_STATUSES, STATUS_GROUPS } from './workflow'
import { isDate, isMonth } from './time'

// 没有自定义说法的校验失败（类型不对等）也答中文，而不是 zod 默认的英文。
z.config(z.locales.zhCN())

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
  name: '名称',
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

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : '内容格式不正确',
  })

const buildingCode = z.string({ error: '缺少楼栋码' }).regex(BUILDING_CODE_RE, '楼栋码无效，请重新扫描楼栋二维码')
const requestId = z.string({ error: '缺少请求编号' }).regex(REQUEST_ID_RE, '请求编号无效')
/** 报事编号：服务端生成的字母数字串。 */
export const REPORT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const reportId = z.string({ error: '缺少报事编号' }).regex(REPORT_ID_RE, '报事编号无效')
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
  unit: z.string({ error: '请填写单元' }).trim().min(1, '请填写单元').max(10, '单元最多 10 个字'),
  floor: z
    .number({ error: '请填写楼层' })
    .int('楼层应为整数')
    .min(-5, '楼层应在 -5 到 99 之间')
    .max(99, '楼层应在 -5 到 99 之间'),
  room: z.string().trim().max(10, '房号最多 10 个字'),
})

const publicLocation = strict({
  scope: z.literal('public'),
  area: z.enum(PUBLIC_AREAS, { error: '请选择公共区域' }),
  detail: z.string().trim().max(40, '具体位置最多 40 个字'),
})

export const reportLocationSchema = z.discriminatedUnion('scope', [unitLocation, publicLocation], {
  error: '请选择位置：自家单元或公共区域',
})

export const submitReportSchema = strict({
  requestId,
  buildingCode,
  kind: z.enum(REPORT_KINDS, { error: '请选择类型：报事报修、投诉或建议' }),
  category: z.enum(CATEGORY_IDS, { error: '请选择问题分类' }),
  text: z
    .string({ error: '请填写问题描述' })
    .trim()
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

const note = (max: number) => z.string({ error: '备注格式不正确' }).trim().max(max, `最多 ${max} 个字`)

/** 居民回答"解决了吗？"：解决了带三项评分，没解决带原因。 */
const score = z.number({ error: '请打分' }).int('评分应为 1 到 5 的整数').min(1, '评分应为 1 到 5 分').max(5, '评分应为 1 到 5 分')
export const answerSchema = z.discriminatedUnion(
  'solved',
  [
    strict({ reportId, requestId, solved: z.literal(true), rating: strict({ speed: score, attitude: score, effect: score }), words: note(200) }),
    strict({ reportId, requestId, solved: z.literal(false), reason: note(200).min(2, '请说说哪里还没解决（至少 2 个字）') }),
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
  note: note(200),
  assignee: strict({
    party: z.enum(ASSIGNEE_PARTIES, { error: '请选择派给物业、业委会、维修单位或其他' }),
    name: z.string({ error: '名称格式不正确' }).trim().max(30, '最多 30 个字'),
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
})
export type QueueInput = z.infer<typeof queueSchema>

export const queueCountsSchema = strict({ buildingCode: buildingCode.optional() })
export type QueueCountsInput = z.infer<typeof queueCountsSchema>

export const listMineSchema = strict({
  cursor: z.string().max(64).optional(),
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

// —— 治理：小区、楼栋、邀请、成员 ——

/** 服务端生成的 id（小区、成员、公告、台账）。 */
export const ENTITY_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const entityId = (label: string) => z.string({ error: `缺少${label}` }).regex(ENTITY_ID_RE, `${label}无效`)
const communityId = entityId('小区')
/** 邀请码：8 位大写字母与数字（去掉易混的字符）。 */
export const INVITE_CODE_RE = /^[A-HJKMNP-Z2-9]{8}$/
const name = (label: string, max: number, min = 1) =>
  z.string({ error: `请填写${label}` }).trim().min(min, `请填写${label}`).max(max, `${label}最多 ${max} 个字`)
const count = (label: string, max: number, min = 0) =>
  z.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(min, `${label}应在 ${min} 到 ${max} 之间`).max(max, `${label}应在 ${min} 到 ${max} 之间`)
const overdueHours = strict({ urgent: count('紧急报事的时限（小时）', 720, 1), normal: count('一般报事的时限（小时）', 2160, 1) })

export const createCommunitySchema = strict({
  requestId,
  name: name('小区名称', 30, 2),
  hasPropertyCompany: z.boolean({ error: '请选择是否有物业' }),
  oldEstate: z.boolean({ error: '请选择是否老旧小区' }),
})
export type CreateCommunityInput = z.infer<typeof createCommunitySchema>

export const communityRefSchema = strict({ communityId })
export type CommunityRefInput = z.infer<typeof communityRefSchema>

export const updateCommunitySchema = strict({
  communityId,
  name: name('小区名称', 30, 2),
  hasPropertyCompany: z.boolean({ error: '请选择是否有物业' }),
  oldEstate: z.boolean({ error: '请选择是否老旧小区' }),
  overdueHours,
})
export type UpdateCommunityInput = z.infer<typeof updateCommunitySchema>

/** 新建楼栋（不带楼栋码，服务端生成）或修改（带楼栋码）。 */
export const saveBuildingSchema = strict({
  communityId,
  buildingCode: buildingCode.optional(),
  name: name('楼栋名称', 20),
  households: count('户数', 2000, 1),
  units: count('单元数', 50, 1),
  floors: count('层数', 120, 1),
})
export type SaveBuildingInput = z.infer<typeof saveBuildingSchema>

export const createInviteSchema = z.discriminatedUnion(
  'role',
  [
    strict({ communityId, role: z.literal('representative'), buildingCode }),
    strict({ communityId, role: z.literal('committee'), committeeBody: z.enum(COMMITTEE_BODIES, { error: '请选择业委会、居委会或物业' }) }),
  ],
  { error: '请选择邀请的身份：业主代表或业委会/居委会/物业' },
)
export type CreateInviteInput = z.infer<typeof createInviteSchema>

const inviteCode = z.string({ error: '请填写邀请码' }).trim().toUpperCase().regex(INVITE_CODE_RE, '邀请码应为 8 位字母或数字，请核对')
export const inviteRefSchema = strict({ communityId, code: inviteCode })
export type InviteRefInput = z.infer<typeof inviteRefSchema>

export const inviteLookupSchema = strict({ code: inviteCode })
export type InviteLookupInput = z.infer<typeof inviteLookupSchema>

export const joinSchema = strict({ code: inviteCode, name: name('称呼', 12) })
export type JoinInput = z.infer<typeof joinSchema>

export const removeMemberSchema = strict({ communityId, memberId: entityId('成员') })
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>

// —— 公告 ——

const noticeImages = z
  .array(z.string({ error: '图片格式不正确' }).max(512, '图片格式不正确').regex(uploadIdPattern('notices'), '图片格式不正确，请删掉重新添加'), { error: '图片格式不正确' })
  .max(MAX_NOTICE_IMAGES, `最多 ${MAX_NOTICE_IMAGES} 张图片`)
  .refine((list) => new Set(list).size === list.length, '图片重复了')

/** 发布公告：面向整个小区（业委会、管理员），或选定的楼栋（代表只能选自己负责的）。 */
export const publishNoticeSchema = strict({
  requestId,
  communityId,
  target: z.discriminatedUnion(
    'scope',
    [
      strict({ scope: z.literal('community') }),
      strict({
        scope: z.literal('buildings'),
        buildingCodes: z.array(buildingCode, { error: '请选择楼栋' }).min(1, '请至少选择一栋楼').max(200, '楼栋太多了').refine((l) => new Set(l).size === l.length, '楼栋重复了'),
      }),
    ],
    { error: '请选择公告面向整个小区还是选定的楼栋' },
  ),
  title: name('标题', NOTICE_TITLE_MAX, 2),
  body: z.string({ error: '请填写正文' }).trim().min(5, '正文至少 5 个字').max(NOTICE_BODY_MAX, `正文最多 ${NOTICE_BODY_MAX} 个字`),
  images: noticeImages,
  pinned: z.boolean({ error: '请选择是否置顶' }),
  /** 过期日（北京时间，含当天）；不填为不过期。 */
  expiresOn: z.string({ error: '过期日期格式应为 YYYY-MM-DD' }).refine(isDate, '过期日期格式应为 YYYY-MM-DD').nullable(),
})
export type PublishNoticeInput = z.infer<typeof publishNoticeSchema>

const noticeId = entityId('公告编号')
export const noticeRefSchema = strict({ noticeId })
export type NoticeRefInput = z.infer<typeof noticeRefSchema>

/** 居民读公告：带上扫码所在的楼（阅读记在这栋楼，知晓率按楼算）。 */
export const readNoticeSchema = strict({ noticeId, buildingCode })
export type ReadNoticeInput = z.infer<typeof readNoticeSchema>

export const noticeListSchema = strict({ buildingCode, cursor: z.string().max(100).optional() })
export type NoticeListInput = z.infer<typeof noticeListSchema>

export const managedNoticesSchema = strict({ communityId: communityId.optional(), cursor: z.string().max(100).optional() })
export type ManagedNoticesInput = z.infer<typeof managedNoticesSchema>

// —— 工作台账 ——

const date = (label: string) => z.string({ error: `请选择${label}` }).refine(isDate, `${label}格式应为 YYYY-MM-DD`)
const shortText = (label: string, max: number) => z.string({ error: `${label}格式不正确` }).trim().max(max, `${label}最多 ${max} 个字`)
const hazardId = z.string({ error: '隐患编号无效' }).regex(/^h[0-9]{1,3}$/, '隐患编号无效')

/** 每种台账的专有内容。巡查的隐患：新记的不带 id 与整改日期（服务端编号）；编辑时保留原来的 id。 */
export const workLogDetailsSchema = z.discriminatedUnion(
  'kind',
  [
    strict({
      kind: z.literal('inspection'),
      area: name('巡查区域', 40),
      hazards: z
        .array(strict({ id: hazardId.optional(), text: name('隐患描述', 100, 2), fixedOn: date('整改日期').nullable().optional() }), { error: '隐患格式不正确' })
        .max(MAX_HAZARDS, `一次巡查最多记 ${MAX_HAZARDS} 处隐患`),
    }),
    strict({
      kind: z.literal('meeting'),
      type: z.enum(MEETING_TYPES, { error: '请选择会议类型' }),
      attendees: count('参会人数', 5000, 1),
      topics: name('议题', 300, 2),
      decisions: shortText('决定', 500),
    }),
    strict({ kind: z.literal('activity'), name: name('活动名称', 40, 2), participants: count('参与人次', 100000, 1) }),
    strict({
      kind: z.literal('mediation'),
      parties: name('当事方（请匿名，如"5楼住户与6楼住户"）', 60, 2),
      outcome: z.enum(MEDIATION_OUTCOMES, { error: '请选择调解结果' }),
    }),
    strict({
      kind: z.literal('volunteer'),
      volunteers: count('志愿者人次', 10000, 1),
      hours: z
        .number({ error: '请填写服务时长' })
        .min(0.5, '服务时长应在 0.5 到 10000 小时之间')
        .max(10000, '服务时长应在 0.5 到 10000 小时之间')
        .refine((h) => Number.isInteger(h * 10), '服务时长最多一位小数'),
    }),
    strict({ kind: z.literal('coordination'), counterpart: name('沟通对象', 40, 2), subject: name('事由', 200, 2), outcome: shortText('结果', 300) }),
  ],
  { error: `请选择台账种类：${['巡查', '会议', '活动', '调解', '志愿服务', '沟通协调'].join('、')}` },
)
export type WorkLogDetailsInput = z.infer<typeof workLogDetailsSchema>

const workLogFields = {
  /** 楼栋码；不填为整个小区的事（需业委会或管理员）。 */
  buildingCode: buildingCode.nullable(),
  date: date('日期'),
  note: shortText('备注', 500),
  photos: z
    .array(z.string({ error: '照片格式不正确' }).max(512, '照片格式不正确').regex(uploadIdPattern('worklog'), '照片格式不正确，请删掉重新添加'), { error: '照片格式不正确' })
    .max(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`)
    .refine((list) => new Set(list).size === list.length, '照片重复了'),
  reportIds: z
    .array(reportId, { error: '关联报事格式不正确' })
    .max(MAX_LINKED_REPORTS, `最多关联 ${MAX_LINKED_REPORTS} 条报事`)
    .refine((list) => new Set(list).size === list.length, '关联的报事重复了'),
  details: workLogDetailsSchema,
}

export const addWorkLogSchema = strict({ requestId, communityId, ...workLogFields })
export type AddWorkLogInput = z.infer<typeof addWorkLogSchema>

const entryId = entityId('台账编号')
/** 编辑：整条替换（种类不能改）。 */
export const editWorkLogSchema = strict({ entryId, ...workLogFields })
export type EditWorkLogInput = z.infer<typeof editWorkLogSchema>

export const fixHazardSchema = strict({ entryId, hazardId, fixedOn: date('整改日期') })
export type FixHazardInput = z.infer<typeof fixHazardSchema>

export const workLogRefSchema = strict({ entryId })
export type WorkLogRefInput = z.infer<typeof workLogRefSchema>

export const workLogListSchema = strict({
  communityId,
  /** 只看这栋楼的（代表默认看自己负责的全部楼）；'community' 只看整个小区的。 */
  buildingCode: z.union([buildingCode, z.literal('community')]).optional(),
  kind: z.enum(WORKLOG_KINDS, { error: '台账种类无效' }).optional(),
  cursor: z.string().max(100).optional(),
})
export type WorkLogListInput = z.infer<typeof workLogListSchema>

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string }

/** 校验并把第一条问题翻成"字段：原因"的一句中文。 */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): ParseResult<T> {
  const result = schema.safeParse(payload ?? {})
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const field = issue.path.filter((p): p is string => typeof p === 'string').pop()
  const label = field ? FIELD_LABELS[field] : undefined
  const message = label && !issue.message.includes(label) && issue.code !== 'unrecognized_keys' ? `${label}：${issue.message}` : issue.message
  return { ok: false, message, field }
}
