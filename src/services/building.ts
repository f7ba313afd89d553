/** 记住居民最近扫过的楼，下次直接打开小程序时不必再扫码。 */
import Taro from '@tarojs/taro'

const KEY = 'loushi.buildingCode'

export function rememberBuilding(code: string): void {
  Taro.setStorageSync(KEY, code)
}

export function rememberedBuilding(): string | null {
  const code = Taro.getStorageSync(KEY)
  return typeof code === 'string' && code ? code : null
}

/** 从页面参数取楼栋码：小程序码带 scene（需解码），H5 链接带 b。 */
export function buildingCodeFromParams(params: Record<string, string | undefined>): string | null {
  if (params.scene) return decodeURIComponent(params.scene)
  if (params.b) return decodeURIComponent(params.b)
  return null
}
