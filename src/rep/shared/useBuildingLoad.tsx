/**
 * 代表分包页面的共同骨架：从参数（或记住的楼）取楼栋码，加载数据，出错时给出路。
 */
import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ErrorView } from '@/components/StateView'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { ApiError } from '@/services/transport'
import type { Load } from './repBits'
import { useLoad } from '@/components/useLoad'
import { pageTextScale } from '@/services/textScale'

export type BuildingLoad<T> = Load<T>

/** 按楼栋码加载（useLoad：回到页面与下拉时静悄悄地刷新）；没有楼栋码时请人先扫码。 */
export function useBuildingLoad<T>(fetch: (buildingCode: string) => Promise<T>) {
  const { params } = useRouter()
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const { load, refresh, staleError } = useLoad(() => (code ? fetch(code) : Promise.reject(new ApiError('INVALID', '请先扫描楼栋二维码'))), [code])
  return { code, load, refresh, staleError }
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
