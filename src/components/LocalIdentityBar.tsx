import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ROLE_LABELS } from '@/core/directory/model'
import { listLocalIdentities, switchLocalIdentity, type LocalIdentityState } from '@/services/localIdentity'
import { isLocalMode } from '@/services/transport'
import './LocalIdentityBar.scss'
import { asButton } from '@/components/a11y'

/**
 * 本地演示模式才有的身份切换条：居民 / 业主代表 / 业委会。
 * 微信里身份来自平台（OPENID），这个组件不会渲染。
 */
export function LocalIdentityBar({ onSwitched }: { onSwitched: () => void }) {
  const [state, setState] = useState<LocalIdentityState | null>(null)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    if (isLocalMode) listLocalIdentities().then(setState, () => setState(null))
  }, [])

  if (!isLocalMode || !state) return null
  const current = state.identities.find((i) => i.key === state.current)

  const choose = async (key: string) => {
    await switchLocalIdentity(key)
    setState({ ...state, current: key })
    setOpen(false)
    onSwitched()
  }

  return (
    <View className="identity-bar">
      <View {...asButton} className="identity-bar__row" id="identity-toggle" onClick={() => setOpen(!open)}>
        <Text className="identity-bar__tag">本地演示</Text>
        <Text className="identity-bar__current">当前身份：{current ? `${current.name}（${ROLE_LABELS[current.role]}）` : '新访客（居民）'}</Text>
        <Text className="identity-bar__switch">{open ? '收起' : '切换'}</Text>
      </View>
      {open && (
        <View className="identity-bar__list">
          {state.identities.map((i) => (
            <View
              {...asButton}
              key={i.key}
              id={`identity-${i.key}`}
              className={`identity-bar__item ${i.key === state.current ? 'identity-bar__item--active' : ''}`}
              onClick={() => choose(i.key)}
            >
              <Text className="identity-bar__name">
                {i.name} · {ROLE_LABELS[i.role]}
              </Text>
              <Text className="muted">{i.description}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
