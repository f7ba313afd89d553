import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { MeView } from '@/core/dashboard/views'
import type { CommunityAdminView } from '@/core/directory/views'
import { ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { ApiError, isRetryable } from '@/services/transport'
import { BuildingsSection } from './BuildingsSection'
import { CommunitySection, CreateCommunity } from './CommunitySection'
import { InvitesSection } from './InvitesSection'
import { MembersSection } from './MembersSection'
import '../shared/reportBits.scss'
import '../shared/admin.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type AdminRole = MeView['roles'][number]
type State =
  | { state: 'loading' }
  | { state: 'error'; message: string; retryable: boolean; forbidden: boolean }
  | { state: 'create' }
  | { state: 'choose'; communities: AdminRole[] }
  | { state: 'ready'; view: CommunityAdminView }

const failed = (e: unknown): State => ({
  state: 'error',
  message: (e as Error).message,
  retryable: isRetryable(e),
  forbidden: e instanceof ApiError && e.code === 'FORBIDDEN',
})
const home = () => Taro.reLaunch({ url: '/pages/building/index' })

/** 管理员管的小区：建好后的概览。 */
function Overview({ view, onChange }: { view: CommunityAdminView; onChange: (view: CommunityAdminView) => void }) {
  const [preset, setPreset] = useState<{ buildingCode: string; at: number } | null>(null)
  const inviteFor = (buildingCode: string) => {
    setPreset({ buildingCode, at: Date.now() })
    Taro.nextTick(() => Taro.pageScrollTo({ selector: '#section-invites', duration: 200 })?.catch?.(() => undefined))
  }
  const next =
    view.buildings.length === 0
      ? '下一步：添加楼栋。每栋楼会有自己的报事二维码海报。'
      : view.members.every((m) => m.role === 'admin')
        ? '下一步：生成邀请，请业主代表和业委会成员加入。'
        : null
  return (
    <View style={pageTextScale()} className="page admin-page">
      {next && (
        <View className="admin-next" id="admin-next">
          <Text>{next}</Text>
        </View>
      )}
      <CommunitySection key={`c-${view.community.id}`} view={view} onSaved={onChange} />
      <BuildingsSection view={view} onSaved={onChange} onInviteFor={inviteFor} />
      <MembersSection view={view} onChanged={onChange} />
      <InvitesSection view={view} onChanged={onChange} preset={preset} />
    </View>
  )
}

/**
 * 小区管理（管理员）。
 * - 带 c=小区：那个小区的概览（不是管理员的看到拒绝说明）；
 * - 不带：我是管理员的小区（一个就直接打开，几个先选）；一个都没有就是"创建小区"；new=1 总是创建。
 */
export default function AdminPage() {
  const { params } = useRouter()
  const communityParam = params.c ? decodeURIComponent(params.c) : null
  const wantsNew = params.new === '1'
  const [state, setState] = useState<State>(() => (wantsNew && !communityParam ? { state: 'create' } : { state: 'loading' }))

  const open = useCallback(async (communityId: string) => {
    setState({ state: 'loading' })
    try {
      setState({ state: 'ready', view: await api.admin.overview({ communityId }) })
    } catch (e) {
      setState(failed(e))
    }
  }, [])

  const load = useCallback(async () => {
    if (communityParam) return open(communityParam)
    if (wantsNew) return setState({ state: 'create' })
    setState({ state: 'loading' })
    try {
      const me = await api.account.me({})
      const admins = me.roles.filter((r) => r.role === 'admin')
      if (admins.length === 0) setState({ state: 'create' })
      else if (admins.length === 1) await open(admins[0].communityId)
      else setState({ state: 'choose', communities: admins })
    } catch (e) {
      setState(failed(e))
    }
  }, [communityParam, wantsNew, open])

  useEffect(() => {
    load()
  }, [load])

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh()
    if (state.state === 'ready') {
      api.admin
        .overview({ communityId: state.view.community.id })
        .then(
          (view) => setState({ state: 'ready', view }),
          (e) => Taro.showToast({ title: (e as Error).message, icon: 'none' }),
        )
        .finally(done)
    } else done()
  })

  useEffect(() => {
    const title = state.state === 'create' ? '创建小区' : state.state === 'ready' ? state.view.community.name : '小区管理'
    Taro.setNavigationBarTitle({ title })?.catch?.(() => undefined)
  }, [state])

  switch (state.state) {
    case 'loading':
      return <LoadingView />
    case 'error':
      return (
        <View style={pageTextScale()} className="page">
          <ErrorView
            title={state.forbidden ? '无权管理这个小区' : state.retryable ? '加载失败' : '无法打开'}
            message={state.forbidden ? `${state.message.replace(/[。.！!]$/, '')}。业主代表和业委会成员的工具在楼栋首页。` : state.message}
            onRetry={state.retryable ? load : undefined}
            action={{ text: '回首页', onClick: home }}
          />
        </View>
      )
    case 'create':
      return <CreateCommunity onCreated={(view) => setState({ state: 'ready', view })} />
    case 'choose':
      return (
        <View style={pageTextScale()} className="page admin-page">
          <Text className="card-title admin-choose__title">选择要管理的小区</Text>
          {state.communities.map((c) => (
            <View {...asButton} className="card admin-choose" key={c.communityId} id={`admin-community-${c.communityId}`} onClick={() => open(c.communityId)}>
              <Text className="admin-row__name">{c.communityName}</Text>
              <Text className="muted">管理 ›</Text>
            </View>
          ))}
          <Text {...asButton} className="link" id="admin-new-community" onClick={() => setState({ state: 'create' })}>
            再创建一个小区
          </Text>
        </View>
      )
    case 'ready':
      return <Overview view={state.view} onChange={(view) => setState({ state: 'ready', view })} />
  }
}
