import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { SURVEY_HOME_FIELD_MAX, SURVEY_TEXT_MAX } from '@/core/shared/catalog'
import type { SurveyQuestion } from '@/core/surveys/model'
import { answerProblems, checkAnswerValues } from '@/core/surveys/rules'
import { formatChinaTime, lastDayOf } from '@/core/shared/time'
import type { SurveyFormView } from '@/core/surveys/views'
import { ErrorView, LoadingView } from '@/components/StateView'
import { RATING_ENDS, ScoreRow } from '@/components/ScoreRow'
import { api, newRequestId } from '@/services/api'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { copyShareLink } from '@/services/copyShareLink'
import { openedFromShare, sharedPath, useShareCard, type ShareCard } from '@/services/share'
import { ApiError, isLocalMode, isRetryable } from '@/services/transport'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'
import { TextBox } from '@/components/TextBox'
import { overLimit } from '@/components/LengthHint'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; form: SurveyFormView }
type Value = number | number[] | string

const NPS_ENDS = ['完全不可能', '非常可能']

function Question({
  q,
  index,
  value,
  error,
  onChange,
}: {
  q: SurveyQuestion
  index: number
  value: Value | undefined
  error?: string
  onChange: (v: Value) => void
}) {
  const id = `survey-${q.id}`
  const picked = Array.isArray(value) ? value : []
  return (
    <View className={`card sv-question ${error ? 'sv-question--error' : ''}`} id={`field-${q.id}`}>
      <Text className="sv-question__title">
        {index + 1}. {q.title}
        {!q.required && <Text className="muted sv-question__optional">（选答）</Text>}
        {q.type === 'multiple' && <Text className="muted sv-question__optional">（可多选）</Text>}
      </Text>
      {q.type === 'rating' && <ScoreRow id={id} from={1} to={5} value={value as number | undefined} ends={RATING_ENDS} onChange={onChange} />}
      {q.type === 'nps' && <ScoreRow id={id} from={0} to={10} value={value as number | undefined} ends={NPS_ENDS} onChange={onChange} />}
      {(q.type === 'single' || q.type === 'multiple') && (
        <View className="sv-options">
          {q.options.map((label, i) => {
            const on = q.type === 'single' ? value === i : picked.includes(i)
            const toggle = () => (q.type === 'single' ? onChange(i) : onChange(on ? picked.filter((x) => x !== i) : [...picked, i]))
            return (
              <View {...asButton} key={i} id={`${id}-${i}`} className={`sv-option ${on ? 'sv-option--on' : ''}`} onClick={toggle}>
                <View className={`sv-option__mark sv-option__mark--${q.type}`}>{on ? '✓' : ''}</View>
                <Text className="sv-option__label">{label}</Text>
              </View>
            )
          })}
        </View>
      )}
      {q.type === 'text' && (
        <TextBox
          id={`${id}-input`}
          className="sv-text"
          placeholder="写下你的想法（不会显示你是谁）"
          value={(value as string | undefined) ?? ''}
          max={SURVEY_TEXT_MAX}
          onChange={(v) => onChange(v)}
        />
      )}
      {error && (
        <Text className="error-text" id={`${id}-error`}>
          {error}
        </Text>
      )}
    </View>
  )
}

/** 转发到业主群的卡片：标题写哪个小区哪栋楼的问卷，路径带楼栋码与来源；结束了的不给卡片。 */
function shareCardOf(form: SurveyFormView, code: string): ShareCard | null {
  if (form.status === 'closed') return null
  const place = `${form.place.communityName} ${form.place.buildingName}`
  return {
    title: `${place} 请您填问卷：${form.title}`,
    path: sharedPath('/survey/answer/index', { id: form.id, b: code }),
    image: { kind: '问卷', title: form.title, place, line: `匿名填写 · 截止 ${lastDayOf(form.closesAt)}` },
  }
}

/** 答卷。居民一人一份；问卷开着时再交一次替换上一次。代表只看到合计，看不到谁答了什么。 */
export default function SurveyAnswerPage() {
  const { params } = useRouter()
  const surveyId = params.id ?? ''
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [values, setValues] = useState<Record<string, Value>>({})
  const [unit, setUnit] = useState('')
  const [room, setRoom] = useState('')
  const [error, setError] = useState<{ questionId: string | null; message: string } | null>(null)
  // 每道有问题的题各自的提示（一次全标出来）；答好一题，那一题的提示就收起。
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState<'saved' | 'replaced' | null>(null)
  // 同一次提交（含网络失败后的重试）用同一个请求编号；答卷改了就换一个。
  const requestId = useRef(newRequestId())
  const [copied, setCopied] = useState(false)
  const fromShare = openedFromShare(params)
  const card = load.state === 'ready' && code ? shareCardOf(load.form, code) : null
  useShareCard(card)

  const refresh = useCallback(() => {
    if (!surveyId || !code) return setLoad({ state: 'error', message: surveyId ? '请先扫描楼栋二维码' : '缺少问卷编号，请从楼栋首页打开', retryable: false })
    setLoad({ state: 'loading' })
    api.surveys.form({ surveyId, buildingCode: code }).then(
      (form) => {
        setLoad({ state: 'ready', form })
        if (form.mine) {
          setValues(form.mine.values)
          setUnit(form.mine.unit)
          setRoom(form.mine.room)
        }
      },
      (e) => setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) }),
    )
  }, [surveyId, code])

  useEffect(() => {
    refresh()
  }, [refresh])

  // 从首页点进来的：退回去（首页回来时会刷新问卷条）；分享或直接打开的：换成首页。
  const home = () => (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: `/pages/building/index${code ? `?b=${code}` : ''}` }))
  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') {
    return (
      <View style={pageTextScale()} className="page">
        <ErrorView
          title={load.retryable ? '出了点问题' : '无法打开问卷'}
          message={load.message}
          onRetry={load.retryable ? refresh : undefined}
          action={{ text: '回楼栋首页', onClick: home }}
        />
      </View>
    )
  }

  const form = load.form
  const change = (id: string, v: Value) => {
    setValues((old) => ({ ...old, [id]: v }))
    setError(null)
    setProblems(({ [id]: _fixed, ...rest }) => rest)
    setDone(null)
    requestId.current = newRequestId()
  }

  if (done) {
    return (
      <View style={pageTextScale()} className="page sv-page">
        <View className="card sv-done" id="survey-done">
          <Text className="sv-done__title">{done === 'replaced' ? '已更新你的答卷' : '谢谢你的回答'}</Text>
          <Text className="muted sv-done__text">
            {`代表只能看到全楼的合计，看不到谁答了什么。问卷截止到 ${lastDayOf(form.closesAt)}，在那之前你可以回来改。`}
          </Text>
          {card &&
            (isLocalMode ? (
              <Button
                id="survey-share"
                block
                fill="outline"
                type="primary"
                onClick={() =>
                  copyShareLink(card).then(
                    () => setCopied(true),
                    () => undefined,
                  )
                }
              >
                {copied ? '链接已复制，可以粘贴到业主群' : '复制链接，请邻居也来答'}
              </Button>
            ) : (
              <Button id="survey-share" block fill="outline" type="primary" openType="share">
                转发到业主群，请邻居也来答
              </Button>
            ))}
          <Button id="survey-home" type="primary" block onClick={home}>
            回楼栋首页
          </Button>
        </View>
      </View>
    )
  }

  const open = form.status === 'open'
  // 单元、房号不设 maxLength（设了会悄悄截掉粘贴进来的字）：超了在卡片里直说，提交时拒收。
  const homeOver = overLimit('单元', unit.trim(), SURVEY_HOME_FIELD_MAX) ?? overLimit('房号', room.trim(), SURVEY_HOME_FIELD_MAX)
  const submit = () => {
    if (submitting) return
    if (homeOver) {
      setError({ questionId: null, message: homeOver })
      return
    }
    const checked = checkAnswerValues(form, values)
    if (!checked.ok) {
      // 每道没答好的题都在题下面标出，滚到第一道；页底说一共几道。
      const found = answerProblems(form, values)
      const ids = form.questions.map((q) => q.id).filter((id) => found[id])
      setProblems(found)
      setError({ questionId: null, message: ids.length > 1 ? `有 ${ids.length} 道题要补上，已在题下标出` : checked.message })
      if (ids[0]) Taro.pageScrollTo({ selector: `#field-${ids[0]}`, duration: 200 })?.catch?.(() => undefined)
      return
    }
    setSubmitting(true)
    api.surveys
      .answer({
        surveyId: form.id,
        buildingCode: code as string,
        requestId: requestId.current,
        unit: unit.trim(),
        room: room.trim(),
        values: checked.data,
        ...(fromShare && { fromShare }),
      })
      .then(
        (reply) => {
          setSubmitting(false)
          setDone(reply.replaced || form.mine ? 'replaced' : 'saved')
          requestId.current = newRequestId()
          setLoad({ state: 'ready', form: { ...form, mine: { values: checked.data, unit: unit.trim(), room: room.trim() } } })
        },
        (e) => {
          setSubmitting(false)
          const message = (e as Error).message
          setError({ questionId: null, message: e instanceof ApiError && e.code === 'NETWORK' ? `${message}（再点提交不会重复）` : message })
        },
      )
  }

  return (
    <View style={pageTextScale()} className="page sv-page">
      <View className="card sv-head">
        <Text className="sv-head__title" id="survey-title">
          {form.title}
        </Text>
        <Text className="muted">
          {form.status === 'scheduled'
            ? `${formatChinaTime(form.opensAt, 'M月D日')}开始`
            : form.status === 'closed'
              ? '已结束'
              : `截止 ${lastDayOf(form.closesAt)}`}{' '}
          · 共 {form.questions.length} 题 · 匿名
        </Text>
        <Text className="sv-head__privacy">代表只看到全楼合计；一栋楼答卷少于门槛时，这栋楼的结果不显示。</Text>
        {form.mine && open && (
          <Text className="sv-head__mine" id="survey-mine">
            你已经交过答卷，改了再交会替换上一次。
          </Text>
        )}
      </View>

      {form.status === 'scheduled' && <Text className="sv-closed">问卷还没开始，到时再来。</Text>}
      {form.status === 'closed' && (
        <Text className="sv-closed" id="survey-closed">
          问卷已经结束，谢谢关注。
        </Text>
      )}

      {open && (
        <>
          {form.questions.map((q, i) => (
            <Question
              key={q.id}
              q={q}
              index={i}
              value={values[q.id]}
              error={problems[q.id] ?? (error?.questionId === q.id ? error.message : undefined)}
              onChange={(v) => change(q.id, v)}
            />
          ))}

          <View className="card sv-home">
            <Text className="card-title">你住在（选填）</Text>
            <Text className="muted">填了可以按户统计答卷率；不会和你的答卷一起给代表看。</Text>
            <View className="sv-home__row">
              <View className="sv-home__field" id="survey-unit">
                <Input
                  placeholder="单元，如 2"
                  value={unit}
                  onChange={(v) => {
                    setUnit(v)
                    requestId.current = newRequestId()
                  }}
                />
              </View>
              <View className="sv-home__field" id="survey-room">
                <Input
                  placeholder="房号，如 1502"
                  value={room}
                  onChange={(v) => {
                    setRoom(v)
                    requestId.current = newRequestId()
                  }}
                />
              </View>
            </View>
            {homeOver && (
              <Text className="error-text" id="survey-home-error">
                {homeOver}
              </Text>
            )}
          </View>

          <View className="footer-bar sv-footer">
            {error && !error.questionId && (
              <Text className="error-text" id="survey-error">
                {error.message}
              </Text>
            )}
            <Button id="survey-submit" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
              {form.mine ? '更新答卷' : '提交'}
            </Button>
          </View>
        </>
      )}
    </View>
  )
}
