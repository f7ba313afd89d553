import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { lastDayOf } from '@/core/shared/time'
import type { OpenSurveyItemView } from '@/core/surveys/views'
import './SurveyStrip.scss'
import { asButton } from '@/components/a11y'

/**
 * 落地页上开着的问卷：每份一行，没答的写"去答卷"，答过的写"已答，可修改"。
 * 只负责显示：数据（surveys.open 的同形）由落地页那一次 account.landing 带来，从答卷页回来时落地页刷新。
 * 没有问卷或没取到（items 为 null）时不显示（不挡居民报事）。
 */
export function SurveyStrip({ buildingCode, items }: { buildingCode: string; items: OpenSurveyItemView[] | null }) {
  if (!items || items.length === 0) return null
  const open = (s: OpenSurveyItemView) => Taro.navigateTo({ url: `/survey/answer/index?id=${s.id}&b=${buildingCode}` })

  return (
    <View className="card sstrip" id="survey-strip">
      <Text className="sstrip__head">问卷</Text>
      {items.map((s) => (
        <View {...asButton} key={s.id} className="sstrip__item" id={`strip-survey-${s.id}`} onClick={() => open(s)}>
          <View className="sstrip__text">
            <Text className="sstrip__title">{s.title}</Text>
            <Text className="muted sstrip__meta">
              {s.questionCount} 题 · 匿名 · 截止 {lastDayOf(s.closesAt)}
            </Text>
          </View>
          <Text className={`sstrip__go ${s.answered ? 'sstrip__go--done' : ''}`}>{s.answered ? '已答，可修改' : '去答卷'}</Text>
        </View>
      ))}
    </View>
  )
}
