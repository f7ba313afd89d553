/** 工作台账的载荷校验：记、改、整改隐患、列表与表单。只在代表分包与函数里用。 */
import { z } from 'zod/mini'
import { MAX_HAZARDS, MAX_LINKED_REPORTS, MAX_PHOTOS, MEDIATION_OUTCOMES, MEETING_TYPES, WORKLOG_KINDS, WORKLOG_TEXT_MAX } from '../shared/catalog'
import { buildingCode, requestId, strict, uploadIdPattern, userText, name, count, communityId, entityId } from '../shared/schema'
import { reportId } from '../reports'
import { isDate } from '../shared/time'

// —— 工作台账 ——

const date = (label: string) => z.string({ error: `请选择${label}` }).check(z.refine(isDate, `${label}格式应为 YYYY-MM-DD`))
const shortText = (label: string, max: number) => userText(`${label}格式不正确`).check(z.maxLength(max, `${label}最多 ${max} 个字`))
const hazardId = z.string({ error: '隐患编号无效' }).check(z.regex(/^h[0-9]{1,3}$/, '隐患编号无效'))

/** 每种台账的专有内容。巡查的隐患：新记的不带 id 与整改日期（服务端编号）；编辑时保留原来的 id。 */
export const workLogDetailsSchema = z.discriminatedUnion(
  'kind',
  [
    strict({
      kind: z.literal('inspection'),
      area: name('巡查区域', WORKLOG_TEXT_MAX.area),
      hazards: z
        .array(strict({ id: z.optional(hazardId), text: name('隐患描述', WORKLOG_TEXT_MAX.hazard, 2), fixedOn: z.optional(z.nullable(date('整改日期'))) }), {
          error: '隐患格式不正确',
        })
        .check(z.maxLength(MAX_HAZARDS, `一次巡查最多记 ${MAX_HAZARDS} 处隐患`)),
    }),
    strict({
      kind: z.literal('meeting'),
      type: z.enum(MEETING_TYPES, { error: '请选择会议类型' }),
      attendees: count('参会人数', 5000, 1),
      topics: name('议题', WORKLOG_TEXT_MAX.topics, 2),
      decisions: shortText('决定', WORKLOG_TEXT_MAX.decisions),
    }),
    strict({ kind: z.literal('activity'), name: name('活动名称', WORKLOG_TEXT_MAX.activityName, 2), participants: count('参与人次', 100000, 1) }),
    strict({
      kind: z.literal('mediation'),
      parties: name('当事方（请匿名，如"5楼住户与6楼住户"）', WORKLOG_TEXT_MAX.parties, 2),
      outcome: z.enum(MEDIATION_OUTCOMES, { error: '请选择调解结果' }),
    }),
    strict({
      kind: z.literal('volunteer'),
      volunteers: count('志愿者人次', 10000, 1),
      hours: z.number({ error: '请填写服务时长' }).check(
        z.gte(0.5, '服务时长应在 0.5 到 10000 小时之间'),
        z.lte(10000, '服务时长应在 0.5 到 10000 小时之间'),
        z.refine((h) => Number.isInteger(h * 10), '服务时长最多一位小数'),
      ),
    }),
    strict({
      kind: z.literal('coordination'),
      counterpart: name('沟通对象', WORKLOG_TEXT_MAX.counterpart, 2),
      subject: name('事由', WORKLOG_TEXT_MAX.subject, 2),
      outcome: shortText('结果', WORKLOG_TEXT_MAX.outcome),
    }),
  ],
  { error: `请选择台账种类：${['巡查', '会议', '活动', '调解', '志愿服务', '沟通协调'].join('、')}` },
)
export type WorkLogDetailsInput = z.infer<typeof workLogDetailsSchema>

const workLogFields = {
  /** 楼栋码；不填为整个小区的事（需业委会或管理员）。 */
  buildingCode: z.nullable(buildingCode),
  date: date('日期'),
  note: shortText('备注', WORKLOG_TEXT_MAX.note),
  photos: z
    .array(
      z.string({ error: '照片格式不正确' }).check(z.maxLength(512, '照片格式不正确'), z.regex(uploadIdPattern('worklog'), '照片格式不正确，请删掉重新添加')),
      {
        error: '照片格式不正确',
      },
    )
    .check(
      z.maxLength(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`),
      z.refine((list) => new Set(list).size === list.length, '照片重复了'),
    ),
  reportIds: z.array(reportId, { error: '关联报事格式不正确' }).check(
    z.maxLength(MAX_LINKED_REPORTS, `最多关联 ${MAX_LINKED_REPORTS} 条报事`),
    z.refine((list) => new Set(list).size === list.length, '关联的报事重复了'),
  ),
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
  communityId: z.optional(communityId),
  /** 只看这栋楼的（代表默认看自己负责的全部楼）；'community' 只看整个小区的。 */
  buildingCode: z.optional(z.union([buildingCode, z.literal('community')])),
  kind: z.optional(z.enum(WORKLOG_KINDS, { error: '台账种类无效' })),
  cursor: z.optional(z.string().check(z.maxLength(100))),
})
export type WorkLogListInput = z.infer<typeof workLogListSchema>

/** 台账表单要的一次取齐：能记的范围，与（带 entryId 时）这条台账；小区不带时同 workLogListSchema。 */
export const workLogFormSchema = strict({ communityId: z.optional(communityId), entryId: z.optional(entryId) })
export type WorkLogFormInput = z.infer<typeof workLogFormSchema>
