import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeItemView, NoticeListView } from '@/core/notices/views'
import { NoticeTitle, noticeDate, orderNotices } from '@/components/noticeBits'
import '@/components/noticeBits.scss'
import './NoticeStrip.scss'
import { asButton } from '@/components/a11y'

const SHOWN = 3

/**
 * 落地页上的公告条：最多 3 条（置顶在前），未读的标红点，底部"全部公告"。
 * 只负责显示：数据（notices.list 第一页的同形）由落地页那一次 account.landing 带来，落地页每次显示时刷新。
 * 没有公告或没取到（page 为 null）时什么都不显示（不挡居民报事）。
 */
export function NoticeStrip({ buildingCode, page }: { buildingCode: string; page: NoticeListView | null }) {
  if (!page) return null
  const data = { list: orderNotices(page.pinned, page.items), unread: page.unread }
  if (data.list.length === 0) return null

  const open = (n: NoticeItemView) => Taro.navigateTo({ url: `/resident/notice/index?id=${n.id}&b=${buildingCode}` })
  const all = () => Taro.navigateTo({ url: `/resident/notices/index?b=${buildingCode}` })

  return (
    <View className="card nstrip" id="notice-strip">
      <Text className="nstrip__title">公告</Text>
      {data.list.slice(0, SHOWN).map((n) => (
        <View {...asButton} key={n.id} className="nstrip__item" id={`strip-notice-${n.id}`} onClick={() => open(n)}>
          <NoticeTitle notice={n} className="nstrip__name" />
          <Text className="muted nstrip__date">{noticeDate(n.publishedAt)}</Text>
        </View>
      ))}
      <View {...asButton} className="nstrip__all" id="notice-strip-all" onClick={all}>
        <Text>{data.unread > 0 ? `全部公告 ${data.unread} 条未读` : '全部公告'}</Text>
        <Text className="nstrip__arrow">›</Text>
      </View>
    </View>
  )
}
