/**
 * 演示模式：身份切换条（任何访客都能变成业主代表）、发件箱、演示数据。对 127.0.0.1 上的演示是对的，
 * 对局域网里别人也连得上的宿主是错的，所以非回环地址上默认拒绝开演示模式，除非明说。
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
