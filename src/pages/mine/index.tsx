import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { formatChinaTime } from '@/core/time'
import type { MyReportView } from '@/core/usecases/reports'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { call } from '@/services/api'
import { rememberedBuilding } from '@/services/building'
import { isRetryable } from '@/services/transport'
import './index.scss'

type Tab = 'mine' | 'followed'
const TABS: { key: Tab; label: string }[] = [
  { key: 'mine', label: '我报的' },
  { key: 'followed', label: '我关注的' },
]
const ACTION = { mine: 'listMine', followed: 'listFollowed' } as const

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; items: MyReportView[]; nextCursor: string | null }

const fetchPage = (tab: Tab, cursor?: string) => call('reports', ACTION[tab], cursor ? { cursor } : {})

function ReportCard({ r }: { r: MyReportView }) {
  return (
    <View className="card report-card" id={`report-${r.id}`} onClick={() => Taro.navigateTo({ url: `/pages/track/index?id=${r.id}` })}>
      <View className="report-card__head">
        <Text className="report-card__category">
          {r.kindLabel} · {r.categoryLabel}
        </Text>
        <Text className={`status status--${r.statusGroup}`}>{r.statusLabel}</Text>
      </View>
      <Text className="report-card__text">{r.text}</Text>
      <View className="report-card__foot">
        {r.urgency === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
        {r.followers > 0 && <Text className="tag">{r.followers} 人也遇到</Text>}
        {r.photoCount > 0 && <Text className="tag">{r.photoCount} 张照片</Text>}
      </View>
      <Text className="muted">
        {r.buildingName} · {r.locationLabel} · {formatChinaTime(r.createdAt, 'YYYY年M月D日 HH:mm')}
        {r.anonymous ? ' · 匿名' : ''}
      </Text>
    </View>
  )
}

/** 我报的与我关注的（"我也遇到"）报事，和它们的处理状态。 */
export default function MinePage() {
  const [tab, setTab] = useState<Tab>('mine')
  const [loads, setLoads] = useState<Record<Tab, Load>>({ mine: { state: 'loading' }, followed: { state: 'loading' } })
  const [loadingMore, setLoadingMore] = useState(false)
  const shownOnce = useRef(false)

  const refresh = useCallback(async (which: Tab) => {
    try {
      const page = await fetchPage(which)
      setLoads((l) => ({ ...l, [which]: { state: 'ready', ...page } }))
    } catch (e) {
      setLoads((l) => ({ ...l, [which]: { state: 'error', message: (e as Error).message, retryable: isRetryable(e) } }))
    }
  }, [])

  useEffect(() => {
    refresh(tab)
  }, [refresh, tab])
  // 从详情页回来（可能刚回答了"解决了吗？"）时刷新当前标签。
  useDidShow(() => {
    if (shownOnce.current) refresh(tab)
    shownOnce.current = true
  })
  usePullDownRefresh(() => {
    refresh(tab).finally(() => Taro.stopPullDownRefresh())
  })
  const load = loads[tab]
  useReachBottom(async () => {
    if (load.state !== 'ready' || !load.nextCursor || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await fetchPage(tab, load.nextCursor)
      setLoads((l) => {
        const current = l[tab]
        if (current.state !== 'ready') return l
        return { ...l, [tab]: { state: 'ready', items: [...current.items, ...page.items], nextCursor: page.nextCursor } }
      })
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  })

  const choose = (next: Tab) => {
    if (next === tab) return
    setTab(next)
    setLoads((l) => (l[next].state === 'error' ? { ...l, [next]: { state: 'loading' } } : l))
  }

  const building = rememberedBuilding()
  const body = () => {
    if (load.state === 'loading') return <LoadingView />
    if (load.state === 'error') return <ErrorView message={load.message} onRetry={load.retryable ? () => refresh(tab) : undefined} />
    if (load.items.length === 0) {
      return tab === 'mine' ? (
        <EmptyView
          title="还没有报事"
          description="遇到楼里的问题，随手报给代表，处理进度会显示在这里。"
          action={building ? { text: '去报事', onClick: () => Taro.navigateTo({ url: `/pages/report/index?b=${building}` }) } : undefined}
        />
      ) : (
        <EmptyView title="还没有关注的报事" description="报事时如果楼里已经有人报过同一个问题，点“我也遇到”，它就会出现在这里。" />
      )
    }
    return (
      <>
        <Text className="muted mine-count" id="mine-count">
          共 {load.items.length}
          {load.nextCursor ? '+' : ''} 条
        </Text>
        {load.items.map((r) => (
          <ReportCard r={r} key={r.id} />
        ))}
        <Text className="muted mine-more">{loadingMore ? '加载中…' : load.nextCursor ? '上拉加载更多' : '没有更多了'}</Text>
      </>
    )
  }

  return (
    <View className="page mine-page">
      <View className="mine-tabs">
        {TABS.map((t) => (
          <View key={t.key} id={`tab-${t.key}`} className={`mine-tabs__tab ${t.key === tab ? 'mine-tabs__tab--active' : ''}`} onClick={() => choose(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {body()}
    </View>
  )
}
