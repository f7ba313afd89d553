/**
 * 满意度问卷的载荷校验：建问卷（按模板或自建题目）、居民答卷、查询。与 shared/schema.ts 同样的写法与中文说法。
 * 每道题的取值范围要看是哪份问卷，由 rules.ts 的 checkAnswerValues 在用例里再核对。
 */
import { z } from 'zod/mini'
import {
  QUESTION_TYPES,
  SURVEY_MAX_OPTIONS,
  SURVEY_MAX_QUESTIONS,
  SURVEY_MIN_ANSWERS,
  SURVEY_OPTION_MAX,
  SURVEY_QUESTION_MAX,
  SURVEY_TEMPLATES,
  SURVEY_TITLE_MAX,
} from '../shared/catalog'
import { buildingCode, requestId, strict, userText, communityId, entityId } from '../shared/schema'
import { audienceSchema } from '../directory'
import { isDate } from '../shared/time'

const surveyId = entityId('问卷编号')
const date = (label: string) => z.string({ error: `请选择${label}` }).check(z.refine(isDate, `${label}格式应为 YYYY-MM-DD`))
const text = (label: string, max: number, min = 1) =>
  userText(`请填写${label}`).check(z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}最多 ${max} 个字`))

export const surveyQuestionSchema = strict({
  type: z.enum(QUESTION_TYPES, { error: '请选择题型：评分、推荐意愿、单选、多选或文字' }),
  title: text('题目', SURVEY_QUESTION_MAX, 2),
  required: z.boolean({ error: '请选择是否必答' }),
  options: z
    .array(text('选项', SURVEY_OPTION_MAX), { error: '选项格式不正确' })
    .check(z.maxLength(SURVEY_MAX_OPTIONS, `每题最多 ${SURVEY_MAX_OPTIONS} 个选项`)),
}).check(
  z.refine(
    (q) => (q.type === 'single' || q.type === 'multiple' ? q.options.length >= 2 : q.options.length === 0),
    '单选、多选题至少要两个选项；其他题型不带选项',
  ),
)

export const createSurveySchema = strict({
  requestId,
  communityId,
  target: audienceSchema('问卷'),
  title: text('问卷标题', SURVEY_TITLE_MAX, 2),
  /** 按模板建时题目由模板给出（questions 须为空）；自建时 template 为 null。 */
  template: z.nullable(z.enum(SURVEY_TEMPLATES, { error: '模板无效' })),
  questions: z.array(surveyQuestionSchema, { error: '题目格式不正确' }).check(z.maxLength(SURVEY_MAX_QUESTIONS, `最多 ${SURVEY_MAX_QUESTIONS} 道题`)),
  /** 开始日（北京时间，当天 0 点开始）；不填为立即开始。 */
  opensOn: z.nullable(date('开始日期')),
  /** 截止日（含当天）。 */
  closesOn: date('截止日期'),
  /** 门槛至少 3 份：一两份的结果就是那一两个人的答卷。 */
  minAnswers: z
    .number({ error: '请填写显示结果的最少答卷数' })
    .check(
      z.int('应为整数'),
      z.gte(SURVEY_MIN_ANSWERS, `显示结果的最少答卷数应在 ${SURVEY_MIN_ANSWERS} 到 50 之间`),
      z.lte(50, `显示结果的最少答卷数应在 ${SURVEY_MIN_ANSWERS} 到 50 之间`),
    ),
}).check(z.refine((s) => (s.template === null ? s.questions.length > 0 : s.questions.length === 0), '自建问卷至少要一道题；按模板建的不用另加题目'))
export type CreateSurveyInput = z.infer<typeof createSurveySchema>

export const surveyRefSchema = strict({ surveyId })
export type SurveyRefInput = z.infer<typeof surveyRefSchema>

export const surveyFormSchema = strict({ surveyId, buildingCode })
export type SurveyFormInput = z.infer<typeof surveyFormSchema>

export const openSurveysSchema = strict({ buildingCode })
export type OpenSurveysInput = z.infer<typeof openSurveysSchema>

export const managedSurveysSchema = strict({ communityId: z.optional(communityId), cursor: z.optional(z.string().check(z.maxLength(100))) })
export type ManagedSurveysInput = z.infer<typeof managedSurveysSchema>
