/**
 * 报事表单的草稿：页面上的原始输入（字符串为主）→ 提交载荷。
 * 转换之后用与云函数相同的 submitReportSchema 校验，所以表单与函数给出同一句错误。
 * validateDraft 一次给出全部错误（按字段），表单把每一句放在对应的字段下面。
 */
import type { CategoryId, PublicArea, ReportKind, Urgency } from '../shared/catalog'
import { parsePayload, type ParseResult } from '../shared/schema'
import { submitReportSchema, type SubmitReportInput } from './schema'

export interface ReportDraft {
  kind: ReportKind
  category: CategoryId | null
  text: string
  scope: 'unit' | 'public'
  unit: string
  floor: string
  room: string
  area: PublicArea | null
  detail: string
  anonymous: boolean
  /** 紧急程度，默认一般。 */
  urgency: Urgency
  /** 联系电话，只给本楼代表看；空串表示不留。 */
  contactPhone: string
  /** 已经上传好的照片 fileID（上传中、失败的不在这里）。 */
  photos: string[]
}

export const EMPTY_DRAFT: ReportDraft = {
  kind: 'repair',
  category: null,
  text: '',
  scope: 'public',
  unit: '',
  floor: '',
  room: '',
  area: null,
  detail: '',
  anonymous: false,
  urgency: 'normal',
  contactPhone: '',
  photos: [],
}

/** 草稿 → 待校验的载荷（还没校验）。 */
function rawPayload(draft: ReportDraft, buildingCode: string, requestId: string): Record<string, unknown> {
  const floorText = draft.floor.trim()
  const floor = floorText === '' ? undefined : Number(floorText)
  return {
    requestId,
    buildingCode,
    kind: draft.kind,
    category: draft.category ?? undefined,
    text: draft.text,
    location:
      draft.scope === 'unit'
        ? { scope: 'unit', unit: draft.unit, floor: Number.isNaN(floor) ? floorText : floor, room: draft.room }
        : { scope: 'public', area: draft.area ?? undefined, detail: draft.detail },
    anonymous: draft.anonymous,
    urgency: draft.urgency,
    contactPhone: draft.contactPhone,
    photos: draft.photos,
  }
}

export function draftToPayload(draft: ReportDraft, buildingCode: string, requestId: string): ParseResult<SubmitReportInput> {
  return parsePayload(submitReportSchema, rawPayload(draft, buildingCode, requestId))
}

/**
 * 表单上能显示错误的位置：各字段；location 是"位置类型"本身；
 * form 是不属于任何输入框的问题（楼栋码、请求编号），显示在提交按钮上方。
 */
export type DraftField =
  'kind' | 'category' | 'text' | 'location' | 'unit' | 'floor' | 'room' | 'area' | 'detail' | 'anonymous' | 'urgency' | 'contactPhone' | 'photos' | 'form'

export type DraftErrors = Partial<Record<DraftField, string>>

/** 表单上从上到下的顺序：第一处错误用来提示与滚动。 */
export const DRAFT_FIELD_ORDER: readonly DraftField[] = [
  'kind',
  'urgency',
  'category',
  'text',
  'photos',
  'location',
  'area',
  'detail',
  'unit',
  'floor',
  'room',
  'contactPhone',
  'anonymous',
  'form',
]

const LOCATION_FIELDS = new Set<DraftField>(['unit', 'floor', 'room', 'area', 'detail'])
const TOP_FIELDS = new Set<DraftField>(['kind', 'category', 'text', 'anonymous', 'urgency', 'contactPhone', 'photos'])

function fieldOf(path: readonly PropertyKey[]): DraftField {
  const [head, sub] = path
  if (head === 'location') return typeof sub === 'string' && LOCATION_FIELDS.has(sub as DraftField) ? (sub as DraftField) : 'location'
  if (typeof head === 'string' && TOP_FIELDS.has(head as DraftField)) return head as DraftField
  return 'form'
}

export type DraftValidation =
  { ok: true; value: SubmitReportInput } | { ok: false; errors: DraftErrors; first: { field: DraftField; message: string }; count: number }

/**
 * 校验整份草稿，返回全部错误（每个字段一句，取该字段的第一条）。
 * 规则就是云函数用的 submitReportSchema，所以这里通过的，函数不会因为格式再拒绝。
 */
export function validateDraft(draft: ReportDraft, buildingCode: string, requestId: string): DraftValidation {
  const result = submitReportSchema.safeParse(rawPayload(draft, buildingCode, requestId))
  if (result.success) return { ok: true, value: result.data }
  const errors: DraftErrors = {}
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path)
    if (!errors[field]) errors[field] = issue.message
  }
  const firstField = DRAFT_FIELD_ORDER.find((f) => errors[f]) ?? 'form'
  return { ok: false, errors, first: { field: firstField, message: errors[firstField] ?? '内容格式不正确' }, count: Object.keys(errors).length }
}
