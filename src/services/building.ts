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

/** 邀请的小程序码 scene 是 "i=邀请码"；楼栋的 scene 就是楼栋码本身。 */
const INVITE_SCENE = /^i=([A-Za-z0-9]{1,16})$/

/** 从页面参数取楼栋码：小程序码带 scene（需解码），H5 链接带 b。邀请码的 scene 不是楼栋码。 */
export function buildingCodeFromParams(params: Record<string, string | undefined>): string | null {
  if (params.scene) {
    const scene = decodeURIComponent(params.scene)
    if (!INVITE_SCENE.test(scene)) return scene
  }
  if (params.b) return decodeURIComponent(params.b)
  return null
}

/** 从页面参数取邀请码：小程序码 scene 为 "i=邀请码"，H5 链接带 i。统一成大写。 */
export function inviteCodeFromParams(params: Record<string, string | undefined>): string | null {
  const scene = params.scene ? INVITE_SCENE.exec(decodeURIComponent(params.scene)) : null
  if (scene) return scene[1].toUpperCase()
  if (params.i) return decodeURIComponent(params.i).trim().toUpperCase() || null
  return null
}
