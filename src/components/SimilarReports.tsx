import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/core/shared/time'
import type { SimilarReportView } from '@/core/reports/views'
import { asButton } from '@/components/a11y'

interface Props {
  items: SimilarReportView[]
  /** 正在"我也遇到"的那一条。 */
  following: string | null
  onFollow: (item: SimilarReportView) => void
  onOpen: (item: SimilarReportView) => void
  onDismiss: () => void
}

export const followersText = (n: number) => (n > 0 ? `${n} 人也遇到` : '暂无其他人遇到')

/** 提交前：本楼同一分类还没办结的报事。是同一个问题就"我也遇到"，不必再报一条。 */
export function SimilarReports({ items, following, onFollow, onOpen, onDismiss }: Props) {
  return (
    <View className="similar" id="similar">
      <Text className="similar__title">是否是同一个问题？</Text>
      <Text className="muted similar__hint">本楼有 {items.length} 条同类的报事还在处理。是同一个问题的话点“我也遇到”，进展会一起通知你。</Text>
      {items.map((r) => (
        <View className="similar__item" key={r.id} id={`similar-${r.id}`}>
          <View className="similar__head">
            <Text className={`status status--${r.statusGroup}`}>{r.statusLabel}</Text>
            {r.urgency === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
            <Text className="muted">{formatChinaTime(r.createdAt)}</Text>
          </View>
          <Text className="similar__text">{r.text}</Text>
          <View className="similar__foot">
            <Text className="muted">
              {r.locationLabel} · {followersText(r.followers)}
            </Text>
            {r.mine || r.following ? (
              <View {...asButton} className="similar__own" id={`similar-open-${r.id}`} onClick={() => onOpen(r)}>
                <Text>{r.mine ? '你报的 · 查看' : '已关注 · 查看'}</Text>
              </View>
            ) : (
              <Button
                className="similar__follow"
                id={`follow-${r.id}`}
                size="small"
                type="primary"
                fill="outline"
                loading={following === r.id}
                disabled={following !== null}
                onClick={() => onFollow(r)}
              >
                我也遇到
              </Button>
            )}
          </View>
        </View>
      ))}
      <View {...asButton} className="similar__dismiss" id="similar-dismiss" onClick={onDismiss}>
        <Text>不是，继续提交新的报事</Text>
      </View>
    </View>
  )
}
