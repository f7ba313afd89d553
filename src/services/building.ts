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

/**
 * 小程序码的 scene（需 decodeURIComponent）：楼栋的是 "b=楼栋码"（server/platform/wechat.ts 这样生成），
 * 邀请的是 "i=邀请码"；早先印出的楼栋码只有楼栋码本身，也认。
 */
function sceneOf(params: Record<string, string | undefined>): { b?: string; i?: string } {
  if (!params.scene) return {}
  const scene = decodeURIComponent(params.scene)
  const pair = /^([bi])=([A-Za-z0-9]{1,16})$/.exec(scene)
  if (pair) return { [pair[1]]: pair[2] }
  return { b: scene }
}

/** 从页面参数取楼栋码：小程序码带 scene，H5 链接带 b。 */
export function buildingCodeFromParams(params: Record<string, string | undefined>): string | null {
  const scene = sceneOf(params)
  if (scene.i) return null
  if (scene.b) return scene.b
  if (params.b) return decodeURIComponent(params.b)
  return null
}

/** 从页面参数取邀请码：小程序码 scene 为 "i=邀请码"，H5 链接带 i。统一成大写。 */
export function inviteCodeFromParams(params: Record<string, string | undefined>): string | null {
  const scene = sceneOf(params)
  if (scene.i) return scene.i.toUpperCase()
  if (params.i) return decodeURIComponent(params.i).trim().toUpperCase() || null
  return null
}
