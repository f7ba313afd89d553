import { Text, View } from '@tarojs/components'
import { asButton } from './a11y'
import './ScoreRow.scss'

export const RATING_ENDS = ['很不满意', '很满意']

/** 一排可点的分数：评分 1–5，推荐意愿 0–10（问卷页与报事详情的"解决了吗？"共用，大按钮比星星好点）。 */
export function ScoreRow({
  id,
  from,
  to,
  value,
  ends,
  onChange,
}: {
  id: string
  from: number
  to: number
  value: number | undefined
  ends: string[]
  onChange: (v: number) => void
}) {
  const scores = Array.from({ length: to - from + 1 }, (_, i) => from + i)
  return (
    <View className="sv-scores">
      <View className={`sv-scores__row sv-scores__row--${scores.length > 5 ? 'wide' : 'five'}`}>
        {scores.map((s) => (
          <View {...asButton} key={s} id={`${id}-${s}`} className={`sv-score ${value === s ? 'sv-score--on' : ''}`} onClick={() => onChange(s)}>
            <Text>{s}</Text>
          </View>
        ))}
      </View>
      <View className="sv-scores__ends">
        <Text className="muted">{ends[0]}</Text>
        <Text className="muted">{ends[1]}</Text>
      </View>
    </View>
  )
}
