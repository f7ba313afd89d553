/**
 * 工作总结的载荷校验：起草、看数字背后的记录、保存版本、回到某一版、征求意见、居民提意见、公示、导出。
 * 与 shared/schema.ts 同样的写法与中文说法。不用 z.record（代表分包引用它时会把 ZodRecord 并进主包的 zod 模块）。
 */
import { z } from 'zod/mini'
import { SUMMARY_KINDS, summaryPeriodSchema } from '../summaryDocument'
import { buildingCode, requestId, strict, userText, writtenText, communityId, entityId } from '../shared/schema'
import { isDate } from '../shared/time'
import { SUMMARY_COMMENT_MAX } from '../shared/catalog'

export const SUMMARY_PARAGRAPH_MAX = 2000
// 居民提意见的上限在 catalog：主包的意见框只引 catalog，不把总结的 schema 带进主包。
export { SUMMARY_COMMENT_MAX }
export const SUMMARY_EDITS_MAX = 300

const summaryId = entityId('总结编号')

/** 起草的对象：哪个小区、哪栋楼（null 为整个小区）、哪个期间、哪一种总结（null 为按小区与身份的默认）。 */
export const draftSummarySchema = strict({
  communityId,
  buildingCode: z.nullable(buildingCode),
  period: summaryPeriodSchema,
  kind: z.nullable(z.enum(SUMMARY_KINDS, { error: '请选择总结的种类' })),
})
export type DraftSummaryInput = z.infer<typeof draftSummarySchema>

/** 一个数字背后的记录：对还没保存的草稿给 draft，对保存过的总结给 summaryId（用那一版冻结的数字）。 */
export const traceFigureSchema = strict({
  summaryId: z.nullable(summaryId),
  /** 看哪一版；null 为最新一版。只对 summaryId 有意义。 */
  version: z.nullable(z.number({ error: '版本号无效' }).check(z.int('版本号无效'), z.gte(1, '版本号无效'))),
  draft: z.nullable(draftSummarySchema),
  // Object.prototype 上的名字（constructor、toString、__proto__……）不是数字：答无效，不去查表。
  figureId: z.string({ error: '缺少数字编号' }).check(
    z.regex(/^[A-Za-z0-9_.:@~-]{1,100}$/, '数字编号无效'),
    z.refine((id) => !(id in Object.prototype), '数字编号无效'),
  ),
  cursor: z.nullable(z.string({ error: '翻页位置无效' }).check(z.maxLength(60, '翻页位置无效'))),
}).check(z.refine((t) => (t.summaryId === null) !== (t.draft === null), '请指明是哪份总结'))
export type TraceFigureInput = z.infer<typeof traceFigureSchema>

/** 改过的段落：段落编号 → 改后的文字（纯文字，数字照原样写；服务端把仍在原位的数字重新连回它的记录）。 */
const paragraphEdit = strict({
  paragraphId: z.string({ error: '段落编号无效' }).check(z.regex(/^[A-Za-z0-9_.:-]{1,80}$/, '段落编号无效')),
  text: writtenText('请填写段落').check(z.maxLength(SUMMARY_PARAGRAPH_MAX, `每段最多 ${SUMMARY_PARAGRAPH_MAX} 个字`)),
})

/** 典型案例引不引居民的原话（引的文字在服务端的文档里，已去掉个人信息；这里只有选不选）。 */
const quoteChoice = strict({
  paragraphId: z.string({ error: '段落编号无效' }).check(z.regex(/^[A-Za-z0-9_.:-]{1,80}$/, '段落编号无效')),
  quoted: z.boolean({ error: '请选择引不引居民的原话' }),
})

/**
 * 保存一版：新总结给 draft（服务端重新起草、套上改动，存为第 1 版）；已有的总结给 summaryId 与 baseVersion
 * （在最新一版上套改动，存为下一版；baseVersion 不是最新版时答冲突）。
 */
export const saveSummarySchema = strict({
  requestId,
  summaryId: z.nullable(summaryId),
  baseVersion: z.nullable(z.number({ error: '版本号无效' }).check(z.int('版本号无效'), z.gte(1, '版本号无效'))),
  draft: z.nullable(draftSummarySchema),
  /** 改后的标题；null 为不改。 */
  title: z.nullable(userText('标题格式不正确').check(z.minLength(2, '标题至少 2 个字'), z.maxLength(60, '标题最多 60 个字'))),
  edits: z.array(paragraphEdit, { error: '改动格式不正确' }).check(z.maxLength(SUMMARY_EDITS_MAX, '改动太多了')),
  /** 典型案例引不引居民原话的改动；不给为不改。 */
  quotes: z.optional(z.array(quoteChoice, { error: '引用的选择格式不正确' }).check(z.maxLength(10, '引用的选择太多了'))),
}).check(
  z.refine((s) => (s.summaryId === null) !== (s.draft === null), '请指明是哪份总结'),
  z.refine((s) => (s.summaryId === null) === (s.baseVersion === null), '缺少版本号'),
)
export type SaveSummaryInput = z.infer<typeof saveSummarySchema>

export const summaryRefSchema = strict({ summaryId })
export type SummaryRefInput = z.infer<typeof summaryRefSchema>

export const summaryDetailSchema = strict({
  summaryId,
  version: z.nullable(z.number({ error: '版本号无效' }).check(z.int('版本号无效'), z.gte(1, '版本号无效'))),
})
export type SummaryDetailInput = z.infer<typeof summaryDetailSchema>

/** 回到某一版：把那一版复制成新的最新一版（不删任何一版）。 */
export const restoreSummarySchema = strict({
  requestId,
  summaryId,
  version: z.number({ error: '版本号无效' }).check(z.int('版本号无效'), z.gte(1, '版本号无效')),
})
export type RestoreSummaryInput = z.infer<typeof restoreSummarySchema>

/** 没给小区时用我的第一个代表、业委会或管理员身份所在的小区（页面一次调用就够）。 */
export const listSummariesSchema = strict({ communityId: z.optional(communityId) })
export type ListSummariesInput = z.infer<typeof listSummariesSchema>

/** 征求意见：把最新一版作为公告发给总结范围里的居民，到截止日（含当天）为止收意见。 */
export const publishSummarySchema = strict({
  requestId,
  summaryId,
  closesOn: z.string({ error: '请选择征求意见的截止日期' }).check(z.refine(isDate, '截止日期格式应为 YYYY-MM-DD')),
})
export type PublishSummaryInput = z.infer<typeof publishSummarySchema>

/** 居民对征求意见稿提意见（过内容检测；别的居民看不到是谁提的）。 */
export const commentSummarySchema = strict({
  requestId,
  summaryId,
  buildingCode,
  text: userText('请填写意见').check(z.minLength(2, '意见至少 2 个字'), z.maxLength(SUMMARY_COMMENT_MAX, `意见最多 ${SUMMARY_COMMENT_MAX} 个字`)),
})
export type CommentSummaryInput = z.infer<typeof commentSummarySchema>

/** 公示：最新一版成为定稿，之后不再改变。 */
export const finalizeSummarySchema = strict({ requestId, summaryId })
export type FinalizeSummaryInput = z.infer<typeof finalizeSummarySchema>

/** 导出：Word（.docx，云函数生成）或纯文字（复制用）；version 为 null 时导出最新一版。 */
export const exportSummarySchema = strict({
  summaryId,
  version: z.nullable(z.number({ error: '版本号无效' }).check(z.int('版本号无效'), z.gte(1, '版本号无效'))),
  format: z.enum(['docx', 'text'], { error: '请选择导出 Word 还是文字' }),
})
export type ExportSummaryInput = z.infer<typeof exportSummarySchema>
