/**
 * 报事表单的草稿：页面上的原始输入（字符串为主）→ 提交载荷。
 * 转换之后用与云函数相同的 submitReportSchema 校验，所以表单与函数给出同一句错误。
 */
import type { CategoryId, PublicArea, ReportKind } from './catalog'
import { parsePayload, submitReportSchema, type ParseResult, type SubmitReportInput } from './schema'

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
}

export function draftToPayload(draft: ReportDraft, buildingCode: string, requestId: string): ParseResult<SubmitReportInput> {
  const floor = draft.floor.trim() === '' ? undefined : Number(draft.floor.trim())
  return parsePayload(submitReportSchema, {
    requestId,
    buildingCode,
    kind: draft.kind,
    category: draft.category ?? undefined,
    text: draft.text,
    location:
      draft.scope === 'unit'
        ? { scope: 'unit', unit: draft.unit, floor, room: draft.room }
        : { scope: 'public', area: draft.area ?? undefined, detail: draft.detail },
    anonymous: draft.anonymous,
    photos: [],
  })
}
