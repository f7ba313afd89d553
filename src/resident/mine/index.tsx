import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { COMMITTEE_BODY_LABELS } from '@/core/shared/catalog'
import { ROLE_LABELS } from '@/core/directory/model'
import { formatChinaTime } from '@/core/shared/time'
import type { MeView } from '@/core/dashboard/views'
import type { MyReportListItemView } from '@/core/reports/views'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { rememberedBuilding } from '@/services/building'
import { isRetryable } from '@/services/transport'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Tab = 'mine' | 'followed'
const TABS: { key: Tab; label: string }[] = [
  { key: 'mine', label: '我报的' },
  { key: 'followed', label: '我关注的' },
]
const ACTION = { mine: 'listMine', followed: 'listFollowed' } as const

type Load =
  { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; items: MyReportListItemView[]; nextCursor: string | null }

/** withRoles：顺带取我的身份（第一次加载与回到页面时），页面就只有这一次调用。 */
const fetchPage = (tab: Tab, { cursor, withRoles }: { cursor?: string; withRoles?: boolean } = {}) =>
  api.reports[ACTION[tab]]({ ...(cursor && { cursor }), ...(withRoles && { withRoles }) })

function ReportCard({ r }: { r: MyReportListItemView }) {
  return (
    <View
      {...asButton}
      className={`card report-card ${r.awaitsAnswer ? 'report-card--awaits' : ''}`}
      id={`report-${r.id}`}
      onClick={() => Taro.navigateTo({ url: `/resident/track/index?id=${r.id}` })}
    >
      {r.awaitsAnswer && (
        <Text className="report-card__prompt" id={`awaits-${r.id}`}>
          代表已标记处理完，解决了吗？点此回答 ›
        </Text>
      )}
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

type MyRole = MeView['roles'][number]

/** 身份的一行：管理员 · 春晖苑；1号楼 业主代表；业委会 · 春晖苑。 */
function RoleRow({ r }: { r: MyRole }) {
  const label = r.role === 'committee' && r.body ? COMMITTEE_BODY_LABELS[r.body] : ROLE_LABELS[r.role]
  const where = [r.communityName, r.buildingName].filter(Boolean).join(' ')
  const admin = r.role === 'admin'
  return (
    <View
      {...asButton}
      className={`my-roles__row ${admin ? 'my-roles__row--link' : ''}`}
      id={admin ? `mine-admin-${r.communityId}` : undefined}
      onClick={admin ? () => Taro.navigateTo({ url: `/rep/admin/index?c=${r.communityId}` }) : undefined}
    >
      <Text className="my-roles__role">{label}</Text>
      <Text className="my-roles__where">{where}</Text>
      {admin && <Text className="my-roles__go">小区管理 ›</Text>}
    </View>
  )
}

/** 有身份（代表、业委会、管理员）时的一张小卡片；居民没有，什么也不显示。身份随列表那次调用一起来（withRoles）。 */
function MyRoles({ roles }: { roles: MyRole[] }) {
  if (roles.length === 0) return null
  return (
    <View className="card my-roles" id="my-roles">
      <Text className="card-title">我的身份</Text>
      {roles.map((r) => (
        <RoleRow r={r} key={`${r.communityId}-${r.role}-${r.buildingCode ?? r.body ?? ''}`} />
      ))}
    </View>
  )
}

/** 我报的与我关注的（"我也遇到"）报事，和它们的处理状态。 */
export default function MinePage() {
  const [tab, setTab] = useState<Tab>('mine')
  const [loads, setLoads] = useState<Record<Tab, Load>>({ mine: { state: 'loading' }, followed: { state: 'loading' } })
  const [loadingMore, setLoadingMore] = useState(false)
  const [roles, setRoles] = useState<MyRole[]>([])
  const shownOnce = useRef(false)

  // withRoles：第一次加载与回到这页（可能刚接受了邀请）时顺带刷新身份；切换标签不必。
  const refresh = useCallback(async (which: Tab, withRoles = false) => {
    try {
      const { items, nextCursor, roles: mine } = await fetchPage(which, { withRoles })
      setLoads((l) => ({ ...l, [which]: { state: 'ready', items, nextCursor } }))
      if (mine) setRoles(mine.filter((r) => r.role !== 'resident'))
    } catch (e) {
      setLoads((l) => ({ ...l, [which]: { state: 'error', message: (e as Error).message, retryable: isRetryable(e) } }))
    }
  }, [])

  // 第一次加载顺带取身份；之后切换标签只取列表。
  const firstLoad = useRef(true)
  useEffect(() => {
    refresh(tab, firstLoad.current)
    firstLoad.current = false
  }, [refresh, tab])
  // 从详情页回来（可能刚回答了"解决了吗？"，或刚接受了邀请）时刷新当前标签与身份。
  useDidShow(() => {
    if (shownOnce.current) refresh(tab, true)
    shownOnce.current = true
  })
  usePullDownRefresh(() => {
    refresh(tab, true).finally(() => Taro.stopPullDownRefresh())
  })
  const load = loads[tab]
  useReachBottom(async () => {
    if (load.state !== 'ready' || !load.nextCursor || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await fetchPage(tab, { cursor: load.nextCursor })
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
    if (load.state === 'error') return <ErrorView message={load.message} onRetry={load.retryable ? () => refresh(tab, true) : undefined} />
    if (load.items.length === 0) {
      return tab === 'mine' ? (
        <EmptyView
          title="还没有报事"
          description="遇到楼里的问题，随手报给代表，处理进度会显示在这里。"
          action={building ? { text: '去报事', onClick: () => Taro.navigateTo({ url: `/resident/report/index?b=${building}` }) } : undefined}
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
    <View style={pageTextScale()} className="page mine-page">
      <MyRoles roles={roles} />
      <View className="mine-tabs">
        {TABS.map((t) => (
          <View
            {...asButton}
            key={t.key}
            id={`tab-${t.key}`}
            className={`mine-tabs__tab ${t.key === tab ? 'mine-tabs__tab--active' : ''}`}
            onClick={() => choose(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {body()}
    </View>
  )
}
