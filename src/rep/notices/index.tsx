import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChinaTime } from '@/core/shared/time'
import type { ManagedNoticeListView, ManagedNoticeView, NoticeReadRateView } from '@/core/notices/views'
import { EmptyView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { ConfirmDialog, lastDayOf, PageError, readRateText, useCommunityParam, useLoadMore } from '../shared/repBits'
import { StaleNotice, useLoad } from '@/components/useLoad'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

function statusOf(n: ManagedNoticeView): { key: string; label: string } {
  if (n.status === 'withdrawn') return { key: 'withdrawn', label: '已撤回' }
  if (n.expired) return { key: 'expired', label: '已过期' }
  return { key: 'published', label: '已发布' }
}

const targetText = (n: ManagedNoticeView) => (n.wholeCommunity ? '整个小区' : n.readRates.map((r) => r.buildingName).join('、') || '—')

function RateRow({ rate, noticeId }: { rate: NoticeReadRateView; noticeId: string }) {
  const width = rate.rate.percent === null ? 0 : Math.min(100, rate.rate.percent)
  return (
    <View className="rn-rate" id={`notice-rate-${noticeId}-${rate.buildingCode}`}>
      <View className="rn-rate__line">
        <Text className="rn-rate__name">{rate.buildingName}</Text>
        <Text className="rn-rate__value">{readRateText(rate.rate)}</Text>
      </View>
      <View className="rn-rate__bar">
        <View className="rn-rate__fill" style={{ width: `${width}%` }} />
      </View>
    </View>
  )
}

function NoticeCard({ notice, onWithdraw }: { notice: ManagedNoticeView; onWithdraw: () => void }) {
  const [open, setOpen] = useState(false)
  const status = statusOf(notice)
  // 两行放得下的正文不给"展开"。
  const long = Array.from(notice.body).length > 46 || notice.body.includes('\n')
  return (
    <View className="card rn-card" id={`managed-notice-${notice.id}`}>
      <View className="rn-card__head">
        <Text className="rn-card__title">{notice.title}</Text>
        <View className="rn-card__tags">
          {notice.pinned && notice.status === 'published' && <Text className="rn-tag rn-tag--pinned">置顶</Text>}
          <Text className={`rn-tag rn-tag--${status.key}`} id={`notice-status-${notice.id}`}>
            {status.label}
          </Text>
        </View>
      </View>
      <Text className="muted rn-card__meta">
        面向 {targetText(notice)} · {formatChinaTime(notice.publishedAt)}
      </Text>
      <Text className="muted rn-card__meta">
        落款 {notice.signedAs}
        {notice.expiresAt ? ` · 有效期至 ${lastDayOf(notice.expiresAt)}` : ' · 不过期'}
        {notice.images.length > 0 ? ` · 图片 ${notice.images.length}` : ''}
      </Text>
      {notice.body && (
        <>
          <Text {...asButton} className={`rn-card__body ${open ? 'rn-card__body--open' : ''}`} id={`notice-body-${notice.id}`} onClick={() => setOpen(!open)}>
            {notice.body}
          </Text>
          {long && (
            <Text {...asButton} className="rn-card__toggle" id={`notice-toggle-${notice.id}`} onClick={() => setOpen(!open)}>
              {open ? '收起正文' : '展开正文'}
            </Text>
          )}
        </>
      )}

      <View className="rn-rates">
        <Text className="rn-rates__title">居民知晓率（已读人数 / 户数）</Text>
        {notice.readRates.map((r) => (
          <RateRow key={r.buildingCode} rate={r} noticeId={notice.id} />
        ))}
        {notice.readRates.length > 1 && (
          <Text className="rn-rates__total" id={`notice-total-${notice.id}`}>
            合计 {readRateText(notice.total)}
          </Text>
        )}
        {/* 群分享是知晓率最大的杠杆：看得到它起了多少作用（每人第一次打开来自分享卡片或复制的链接才算）。 */}
        {notice.sharedOpens > 0 && (
          <Text className="rn-rates__shared" id={`notice-shared-${notice.id}`}>
            其中经群分享打开 {notice.sharedOpens} 人
          </Text>
        )}
      </View>

      {notice.canWithdraw && (
        <View className="rn-card__actions">
          <Button id={`notice-withdraw-${notice.id}`} size="small" fill="outline" type="danger" onClick={onWithdraw}>
            撤回
          </Button>
        </View>
      )}
    </View>
  )
}

type Data = ManagedNoticeListView

/** 代表与业委会的公告：状态、面向哪些楼、各楼知晓率；撤回；发布新的。 */
export default function RepNoticesPage() {
  // 没带 ?c= 时由 notices.managed 按身份取小区，答复里带回（翻页、发布用它）。
  const communityParam = useCommunityParam()
  const [withdrawing, setWithdrawing] = useState<ManagedNoticeView | null>(null)
  const [busy, setBusy] = useState(false)
  const [dialogError, setDialogError] = useState<string | null>(null)
  const { load, setLoad, refresh, seq, staleError } = useLoad<Data>(
    () => api.notices.managed(communityParam ? { communityId: communityParam } : {}),
    [communityParam],
  )
  const { loadMore, loadingMore, moreError } = useLoadMore(load, setLoad, seq, (data, cursor) => api.notices.managed({ communityId: data.communityId, cursor }))

  const withdraw = async () => {
    if (!withdrawing || busy) return
    setBusy(true)
    setDialogError(null)
    try {
      const view = await api.notices.withdraw({ noticeId: withdrawing.id })
      setLoad((l) => (l.state === 'ready' ? { state: 'ready', data: { ...l.data, items: l.data.items.map((n) => (n.id === view.id ? view : n)) } } : l))
      setWithdrawing(null)
      Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (e) {
      setDialogError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (load.state === 'error') return <PageError load={load} onRetry={() => refresh()} title="无法查看公告" />
  if (load.state === 'loading') return <LoadingView />

  const data = load.data
  const publish = () => Taro.navigateTo({ url: `/rep/noticeEdit/index?c=${encodeURIComponent(data.communityId)}` })

  return (
    <View style={pageTextScale()} className="page rn-page">
      <View className="rn-head">
        <View className="rn-head__text">
          <Text className="rn-head__title">{data.communityName}</Text>
          <Text className="muted">
            {data.canTargetCommunity ? '可发给整个小区或选定的楼栋' : `可发给：${data.buildings.map((b) => b.name).join('、') || '—'}`}
          </Text>
        </View>
        <Button id="notice-publish" type="primary" size="small" onClick={publish}>
          发布公告
        </Button>
      </View>
      <StaleNotice message={staleError} />

      {data.items.length === 0 ? (
        <EmptyView
          title="还没有发布过公告"
          description="停水停电、维修施工、会议通知……发一条公告，居民扫码就能看到。"
          action={{ text: '发布公告', onClick: publish }}
        />
      ) : (
        <View id="managed-notices">
          {data.items.map((n) => (
            <NoticeCard
              key={n.id}
              notice={n}
              onWithdraw={() => {
                setDialogError(null)
                setWithdrawing(n)
              }}
            />
          ))}
          <View className="rn-more">
            {moreError && <Text className="error-text">{moreError}</Text>}
            {data.nextCursor ? (
              <Button id="managed-notices-more" size="small" fill="outline" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
                {moreError ? '重试' : '加载更多'}
              </Button>
            ) : (
              <Text className="muted">共 {data.items.length} 条，没有更多了</Text>
            )}
          </View>
        </View>
      )}

      {withdrawing && (
        <ConfirmDialog
          id="withdraw-confirm"
          title="撤回这条公告？"
          message={`"${withdrawing.title}"撤回后居民列表里不再显示，已打开过的人看到"已撤回"。撤回后不能恢复。`}
          confirmText="撤回"
          danger
          busy={busy}
          error={dialogError}
          onConfirm={withdraw}
          onCancel={() => setWithdrawing(null)}
        />
      )}
    </View>
  )
}
