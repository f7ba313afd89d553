import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { parsePayload } from '@/core/shared/schema'
import { INVITE_CODE_RE, joinSchema } from '@/core/directory/schema'
import type { MeView } from '@/core/dashboard/views'
import type { InviteStatus, InviteView } from '@/core/directory/views'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { errorOf, FieldError, type FormError } from '../shared/formBits'
import { expiryLabel, inviteSentence } from '../shared/labels'
import '../shared/admin.scss'
import './index.scss'
import { LengthHint } from '@/components/LengthHint'
import { MEMBER_NAME_MAX } from '@/core/shared/catalog'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

type Lookup =
  | { state: 'idle' }
  | { state: 'loading'; code: string }
  | { state: 'error'; code: string; message: string; retryable: boolean }
  | { state: 'ready'; invite: InviteView }
  | { state: 'joined'; invite: InviteView; me: MeView }

/** 只有"有效"的能接受；其余三种各有一句说明。 */
const CLOSED: Record<Exclude<InviteStatus, 'open'>, { title: string; description: string }> = {
  expired: { title: '这个邀请已过期', description: '邀请码只在生成后的一段时间内有效。请联系管理员重新生成一个。' },
  accepted: { title: '这个邀请已被使用', description: '每个邀请码只能用一次。如果不是你用的，请联系管理员重新邀请。' },
  revoked: { title: '这个邀请已被撤回', description: '管理员撤回了这个邀请。需要的话请联系管理员重新邀请。' },
}

const normalise = (text: string) => text.replace(/\s+/g, '').toUpperCase()

/** 接受邀请：看清是什么邀请，填称呼，成为业主代表或业委会/居委会/物业成员。 */
export default function JoinPage() {
  const { params } = useRouter()
  const fromLink = params.code ? normalise(decodeURIComponent(params.code)) : ''
  const [typed, setTyped] = useState(fromLink)
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' })
  const [name, setName] = useState('')
  const [tried, setTried] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [typedError, setTypedError] = useState<string | null>(null)
  const [joining, setJoining] = useState(false)
  const seq = useRef(0)

  const find = useCallback(async (code: string) => {
    const mine = ++seq.current
    setLookup({ state: 'loading', code })
    setServerError(null)
    setTried(false)
    try {
      const invite = await api.account.inviteInfo({ code })
      if (mine === seq.current) setLookup({ state: 'ready', invite })
    } catch (e) {
      if (mine === seq.current) setLookup({ state: 'error', code, message: (e as Error).message, retryable: isRetryable(e) })
    }
  }, [])

  useEffect(() => {
    if (fromLink && INVITE_CODE_RE.test(fromLink)) find(fromLink)
    else if (fromLink) setTypedError('链接里的邀请码不完整，请核对后输入')
  }, [fromLink, find])

  const submitCode = () => {
    const code = normalise(typed)
    if (!INVITE_CODE_RE.test(code)) {
      setTypedError(code ? '邀请码应为 8 位字母或数字，请核对' : '请输入邀请码')
      return
    }
    setTypedError(null)
    find(code)
  }

  const invite = lookup.state === 'ready' ? lookup.invite : null
  const parsed = parsePayload(joinSchema, { code: invite?.code ?? '', name })
  const error: FormError = (tried ? errorOf(parsed) : null) ?? (serverError ? { message: serverError } : null)

  const accept = async () => {
    setTried(true)
    setServerError(null)
    if (!invite || !parsed.ok) return
    setJoining(true)
    try {
      const me = await api.account.join(parsed.value)
      setLookup({ state: 'joined', invite, me })
    } catch (e) {
      setServerError((e as Error).message)
    } finally {
      setJoining(false)
    }
  }

  const reset = () => {
    seq.current++
    setLookup({ state: 'idle' })
    setTyped('')
  }

  // 输入邀请码（没有带链接、或者链接里的不对、或者想换一个）。
  const codeForm = (
    <View className="card join-code" id="join-code-form">
      <Text className="card-title">输入邀请码</Text>
      <Text className="muted field-hint">管理员发给你的 8 位邀请码，字母不分大小写。</Text>
      <Input
        className="field join-code__input"
        id="join-code"
        placeholder="例如：K7M2Q9XA"
        maxLength={12}
        value={typed}
        onChange={(v) => {
          setTyped(v)
          setTypedError(null)
        }}
        onConfirm={submitCode}
      />
      {typedError && (
        <Text className="error-text field-error" id="join-code-error">
          {typedError}
        </Text>
      )}
      <Button className="join-code__button" id="join-lookup" type="primary" block onClick={submitCode}>
        查看邀请
      </Button>
    </View>
  )

  switch (lookup.state) {
    case 'idle':
      return (
        <View style={pageTextScale()} className="page join-page">
          {codeForm}
        </View>
      )
    case 'loading':
      return <LoadingView text="正在查看邀请…" />
    case 'error':
      return (
        <View style={pageTextScale()} className="page join-page">
          <ErrorView
            title={lookup.retryable ? '没能查到邀请' : '邀请码无效'}
            message={lookup.message}
            onRetry={lookup.retryable ? () => find(lookup.code) : undefined}
            action={{ text: '重新输入', onClick: reset }}
          />
        </View>
      )
    case 'joined': {
      const { invite: joined, me } = lookup
      const role = me.roles.find(
        (r) => r.communityName === joined.communityName && (joined.role === 'representative' ? r.buildingCode === joined.buildingCode : r.role === 'committee'),
      )
      const buildingCode = joined.buildingCode ?? role?.buildingCode ?? me.managedBuildingCodes[0] ?? null
      return (
        <View style={pageTextScale()} className="page join-page">
          <View className="card join-done" id="join-success">
            <View className="state-view__icon join-done__icon">✓</View>
            <Text className="join-done__title">欢迎加入</Text>
            <Text className="join-done__text">你已成为 {inviteSentence(joined).replace(/^邀请你成为 /, '')}</Text>
            <Text className="muted">
              {joined.role === 'representative'
                ? '居民在这栋楼报的事会出现在“处理报事”里；你也可以发布公告、记工作台账。'
                : '小区里各栋楼的报事都会出现在“处理报事”里；你也可以发布公告、记工作台账。'}
            </Text>
          </View>
          <View className="join-actions">
            <Button
              id="join-go-queue"
              type="primary"
              block
              onClick={() =>
                Taro.redirectTo({ url: buildingCode && joined.role === 'representative' ? `/rep/queue/index?b=${buildingCode}` : '/rep/queue/index' })
              }
            >
              去处理报事
            </Button>
            {buildingCode && (
              <Button
                id="join-go-building"
                block
                fill="outline"
                type="primary"
                onClick={() => Taro.reLaunch({ url: `/pages/building/index?b=${buildingCode}` })}
              >
                去楼栋首页
              </Button>
            )}
          </View>
        </View>
      )
    }
    case 'ready': {
      const current = lookup.invite
      if (current.status !== 'open') {
        const closed = CLOSED[current.status]
        return (
          <View style={pageTextScale()} className="page join-page" id={`join-${current.status}`}>
            <EmptyView
              title={closed.title}
              description={`${inviteSentence(current)}（邀请码 ${current.code}）。${closed.description}`}
              action={{ text: '输入其他邀请码', onClick: reset }}
            />
          </View>
        )
      }
      return (
        <View style={pageTextScale()} className="page join-page">
          <View className="card join-invite" id="join-invite">
            <Text className="join-invite__community">{current.communityName}</Text>
            <Text className="join-invite__text" id="join-info">
              {inviteSentence(current)}，有效期至 {expiryLabel(current.expiresAt)}
            </Text>
            <Text className="muted">邀请码 {current.code}</Text>
          </View>
          <View className="card" id="field-join-name">
            <Text className="card-title">你的称呼</Text>
            <Text className="muted field-hint">居民和其他成员看到的名字，如“李建国”或“3单元 李师傅”。</Text>
            <Input
              className="field"
              id="join-name"
              placeholder={`最多 ${MEMBER_NAME_MAX} 个字`}
              value={name}
              onChange={(v) => {
                setName(v)
                setServerError(null)
              }}
            />
            <LengthHint value={name} max={MEMBER_NAME_MAX} id="join-name-length" />
            <FieldError error={error} field="name" id="join-name-error" />
            <FieldError error={error} field="*" fields={['name']} id="join-error" />
          </View>
          <View className="footer-bar">
            <Button id="join-accept" type="primary" block loading={joining} disabled={joining} onClick={accept}>
              接受邀请
            </Button>
          </View>
          <Text {...asButton} className="link join-other" id="join-other" onClick={reset}>
            不是这个邀请？输入其他邀请码
          </Text>
        </View>
      )
    }
  }
}
