import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChinaTime } from '@/core/time'
import type { OpenSurveyItemView } from '@/core/usecases/surveys'
import { api } from '@/services/api'
import './SurveyStrip.scss'

/**
 * 落地页上开着的问卷：每份一行，没答的写"去答卷"，答过的写"已答，可修改"。
 * 没有问卷、加载中或出错时不显示（不挡居民报事）。reloadKey 变了重新加载（从答卷页回来时落地页会传入新的 me）。
 */
export function SurveyStrip({ buildingCode, reloadKey }: { buildingCode: string; reloadKey?: unknown }) {
  const [items, setItems] = useState<OpenSurveyItemView[] | null>(null)

  // 主包：用 then 而不是 async（省一段 regenerator 状态机）。
  useEffect(() => {
    let current = true
    api.openSurveys(buildingCode).then(
      (page) => current && setItems(page.items),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [buildingCode, reloadKey])

  if (!items || items.length === 0) return null
  const open = (s: OpenSurveyItemView) => Taro.navigateTo({ url: `/survey/answer/index?id=${s.id}&b=${buildingCode}` })
  // 截止时刻是截止日次日 0 点：显示截止日本身。
  const lastDay = (closesAt: string) => formatChinaTime(new Date(Date.parse(closesAt) - 1).toISOString(), 'M月D日')

  return (
    <View className="card sstrip" id="survey-strip">
      <Text className="sstrip__head">问卷</Text>
      {items.map((s) => (
        <View key={s.id} className="sstrip__item" id={`strip-survey-${s.id}`} onClick={() => open(s)}>
          <View className="sstrip__text">
            <Text className="sstrip__title">{s.title}</Text>
            <Text className="muted sstrip__meta">
              {s.questionCount} 题 · 匿名 · 截止 {lastDay(s.closesAt)}
            </Text>
          </View>
          <Text className={`sstrip__go ${s.answered ? 'sstrip__go--done' : ''}`}>{s.answered ? '已答，可修改' : '去答卷'}</Text>
        </View>
      ))}
    </View>
  )
}
