import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { QuestionResult } from '@/core/surveys/rules'
import { formatChinaTime } from '@/core/shared/time'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { ApiError } from '@/services/transport'
import { lastDayOf, PageError } from '../shared/repBits'
import { StaleNotice, useLoad } from '@/components/useLoad'
import { rateText, STATUS_LABELS, surveyAudience } from '../shared/surveyBits'
import './index.scss'
import { pageTextScale } from '@/services/textScale'

type Rating = Extract<QuestionResult, { type: 'rating' }>
type Nps = Extract<QuestionResult, { type: 'nps' }>
type Choice = Extract<QuestionResult, { type: 'single' | 'multiple' }>
type Texts = Extract<QuestionResult, { type: 'text' }>

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100))
const SCORE_COLORS = ['#f53f3f', '#ff7d00', '#f7ba1e', '#7bc616', '#00b42a']
/** 题目里的"满意度"去掉，图上只留维度名："保洁服务满意度" → "保洁服务"。 */
const shortTitle = (title: string) => title.replace(/满意度$/, '').replace(/[？?]$/, '')

function Change({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return null
  const cls = value > 0 ? 'up' : value < 0 ? 'down' : 'flat'
  return <Text className={`sr-change sr-change--${cls}`}>{value > 0 ? `↑${value}` : value < 0 ? `↓${Math.abs(value)}` : '持平'}</Text>
}

/** 各评分题的均分（满分 5）：一题一条横条，条后是环比。 */
function MeansChart({ ratings, changes }: { ratings: Rating[]; changes: Map<string, number | null> }) {
  return (
    <View className="sr-chart" id="survey-chart">
      {ratings.map((q) => (
        <View key={q.id} className="sr-chart__row" id={`chart-row-${q.id}`}>
          <Text className="sr-chart__label">{shortTitle(q.title)}</Text>
          <View className="sr-chart__track">
            <View className="sr-chart__fill" id={`chart-bar-${q.id}`} style={{ width: `${((q.mean ?? 0) / 5) * 100}%` }} />
          </View>
          <Text className="sr-chart__value">{q.mean === null ? '—' : q.mean.toFixed(1)}</Text>
          <View className="sr-chart__change">{q.dimension && <Change value={changes.get(q.dimension)} />}</View>
        </View>
      ))}
      <Text className="muted sr-note">均分，满分 5 分；箭头是与上一次同模板问卷的差。</Text>
    </View>
  )
}

/** 一道评分题的 1–5 分分布：一条分段横条加图例。 */
function Distribution({ q }: { q: Rating }) {
  return (
    <View className="sr-dist" id={`dist-${q.id}`}>
      <View className="sr-dist__line">
        <Text className="sr-dist__title">{shortTitle(q.title)}</Text>
        <Text className="muted">{q.count} 人答</Text>
      </View>
      <View className="sr-dist__bar">
        {q.distribution.map((n, i) =>
          n > 0 ? <View key={i} className="sr-dist__seg" style={{ width: `${percent(n, q.count)}%`, background: SCORE_COLORS[i] }} /> : null,
        )}
      </View>
      <View className="sr-dist__legend">
        {q.distribution.map((n, i) => (
          <Text key={i} className="sr-dist__key">
            <Text className="sr-dist__dot" style={{ background: SCORE_COLORS[i] }} />
            {i + 1}分 {n}
          </Text>
        ))}
      </View>
    </View>
  )
}

function NpsCard({ q, previous }: { q: Nps; previous: { previous: number | null; change: number | null } | null }) {
  const groups = [
    { key: 'promoter', label: '推荐者 9–10', n: q.promoters, color: '#00b42a' },
    { key: 'passive', label: '中立者 7–8', n: q.passives, color: '#c9cdd4' },
    { key: 'detractor', label: '贬损者 0–6', n: q.detractors, color: '#f53f3f' },
  ]
  return (
    <View className="card sr-nps" id="survey-nps">
      <View className="sr-nps__head">
        <Text className="card-title">推荐意愿 NPS</Text>
        <Text className="sr-nps__value" id="survey-nps-value">
          {q.nps === null ? '—' : q.nps > 0 ? `+${q.nps}` : q.nps}
        </Text>
        {previous && <Change value={previous.change} />}
      </View>
      <View className="sr-dist__bar">
        {groups.map((g) =>
          g.n > 0 ? <View key={g.key} className="sr-dist__seg" style={{ width: `${percent(g.n, q.count)}%`, background: g.color }} /> : null,
        )}
      </View>
      <View className="sr-dist__legend">
        {groups.map((g) => (
          <Text key={g.key} className="sr-dist__key">
            <Text className="sr-dist__dot" style={{ background: g.color }} />
            {g.label}：{g.n}（{percent(g.n, q.count)}%）
          </Text>
        ))}
      </View>
      <Text className="muted sr-note">
        NPS = 推荐者占比 − 贬损者占比，{q.count} 人答{previous?.previous != null ? `；上一次 ${previous.previous}` : ''}。
      </Text>
    </View>
  )
}

function ChoiceCard({ q }: { q: Choice }) {
  return (
    <View className="card" id={`choice-${q.id}`}>
      <Text className="card-title">{q.title}</Text>
      <Text className="muted">
        {q.type === 'multiple' ? '多选' : '单选'} · {q.count} 人答
      </Text>
      {q.options.map((o, i) => (
        <View key={i} className="sr-option">
          <View className="sr-option__line">
            <Text>{o.label}</Text>
            <Text className="muted">
              {o.count}（{percent(o.count, q.count)}%）
            </Text>
          </View>
          <View className="sr-track">
            <View className="sr-track__fill" style={{ width: `${percent(o.count, q.count)}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}

function TextsCard({ q }: { q: Texts }) {
  return (
    <View className="card" id={`texts-${q.id}`}>
      <Text className="card-title">{q.title}</Text>
      <Text className="muted">{q.count} 条；不显示是谁写的，按内容排序，不按提交先后。</Text>
      {q.texts.length === 0 ? (
        <Text className="muted sr-note">还没有人写。</Text>
      ) : (
        q.texts.map((t, i) => (
          <Text key={i} className="sr-text">
            {t}
          </Text>
        ))
      )}
    </View>
  )
}

/**
 * 问卷结果：只有合计。答卷率（按楼、按户）随时可看；各维度均分与分布、NPS、选择题、建议与环比在问卷结束后才有
 * （服务端不给，见 core/surveys/rules.ts 的 surveyResults）。
 */
export default function SurveyResultsPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { load, refresh, staleError } = useLoad(
    () => (id ? api.surveys.results({ surveyId: id }) : Promise.reject(new ApiError('INVALID', '缺少问卷编号，请从问卷列表打开'))),
    [id],
  )

  if (load.state === 'error') return <PageError load={load} onRetry={() => refresh()} title="无法查看结果" />
  if (load.state === 'loading') return <LoadingView />
  const { survey, results, comparison } = load.data
  const questions = results.questions ?? []
  const ratings = questions.filter((q): q is Rating => q.type === 'rating')
  const nps = questions.find((q): q is Nps => q.type === 'nps')
  const changes = new Map((comparison?.dimensions ?? []).map((d) => [d.dimension as string, d.change]))

  return (
    <View style={pageTextScale()} className="page sr-page">
      <View className="card sr-head">
        <View className="sr-head__line">
          <Text className="sr-head__title">{survey.title}</Text>
          <Text className={`rs-tag rs-tag--${survey.status}`}>{STATUS_LABELS[survey.status]}</Text>
        </View>
        <Text className="muted">
          面向 {surveyAudience(survey)} · {formatChinaTime(survey.opensAt, 'M月D日')} –{' '}
          {survey.closedAt ? `${formatChinaTime(survey.closedAt, 'M月D日')}提前结束` : `${lastDayOf(survey.closesAt)}截止`}
        </Text>
      </View>
      <StaleNotice message={staleError} />

      <View className="card" id="survey-response">
        <Text className="card-title">答卷率</Text>
        <Text className="sr-big" id="survey-response-total">
          {rateText(results.responseRate)}
        </Text>
        {survey.sharedRespondents > 0 && (
          <Text className="muted" id="survey-shared">
            其中经群分享打开问卷后交的 {survey.sharedRespondents} 份
          </Text>
        )}
        <Text className="muted" id="survey-household-rate">
          按户：{results.householdRate.numerator} 户填了单元和房号（{results.householdRate.percent ?? 0}%，自愿填写，是下限）
        </Text>
        <View className="sr-buildings">
          {results.buildings.map((b) => (
            <View key={b.buildingCode} className="sr-building" id={`survey-building-${b.buildingCode}`}>
              <View className="sr-option__line">
                <Text>{b.buildingName}</Text>
                <Text className="muted">{rateText(b.responseRate)}</Text>
              </View>
              <View className="sr-track">
                <View className="sr-track__fill" style={{ width: `${Math.min(100, b.responseRate.percent ?? 0)}%` }} />
              </View>
              {results.scoresReleased && b.hidden && b.respondents > 0 && (
                <Text className="sr-hidden-note">
                  {b.respondents < results.minAnswers
                    ? `不到 ${results.minAnswers} 份，这栋楼的分项结果不显示`
                    : '为免答卷少的楼被合计推算出来，这栋楼的分项也不单独显示'}
                </Text>
              )}
            </View>
          ))}
        </View>
      </View>

      {!results.scoresReleased ? (
        <View className="card sr-waiting" id="survey-results-pending">
          <Text className="sr-waiting__title">问卷结束后显示结果（现已收到 {results.respondents} 份）</Text>
          <Text className="muted">问卷开着时居民还能改答卷，分数随每一份变动，前后一比就可能认出是谁；结束后一次显示，不再变动。</Text>
        </View>
      ) : results.hidden ? (
        <View className="card sr-waiting" id="survey-results-hidden">
          <Text className="sr-waiting__title">
            共收到 {results.respondents} 份，不到 {results.minAnswers} 份，不显示结果
          </Text>
          <Text className="muted">答卷太少时显示结果，几个人的回答就可能被认出来。</Text>
        </View>
      ) : (
        <>
          {ratings.length > 0 && (
            <View className="card" id="survey-means">
              <Text className="card-title">各项满意度</Text>
              <MeansChart ratings={ratings} changes={changes} />
            </View>
          )}
          {nps && <NpsCard q={nps} previous={comparison ? comparison.nps : null} />}
          {ratings.length > 0 && (
            <View className="card" id="survey-distributions">
              <Text className="card-title">评分分布</Text>
              {ratings.map((q) => (
                <Distribution key={q.id} q={q} />
              ))}
            </View>
          )}
          {questions.map((q) =>
            q.type === 'single' || q.type === 'multiple' ? <ChoiceCard key={q.id} q={q} /> : q.type === 'text' ? <TextsCard key={q.id} q={q} /> : null,
          )}

          {comparison && (
            <View className="card" id="survey-comparison">
              <Text className="card-title">环比</Text>
              <Text className="muted">与上一次"{comparison.previousTitle}"里同样楼栋的答卷比较（均分）。</Text>
              {!comparison.previousReleased && (
                <Text className="sr-hidden-note" id="survey-comparison-none">
                  上次同样的楼答卷不足，不比较
                </Text>
              )}
              <View className="sr-table">
                <View className="sr-table__row sr-table__row--head">
                  <Text>项目</Text>
                  <Text>本次</Text>
                  <Text>上次</Text>
                  <Text>变化</Text>
                </View>
                {comparison.dimensions.map((d) => (
                  <View key={d.dimension} className="sr-table__row" id={`comparison-${d.dimension}`}>
                    <Text>{d.label}</Text>
                    <Text>{d.current?.toFixed(1) ?? '—'}</Text>
                    <Text>{d.previous?.toFixed(1) ?? '—'}</Text>
                    <View>{d.change === null ? <Text className="muted">—</Text> : <Change value={d.change} />}</View>
                  </View>
                ))}
              </View>
            </View>
          )}

          {results.buildings.some((b) => !b.hidden && b.questions) && (
            <View className="card" id="survey-by-building">
              <Text className="card-title">分楼栋</Text>
              <Text className="muted">只列答满 {results.minAnswers} 份的楼；文字建议不分楼显示。</Text>
              {results.buildings
                .filter((b) => !b.hidden && b.questions)
                .map((b) => (
                  <View key={b.buildingCode} className="sr-bb" id={`survey-building-means-${b.buildingCode}`}>
                    <Text className="sr-bb__name">
                      {b.buildingName} · {b.respondents} 份
                    </Text>
                    <View className="sr-bb__grid">
                      {(b.questions ?? []).map((q) =>
                        q.type === 'rating' ? (
                          <Text key={q.id} className="sr-bb__cell">
                            {shortTitle(q.title).replace(/服务$/, '')} {q.mean?.toFixed(1) ?? '—'}
                          </Text>
                        ) : q.type === 'nps' ? (
                          <Text key={q.id} className="sr-bb__cell">
                            NPS {q.nps ?? '—'}
                          </Text>
                        ) : null,
                      )}
                    </View>
                  </View>
                ))}
            </View>
          )}
        </>
      )}
    </View>
  )
}
