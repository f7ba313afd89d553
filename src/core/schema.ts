/**
 * 每个请求载荷一份校验规则，表单与云函数共用，所以居民在页面上看到的错误
 * 与函数拒绝时返回的错误是同一句中文。
 * 载荷里不接受任何身份字段：身份只来自平台上下文（OPENID）。
 */
import { z } from 'zod'
import { CATEGORY_IDS, MAX_PHOTOS, PUBLIC_AREAS, REPORT_KINDS, TEXT_MAX, TEXT_MIN } from './catalog'
import { isMonth } from './time'

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
}

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : '内容格式不正确',
  })

const buildingCode = z.string({ error: '缺少楼栋码' }).regex(BUILDING_CODE_RE, '楼栋码无效，请重新扫描楼栋二维码')
const requestId = z.string({ error: '缺少请求编号' }).regex(REQUEST_ID_RE, '请求编号无效')

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
  photos: z
    .array(z.string().min(1).max(512), { error: '照片格式不正确' })
    .max(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`),
})
export type SubmitReportInput = z.infer<typeof submitReportSchema>

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
