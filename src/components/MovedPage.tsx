/**
 * 居民页面搬进了预下载的分包 resident/（主包要 ≤ 400 KiB）。发出去的链接仍指向旧路径：
 * 报事进度与新公告的订阅消息（src/core/reports/messages.ts、src/core/notices/messages.ts）、公告的分享卡片。
 * 所以旧路径上留一个转发页（主包里每个约 1 KB），原样带上参数 redirectTo 到新路径。
 * - 不把报事详情、公告页留在主包：两页连同只有它们用的组件约 40 KB，主包就超了；
 * - 不用 onPageNotFound：微信要求在回调里同步重定向，而 Taro 把 App 的回调推迟到 React 应用挂好之后，H5 也不一样；
 * - 消息与卡片继续写旧路径：云函数与小程序分开发布，拿着旧版本缓存的人点开新发的消息，旧版本里这条路径也是有的。
 */
import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { ErrorView, LoadingView } from './StateView'

/** 小程序给的参数未解码、H5 给的已解码：先试着解一次再编码，两边转出去的一样。 */
const reencode = (value: string) => {
  try {
    return encodeURIComponent(decodeURIComponent(value))
  } catch {
    return encodeURIComponent(value)
  }
}

/** Taro 自己加进页面参数的（小程序里的 $taroTimestamp、H5 页面栈的 stamp），不是链接里的。 */
const TARO_OWN_PARAMS = new Set(['$taroTimestamp', 'stamp'])

/** 旧路径上的转发页：route 是新路径（以 / 开头）。 */
export function movedPage(route: string) {
  return function MovedPage() {
    const [failed, setFailed] = useState(false)
    const [url, setUrl] = useState(route)
    const go = (target: string) => {
      setFailed(false)
      Taro.redirectTo({ url: target }).catch(() => setFailed(true))
    }
    useLoad((query: Record<string, string | undefined>) => {
      const search = Object.entries(query)
        .filter((entry): entry is [string, string] => !TARO_OWN_PARAMS.has(entry[0]) && entry[1] !== undefined)
        .map(([k, v]) => `${k}=${reencode(v)}`)
        .join('&')
      const target = search ? `${route}?${search}` : route
      setUrl(target)
      go(target)
    })
    // 分包下载失败（断网）时给重试，不留一张白页。
    return failed ? <ErrorView message="页面没有打开，请检查网络后重试" onRetry={() => go(url)} /> : <LoadingView text="正在打开…" />
  }
}
