/**
 * 楼栋海报的画法（小程序与浏览器共用）：只用 2D 画布的标准方法，不碰平台接口。
 * 版面按 750×1060 的逻辑尺寸设计，`scale` 倍画到画布上（打印用 2 倍）。
 *
 * 二维码要能被扫（也要能被测试里的解码器读出）：按整数倍放大、关掉平滑，四周留白。
 */

/** 海报的逻辑尺寸（与小程序的 750 设计宽度一致）。 */
export const POSTER_WIDTH = 750
export const POSTER_HEIGHT = 1060
/** 画布像素 = 逻辑尺寸 × 这个倍数：A5 打印也够清楚。 */
export const POSTER_SCALE = 2

/** 中文字体：测试环境（Chromium）有文泉驿正黑，手机上用系统字体。 */
export const POSTER_FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif'

export interface PosterTexts {
  communityName: string
  buildingName: string
  /** 一行说明，例如"微信扫码，报事报修、查看公告"。 */
  instruction: string
  /** 底部的小字，例如"楼栋码 CHY1"。 */
  footer: string
}

/** 画二维码用到的图片：尺寸用图片自己的像素（naturalWidth）。 */
export interface PosterImage {
  source: unknown
  width: number
  height: number
}

/** 2D 画布上下文里用到的部分（浏览器的 CanvasRenderingContext2D 与小程序 2d 画布都满足）。 */
export interface PosterContext {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  imageSmoothingEnabled: boolean
  save(): void
  restore(): void
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void
  closePath(): void
  fill(): void
  stroke(): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: never, dx: number, dy: number, dw: number, dh: number): void
}

export interface QrPlacement {
  x: number
  y: number
  size: number
  /** 放大的倍数（整数时不平滑）。 */
  factor: number
}

/**
 * 二维码在画布像素里的位置：能放进 `box` 的最大整数倍；图片比格子还大时才缩小（此时开平滑）。
 * 纯函数，便于测试。
 */
export function placeQr(imageSize: number, box: number, centerX: number, top: number): QrPlacement {
  const factor = imageSize <= box ? Math.max(1, Math.floor(box / imageSize)) : box / imageSize
  const size = Math.round(imageSize * factor)
  return { x: Math.round(centerX - size / 2), y: Math.round(top + (box - size) / 2), size, factor }
}

function roundRect(ctx: PosterContext, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.lineTo(x + w - r, y)
  ctx.arcTo(x + w, y, x + w, y + r, r)
  ctx.lineTo(x + w, y + h - r)
  ctx.arcTo(x + w, y + h, x + w - r, y + h, r)
  ctx.lineTo(x + r, y + h)
  ctx.arcTo(x, y + h, x, y + h - r, r)
  ctx.lineTo(x, y + r)
  ctx.arcTo(x, y, x + r, y, r)
  ctx.closePath()
}

/** 一行字：从 `size` 往下缩，直到宽度放得下。 */
function fitText(ctx: PosterContext, text: string, x: number, y: number, maxWidth: number, size: number, weight: string, minSize = 20) {
  let px = size
  for (; px > minSize; px -= 2) {
    ctx.font = `${weight} ${px}px ${POSTER_FONTS}`
    if (ctx.measureText(text).width <= maxWidth) break
  }
  ctx.font = `${weight} ${px}px ${POSTER_FONTS}`
  ctx.fillText(text, x, y)
}

/** 楼栋名的排法：一行放得下（不小于 SINGLE_MIN）就一行；否则两行（名称最长 20 字时两行各 10 字）。 */
export interface NameLayout {
  px: number
  lines: string[]
}

const NAME_SIZE = 104
const NAME_SINGLE_MIN = 64
const NAME_DOUBLE_MAX = 72
const NAME_DOUBLE_MIN = 36

/**
 * 楼栋名怎么排才不被裁掉：先一行从大往小缩，缩到 64 还放不下就拆两行（从前往后找最均匀的断点），两行再缩。
 * 纯函数：measure(text, px) 给出宽度。
 */
export function layoutBuildingName(name: string, maxWidth: number, measure: (text: string, px: number) => number): NameLayout {
  for (let px = NAME_SIZE; px >= NAME_SINGLE_MIN; px -= 2) if (measure(name, px) <= maxWidth) return { px, lines: [name] }
  const chars = Array.from(name)
  for (let px = NAME_DOUBLE_MAX; px >= NAME_DOUBLE_MIN; px -= 2) {
    // 断点：两行里较宽的那行最窄。
    let best: string[] | null = null
    let bestWidth = Infinity
    for (let i = 1; i < chars.length; i++) {
      const lines = [chars.slice(0, i).join(''), chars.slice(i).join('')]
      const widest = Math.max(...lines.map((l) => measure(l, px)))
      if (widest < bestWidth) [best, bestWidth] = [lines, widest]
    }
    if (best && bestWidth <= maxWidth) return { px, lines: best }
  }
  return { px: NAME_DOUBLE_MIN, lines: [name] }
}

/**
 * 画一张海报。`ctx` 的画布应为 POSTER_WIDTH×POSTER_HEIGHT 乘以 `scale`。
 * 返回二维码画在了哪里（画布像素），便于检查。
 */
export function drawPoster(ctx: PosterContext, texts: PosterTexts, qr: PosterImage, scale = POSTER_SCALE): QrPlacement {
  const W = POSTER_WIDTH
  const H = POSTER_HEIGHT
  const cx = W / 2
  ctx.save()
  ctx.setTransform(scale, 0, 0, scale, 0, 0)

  // 底色与顶部色带。
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = '#1664ff'
  ctx.fillRect(0, 0, W, 310)

  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)'
  fitText(ctx, texts.communityName, cx, 76, W - 96, 40, '500')
  ctx.fillStyle = '#ffffff'
  const name = layoutBuildingName(texts.buildingName, W - 96, (text, px) => {
    ctx.font = `bold ${px}px ${POSTER_FONTS}`
    return ctx.measureText(text).width
  })
  ctx.font = `bold ${name.px}px ${POSTER_FONTS}`
  // 两行时以 168 为中线上下各半行。
  name.lines.forEach((line, i) => ctx.fillText(line, cx, 168 + (i - (name.lines.length - 1) / 2) * name.px * 1.1))
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)'
  fitText(ctx, '扫码报事 · 楼事通', cx, 268, W - 96, 28, 'normal')

  // 二维码的白底卡片（色带下方，卡片里的白色就是二维码的静区）。
  const cardTop = 350
  const cardSize = 520
  ctx.fillStyle = '#ffffff'
  ctx.strokeStyle = '#d9e6ff'
  ctx.lineWidth = 4
  roundRect(ctx, cx - cardSize / 2, cardTop, cardSize, cardSize, 28)
  ctx.fill()
  ctx.stroke()
  ctx.restore()

  // 二维码按画布像素画：整数倍放大、不平滑。
  const boxPx = Math.floor((cardSize - 2 * 36) * scale)
  const placed = placeQr(Math.max(qr.width, qr.height), boxPx, Math.round(cx * scale), Math.round((cardTop + 36) * scale))
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.imageSmoothingEnabled = !Number.isInteger(placed.factor)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(placed.x, placed.y, placed.size, placed.size)
  ctx.drawImage(qr.source as never, placed.x, placed.y, placed.size, placed.size)
  ctx.restore()

  ctx.save()
  ctx.setTransform(scale, 0, 0, scale, 0, 0)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = '#1f2329'
  fitText(ctx, texts.instruction, cx, 940, W - 96, 42, 'bold')
  ctx.fillStyle = '#8a9099'
  fitText(ctx, texts.footer, cx, 1010, W - 96, 26, 'normal')
  ctx.restore()
  return placed
}

/** 下载或保存时的文件名。 */
export const posterFileName = (buildingName: string) => `${buildingName.replace(/[\\/:*?"<>|\s]+/g, '')}-报事二维码.png`
