import Taro from '@tarojs/taro'

/**
 * 用户在微信里设的字体大小（"关怀模式"约 1.4 倍）→ 页面文字的倍率（样式里的 --text-scale，见 styles/tokens.scss）。
 * 微信不会自动放大小程序里的文字，要自己读 fontSizeScaleFactor（适老化设计指南推荐 getAppBaseInfo）。
 * H5 里不用：浏览器可以双指缩放（viewport 不禁止缩放）。
 */
export function clampTextScale(factor: unknown): number {
  const f = Number(factor)
  // 调小（-1 档）不跟：任何文字不小于 14 px。过大封顶 2 倍，版面在 1.4 倍下走查过（npm run a11y）。
  if (!Number.isFinite(f) || f <= 1) return 1
  return Math.min(Math.round(f * 100) / 100, 2)
}

function readFactor(): unknown {
  try {
    const base = typeof Taro.getAppBaseInfo === 'function' ? (Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number }) : null
    if (base?.fontSizeScaleFactor) return base.fontSizeScaleFactor
    return (Taro.getSystemInfoSync() as { fontSizeScaleFactor?: number }).fontSizeScaleFactor
  } catch {
    return 1
  }
}

let cached: string | undefined | null = null

/** 页面根节点的 style：微信里带上 --text-scale（不放大时不带），H5 里什么都不带。 */
export function pageTextScale(): string | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  if (cached === null) {
    const scale = clampTextScale(readFactor())
    cached = scale > 1 ? `--text-scale: ${scale}` : undefined
  }
  return cached
}
