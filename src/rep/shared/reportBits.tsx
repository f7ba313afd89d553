/** 代表的队列与详情共用的小件：多久以前、报事的标签行。 */
import dayjs from 'dayjs'
import { Text, View } from '@tarojs/components'
import type { QueueItemView } from '@/core/reports/views'
import { formatChinaTime } from '@/core/shared/time'
import './reportBits.scss'

/**
 * "3 小时前"：分钟、小时、天按实际差值取整（dayjs 自带的 relativeTime 把 45 分钟说成"1 小时前"），
 * 超过 30 天写日期。时钟略有偏差、时间在"未来"时按刚刚算。
 */
export function ageOf(iso: string, now: number = Date.now()): string {
  const then = dayjs(iso)
  const minutes = Math.max(0, dayjs(now).diff(then, 'minute'))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} 小时前`
  if (minutes < 30 * 24 * 60) return `${Math.floor(minutes / 1440)} 天前`
  return formatChinaTime(iso, 'YYYY年M月D日')
}

/** 分类、紧急、超时、匿名与状态：紧急与超时用红色，一般不单独标。 */
export function ReportTags({ item, showNormal = false, anonymous = false }: { item: QueueItemView; showNormal?: boolean; anonymous?: boolean }) {
  return (
    <View className="tags">
      <Text className="tag tag--category">{item.categoryLabel}</Text>
      {(item.urgency === 'urgent' || showNormal) && <Text className={`tag tag--${item.urgency}`}>{item.urgencyLabel}</Text>}
      {item.overdue && <Text className="tag tag--overdue">超时</Text>}
      {anonymous && item.anonymous && <Text className="tag tag--plain">匿名</Text>}
      <Text className={`status status--${item.statusGroup} tags__status`}>{item.statusLabel}</Text>
    </View>
  )
}
