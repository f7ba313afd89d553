/**
 * 治理的载荷校验（小区、楼栋、邀请、成员、公告、工作台账）：与 schema.ts 同样的写法与中文说法，
 * 单独一个模块，让这些只在代表分包里用的规则不进居民的主包（主包要小于 600 KB）。
 */
import { z } from 'zod'
import {
  COMMITTEE_BODIES,
  MAX_HAZARDS,
  MAX_LINKED_REPORTS,
  MAX_NOTICE_IMAGES,
  MAX_PHOTOS,
  MEDIATION_OUTCOMES,
  MEETING_TYPES,
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  WORKLOG_KINDS,
} from './catalog'
import { buildingCode, reportId, requestId, strict, uploadIdPattern, userText } from './schema'
import { isDate } from './time'

// —— 治理：小区、楼栋、邀请、成员 ——

/** 服务端生成的 id（小区、成员、公告、台账）。 */
export const ENTITY_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
export const entityId = (label: string) => z.string({ error: `缺少${label}` }).regex(ENTITY_ID_RE, `${label}无效`)
export const communityId = entityId('小区')
/** 邀请码：8 位大写字母与数字（去掉易混的字符）。 */
export const INVITE_CODE_RE = /^[A-HJKMNP-Z2-9]{8}$/
const name = (label: string, max: number, min = 1) =>
  userText(`请填写${label}`).min(min, `请填写${label}`).max(max, `${label}最多 ${max} 个字`)
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

/** 发给谁：整个小区，或选定的楼栋（不重复，至少一栋）。公告与问卷共用；what 进"请选择…"那句话。 */
export const audienceSchema = (what: string) =>
  z.discriminatedUnion(
    'scope',
    [
      strict({ scope: z.literal('community') }),
      strict({
        scope: z.literal('buildings'),
        buildingCodes: z.array(buildingCode, { error: '请选择楼栋' }).min(1, '请至少选择一栋楼').max(200, '楼栋太多了').refine((l) => new Set(l).size === l.length, '楼栋重复了'),
      }),
    ],
    { error: `请选择${what}面向整个小区还是选定的楼栋` },
  )

/** 发布公告：面向整个小区（业委会、管理员），或选定的楼栋（代表只能选自己负责的）。 */
export const publishNoticeSchema = strict({
  requestId,
  communityId,
  target: audienceSchema('公告'),
  title: name('标题', NOTICE_TITLE_MAX, 2),
  body: userText('请填写正文').min(5, '正文至少 5 个字').max(NOTICE_BODY_MAX, `正文最多 ${NOTICE_BODY_MAX} 个字`),
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
const shortText = (label: string, max: number) => userText(`${label}格式不正确`).max(max, `${label}最多 ${max} 个字`)
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
  /** 不带时取我第一个代表、业委会或管理员身份所在的小区（答复里带回）。 */
  communityId: communityId.optional(),
  /** 只看这栋楼的（代表默认看自己负责的全部楼）；'community' 只看整个小区的。 */
  buildingCode: z.union([buildingCode, z.literal('community')]).optional(),
  kind: z.enum(WORKLOG_KINDS, { error: '台账种类无效' }).optional(),
  cursor: z.string().max(100).optional(),
})
export type WorkLogListInput = z.infer<typeof workLogListSchema>

/** 台账表单要的一次取齐：能记的范围，与（带 entryId 时）这条台账；小区不带时同 workLogListSchema。 */
export const workLogFormSchema = strict({ communityId: communityId.optional(), entryId: entryId.optional() })
export type WorkLogFormInput = z.infer<typeof workLogFormSchema>
