/**
 * H5 落地页先发的 account.landing（src/index.html 里那段脚本在页面脚本下载之前就发出）：落地页第一次渲染时取用。
 * - 只给同一个楼栋码用，只用一次（之后每次显示、切换身份都是页面自己的请求）；
 * - 切换演示身份时作废（src/services/localIdentity.ts）：先发的请求带的是切换之前的会话，不能给新身份看；
 * - 答复与 HTTP 通道的答复同样拆开（transport.ts 的 dataOfReply）：出错照样抛 ApiError，页面照常处理。
 * 微信里没有这段脚本，取不到，页面照旧自己请求。
 */
import type { LandingView } from '@/core/dashboard/views'
import { dataOfReply } from './transport'

interface Prefetch {
  buildingCode: string
  /** 答复到了就是解析好的 JSON；网络失败为 null；还没到为 undefined。 */
  reply: unknown
  promise: Promise<unknown>
}

type PrefetchWindow = { __loushiLandingPrefetch?: Prefetch }

const holder = (): PrefetchWindow | null => (typeof window === 'undefined' ? null : (window as unknown as PrefetchWindow))

/** 先发的请求：已到的答复（ready），或还在路上的（pending）；没有可用的为 null。 */
export type TakenPrefetch =
  | { state: 'ready'; landing: LandingView }
  | { state: 'failed'; error: unknown }
  /** 还在路上：到了答落地页数据（或抛函数的错误）；没连上答 null，页面自己再请求。 */
  | { state: 'pending'; landing: Promise<LandingView | null> }

function unwrap(reply: unknown): LandingView {
  return dataOfReply(reply) as LandingView
}

/** 取走这个楼栋码的先发请求（只能取一次）。网络没通的先发请求不用（页面自己再请求一次，给出它的错误与重试）。 */
export function takeLandingPrefetch(buildingCode: string): TakenPrefetch | null {
  const w = holder()
  const prefetch = w?.__loushiLandingPrefetch
  if (!w || !prefetch) return null
  delete w.__loushiLandingPrefetch
  if (prefetch.buildingCode !== buildingCode || prefetch.reply === null) return null
  if (prefetch.reply !== undefined) {
    try {
      return { state: 'ready', landing: unwrap(prefetch.reply) }
    } catch (error) {
      return { state: 'failed', error }
    }
  }
  return {
    state: 'pending',
    landing: prefetch.promise.then((reply) => (reply === null ? null : unwrap(reply))),
  }
}

/** 身份变了：没取走的先发请求作废。 */
export function dropLandingPrefetch(): void {
  const w = holder()
  if (w) delete w.__loushiLandingPrefetch
}
