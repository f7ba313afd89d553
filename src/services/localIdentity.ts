/** 本地演示模式的身份切换（只在本地函数宿主下存在；微信里身份来自平台）。 */
import type { Role } from '@/core/directory/model'
import { dropLandingPrefetch } from './landingPrefetch'

export interface LocalIdentity {
  key: string
  name: string
  role: Role
  description: string
}

export interface LocalIdentityState {
  current: string | null
  identities: LocalIdentity[]
}

const base = () => process.env.TARO_APP_API_BASE ?? ''

export async function listLocalIdentities(): Promise<LocalIdentityState> {
  const res = await fetch(`${base()}/api/local/identities`, { credentials: 'include' })
  if (!res.ok) throw new Error('无法读取演示身份')
  return (await res.json()) as LocalIdentityState
}

export async function switchLocalIdentity(key: string): Promise<void> {
  // 先发的落地页请求带的是切换之前的会话：作废，新身份只看自己的。
  dropLandingPrefetch()
  const res = await fetch(`${base()}/api/local/identity`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  })
  if (!res.ok) throw new Error('切换身份失败')
}
