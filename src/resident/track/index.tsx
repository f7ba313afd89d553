import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Rate } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import {
  ANSWER_WINDOW_DAYS,
  RATING_DIMENSIONS,
  RATING_DIMENSION_LABELS,
  REOPEN_WINDOW_DAYS,
  REPORT_NOTE_MAX,
  type RatingDimension,
} from '@/core/shared/catalog'
import { answerSchema } from '@/core/reports/schema'
import { formatChinaTime } from '@/core/shared/time'
import type { TrackedReportView, TimelineEntry } from '@/core/reports/views'
import { ErrorView, LoadingView } from '@/components/StateView'
import { api, newRequestId } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { followersText } from '@/components/SimilarReports'
import { RATING_ENDS, ScoreRow } from '@/components/ScoreRow'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton, decorative, tappableImage } from '@/components/a11y'
import { previewImage } from '@/services/previewImage'
import { TextBox } from '@/components/TextBox'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; report: TrackedReportView }

const RELATION_LABELS = { reporter: '我报的', follower: '我关注的' } as const

type Scores = Record<RatingDimension, number>
const NO_SCORES: Scores = { speed: 0, attitude: 0, effect: 0 }

/** 只读的三行星级（时间线里确认解决的那一条）。 */
function RatingRows({ rating, id }: { rating: Scores & { words?: string }; id: string }) {
  return (
    <View className="rating rating--readonly" id={id}>
      {RATING_DIMENSIONS.map((d) => (
        <View className="rating__row" key={d}>
          <Text className="rating__label">{RATING_DIMENSION_LABELS[d]}</Text>
          <View {...decorative} className="rating__stars">
            <Rate value={rating[d]} readOnly size="small" />
          </View>
          <Text className="muted rating__score">{rating[d]} 分</Text>
        </View>
      ))}
      {rating.words ? <Text className="rating__words">“{rating.words}”</Text> : null}
    </View>
  )
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  // 新的在上。
  const list = [...entries].reverse()
  return (
    <View className="timeline" id="timeline">
      {list.map((e, i) => (
        <View className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`} key={`${e.at}-${i}`} id={`timeline-${list.length - 1 - i}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__title">{e.title}</Text>
              <Text className="tag">{e.statusLabel}</Text>
            </View>
            <Text className="muted">
              {formatChinaTime(e.at, 'M月D日 HH:mm')} · {e.actorLabel}
            </Text>
            {e.assigneeLabel && <Text className="timeline__line">派给：{e.assigneeLabel}</Text>}
            {e.note && e.action !== 'confirm' && <Text className="timeline__note">{e.note}</Text>}
            {e.rating && <RatingRows rating={e.rating} id={`timeline-rating-${list.length - 1 - i}`} />}
          </View>
        </View>
      ))}
    </View>
  )
}

/** "解决了吗？"：解决了就打分（速度、态度、效果）并可留一句话；没解决就写原因。 */
function AnswerCard({ report, onAnswered }: { report: TrackedReportView; onAnswered: (next: TrackedReportView, solved: boolean) => void }) {
  const [choice, setChoice] = useState<'solved' | 'unsolved' | null>(null)
  const [scores, setScores] = useState<Scores>(NO_SCORES)
  const [words, setWords] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  // 同一次回答的重试用同一个编号，函数只记一次。
  const requestId = useRef(newRequestId())

  // 改好一处就收起那一处的提示，不等再点提交。
  const clearError = (key: string) => setErrors((e) => (e[key] || e.form ? { ...e, [key]: '', form: '' } : e))

  const submit = async () => {
    const found: Record<string, string> = {}
    if (choice === 'solved' && report.canRate) {
      for (const d of RATING_DIMENSIONS) if (!scores[d]) found[d] = `请给${RATING_DIMENSION_LABELS[d]}打分`
    }
    // 带上页面显示的状态：报事已经变了（另一台手机上答过）就被拒绝，不会连成 已解决→处理中。
    const base = { reportId: report.id, requestId: requestId.current, expectedStatus: report.status }
    // 不打分的（管这栋楼的人、重新打开后再确认）只确认，不带评分。
    const payload =
      choice === 'solved'
        ? { ...base, solved: true as const, ...(report.canRate && { rating: scores }), words: report.canRate ? words : '' }
        : { ...base, solved: false as const, reason }
    const parsed = answerSchema.safeParse(payload)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[issue.path.length - 1] ?? 'form')
        if (!found[key]) found[key] = issue.message
      }
    }
    setErrors(found)
    if (Object.keys(found).length > 0 || !parsed.success) return
    setSubmitting(true)
    try {
      const next = await api.reports.answer(parsed.data)
      onAnswered(next, parsed.data.solved)
    } catch (e) {
      setErrors({ form: (e as Error).message })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="card answer" id="answer-card">
      <Text className="card-title">解决了吗？</Text>
      {report.answerDeadline && (
        <Text className="muted answer__deadline" id="answer-deadline">
          代表已标记处理，请在 {formatChinaTime(report.answerDeadline, 'M 月 D 日')}前回答
        </Text>
      )}
      <View className="answer__choices">
        <View
          {...asButton}
          className={`answer__choice ${choice === 'solved' ? 'answer__choice--active' : ''}`}
          id="answer-solved"
          onClick={() => {
            setChoice('solved')
            clearError('reason')
          }}
        >
          <Text>解决了</Text>
        </View>
        <View
          {...asButton}
          className={`answer__choice ${choice === 'unsolved' ? 'answer__choice--active answer__choice--bad' : ''}`}
          id="answer-unsolved"
          onClick={() => {
            setChoice('unsolved')
            for (const d of RATING_DIMENSIONS) clearError(d)
          }}
        >
          <Text>没解决</Text>
        </View>
      </View>
      {choice === 'solved' && report.canRate && (
        <View className="answer__form">
          {RATING_DIMENSIONS.map((d) => (
            <View key={d} className="answer__dimension">
              <View className="rating__row" id={`rate-${d}`}>
                <Text className="rating__label">{RATING_DIMENSION_LABELS[d]}</Text>
                <Text className="muted rating__score">{scores[d] ? `${scores[d]} 分` : '请选 1–5 分'}</Text>
              </View>
              <ScoreRow
                id={`rate-${d}`}
                from={1}
                to={5}
                value={scores[d] || undefined}
                ends={RATING_ENDS}
                onChange={(v) => {
                  setScores((s) => ({ ...s, [d]: v }))
                  clearError(d)
                }}
              />
              {errors[d] && (
                <Text className="error-text answer__error" id={`error-${d}`}>
                  {errors[d]}
                </Text>
              )}
            </View>
          ))}
          <TextBox
            className="answer__text"
            id="answer-words"
            placeholder="想对代表说的话（选填）"
            value={words}
            max={REPORT_NOTE_MAX}
            onChange={(v) => {
              setWords(v)
              clearError('words')
            }}
          />
          {errors.words && <Text className="error-text answer__error">{errors.words}</Text>}
        </View>
      )}
      {choice === 'unsolved' && (
        <View className="answer__form">
          <TextBox
            className="answer__text"
            id="answer-reason"
            placeholder="哪里还没解决？代表会重新处理"
            value={reason}
            max={REPORT_NOTE_MAX}
            onChange={(v) => {
              setReason(v)
              if (v.trim()) clearError('reason')
            }}
          />
          {errors.reason && (
            <Text className="error-text answer__error" id="error-reason">
              {errors.reason}
            </Text>
          )}
        </View>
      )}
      {errors.form && (
        <Text className="error-text answer__error" id="answer-error">
          {errors.form}
        </Text>
      )}
      {choice && (
        <Button className="answer__submit" id="answer-submit" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
          {choice === 'solved' ? (report.canRate ? '提交评价' : '确认解决了') : '告诉代表还没解决'}
        </Button>
      )}
    </View>
  )
}

/** 居民看一条报事：照片、位置、状态、时间线，以及"解决了吗？"。 */
export default function TrackPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  const refresh = useCallback(async () => {
    if (!id) {
      setLoad({ state: 'error', message: '缺少报事编号', retryable: false })
      return
    }
    try {
      setLoad({ state: 'ready', report: await api.reports.track({ reportId: id }) })
    } catch (e) {
      setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })
    }
  }, [id])

  useEffect(() => {
    refresh()
  }, [refresh])
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })

  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') {
    return (
      <ErrorView
        message={load.message}
        title="无法查看"
        onRetry={load.retryable ? refresh : undefined}
        action={{ text: '回到我的报事', onClick: () => Taro.redirectTo({ url: '/resident/mine/index' }) }}
      />
    )
  }

  const r = load.report
  const shown = r.photos.filter((p) => p.url)
  const preview = (url: string) =>
    previewImage(
      shown.map((p) => p.url),
      url,
    ).catch(() => undefined)

  return (
    <View style={pageTextScale()} className="page track-page">
      {r.mergedInto && (
        <View {...asButton} className="card merged" id="merged-into" onClick={() => Taro.redirectTo({ url: `/resident/track/index?id=${r.mergedInto}` })}>
          <Text className="merged__text">代表认为这条与另一条报事是同一个问题，已合并处理；进展在那一条里更新。</Text>
          <Text className="merged__link">查看合并后的报事 ›</Text>
        </View>
      )}

      <View className="card track-head" id="track-head">
        <View className="track-head__tags">
          <Text className="tag tag--relation" id="track-relation">
            {RELATION_LABELS[r.relation]}
          </Text>
          <Text className={`status status--${r.statusGroup}`} id="track-status">
            {r.statusLabel}
          </Text>
          <Text className={`tag ${r.urgency === 'urgent' ? 'tag--urgent' : ''}`} id="track-urgency">
            {r.urgencyLabel}
          </Text>
          {r.anonymous && <Text className="tag">匿名</Text>}
        </View>
        <Text className="track-head__category">
          {r.kindLabel} · {r.categoryLabel}
        </Text>
        <Text className="track-head__text" id="track-text">
          {r.text}
        </Text>
        {r.photos.length > 0 && (
          <View className="track-photos" id="track-photos">
            {r.photos.map((p, i) =>
              p.url ? (
                <Image
                  {...tappableImage(`照片 ${i + 1}，点开看大图`)}
                  key={p.fileId}
                  className="track-photos__img"
                  id={`track-photo-${i}`}
                  src={p.url}
                  mode="aspectFill"
                  onClick={() => preview(p.url)}
                />
              ) : (
                <View key={p.fileId} className="track-photos__img track-photos__missing">
                  <Text>暂不可见</Text>
                </View>
              ),
            )}
          </View>
        )}
        <View className="track-facts">
          <Text className="track-facts__row">
            <Text className="muted track-facts__label">位置</Text>
            {r.buildingName} · {r.locationLabel}
          </Text>
          <Text className="track-facts__row">
            <Text className="muted track-facts__label">提交</Text>
            {formatChinaTime(r.createdAt, 'YYYY年M月D日 HH:mm')}
          </Text>
          {r.assigneeLabel && (
            <Text className="track-facts__row" id="track-assignee">
              <Text className="muted track-facts__label">派给</Text>
              {r.assigneeLabel}
            </Text>
          )}
          <Text className="track-facts__row" id="track-followers">
            <Text className="muted track-facts__label">关注</Text>
            {followersText(r.followers)}
          </Text>
        </View>
      </View>

      {r.canAnswer && (
        <AnswerCard
          report={r}
          onAnswered={(next, solved) => {
            setLoad({ state: 'ready', report: next })
            Taro.showToast({ title: solved ? (r.canRate ? '谢谢你的评价' : '已确认解决了') : '已告诉代表，会重新处理', icon: 'none' })
          }}
        />
      )}

      {r.reportAgainBuildingCode && (
        <View className="card answer" id="report-again">
          {r.answerWindowClosed ? (
            // 规则见 src/core/shared/rates.ts：7 天没回答的保持待确认，计入办结率，不计入解决率。
            <Text className="answer__closed" id="answer-window-closed">
              {ANSWER_WINDOW_DAYS} 天内未回答"解决了吗？"，已按"待确认"处理：这件报事算作代表已办结，但不算居民确认解决。如果问题还在，可以重新报事。
            </Text>
          ) : (
            <Text className="muted">已超过 {REOPEN_WINDOW_DAYS} 天，不能重新打开；如问题又出现，请重新报事</Text>
          )}
          <Button
            className="answer__submit"
            id="report-again-button"
            type="primary"
            block
            onClick={() => Taro.navigateTo({ url: `/resident/report/index?b=${r.reportAgainBuildingCode}` })}
          >
            重新报事
          </Button>
        </View>
      )}

      <View className="card">
        <Text className="card-title">处理进度</Text>
        {r.notesForReporterOnly && (
          <Text className="muted" id="track-notes-private">
            代表的说明只给报事人看
          </Text>
        )}
        <Timeline entries={r.timeline} />
      </View>
    </View>
  )
}
