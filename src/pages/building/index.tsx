import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { BuildingView, MeView } from '@/core/usecases/buildings'
import { LocalIdentityBar } from '@/components/LocalIdentityBar'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { buildingCodeFromParams, rememberBuilding, rememberedBuilding } from '@/services/building'
import './index.scss'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; building: BuildingView; me: MeView }

/** 扫码落地页：这是哪栋楼，以及居民最常做的几件事。 */
export default function BuildingPage() {
  const { params } = useRouter()
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  const refresh = useCallback(async () => {
    if (!code) return
    try {
      const [building, me] = await Promise.all([api.building(code), api.me()])
      rememberBuilding(building.code)
      setLoad({ state: 'ready', building, me })
    } catch (e) {
      setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })
    }
  }, [code])

  useEffect(() => {
    refresh()
  }, [refresh])
  useDidShow(() => {
    if (load.state === 'ready') refresh()
  })

  const go = (url: string) => Taro.navigateTo({ url })
  const manages = load.state === 'ready' && load.me.managedBuildingCodes.includes(load.building.code)

  return (
    <View className="page building-page">
      <LocalIdentityBar onSwitched={refresh} />
      {!code ? (
        <EmptyView title="请扫描楼栋二维码" description="楼里大堂和电梯里贴有本楼的二维码，扫码后即可报事、看通知。" />
      ) : load.state === 'loading' ? (
        <LoadingView />
      ) : load.state === 'error' ? (
        <ErrorView message={load.message} onRetry={load.retryable ? refresh : undefined} />
      ) : (
        <>
          <View className="card building-hero">
            <Text className="building-hero__community">{load.building.communityName}</Text>
            <Text className="building-hero__name" id="building-name">
              {load.building.name}
            </Text>
            <Text className="muted">
              {load.building.units} 个单元 · {load.building.floors} 层 · {load.building.households} 户
            </Text>
          </View>

          <View className="actions">
            <View className="action action--primary" id="action-report" onClick={() => go(`/pages/report/index?b=${load.building.code}`)}>
              <Text className="action__title">我要报事</Text>
              <Text className="action__hint">报修、投诉、建议，一分钟填完</Text>
            </View>
            {/* 代表与业委会多两项（处理报事、本楼统计）并排；"我的报事"独占一行。 */}
            <View
              className="action"
              id="action-mine"
              style={manages ? { flexBasis: '100%' } : undefined}
              onClick={() => go('/pages/mine/index')}
            >
              <Text className="action__title">我的报事</Text>
              <Text className="action__hint">看处理进度</Text>
            </View>
            {manages && (
              <>
                <View className="action" id="action-queue" onClick={() => go(`/rep/queue/index?b=${load.building.code}`)}>
                  <Text className="action__title">处理报事</Text>
                  <Text className="action__hint">待受理、超时一目了然</Text>
                </View>
                <View className="action" id="action-stats" onClick={() => go(`/rep/stats/index?b=${load.building.code}`)}>
                  <Text className="action__title">本楼统计</Text>
                  <Text className="action__hint">代表与业委会可见</Text>
                </View>
              </>
            )}
          </View>
        </>
      )}
    </View>
  )
}
