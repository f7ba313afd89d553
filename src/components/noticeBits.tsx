/** 居民看公告的小件：列表页与首页的公告条共用。 */
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/core/shared/time'
import type { NoticeItemView } from '@/core/notices/views'

/** 今年的写"11月21日"，往年的带年份。 */
export function noticeDate(iso: string, now: number = Date.now()): string {
  const sameYear = formatChinaTime(iso, 'YYYY') === formatChinaTime(new Date(now).toISOString(), 'YYYY')
  return formatChinaTime(iso, sameYear ? 'M月D日' : 'YYYY年M月D日')
}

/** 置顶的在前，其余按发布时间新的在前；同一条只出现一次。 */
export function orderNotices(pinned: NoticeItemView[], items: NoticeItemView[]): NoticeItemView[] {
  const seen = new Set<string>()
  const list: NoticeItemView[] = []
  for (const n of [...pinned, ...items]) {
    if (seen.has(n.id)) continue
    seen.add(n.id)
    list.push(n)
  }
  return list
}

/** 一条公告的标题行：未读的前面一个红点、标题加粗；置顶的带标签。 */
export function NoticeTitle({ notice, className = '' }: { notice: NoticeItemView; className?: string }) {
  return (
    <View className={`ntitle ${notice.read ? '' : 'ntitle--unread'} ${className}`}>
      {!notice.read && <View className="ntitle__dot" />}
      {notice.pinned && <Text className="ntitle__pin">置顶</Text>}
      <Text className="ntitle__text">{notice.title}</Text>
    </View>
  )
}
