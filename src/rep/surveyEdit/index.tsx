import { useCallback, useEffect, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@/core/api'
import {
  QUESTION_TYPE_LABELS,
  SURVEY_MAX_OPTIONS,
  SURVEY_MAX_QUESTIONS,
  SURVEY_MIN_ANSWERS,
  SURVEY_OPTION_MAX,
  SURVEY_QUESTION_MAX,
  SURVEY_TITLE_MAX,
  type QuestionType,
} from '@/core/shared/catalog'
import { satisfactionTemplate } from '@/core/surveys/rules'
import { createSurveySchema, type CreateSurveyInput } from '@/core/surveys/schema'
import { ChipGroup } from '@/components/ChipGroup'
import { LoadingView } from '@/components/StateView'
import { api, newRequestId } from '@/services/api'
import { ApiError } from '@/services/transport'
import { addDays, DateField, failed, FieldError, fullDay, PageError, today, useCommunityParam, validateForm, type Load } from '../shared/repBits'
import { LengthHint } from '@/components/LengthHint'
import './index.scss'
import type { z } from 'zod/mini'
import { LabeledSwitch } from '@/components/LabeledSwitch'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Field = 'target' | 'source' | 'title' | 'questions' | 'opens' | 'closes' | 'min' | 'form'
const FIELD_ORDER: Field[] = ['target', 'source', 'title', 'questions', 'opens', 'closes', 'min', 'form']

/** 每道题自己的第一条问题（按序号）；题目都没问题时为空。 */
function questionErrors(schema: z.ZodMiniType, payload: unknown): (string | undefined)[] {
  const found: (string | undefined)[] = []
  const result = schema.safeParse(payload)
  for (const issue of result.success ? [] : result.error.issues) {
    const [head, index] = issue.path
    if (head === 'questions' && typeof index === 'number') found[index] ??= issue.message
  }
  return found
}

/** 问卷标题本身（路径正好是 title）的问题；没有时为 undefined。 */
const titleIssue = (schema: z.ZodMiniType, payload: unknown): string | undefined => {
  const result = schema.safeParse(payload)
  return result.success ? undefined : result.error.issues.find((i) => i.path.length === 1 && i.path[0] === 'title')?.message
}

function fieldOf(name: string | undefined): Field {
  switch (name) {
    case 'target':
    case 'scope':
    case 'buildingCodes':
      return 'target'
    case 'title':
      return 'title'
    case 'template':
      return 'source'
    case 'questions':
    case 'type':
    case 'options':
    case 'required':
      return 'questions'
    case 'opensOn':
      return 'opens'
    case 'closesOn':
      return 'closes'
    case 'minAnswers':
      return 'min'
    default:
      return 'form'
  }
}

interface DraftQuestion {
  key: number
  type: QuestionType
  title: string
  required: boolean
  options: string[]
}

let questionSerial = 0
const newQuestion = (type: QuestionType = 'rating'): DraftQuestion => ({
  key: ++questionSerial,
  type,
  title: '',
  required: true,
  options: type === 'single' || type === 'multiple' ? ['', ''] : [],
})

/** 题目标题里的季度："2026年第四季度物业服务满意度调查"。 */
function defaultTitle(): string {
  const [y, m] = today().split('-').map(Number)
  return `${y}年第${'一二三四'[Math.floor((m - 1) / 3)]}季度物业服务满意度调查`
}

const CLOSE_OPTIONS = [
  { value: '7', label: '7 天' },
  { value: '14', label: '14 天' },
  { value: '30', label: '30 天' },
] as const
const MIN_OPTIONS = [
  { value: '3', label: '3 份' },
  { value: '5', label: '5 份' },
  { value: '10', label: '10 份' },
] as const
const TYPE_OPTIONS = (['rating', 'nps', 'single', 'multiple', 'text'] as const).map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t].replace(/（.*）/, '') }))

function QuestionEditor({
  q,
  index,
  error,
  onChange,
  onRemove,
}: {
  q: DraftQuestion
  index: number
  /** 这一题自己的问题（请填写题目、选项太少……）：显示在这一题下面，不在问卷标题下。 */
  error?: string
  onChange: (q: DraftQuestion) => void
  onRemove: () => void
}) {
  const id = `question-${index + 1}`
  const choice = q.type === 'single' || q.type === 'multiple'
  const setType = (type: QuestionType) =>
    onChange({ ...q, type, options: type === 'single' || type === 'multiple' ? (q.options.length >= 2 ? q.options : ['', '']) : [] })
  return (
    <View className="se-question" id={id}>
      <View className="se-question__head">
        <Text className="se-question__no">第 {index + 1} 题</Text>
        <Text {...asButton} className="se-question__remove" id={`${id}-remove`} onClick={onRemove}>
          删除
        </Text>
      </View>
      <ChipGroup name={`${id}-type`} options={TYPE_OPTIONS} value={q.type} onChange={setType} />
      <View id={`${id}-title`} className="se-input">
        <Input placeholder={q.type === 'rating' ? '如：您对电梯维保是否满意？' : '题目'} value={q.title} onChange={(title) => onChange({ ...q, title })} />
      </View>
      <LengthHint value={q.title} max={SURVEY_QUESTION_MAX} id={`${id}-title-length`} />
      {choice && (
        <View className="se-options">
          {q.options.map((o, i) => (
            <View key={i}>
              <View className="se-option">
                <View id={`${id}-option-${i + 1}`} className="se-input se-option__input">
                  <Input placeholder={`选项 ${i + 1}`} value={o} onChange={(v) => onChange({ ...q, options: q.options.map((x, j) => (j === i ? v : x)) })} />
                </View>
                {q.options.length > 2 && (
                  <Text {...asButton} className="se-option__remove" onClick={() => onChange({ ...q, options: q.options.filter((_, j) => j !== i) })}>
                    ✕
                  </Text>
                )}
              </View>
              <LengthHint value={o} max={SURVEY_OPTION_MAX} id={`${id}-option-${i + 1}-length`} />
            </View>
          ))}
          {q.options.length < SURVEY_MAX_OPTIONS && (
            <Text {...asButton} className="se-link" id={`${id}-add-option`} onClick={() => onChange({ ...q, options: [...q.options, ''] })}>
              + 加一个选项
            </Text>
          )}
        </View>
      )}
      <View className="se-question__required">
        <Text className="muted">必答</Text>
        <LabeledSwitch label="必答" checked={q.required} onChange={(required) => onChange({ ...q, required })} />
      </View>
      <FieldError id={id} message={error} />
    </View>
  )
}

type Managed = OutputOf<'surveys', 'managed'>

function SurveyForm({ data }: { data: Managed }) {
  const { communityId, buildings, canTargetCommunity } = data
  const [requestId] = useState(newRequestId)
  const [scope, setScope] = useState<'community' | 'buildings'>(canTargetCommunity ? 'community' : 'buildings')
  const [buildingCodes, setBuildingCodes] = useState<string[]>(() => (buildings.length === 1 ? [buildings[0].code] : []))
  const [source, setSource] = useState<'template' | 'custom'>('template')
  const [title, setTitle] = useState(defaultTitle)
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => [newQuestion('rating')])
  const [opensOn, setOpensOn] = useState<string | null>(null)
  const [closesOn, setClosesOn] = useState(() => addDays(today(), 14))
  const [minAnswers, setMinAnswers] = useState(SURVEY_MIN_ANSWERS)
  const [showErrors, setShowErrors] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const touched = () => setServerError(null)

  const payload = (): CreateSurveyInput => ({
    requestId,
    communityId,
    target: scope === 'community' ? { scope: 'community' } : { scope: 'buildings', buildingCodes },
    title,
    template: source === 'template' ? 'property_satisfaction' : null,
    questions: source === 'template' ? [] : questions.map(({ type, title: t, required, options }) => ({ type, title: t, required, options })),
    opensOn,
    closesOn,
    minAnswers,
  })
  const check = () => {
    const checked = validateForm(createSurveySchema, payload(), fieldOf)
    const errors: Partial<Record<Field, string>> = { ...checked.errors }
    // 题目里的问题按题标出（路径 questions.<序号>.…），不借用问卷标题的位置。
    const perQuestion = questionErrors(createSurveySchema, payload())
    const firstBad = perQuestion.findIndex(Boolean)
    if (firstBad >= 0) errors.questions = `第 ${firstBad + 1} 题：${perQuestion[firstBad]}`
    const titleMessage = titleIssue(createSurveySchema, payload())
    if (titleMessage) errors.title = titleMessage
    else delete errors.title
    if (opensOn && opensOn < today()) errors.opens ??= '开始日期不能早于今天'
    if (closesOn < (opensOn ?? today())) errors.closes ??= '截止日期应不早于开始日期'
    return { value: Object.keys(errors).length === 0 ? checked.value : null, errors, perQuestion }
  }
  const { errors, perQuestion } = showErrors ? check() : { errors: {} as Partial<Record<Field, string>>, perQuestion: [] as (string | undefined)[] }
  const first = FIELD_ORDER.find((f) => errors[f])
  const summary = serverError ?? (first ? errors[first] : null)

  const submit = async () => {
    if (submitting) return
    setShowErrors(true)
    setServerError(null)
    const { value, errors: found } = check()
    if (!value) {
      const field = FIELD_ORDER.find((f) => found[f]) ?? 'form'
      Taro.pageScrollTo({ selector: `#field-${field}`, duration: 200 })?.catch?.(() => undefined)
      return
    }
    setSubmitting(true)
    try {
      const view = await api.surveys.create(value)
      Taro.showToast({ title: '已发起', icon: 'success' })
      setTimeout(() => Taro.redirectTo({ url: `/rep/surveyResults/index?id=${view.id}` }), 600)
    } catch (e) {
      const message = (e as Error).message
      setServerError(e instanceof ApiError && e.code === 'NETWORK' ? `${message}（再点发起不会重复）` : message)
    } finally {
      setSubmitting(false)
    }
  }

  const toggleBuilding = (code: string) => {
    touched()
    setBuildingCodes((codes) => (codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]))
  }
  const closeChoice = CLOSE_OPTIONS.find((o) => addDays(opensOn ?? today(), Number(o.value)) === closesOn)?.value ?? null
  const template = satisfactionTemplate()

  return (
    <View style={pageTextScale()} className="page se-page">
      <View className="card" id="field-target">
        <Text className="card-title">发给谁</Text>
        {canTargetCommunity && (
          <ChipGroup
            name="survey-target"
            options={[
              { value: 'community', label: '整个小区' },
              { value: 'buildings', label: '选定楼栋' },
            ]}
            value={scope}
            onChange={(v) => {
              touched()
              setScope(v)
            }}
          />
        )}
        {scope === 'buildings' && (
          <View className="se-buildings">
            {buildings.map((b) => {
              const on = buildingCodes.includes(b.code)
              return (
                <View
                  {...asButton}
                  key={b.code}
                  className={`gcheck ${on ? 'gcheck--on' : ''}`}
                  id={`survey-building-${b.code}`}
                  onClick={() => toggleBuilding(b.code)}
                >
                  <View className="gcheck__box">{on ? '✓' : ''}</View>
                  <Text className="gcheck__label">{b.name}</Text>
                </View>
              )
            })}
          </View>
        )}
        <Text className="muted gov-hint">答卷率按所选楼栋的户数算；每栋楼答满门槛才显示这栋楼的结果。</Text>
        <FieldError id="survey-target" message={errors.target} />
      </View>

      <View className="card" id="field-source">
        <Text className="card-title">题目</Text>
        <ChipGroup
          name="survey-source"
          options={[
            { value: 'template', label: '物业服务满意度模板' },
            { value: 'custom', label: '自己出题' },
          ]}
          value={source}
          onChange={(v) => {
            touched()
            setSource(v)
          }}
        />
        {source === 'template' ? (
          <View className="se-template" id="survey-template-preview">
            {template.map((q, i) => (
              <Text key={q.id} className="se-template__item">
                {i + 1}. {q.title}
                <Text className="muted">
                  （{QUESTION_TYPE_LABELS[q.type]}
                  {q.required ? '' : '，选答'}）
                </Text>
              </Text>
            ))}
            <Text className="muted gov-hint">
              保洁、安保、维修、绿化、停车、客服、总体 7 项各打 1–5 分，加推荐意愿（NPS）与一条建议。同一模板的问卷之间会算环比。
            </Text>
          </View>
        ) : (
          <View id="field-questions">
            {questions.map((q, i) => (
              <QuestionEditor
                key={q.key}
                q={q}
                index={i}
                error={perQuestion[i]}
                onChange={(nq) => {
                  touched()
                  setQuestions((qs) => qs.map((x) => (x.key === q.key ? nq : x)))
                }}
                onRemove={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}
              />
            ))}
            {questions.length < SURVEY_MAX_QUESTIONS && (
              <Text {...asButton} className="se-link se-add" id="survey-add-question" onClick={() => setQuestions((qs) => [...qs, newQuestion('single')])}>
                + 添加一题
              </Text>
            )}
            <FieldError id="survey-questions" message={errors.questions} />
          </View>
        )}
        <FieldError id="survey-source" message={errors.source} />
      </View>

      <View className="card" id="field-title">
        <Text className="card-title">问卷标题</Text>
        <View id="survey-title-input" className="se-input">
          <Input
            placeholder="如：2026年第四季度物业服务满意度调查"
            value={title}
            onChange={(v) => {
              touched()
              setTitle(v)
            }}
          />
        </View>
        <LengthHint value={title} max={SURVEY_TITLE_MAX} id="survey-title-length" />
        <FieldError id="survey-title" message={errors.title} />
      </View>

      <View className="card" id="field-opens">
        <Text className="card-title">时间</Text>
        <View className="se-dates">
          <Text className="se-dates__label">开始</Text>
          <DateField
            id="survey-opens"
            value={opensOn}
            placeholder="立即开始"
            start={today()}
            onChange={(v) => {
              touched()
              setOpensOn(v === today() ? null : v)
            }}
          />
        </View>
        <FieldError id="survey-opens" message={errors.opens} />
        <View className="se-dates" id="field-closes">
          <Text className="se-dates__label">截止</Text>
          <ChipGroup
            name="survey-closes"
            options={CLOSE_OPTIONS}
            value={closeChoice}
            onChange={(v) => {
              touched()
              setClosesOn(addDays(opensOn ?? today(), Number(v)))
            }}
          />
        </View>
        <View className="se-dates__picker">
          <DateField
            id="survey-closes-date"
            value={closesOn}
            placeholder="或选一个日期"
            start={opensOn ?? today()}
            onChange={(v) => {
              touched()
              setClosesOn(v)
            }}
          />
        </View>
        <Text className="muted gov-hint" id="survey-period-text">
          {`${opensOn ? fullDay(opensOn) : '现在'}开始，${fullDay(closesOn)}（含当天）截止；可以提前结束。`}
        </Text>
        <FieldError id="survey-closes" message={errors.closes} />
      </View>

      <View className="card" id="field-min">
        <Text className="card-title">显示结果的门槛</Text>
        <ChipGroup
          name="survey-min"
          options={MIN_OPTIONS}
          value={MIN_OPTIONS.some((o) => Number(o.value) === minAnswers) ? (String(minAnswers) as '3') : null}
          onChange={(v) => {
            touched()
            setMinAnswers(Number(v))
          }}
        />
        <Text className="muted gov-hint">问卷结束后才显示分数；一栋楼答卷不到 {minAnswers} 份时不显示这栋楼的结果，免得几个人的回答被认出来。</Text>
        <FieldError id="survey-min" message={errors.min} />
      </View>

      <View className="footer-bar gov-footer">
        {summary && (
          <Text className="error-text gov-footer__error" id="survey-error">
            {summary}
          </Text>
        )}
        <Button id="survey-submit" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
          发起问卷
        </Button>
      </View>
    </View>
  )
}

/** 发起问卷：按物业服务满意度模板或自己出题；发给整个小区或选定的楼栋；起止日期；显示结果的门槛。 */
export default function SurveyEditPage() {
  // 没带 ?c= 时由 surveys.managed 按身份取小区，答复里带回（表单提交用它）。
  const communityParam = useCommunityParam()
  const [load, setLoad] = useState<Load<Managed>>({ state: 'loading' })
  const refresh = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', data: await api.surveys.managed(communityParam ? { communityId: communityParam } : {}) })
    } catch (e) {
      setLoad(failed(e))
    }
  }, [communityParam])
  useEffect(() => {
    refresh()
  }, [refresh])

  if (load.state === 'error') return <PageError load={load} onRetry={refresh} title="无法发起问卷" />
  if (load.state === 'loading') return <LoadingView />
  if (!load.data.canTargetCommunity && load.data.buildings.length === 0) {
    return <PageError load={{ message: '你没有可以发问卷的楼栋', retryable: false }} onRetry={refresh} title="无法发起问卷" />
  }
  return <SurveyForm data={load.data} />
}
