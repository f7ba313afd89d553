import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChinaTime } from '@/core/shared/time'
import type { ManagedSurveyView } from '@/core/surveys/views'
import type { OutputOf } from '@/core/api'
import { EmptyView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { ConfirmDialog, lastDayOf, PageError, useCommunityParam, useLoadMore } from '../shared/repBits'
import { StaleNotice, useLoad } from '@/components/useLoad'
import { rateText, STATUS_LABELS, surveyAudience } from '../shared/surveyBits'
import '../shared/surveys.scss'
import { pageTextScale } from '@/services/textScale'

type Data = OutputOf<'surveys', 'managed'>

function SurveyCard({ survey, onClose }: { survey: ManagedSurveyView; onClose: () => void }) {
  const results = () => Taro.navigateTo({ url: `/rep/surveyResults/index?id=${survey.id}` })
  return (
    <View className="card rs-card" id={`managed-survey-${survey.id}`}>
      <View className="rs-card__head">
        <Text className="rs-card__title">{survey.title}</Text>
        <Text className={`rs-tag rs-tag--${survey.status}`} id={`survey-status-${survey.id}`}>
          {STATUS_LABELS[survey.status]}
        </Text>
      </View>
      <Text className="muted">
        {survey.templateLabel ? `模板：${survey.templateLabel}` : '自建问卷'} · 面向 {surveyAudience(survey)}
      </Text>
      <Text className="muted">
        {formatChinaTime(survey.opensAt, 'M月D日')}
        {' – '}
        {survey.closedAt ? `${formatChinaTime(survey.closedAt, 'M月D日')}（提前结束）` : `${lastDayOf(survey.closesAt)}（含当天）`}
      </Text>
      <View className="rs-card__rate">
        <Text id={`survey-respondents-${survey.id}`}>
          答卷 {rateText(survey.responseRate)}
          {survey.sharedRespondents > 0 ? `，其中经群分享打开 ${survey.sharedRespondents} 份` : ''}
        </Text>
        <View className="rs-bar">
          <View className="rs-bar__fill" style={{ width: `${Math.min(100, survey.responseRate.percent ?? 0)}%` }} />
        </View>
      </View>
      <View className="rs-card__actions">
        {survey.canClose && (
          <Button id={`survey-close-${survey.id}`} size="small" fill="outline" type="danger" onClick={onClose}>
            提前结束
          </Button>
        )}
        <Button id={`survey-results-${survey.id}`} size="small" type="primary" fill="outline" onClick={results}>
          看结果
        </Button>
      </View>
    </View>
  )
}

/** 代表与业委会的问卷：进行中与已结束的、答卷率、提前结束、看结果、发起新的。 */
export default function RepSurveysPage() {
  // 没带 ?c= 时由 surveys.managed 按身份取小区，答复里带回。
  const communityParam = useCommunityParam()
  const [closing, setClosing] = useState<ManagedSurveyView | null>(null)
  const [busy, setBusy] = useState(false)
  const [dialogError, setDialogError] = useState<string | null>(null)
  const { load, setLoad, refresh, seq, staleError } = useLoad<Data>(
    () => api.surveys.managed(communityParam ? { communityId: communityParam } : {}),
    [communityParam],
  )
  const { loadMore, loadingMore, moreError } = useLoadMore(load, setLoad, seq, (data, cursor) => api.surveys.managed({ communityId: data.communityId, cursor }))

  const close = async () => {
    if (!closing || busy) return
    setBusy(true)
    setDialogError(null)
    try {
      const view = await api.surveys.close({ surveyId: closing.id })
      setLoad((l) => (l.state === 'ready' ? { state: 'ready', data: { ...l.data, items: l.data.items.map((s) => (s.id === view.id ? view : s)) } } : l))
      setClosing(null)
      Taro.showToast({ title: '已结束', icon: 'success' })
    } catch (e) {
      setDialogError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (load.state === 'error') return <PageError load={load} onRetry={() => refresh()} title="无法查看问卷" />
  if (load.state === 'loading') return <LoadingView />

  const data = load.data
  const create = () => Taro.navigateTo({ url: `/rep/surveyEdit/index?c=${encodeURIComponent(data.communityId)}` })
  return (
    <View style={pageTextScale()} className="page rs-page">
      <View className="rs-head">
        <View className="rs-head__text">
          <Text className="rs-head__title">满意度问卷</Text>
          <Text className="muted">居民匿名作答；你只看到合计，每栋楼答满门槛才显示。</Text>
        </View>
        <Button id="survey-create" type="primary" size="small" onClick={create}>
          发起问卷
        </Button>
      </View>
      <StaleNotice message={staleError} />
      {data.items.length === 0 ? (
        <EmptyView title="还没有发起过问卷" description="用物业服务满意度模板，一分钟发出；居民扫码就能答。" action={{ text: '发起问卷', onClick: create }} />
      ) : (
        <View id="managed-surveys">
          {data.items.map((s) => (
            <SurveyCard
              key={s.id}
              survey={s}
              onClose={() => {
                setDialogError(null)
                setClosing(s)
              }}
            />
          ))}
          <View className="rs-more">
            {moreError && <Text className="error-text">{moreError}</Text>}
            {data.nextCursor ? (
              <Button id="managed-surveys-more" size="small" fill="outline" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
                {moreError ? '重试' : '加载更多'}
              </Button>
            ) : (
              <Text className="muted">共 {data.items.length} 份，没有更多了</Text>
            )}
          </View>
        </View>
      )}
      {closing && (
        <ConfirmDialog
          id="survey-close-confirm"
          title="提前结束这份问卷？"
          message={`"${closing.title}"结束后居民不能再答，也不能再改；已交的答卷都保留。结束后不能重新打开。`}
          confirmText="结束"
          danger
          busy={busy}
          error={dialogError}
          onConfirm={close}
          onCancel={() => setClosing(null)}
        />
      )}
    </View>
  )
}
