/**
 * 居民答卷的载荷校验。与 schema.ts（建问卷）分开放：只有云函数用它（答卷页用 rules.ts 的 checkAnswerValues 按问卷核对），
 * 这样小程序的包里不带 z.record（代表分包引用 schema.ts 时，它会被并进主包的 zod 模块，多 4.7 KB）。
 */
import { z } from 'zod/mini'
import { SURVEY_HOME_FIELD_MAX, SURVEY_MAX_OPTIONS, SURVEY_TEXT_MAX } from '../shared/catalog'
import { buildingCode, requestId, strict, userText, writtenText, entityId } from '../shared/schema'

const surveyId = entityId('问卷编号')

/** 居民的答卷：题号 → 回答；取值是否合这份问卷由用例按问卷核对。 */
export const answerSurveySchema = strict({
  surveyId,
  buildingCode,
  requestId,
  unit: userText('单元格式不正确').check(z.maxLength(SURVEY_HOME_FIELD_MAX, `单元最多 ${SURVEY_HOME_FIELD_MAX} 个字`)),
  room: userText('房号格式不正确').check(z.maxLength(SURVEY_HOME_FIELD_MAX, `房号最多 ${SURVEY_HOME_FIELD_MAX} 个字`)),
  values: z.record(
    z.string().check(z.regex(/^q[0-9]{1,2}$/, '题号无效')),
    z.union([z.number(), z.array(z.number()).check(z.maxLength(SURVEY_MAX_OPTIONS)), writtenText('回答格式不正确').check(z.maxLength(SURVEY_TEXT_MAX * 2))], {
      error: '回答格式不正确',
    }),
    { error: '回答格式不正确' },
  ),
  /** 从分享卡片或复制的链接打开的问卷（路径带 s=1）。 */
  fromShare: z.optional(z.boolean({ error: '分享来源无效' })),
})
export type AnswerSurveyInput = z.infer<typeof answerSurveySchema>
