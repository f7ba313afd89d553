import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { formatChinaTime } from '@/core/time'
import type { MyReportView } from '@/core/usecases/reports'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { rememberedBuilding } from '@/services/building'
import './index.scss'

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; items: MyReportView[]; nextCursor: string | null }

/** 我提交过的报事和它们的处理状态。 */
export default function MinePage() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)

  const refresh = useCallback(async () => {
    try {
      const page = await api.listMyReports({})
      setLoad({ state: 'ready', ...page })
    } catch (e) {
      setLoad({ state: 'error', message: (e as Error).message })
    }
  }, [])

  useEffect(() => {
    refresh()
  }, [refresh])
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(async () => {
    if (load.state !== 'ready' || !load.nextCursor || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await api.listMyReports({ cursor: load.nextCursor })
      setLoad({ state: 'ready', items: [...load.items, ...page.items], nextCursor: page.nextCursor })
    } finally {
      setLoadingMore(false)
    }
  })

  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') return <ErrorView message={load.message} onRetry={refresh} />

  const building = rememberedBuilding()
  if (load.items.length === 0) {
    return (
      <View className="page">
        <EmptyView
          title="还没有报事"
          description="遇到楼里的问题，随手报给代表，处理进度会显示在这里。"
          action={building ? { text: '去报事', onClick: () => Taro.navigateTo({ url: `/pages/report/index?b=${building}` }) } : undefined}
        />
      </View>
    )
  }

  return (
    <View className="page mine-page">
      <Text className="muted mine-count">共 {load.items.length}{load.nextCursor ? '+' : ''} 条</Text>
      {load.items.map((r) => (
        <View className="card report-card" key={r.id} id={`report-${r.id}`}>
          <View className="report-card__head">
            <Text className="report-card__category">
              {r.kindLabel} · {r.categoryLabel}
            </Text>
            <Text className={`status status--${r.statusGroup}`}>{r.statusLabel}</Text>
          </View>
          <Text className="report-card__text">{r.text}</Text>
          <Text className="muted">
            {r.buildingName} · {r.locationLabel} · {formatChinaTime(r.createdAt, 'YYYY年M月D日 HH:mm')}
            {r.anonymous ? ' · 匿名' : ''}
          </Text>
        </View>
      ))}
      <Text className="muted mine-more">{loadingMore ? '加载中…' : load.nextCursor ? '上拉加载更多' : '没有更多了'}</Text>
    </View>
  )
}
