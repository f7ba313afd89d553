import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import type { LandingView } from '@/core/dashboard/views'
import { LocalIdentityBar } from '@/components/LocalIdentityBar'
import { NoticeStrip } from '@/components/NoticeStrip'
import { SurveyStrip } from '@/components/SurveyStrip'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { takeLandingPrefetch } from '@/services/landingPrefetch'
import { sharedPath, useShareCard } from '@/services/share'
import { buildingCodeFromParams, inviteCodeFromParams, rememberBuilding, rememberedBuilding } from '@/services/building'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | ({ state: 'ready' } & LandingView)

const failedLoad = (e: unknown): Load => ({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })

/**
 * H5：公告条与问卷条晚一个任务再画，楼名与入口先上屏。只有这一小块再渲染一次，页面本身不重渲染。
 * 小程序里照常一起画（多一次 setData 反而慢）。
 */
function NextTask({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(process.env.TARO_ENV !== 'h5')
  useEffect(() => {
    if (shown) return
    const timer = setTimeout(() => setShown(true), 0)
    return () => clearTimeout(timer)
  }, [shown])
  return shown ? <>{children}</> : null
}

/** 扫码落地页：这是哪栋楼，以及居民最常做的几件事。 */
export default function BuildingPage() {
  const { params } = useRouter()
  // 扫的是邀请的小程序码（scene=i=邀请码）或 H5 的 ?i=：转去接受邀请，不加载楼栋。
  const [invite] = useState(() => inviteCodeFromParams(params))
  const [code] = useState(() => (invite ? null : (buildingCodeFromParams(params) ?? rememberedBuilding())))
  // H5：index.html 在页面脚本下载之前就发出了这一次 account.landing；到了就在第一次渲染时用上（只渲染一次）。
  const [prefetched] = useState(() => (code ? takeLandingPrefetch(code) : null))
  const [load, setLoad] = useState<Load>(() =>
    prefetched?.state === 'ready'
      ? { state: 'ready', ...prefetched.landing }
      : prefetched?.state === 'failed'
        ? failedLoad(prefetched.error)
        : { state: 'loading' },
  )
  // 转发楼栋首页到业主群：邻居没扫过楼里的二维码，点卡片也落在这栋楼。
  useShareCard(
    load.state === 'ready'
      ? {
          title: `${load.building.communityName} ${load.building.name}：报事报修、看公告`,
          path: sharedPath('/pages/building/index', { b: load.building.code }),
          image: {
            kind: '楼事通',
            title: `${load.building.communityName} ${load.building.name}`,
            place: '报事报修 · 看公告 · 答问卷',
            line: '点开即用，不用下载',
          },
        }
      : null,
  )
  // 已经显示过这一页、再刷新失败（断网回到首页）：保留上次的内容，只在顶上说一句，不整页换成出错。
  const [staleReason, setStaleReason] = useState<string | null>(null)
  const shown = useRef(load.state === 'ready')
  // 每次取数据编一个号，只用最新一次的答复：切换身份后，之前发出的请求晚到也盖不掉新身份的数据。
  const latest = useRef(0)

  const show = useCallback((landing: LandingView) => {
    rememberBuilding(landing.building.code)
    setStaleReason(null)
    shown.current = true
    setLoad({ state: 'ready', ...landing })
  }, [])
  const fail = useCallback((e: unknown) => {
    if (shown.current) setStaleReason(isRetryable(e) ? '网络暂时连不上' : (e as Error).message)
    else setLoad(failedLoad(e))
  }, [])

  // 一次调用取齐楼栋、身份、公告条与问卷条（每次显示、切换身份后都是这一次）。
  const refresh = useCallback(async () => {
    if (!code) return
    const serial = ++latest.current
    try {
      const landing = await api.account.landing({ buildingCode: code })
      if (serial === latest.current) show(landing)
    } catch (e) {
      if (serial === latest.current) fail(e)
    }
  }, [code, show, fail])

  useEffect(() => {
    if (invite) Taro.redirectTo({ url: `/rep/join/index?code=${encodeURIComponent(invite)}` })
    else if (!prefetched) refresh()
    else if (prefetched.state === 'ready') rememberBuilding(prefetched.landing.building.code)
    else if (prefetched.state === 'pending') {
      // 先发的请求还在路上：等它，不再发第二次；它没连上就自己请求。
      const serial = ++latest.current
      prefetched.landing.then(
        (landing) => serial === latest.current && (landing ? show(landing) : refresh()),
        (e: unknown) => serial === latest.current && fail(e),
      )
    }
  }, [invite, prefetched, refresh, show, fail])
  // 第一次显示的数据上面已经在取（或已取到）：之后每次回到这一页再刷新。
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else if (load.state === 'ready') refresh()
  })

  const go = (url: string) => Taro.navigateTo({ url })
  // H5 里报事页的脚本第一次要现下载（慢网络十几秒）：先给"正在打开"，报事页显示出来时收起。
  // H5 用页面里的一层（Taro H5 的提示框约 27 KB，会进落地页的脚本）；这一页被盖住（报事页显示出来）时收起。
  // 小程序里照旧用微信的 showLoading（报事页显示出来时 hideLoading）。
  const [openingReport, setOpeningReport] = useState(false)
  useDidHide(() => setOpeningReport(false))
  const openReportForm = (buildingCode: string) => {
    const url = `/resident/report/index?b=${buildingCode}`
    if (process.env.TARO_ENV === 'h5') {
      setOpeningReport(true)
      Taro.navigateTo({ url }).catch(() => setOpeningReport(false))
    } else {
      Taro.showLoading({ title: '正在打开报事…', mask: true })
      Taro.navigateTo({ url }).catch(() => Taro.hideLoading())
    }
  }
  const manages = load.state === 'ready' && load.me.managedBuildingCodes.includes(load.building.code)
  // 楼栋信息不带小区编号：按小区名找管理员身份（管理员能管本小区每一栋，manages 也为真）。
  const adminOf =
    load.state === 'ready' && manages ? load.me.roles.find((r) => r.role === 'admin' && r.communityName === load.building.communityName) : undefined

  const triage = load.state === 'ready' ? load.triage : null
  const memberBlock = load.state === 'ready' && (
    <View className="member-block" id="member-block">
      <View className="actions">
        <View {...asButton} className="action action--primary" id="action-queue" onClick={() => go(`/rep/queue/index?b=${load.building.code}`)}>
          <Text className="action__title">处理报事</Text>
          {triage ? (
            <Text className="action__hint" id="triage-counts">
              待受理 <Text className={triage.pending > 0 ? 'action__count' : ''}>{triage.pending}</Text> · 超时{' '}
              <Text className={triage.overdue > 0 ? 'action__count action__count--alert' : ''}>{triage.overdue}</Text>
            </Text>
          ) : (
            <Text className="action__hint">待受理、超时一目了然</Text>
          )}
        </View>
      </View>
      <View className="tools-grid" id="member-tools">
        <View {...asButton} className="tool" id="action-stats" onClick={() => go(`/rep/stats/index?b=${load.building.code}`)}>
          <Text className="tool__title">本楼统计</Text>
        </View>
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
    </View>
  )

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
          {staleReason && (
            <View {...asButton} className="stale-banner" id="stale-banner" onClick={refresh}>
              <Text>{staleReason}，下面是上次打开时的内容。点此重试</Text>
            </View>
          )}
          <View className="card building-hero">
            <Text className="building-hero__community">{load.building.communityName}</Text>
            <Text className="building-hero__name" id="building-name">
              {load.building.name}
            </Text>
            <Text className="muted">
              {load.building.units} 个单元 · {load.building.floors} 层 · {load.building.households} 户
            </Text>
          </View>

          {load.awaitingAnswer.count > 0 && (
            // 只有一件时直接打开它；几件时去"我的报事"，卡片上标着哪几件在等。
            <View
              {...asButton}
              className="card answer-banner"
              id="answer-banner"
              onClick={() =>
                go(
                  load.awaitingAnswer.count === 1 && load.awaitingAnswer.latestReportId
                    ? `/resident/track/index?id=${load.awaitingAnswer.latestReportId}`
                    : '/resident/mine/index',
                )
              }
            >
              <Text className="answer-banner__title">有 {load.awaitingAnswer.count} 件报事等您确认是否解决</Text>
              <Text className="answer-banner__hint">代表已标记处理完，请在 7 天内回答"解决了吗？" ›</Text>
            </View>
          )}

          {/* 管这栋楼的人：处理报事与成员工具在前（打开就是来处理的），居民的入口在后。 */}
          {manages && memberBlock}

          <NextTask>
            <NoticeStrip buildingCode={load.building.code} page={load.notices} />
            <SurveyStrip buildingCode={load.building.code} items={load.surveys} />
          </NextTask>

          <View className="actions">
            <View {...asButton} className="action action--primary" id="action-report" onClick={() => openReportForm(load.building.code)}>
              <Text className="action__title">我要报事</Text>
              <Text className="action__hint">报修、投诉、建议，一分钟填完</Text>
            </View>
            <View {...asButton} className="action" id="action-mine" style={{ flexBasis: '100%' }} onClick={() => go('/resident/mine/index')}>
              <Text className="action__title">我的报事</Text>
              <Text className="action__hint">看处理进度</Text>
            </View>
          </View>
          {entries}
        </>
      )}
      {openingReport && (
        // 盖住整页（不能再点第二次），正中一句话；读屏念出。
        <View className="opening-report" id="opening-report" role="status" aria-live="polite">
          <Text className="opening-report__text">正在打开报事…</Text>
        </View>
      )}
    </View>
  )
}
