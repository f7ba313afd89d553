import { useEffect, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { WORKLOG_KIND_LABELS, WORKLOG_KINDS, type WorkLogKind } from '@/core/shared/catalog'
import type { WorkLogListInput } from '@/core/worklog/schema'
import type { WorkLogListView, WorkLogView } from '@/core/worklog/views'
import { ChipGroup, type ChipOption } from '@/components/ChipGroup'
import { EmptyView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { PageError, shortDay, useCommunityParam, useLoadMore } from '../shared/repBits'
import { StaleNotice, useLoad } from '@/components/useLoad'
import { openHazardsOf, workLogSummary } from './summary'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

const ALL = 'all'
type All = typeof ALL
interface Filter {
  kind: WorkLogKind | All
  /** 楼栋码、'community'（只看整个小区的事）或全部。 */
  building: string | All
}

const KIND_OPTIONS: ChipOption<WorkLogKind | All>[] = [
  { value: ALL, label: '全部' },
  ...WORKLOG_KINDS.map((k) => ({ value: k, label: WORKLOG_KIND_LABELS[k] })),
]

function toInput(communityId: string | undefined, f: Filter, cursor?: string): WorkLogListInput {
  return {
    ...(communityId && { communityId }),
    ...(f.kind !== ALL && { kind: f.kind }),
    ...(f.building !== ALL && { buildingCode: f.building }),
    ...(cursor && { cursor }),
  }
}

function EntryCard({ entry, onOpen }: { entry: WorkLogView; onOpen: () => void }) {
  const open = openHazardsOf(entry.details)
  return (
    <View {...asButton} className="card wl-card" id={`worklog-item-${entry.id}`} onClick={onOpen}>
      <View className="wl-card__head">
        <Text className={`wl-kind wl-kind--${entry.kind}`}>{WORKLOG_KIND_LABELS[entry.kind]}</Text>
        <Text className="wl-card__date">{shortDay(entry.date)}</Text>
        <Text className="muted wl-card__building">{entry.buildingName}</Text>
      </View>
      <Text className="wl-card__summary" id={`worklog-summary-${entry.id}`}>
        {workLogSummary(entry.details)}
      </Text>
      {entry.note && <Text className="muted wl-card__note">{entry.note}</Text>}
      <View className="wl-card__foot">
        <Text className="muted">
          {[entry.signedAs, entry.photos.length > 0 && `照片 ${entry.photos.length}`, entry.reports.length > 0 && `关联报事 ${entry.reports.length}`]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {open > 0 && <Text className="wl-card__open">未整改 {open}</Text>}
      </View>
    </View>
  )
}

/** 工作台账：代表的楼（业委会还有整个小区）做过的巡查、会议、活动、调解、志愿服务、沟通协调。 */
export default function WorkLogPage() {
  // 没带 ?c= 时第一次由 worklog.list 按身份取小区，答复里带回；之后的筛选、翻页、链接都用它。
  const communityParam = useCommunityParam()
  const [communityId, setCommunityId] = useState(communityParam)
  // 调用里用 ref（取到小区后不因此重新加载）。
  const communityRef = useRef(communityParam)
  const [filter, setFilter] = useState<Filter>({ kind: ALL, building: ALL })
  // 楼栋的选择只取第一次（不带筛选）加载到的，换筛选时不闪。
  const [scope, setScope] = useState<Pick<WorkLogListView, 'buildings' | 'canLogCommunity'> | null>(null)
  const { load, setLoad, refresh, seq, staleError } = useLoad(() => api.worklog.list(toInput(communityRef.current, filter)), [filter])
  const { loadMore, loadingMore, moreError } = useLoadMore(load, setLoad, seq, (data, cursor) => api.worklog.list(toInput(data.communityId, filter, cursor)))
  // 取到的小区记下来（之后的筛选、翻页、链接都用它）；楼栋的选择只取第一次加载到的。
  useEffect(() => {
    if (load.state !== 'ready') return
    communityRef.current = load.data.communityId
    setCommunityId(load.data.communityId)
    setScope((s) => s ?? { buildings: load.data.buildings, canLogCommunity: load.data.canLogCommunity })
  }, [load])

  if (load.state === 'error' && !load.retryable) return <PageError load={load} onRetry={() => refresh()} title="无法查看工作台账" />

  const c = communityId ?? ''
  const add = () => {
    const b = filter.building !== ALL ? `&b=${filter.building}` : ''
    const k = filter.kind !== ALL ? `&kind=${filter.kind}` : ''
    Taro.navigateTo({ url: `/rep/worklogEdit/index?c=${encodeURIComponent(c)}${b}${k}` })
  }
  const openEntry = (e: WorkLogView) => Taro.navigateTo({ url: `/rep/worklogEdit/index?id=${e.id}&c=${encodeURIComponent(c)}` })

  const buildingOptions: ChipOption<string>[] = scope
    ? [
        { value: ALL, label: '全部' },
        ...scope.buildings.map((b) => ({ value: b.code, label: b.name })),
        ...(scope.canLogCommunity ? [{ value: 'community', label: '整个小区' }] : []),
      ]
    : []
  const filtered = filter.kind !== ALL || filter.building !== ALL

  return (
    <View style={pageTextScale()} className="page wl-page">
      <View className="wl-head">
        <Text className="wl-head__title">工作台账</Text>
        <Button id="worklog-add" type="primary" size="small" onClick={add}>
          记一笔
        </Button>
      </View>
      <StaleNotice message={staleError} />

      {load.state === 'ready' && load.data.openHazards > 0 && (
        <View {...asButton} className="wl-hazards" id="open-hazards" onClick={() => setFilter((f) => ({ ...f, kind: 'inspection' }))}>
          <Text className="wl-hazards__text">未整改隐患 {load.data.openHazards} 处</Text>
          <Text className="wl-hazards__action">看巡查记录 ›</Text>
        </View>
      )}

      <View className="card wl-filters">
        <View className="wl-filters__row">
          <ChipGroup name="filter-kind" options={KIND_OPTIONS} value={filter.kind} onChange={(kind) => setFilter((f) => ({ ...f, kind }))} />
        </View>
        {buildingOptions.length > 2 && (
          <View className="wl-filters__row">
            <ChipGroup
              name="filter-building"
              options={buildingOptions}
              value={filter.building}
              onChange={(building) => setFilter((f) => ({ ...f, building }))}
            />
          </View>
        )}
      </View>

      {load.state === 'loading' ? (
        <LoadingView />
      ) : load.state === 'error' ? (
        <PageError load={load} onRetry={() => refresh()} />
      ) : load.data.items.length === 0 ? (
        <EmptyView
          title={filtered ? '没有符合条件的记录' : '还没有记录'}
          description={filtered ? '换个筛选条件看看。' : '巡查、开会、调解、组织活动……每做一件事记一笔，写工作总结时的数字就从这里来。'}
          action={filtered ? { text: '看全部', onClick: () => setFilter({ kind: ALL, building: ALL }) } : { text: '记一笔', onClick: add }}
        />
      ) : (
        <View id="worklog-list">
          {load.data.items.map((e) => (
            <EntryCard key={e.id} entry={e} onOpen={() => openEntry(e)} />
          ))}
          <View className="wl-more">
            {moreError && <Text className="error-text">{moreError}</Text>}
            {load.data.nextCursor ? (
              <Button id="worklog-more" size="small" fill="outline" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
                {moreError ? '重试' : '加载更多'}
              </Button>
            ) : (
              <Text className="muted">共 {load.data.items.length} 条，没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
