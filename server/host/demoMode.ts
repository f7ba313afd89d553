/**
 * 演示模式：身份切换条（任何访客都能变成业主代表）、发件箱、演示数据。对 127.0.0.1 上的演示是对的，
 * 对局域网里别人也连得上的宿主是错的，所以非回环地址上默认拒绝开演示模式，除非明说。
 * 只监听 127.0.0.1 还不够：别的网站可以把自己的域名解析到 127.0.0.1（DNS 重绑定），浏览器就会替它访问本机的宿主。
 * 所以演示模式下每个请求的 Host 必须是本机的名字（或明说的局域网演示地址），否则答 421。
 */
export interface DemoDecision {
  demo: boolean
  /** 不能启动时给人看的原因。 */
  refusal: string | null
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname)
}

/** LOUSHI_DEMO=0 关掉演示模式；LOUSHI_DEMO_ON_NETWORK=1 明说要在非回环地址上开。 */
export function decideDemoMode(hostname: string, env: Record<string, string | undefined>): DemoDecision {
  const demo = env.LOUSHI_DEMO !== '0'
  if (!demo || isLoopback(hostname) || env.LOUSHI_DEMO_ON_NETWORK === '1') return { demo, refusal: null }
  return {
    demo,
    refusal:
      `演示模式允许任何访客切换成业主代表，不能开在 ${hostname} 上（局域网里的人都连得上）。` +
      '设 LOUSHI_DEMO=0 关掉演示身份与演示数据；确实要在局域网里演示（如用手机扫码），设 LOUSHI_DEMO_ON_NETWORK=1。',
  }
}

export const MISDIRECTED_MESSAGE = '演示模式只接受本机地址（127.0.0.1、localhost）或 LOUSHI_PUBLIC_URL 的访问'

/** 演示模式下除本机名字外还认的主机名：只有明说了局域网演示（LOUSHI_DEMO_ON_NETWORK=1）时，才认 LOUSHI_PUBLIC_URL 的主机名。 */
export function demoHostnames(env: Record<string, string | undefined>): string[] {
  if (env.LOUSHI_DEMO_ON_NETWORK !== '1' || !env.LOUSHI_PUBLIC_URL || !URL.canParse(env.LOUSHI_PUBLIC_URL)) return []
  return [new URL(env.LOUSHI_PUBLIC_URL).hostname.toLowerCase()]
}

/** 请求的 Host 头（可带端口）是本机的名字或 extra 里的一个。端口不比：重绑定改的是名字，端口转发时端口本来就可能不同。 */
export function isDemoHostAllowed(hostHeader: string | undefined, extra: readonly string[]): boolean {
  if (!hostHeader || !URL.canParse(`http://${hostHeader}`)) return false
  const { hostname, username, password, pathname } = new URL(`http://${hostHeader}`)
  if (username || password || pathname !== '/') return false
  const name = hostname.toLowerCase()
  return isLoopback(name) || extra.includes(name)
}

/**
 * 反向代理与隧道（nginx 的 proxy_pass 默认把 Host 改成 127.0.0.1:端口，ngrok 的 host-header=rewrite 同理）让公网的请求
 * 带着本机的 Host 到达回环地址，Host 的核对就挡不住了；它们几乎都加上这些头。演示模式下见到它们就不答，
 * 除非明说了局域网演示（LOUSHI_DEMO_ON_NETWORK=1 且给了 LOUSHI_PUBLIC_URL）。
 */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'] as const

export function isForwardedRequest(headers: Record<string, string | string[] | undefined>): boolean {
  return FORWARDING_HEADERS.some((name) => headers[name] !== undefined)
}

export const FORWARDED_MESSAGE =
  '演示模式不经反向代理或隧道对外提供（任何访客都能切换成业主代表）：对外服务请设 LOUSHI_DEMO=0，确实要演示请设 LOUSHI_DEMO_ON_NETWORK=1 与 LOUSHI_PUBLIC_URL'
