import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { CATEGORY_IDS, CATEGORY_LABELS, URGENCIES, URGENCY_LABELS, type CategoryId, type Urgency } from '@/core/shared/catalog'
import type { QueueInput } from '@/core/reports/schema'
import type { QueueCountsView } from '@/core/handling/views'
import type { QueueItemView } from '@/core/reports/views'
import { STATUS_GROUP_LABELS, STATUS_GROUPS, type StatusGroup } from '@/core/reports/workflow'
import { ChipGroup, type ChipOption } from '@/components/ChipGroup'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { buildingCodeFromParams } from '@/services/building'
import { isRetryable } from '@/services/transport'
import { ageOf, ReportTags } from '../shared/reportBits'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

const ALL = 'all'
type All = typeof ALL

interface Filter {
  /** null：能管的全部楼（业委会）。 */
  buildingCode: string | null
  group: StatusGroup | All
  /** 顶部的"待受理""待居民确认"两格筛到具体状态。 */
  status: 'pending' | 'awaiting_confirmation' | null
  category: CategoryId | All
  urgency: Urgency | All
  overdue: boolean
  order: QueueOrder
}

type QueueOrder = 'priority' | 'newest' | 'oldest'
/** 点排序依次换：默认待受理与紧急在前（各段里最新在前），再是最新、最早。 */
const ORDER_LABELS: Record<QueueOrder, string> = { priority: '待受理、紧急在前，再按最新', newest: '最新在前', oldest: '最早在前' }
const NEXT_ORDER: Record<QueueOrder, QueueOrder> = { priority: 'newest', newest: 'oldest', oldest: 'priority' }

/** 顶部的四格：需要动手的数，点一下就筛到它。 */
const TILES = [
  { key: 'pending', label: '待受理', count: (c: QueueCountsView) => c.pending, filter: { group: 'open', status: 'pending', overdue: false } },
  { key: 'open', label: '未办结', count: (c: QueueCountsView) => c.open, filter: { group: 'open', status: null, overdue: false } },
  { key: 'overdue', label: '超时', count: (c: QueueCountsView) => c.overdue, filter: { group: 'open', status: null, overdue: true } },
  {
    key: 'awaiting',
    label: '待居民确认',
    count: (c: QueueCountsView) => c.awaitingConfirmation,
    filter: { group: 'fixed', status: 'awaiting_confirmation', overdue: false },
  },
] as const satisfies readonly { key: string; label: string; count: (c: QueueCountsView) => number; filter: Pick<Filter, 'group' | 'status' | 'overdue'> }[]
type TileKey = (typeof TILES)[number]['key']

const GROUP_OPTIONS: ChipOption<StatusGroup | All>[] = [
  { value: ALL, label: '全部' },
  ...STATUS_GROUPS.map((g) => ({ value: g, label: STATUS_GROUP_LABELS[g] })),
]
const CATEGORY_OPTIONS: ChipOption<CategoryId | All>[] = [
  { value: ALL, label: '全部分类' },
  ...CATEGORY_IDS.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
]

const tileOf = (key: string | undefined) => TILES.find((t) => t.key === key)
const matchesTile = (f: Filter, key: TileKey) => {
  const t = tileOf(key)!.filter
  return f.group === t.group && f.status === t.status && f.overdue === t.overdue
}

function initialFilter(params: Record<string, string | undefined>): Filter {
  // 没带楼栋码时看能管的全部楼：代表就是自己那栋，业委会是整个小区。
  const base: Filter = {
    buildingCode: buildingCodeFromParams(params),
    group: 'open',
    status: null,
    category: ALL,
    urgency: ALL,
    overdue: false,
    order: 'priority',
  }
  const tile = tileOf(params.f)
  return tile ? { ...base, ...tile.filter } : base
}

function toInput(f: Filter, cursor?: string): QueueInput {
  return {
    ...(f.buildingCode && { buildingCode: f.buildingCode }),
    ...(f.status ? { status: f.status } : f.group !== ALL && { group: f.group }),
    ...(f.category !== ALL && { category: f.category }),
    ...(f.urgency !== ALL && { urgency: f.urgency }),
    ...(f.overdue && { overdue: true }),
    order: f.order,
    ...(cursor && { cursor }),
  }
}

type Load<T> = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; data: T }
type QueuePage = { items: QueueItemView[]; nextCursor: string | null }

const failed = (e: unknown) => ({ state: 'error' as const, message: (e as Error).message, retryable: isRetryable(e) })

function QueueCard({ item, now }: { item: QueueItemView; now: number }) {
  return (
    <View {...asButton} className="card queue-card" id={`queue-item-${item.id}`} onClick={() => Taro.navigateTo({ url: `/rep/detail/index?id=${item.id}` })}>
      <ReportTags item={item} />
      <Text className="queue-card__text">{item.text}</Text>
      <Text className="muted queue-card__where">
        {item.buildingName} · {item.locationLabel}
      </Text>
      <View className="queue-card__foot">
        <Text className="queue-card__meta">
          {[
            item.followers > 0 && `${item.followers} 人也遇到`,
            item.photoCount > 0 && `照片 ${item.photoCount}`,
            item.assigneeLabel && `派给 ${item.assigneeLabel}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text className="muted queue-card__age">{ageOf(item.createdAt, now)}</Text>
      </View>
    </View>
  )
}

/** 代表处理报事的首页：需要动手的数、筛选、按先后排的报事。 */
export default function QueuePage() {
  const { params } = useRouter()
  const [filter, setFilter] = useState<Filter>(() => initialFilter(params))
  const [counts, setCounts] = useState<Load<QueueCountsView>>({ state: 'loading' })
  const [queue, setQueue] = useState<Load<QueuePage>>({ state: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  // 筛选连点时只认最后一次的结果。
  const queueSeq = useRef(0)
  const countsSeq = useRef(0)

  // 待办数随队列的同一次调用来（withCounts）：第一次、换了楼栋、刷新时要；只换其余筛选时不要。
  const countedFor = useRef<string | null | undefined>(undefined)
  const loadQueue = useCallback(async (f: Filter, { quiet = false, withCounts = false } = {}) => {
    const seq = ++queueSeq.current
    const cseq = withCounts ? ++countsSeq.current : 0
    if (withCounts) countedFor.current = f.buildingCode
    if (!quiet) setQueue({ state: 'loading' })
    setMoreError(null)
    try {
      const data = await api.handling.queue({ ...toInput(f), ...(withCounts && { withCounts }) })
      if (data.counts && cseq === countsSeq.current) setCounts({ state: 'ready', data: data.counts })
      if (seq === queueSeq.current) {
        setQueue({ state: 'ready', data: { items: data.items, nextCursor: data.nextCursor } })
        setNow(Date.now())
      }
    } catch (e) {
      if (withCounts && cseq === countsSeq.current) setCounts(failed(e))
      if (seq === queueSeq.current) setQueue(failed(e))
    }
  }, [])

  const refresh = useCallback((quiet = false) => loadQueue(filter, { quiet, withCounts: true }), [filter, loadQueue])

  useEffect(() => {
    loadQueue(filter, { withCounts: countedFor.current !== filter.buildingCode })
  }, [filter, loadQueue])

  // 从详情处理完回来：静默刷新数字与列表（第一次显示时上面已在加载）。
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) refresh(true)
    shown.current = true
  })
  usePullDownRefresh(() => {
    refresh(true).finally(() => Taro.stopPullDownRefresh())
  })

  const loadMore = async () => {
    if (queue.state !== 'ready' || !queue.data.nextCursor || loadingMore) return
    const seq = queueSeq.current
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await api.handling.queue(toInput(filter, queue.data.nextCursor))
      if (seq === queueSeq.current) setQueue({ state: 'ready', data: { items: [...queue.data.items, ...page.items], nextCursor: page.nextCursor } })
    } catch (e) {
      if (seq === queueSeq.current) setMoreError((e as Error).message)
    } finally {
      setLoadingMore(false)
    }
  }
  useReachBottom(() => {
    if (!moreError) loadMore()
  })

  const update = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }))

  // 没有权限（居民打开了链接）：整页说明，给回首页的出路。
  if (counts.state === 'error' && !counts.retryable) {
    return (
      <View style={pageTextScale()} className="page">
        <ErrorView
          title="无法查看"
          message={counts.message}
          action={{
            text: '回楼栋首页',
            onClick: () => Taro.redirectTo({ url: `/pages/building/index${filter.buildingCode ? `?b=${filter.buildingCode}` : ''}` }),
          }}
        />
      </View>
    )
  }

  const buildings = counts.state === 'ready' ? counts.data.buildings : []
  const limits = counts.state === 'ready' ? counts.data.overdueHours : null
  const isDefault = filter.group === 'open' && !filter.status && filter.category === ALL && filter.urgency === ALL && !filter.overdue

  return (
    <View style={pageTextScale()} className="page queue-page">
      <View className="tiles">
        {TILES.map((t) => (
          <View
            {...asButton}
            key={t.key}
            id={`count-${t.key}`}
            className={`tile tile--${t.key} ${matchesTile(filter, t.key) ? 'tile--active' : ''}`}
            onClick={() => update(t.filter)}
          >
            <Text className="tile__count">{counts.state === 'ready' ? t.count(counts.data) : '–'}</Text>
            <Text className="tile__label">{t.label}</Text>
          </View>
        ))}
      </View>
      {counts.state === 'error' ? (
        <Text className="error-text queue-note">待办数没有加载出来：{counts.message}</Text>
      ) : (
        limits && (
          <Text className="muted queue-note">
            超时：提交后紧急 {limits.urgent} 小时、一般 {limits.normal} 小时仍未办结
          </Text>
        )
      )}

      {buildings.length > 1 && (
        <View className="card filters">
          <Text className="filters__title">楼栋</Text>
          <ChipGroup
            name="building"
            options={[{ value: ALL, label: '全部楼栋' }, ...buildings.map((b) => ({ value: b.code, label: b.name }))]}
            value={filter.buildingCode ?? ALL}
            onChange={(code) => update({ buildingCode: code === ALL ? null : code })}
          />
        </View>
      )}

      <View className="card filters">
        <ChipGroup
          name="group"
          options={GROUP_OPTIONS}
          value={filter.status ? null : filter.group}
          onChange={(group) => update({ group, status: null, overdue: group === 'open' && filter.overdue })}
        />
        <View className="filters__row">
          {URGENCIES.map((u) => (
            <View
              {...asButton}
              key={u}
              id={`urgency-${u}`}
              className={`chip ${filter.urgency === u ? 'chip--active' : ''}`}
              onClick={() => update({ urgency: filter.urgency === u ? ALL : u })}
            >
              <Text>{URGENCY_LABELS[u]}</Text>
            </View>
          ))}
          <View
            {...asButton}
            id="filter-overdue"
            className={`chip ${filter.overdue ? 'chip--active chip--danger' : ''}`}
            onClick={() =>
              update(filter.overdue ? { overdue: false } : { overdue: true, group: 'open', status: filter.status === 'pending' ? 'pending' : null })
            }
          >
            <Text>只看超时</Text>
          </View>
          <View {...asButton} id="order-toggle" className="filters__order" onClick={() => update({ order: NEXT_ORDER[filter.order] })}>
            <Text>{ORDER_LABELS[filter.order]} ⇅</Text>
          </View>
        </View>
        <View className="filters__scroll">
          <ChipGroup name="category" options={CATEGORY_OPTIONS} value={filter.category} onChange={(category) => update({ category })} />
        </View>
        {filter.status && (
          <View {...asButton} className="filters__status" id="filter-status-clear" onClick={() => update({ status: null })}>
            <Text>只看：{filter.status === 'pending' ? '待受理' : '待居民确认'} ✕</Text>
          </View>
        )}
      </View>

      {queue.state === 'loading' ? (
        <LoadingView />
      ) : queue.state === 'error' ? (
        <ErrorView message={queue.message} onRetry={() => loadQueue(filter, { withCounts: counts.state !== 'ready' })} />
      ) : queue.data.items.length === 0 ? (
        <EmptyView
          title="没有符合条件的报事"
          description={isDefault ? '本楼没有未办结的报事。' : '换个筛选条件看看。'}
          action={
            isDefault
              ? undefined
              : { text: '看全部未办结', onClick: () => update({ group: 'open', status: null, category: ALL, urgency: ALL, overdue: false }) }
          }
        />
      ) : (
        <View className="queue-list">
          {queue.data.items.map((item) => (
            <QueueCard key={item.id} item={item} now={now} />
          ))}
          <View className="queue-more">
            {moreError && <Text className="error-text">{moreError}</Text>}
            {queue.data.nextCursor ? (
              <Button id="queue-more" size="small" fill="outline" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
                {moreError ? '重试' : '加载更多'}
              </Button>
            ) : (
              <Text className="muted">共 {queue.data.items.length} 条，没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
