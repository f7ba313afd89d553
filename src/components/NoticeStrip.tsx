import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeItemView } from '@/core/usecases/views'
import { api } from '@/services/api'
import { NoticeTitle, noticeDate, orderNotices } from '@/pages/notices/noticeBits'
import '@/pages/notices/noticeBits.scss'
import './NoticeStrip.scss'

const SHOWN = 3

/**
 * 落地页上的公告条：最多 3 条（置顶在前），未读的标红点，底部"全部公告"。
 * 自己加载（reloadKey 变了重新加载）；没有公告、加载中或出错时什么都不显示（不挡居民报事）。
 */
export function NoticeStrip({ buildingCode, reloadKey }: { buildingCode: string; /** 变了就重新加载（如落地页切换身份后传入新的 me）。 */ reloadKey?: unknown }) {
  const [data, setData] = useState<{ list: NoticeItemView[]; unread: number } | null>(null)
  const seq = useRef(0)

  // 主包：用 then 而不是 async（省一段 regenerator 状态机）。
  const refresh = useCallback(() => {
    const mine = ++seq.current
    api.notices({ buildingCode }).then(
      (page) => {
        if (mine === seq.current) setData({ list: orderNotices(page.pinned, page.items), unread: page.unread })
      },
      // 公告只是落地页的附加信息：出错就不显示。
      () => undefined,
    )
  }, [buildingCode])

  // 落地页每次显示（含看完公告回来、切换身份）都重新读身份，把新的 me 作为 reloadKey 传进来，于是这里也刷新未读。
  // 不自己再听 onShow：条是在落地页数据到了之后才挂上的，会错过第一次 onShow，而且会多一次调用。
  useEffect(() => {
    refresh()
  }, [refresh, reloadKey])

  if (!data || data.list.length === 0) return null

  const open = (n: NoticeItemView) => Taro.navigateTo({ url: `/pages/notice/index?id=${n.id}&b=${buildingCode}` })
  const all = () => Taro.navigateTo({ url: `/pages/notices/index?b=${buildingCode}` })

  return (
    <View className="card nstrip" id="notice-strip">
      <Text className="nstrip__title">公告</Text>
      {data.list.slice(0, SHOWN).map((n) => (
        <View key={n.id} className="nstrip__item" id={`strip-notice-${n.id}`} onClick={() => open(n)}>
          <NoticeTitle notice={n} className="nstrip__name" />
          <Text className="muted nstrip__date">{noticeDate(n.publishedAt)}</Text>
        </View>
      ))}
      <View className="nstrip__all" id="notice-strip-all" onClick={all}>
        <Text>{data.unread > 0 ? `全部公告 ${data.unread} 条未读` : '全部公告'}</Text>
        <Text className="nstrip__arrow">›</Text>
      </View>
    </View>
  )
}
