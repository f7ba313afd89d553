/**
 * 页面共用的加载（代表分包的页面、居民的公告列表）：第一次加载、回到页面时（从编辑页、详情页返回）与下拉时静悄悄地刷新、出错时的说法。
 * 晚到的旧答复（期间又刷新过）丢掉；静悄悄的刷新失败时保留上次的内容，并说清楚显示的是什么。
 * 只有分包的页面引用它：主包的落地页不带。
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { isRetryable } from '@/services/transport'

export type Load<T> = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; data: T }
export const failed = (e: unknown) => ({ state: 'error' as const, message: (e as Error).message, retryable: isRetryable(e) })

export interface Refresh {
  /** 不先换成"加载中"，留着当前内容（回到页面、下拉、操作之后）。 */
  quiet?: boolean
}

export function useLoad<T>(fetch: () => Promise<T>, deps: DependencyList, { onRefresh }: { onRefresh?: () => void } = {}) {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' })
  const [staleError, setStaleError] = useState<string | null>(null)
  const seq = useRef(0)
  const ready = useRef(false)
  ready.current = load.state === 'ready'

  const refresh = useCallback(
    async ({ quiet = false }: Refresh = {}) => {
      const mine = ++seq.current
      if (!quiet) setLoad({ state: 'loading' })
      setStaleError(null)
      onRefresh?.()
      try {
        const data = await fetch()
        if (mine === seq.current) setLoad({ state: 'ready', data })
      } catch (e) {
        if (mine !== seq.current) return
        // 已经有内容时不把整页换成错误页：留着上次的，告诉人刷新没成功。
        if (quiet && ready.current) setStaleError((e as Error).message)
        else setLoad(failed(e))
      }
    },
    // 由页面给出重新加载的依据（小区、筛选……），与 useEffect 的写法一样。
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  )

  useEffect(() => {
    refresh()
  }, [refresh])
  // 第一次显示由上面的 useEffect 加载；之后每次回到这页（编辑、发布后返回）静悄悄地刷新。
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) refresh({ quiet: true })
    shown.current = true
  })
  usePullDownRefresh(() => {
    refresh({ quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })

  return { load, setLoad, refresh, seq, staleError }
}

/** 刷新失败、页面上还是上次的内容时的一句话。 */
export function StaleNotice({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Text className="error-text stale-notice" id="stale-notice">
      刷新没有成功：{message.replace(/[。.！!]$/, '')}。下面是上次加载的内容，下拉可以再试。
    </Text>
  )
}
