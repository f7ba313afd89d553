import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import type { NoticeItemView } from '@/core/notices/views'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { StaleNotice, useLoad } from '@/components/useLoad'
import { api } from '@/services/api'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { NoticeTitle, noticeDate, orderNotices } from '@/components/noticeBits'
import { NOTICE_TEMPLATE_ID, requestSubscription } from './subscribe'
import '@/components/noticeBits.scss'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Page = { list: NoticeItemView[]; nextCursor: string | null; unread: number }
const NO_NOTICES: Page = { list: [], nextCursor: null, unread: 0 }

/** 居民看本楼的公告：置顶在前，新的在前，未读的标红点。 */
export default function NoticesPage() {
  const { params } = useRouter()
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)
  const [subscribing, setSubscribing] = useState(false)

  // 第一次加载、看完一条回来与下拉时静默刷新已读与未读数（components/useLoad）；没有楼栋码的不取，下面请人先扫码。
  const { load, setLoad, refresh, seq, staleError } = useLoad<Page>(
    () =>
      code
        ? api.notices
            .list({ buildingCode: code })
            .then((page) => ({ list: orderNotices(page.pinned, page.items), nextCursor: page.nextCursor, unread: page.unread }))
        : Promise.resolve(NO_NOTICES),
    [code],
    { onRefresh: () => setMoreError(null) },
  )

  const loadMore = () => {
    if (!code || load.state !== 'ready' || !load.data.nextCursor || loadingMore) return
    const mine = seq.current
    const { data } = load
    setLoadingMore(true)
    setMoreError(null)
    api.notices
      .list({ buildingCode: code, cursor: data.nextCursor! })
      .then(
        (page) => {
          if (mine === seq.current)
            setLoad({ state: 'ready', data: { list: orderNotices(data.list, page.items), nextCursor: page.nextCursor, unread: data.unread } })
        },
        (e) => {
          if (mine === seq.current) setMoreError((e as Error).message)
        },
      )
      .then(() => setLoadingMore(false))
  }
  useReachBottom(() => {
    if (!moreError) loadMore()
  })

  const open = (n: NoticeItemView) => {
    // 先在列表里标成已读（打开详情时函数会记下），回来不必等刷新。
    if (load.state === 'ready' && !n.read) {
      const list = load.data.list.map((x) => (x.id === n.id ? { ...x, read: true } : x))
      setLoad({ state: 'ready', data: { ...load.data, list, unread: Math.max(0, load.data.unread - 1) } })
    }
    Taro.navigateTo({ url: `/resident/notice/index?id=${n.id}&b=${code}` })
  }

  const toast = (title: string) => Taro.showToast({ title, icon: 'none', duration: 2500 })
  const subscribe = () => {
    if (!code || subscribing) return
    // 微信的订阅弹窗必须由这次点击直接触发：放在网络请求之前。
    requestSubscription(NOTICE_TEMPLATE_ID).then((outcome) => {
      if (outcome === 'reject') return toast('没有开启提醒，可以随时再点')
      setSubscribing(true)
      api.notices
        .subscribe({ buildingCode: code })
        // 一次性订阅：点一次，下一条新公告提醒一次。
        .then(
          () => toast('已订阅，下一条新公告会提醒你'),
          (e) => toast((e as Error).message),
        )
        .then(() => setSubscribing(false))
    })
  }

  if (!code) {
    return (
      <View style={pageTextScale()} className="page">
        <EmptyView title="请先扫描楼栋二维码" description="扫码后就能看到本楼的公告。" />
      </View>
    )
  }

  return (
    <View style={pageTextScale()} className="page notices-page">
      <View className="notices-head">
        <Text className="notices-head__count" id="notices-unread">
          {load.state === 'ready' ? (load.data.unread > 0 ? `${load.data.unread} 条未读` : '全部已读') : '本楼公告'}
        </Text>
        <Button id="notice-subscribe" size="small" fill="outline" type="primary" loading={subscribing} disabled={subscribing} onClick={subscribe}>
          订阅公告提醒
        </Button>
      </View>

      <StaleNotice message={staleError} />
      {load.state === 'loading' ? (
        <LoadingView />
      ) : load.state === 'error' ? (
        <ErrorView
          title={load.retryable ? '出了点问题' : '无法查看'}
          message={load.message}
          onRetry={load.retryable ? () => refresh() : undefined}
          action={{ text: '回楼栋首页', onClick: () => Taro.redirectTo({ url: `/pages/building/index?b=${code}` }) }}
        />
      ) : load.data.list.length === 0 ? (
        <EmptyView title="暂无公告" />
      ) : (
        <View className="notices-list" id="notices-list">
          {load.data.list.map((n) => (
            <View
              {...asButton}
              key={n.id}
              className={`card notice-card ${n.read ? '' : 'notice-card--unread'}`}
              id={`notice-item-${n.id}`}
              onClick={() => open(n)}
            >
              <NoticeTitle notice={n} />
              {n.excerpt && <Text className="notice-card__excerpt">{n.excerpt}</Text>}
              <Text className="muted notice-card__meta">
                {n.signedAs} · {noticeDate(n.publishedAt)}
                {n.hasImages ? ' · 有图片' : ''}
              </Text>
            </View>
          ))}
          <View className="notices-more">
            {moreError && <Text className="error-text">{moreError}</Text>}
            {load.data.nextCursor ? (
              <Button id="notices-more" size="small" fill="outline" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
                {moreError ? '重试' : '加载更多'}
              </Button>
            ) : (
              <Text className="muted">共 {load.data.list.length} 条，没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
