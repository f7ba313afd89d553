import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { LandingView } from '@/core/dashboard/views'
import { LocalIdentityBar } from '@/components/LocalIdentityBar'
import { NoticeStrip } from '@/components/NoticeStrip'
import { SurveyStrip } from '@/components/SurveyStrip'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { buildingCodeFromParams, inviteCodeFromParams, rememberBuilding, rememberedBuilding } from '@/services/building'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | ({ state: 'ready' } & LandingView)

/** 扫码落地页：这是哪栋楼，以及居民最常做的几件事。 */
export default function BuildingPage() {
  const { params } = useRouter()
  // 扫的是邀请的小程序码（scene=i=邀请码）或 H5 的 ?i=：转去接受邀请，不加载楼栋。
  const [invite] = useState(() => inviteCodeFromParams(params))
  const [code] = useState(() => (invite ? null : (buildingCodeFromParams(params) ?? rememberedBuilding())))
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  // 一次调用取齐楼栋、身份、公告条与问卷条（每次显示、切换身份后都是这一次）。
  const refresh = useCallback(async () => {
    if (!code) return
    try {
      const landing = await api.account.landing({ buildingCode: code })
      rememberBuilding(landing.building.code)
      setLoad({ state: 'ready', ...landing })
    } catch (e) {
      setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })
    }
  }, [code])

  useEffect(() => {
    if (invite) Taro.redirectTo({ url: `/rep/join/index?code=${encodeURIComponent(invite)}` })
    else refresh()
  }, [invite, refresh])
  useDidShow(() => {
    if (load.state === 'ready') refresh()
  })

  const go = (url: string) => Taro.navigateTo({ url })
  const manages = load.state === 'ready' && load.me.managedBuildingCodes.includes(load.building.code)
  // 楼栋信息不带小区编号：按小区名找管理员身份（管理员能管本小区每一栋，manages 也为真）。
  const adminOf =
    load.state === 'ready' && manages ? load.me.roles.find((r) => r.role === 'admin' && r.communityName === load.building.communityName) : undefined

  // 邀请文字里说"在首页点'我有邀请码'"：有楼栋时也在页底留着这两个入口。
  const entries = (
    <View className="entries">
      <Text {...asButton} className="entries__link" id="entry-join" onClick={() => go('/rep/join/index')}>
        我有邀请码
      </Text>
      <Text className="entries__sep">·</Text>
      <Text {...asButton} className="entries__link" id="entry-admin" onClick={() => go('/rep/admin/index')}>
        {code ? '创建小区' : '我是管理员：创建小区'}
      </Text>
    </View>
  )

  return (
    <View style={pageTextScale()} className="page building-page">
      <LocalIdentityBar onSwitched={refresh} />
      {invite ? (
        <LoadingView text="正在打开邀请…" />
      ) : !code ? (
        <>
          <EmptyView title="请扫描楼栋二维码" description="楼里大堂和电梯里贴有本楼的二维码，扫码后即可报事、看通知。" />
          {entries}
        </>
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

          <NoticeStrip buildingCode={load.building.code} page={load.notices} />
          <SurveyStrip buildingCode={load.building.code} items={load.surveys} />

          <View className="actions">
            <View {...asButton} className="action action--primary" id="action-report" onClick={() => go(`/pages/report/index?b=${load.building.code}`)}>
              <Text className="action__title">我要报事</Text>
              <Text className="action__hint">报修、投诉、建议，一分钟填完</Text>
            </View>
            {/* 代表与业委会多两项（处理报事、本楼统计）并排；"我的报事"独占一行。 */}
            <View {...asButton} className="action" id="action-mine" style={manages ? { flexBasis: '100%' } : undefined} onClick={() => go('/pages/mine/index')}>
              <Text className="action__title">我的报事</Text>
              <Text className="action__hint">看处理进度</Text>
            </View>
            {manages && (
              <>
                <View {...asButton} className="action" id="action-queue" onClick={() => go(`/rep/queue/index?b=${load.building.code}`)}>
                  <Text className="action__title">处理报事</Text>
                  <Text className="action__hint">待受理、超时一目了然</Text>
                </View>
                <View {...asButton} className="action" id="action-stats" onClick={() => go(`/rep/stats/index?b=${load.building.code}`)}>
                  <Text className="action__title">本楼统计</Text>
                  <Text className="action__hint">代表与业委会可见</Text>
                </View>
              </>
            )}
          </View>
          {manages && (
            <View className="tools-grid" id="member-tools">
              <View {...asButton} className="tool" id="action-notices" onClick={() => go('/rep/notices/index')}>
                <Text className="tool__title">发布公告</Text>
              </View>
              <View {...asButton} className="tool" id="action-worklog" onClick={() => go('/rep/worklog/index')}>
                <Text className="tool__title">工作台账</Text>
              </View>
              <View {...asButton} className="tool" id="action-surveys" onClick={() => go('/rep/surveys/index')}>
                <Text className="tool__title">问卷</Text>
              </View>
              <View {...asButton} className="tool" id="action-summaries" onClick={() => go('/rep/summaries/index')}>
                <Text className="tool__title">总结</Text>
              </View>
              <View {...asButton} className="tool" id="action-poster" onClick={() => go(`/rep/qrcode/index?b=${load.building.code}`)}>
                <Text className="tool__title">海报</Text>
              </View>
              {adminOf && (
                <View {...asButton} className="tool" id="action-admin" onClick={() => go(`/rep/admin/index?c=${adminOf.communityId}`)}>
                  <Text className="tool__title">小区管理</Text>
                </View>
              )}
            </View>
          )}
          {entries}
        </>
      )}
    </View>
  )
}
