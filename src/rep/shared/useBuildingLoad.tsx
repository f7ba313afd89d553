/**
 * 代表分包页面的共同骨架：从参数（或记住的楼）取楼栋码，加载一次数据，出错时给出路。
 */
import { useCallback, useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ErrorView } from '@/components/StateView'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { isRetryable } from '@/services/transport'
import { pageTextScale } from '@/services/textScale'

export type BuildingLoad<T> = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; data: T }

export function useBuildingLoad<T>(fetch: (buildingCode: string) => Promise<T>) {
  const { params } = useRouter()
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [load, setLoad] = useState<BuildingLoad<T>>({ state: 'loading' })

  const refresh = useCallback(async () => {
    if (!code) return setLoad({ state: 'error', message: '请先扫描楼栋二维码', retryable: false })
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', data: await fetch(code) })
    } catch (e) {
      setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })
    }
    // fetch 是页面里的固定函数；只随楼栋码重载。
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code])

  useEffect(() => {
    refresh()
  }, [refresh])

  return { code, load, refresh }
}

/** 出错页：可重试的给"重试"，否则（没权限、找不到）给"回楼栋首页"。 */
export function BuildingLoadError({
  code,
  load,
  refresh,
  title,
}: {
  code: string | null
  load: { message: string; retryable: boolean }
  refresh: () => void
  title: [string, string]
}) {
  return (
    <View style={pageTextScale()} className="page">
      <ErrorView
        title={load.retryable ? title[0] : title[1]}
        message={load.message}
        onRetry={load.retryable ? refresh : undefined}
        action={{ text: '回楼栋首页', onClick: () => Taro.redirectTo({ url: `/pages/building/index${code ? `?b=${code}` : ''}` }) }}
      />
    </View>
  )
}
