/**
 * 转发到业主群：公告、问卷、征求意见与公示（都是公告）、楼栋落地页的分享卡片。
 * - 路径带上楼栋码（b=）与来源（s=1）：没扫过楼里二维码的居民点开卡片，也落在同一栋楼的同一条；
 *   s=1 让那次打开记作"经群分享打开"（每人每条至多一次，见 SECURITY.md）。
 * - 卡片图在离屏画布上画（标题、楼栋、一句要点），不截屏；画不出来（基础库太旧、模拟环境）就用微信默认的页面截图。
 * - H5 没有转发菜单：页面给"复制链接"（services/copyShareLink.ts），复制的链接同样带 b= 与 s=1。
 */
import Taro, { useShareAppMessage, type ShareAppMessageReturnObject, type WeappShareAppMessageReturnObject } from '@tarojs/taro'

export interface ShareCard {
  /** 卡片标题：说清是什么、哪栋楼（微信里最多显示两行）。 */
  title: string
  /** 小程序内的页面路径（以 / 开头，带 b= 与 s=1）。 */
  path: string
  /** 卡片图上的三行：种类（"公告"）、标题、楼栋与一句要点。 */
  image: { kind: string; title: string; place: string; line: string }
}

/** 页面路径加上来源标记 s=1（分享打开的）。 */
export const sharedPath = (route: string, params: Record<string, string>) =>
  `${route}?${Object.entries({ ...params, s: '1' })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`

/** 这次打开是不是从分享卡片或复制的链接来的。 */
export const openedFromShare = (params: Record<string, string | undefined>) => params.s === '1'

const CARD_WIDTH = 500
const CARD_HEIGHT = 400

/** 把标题按宽度折成至多 maxLines 行，放不下的末尾加省略号。 */
function wrap(ctx: { measureText(t: string): { width: number } }, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = []
  let line = ''
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (ctx.measureText(next).width <= width) {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) {
      lines.push(`${line.slice(0, -1)}…`)
      return lines
    }
    lines.push(line)
    line = chars[i]
  }
  if (line) lines.push(line)
  return lines
}

/**
 * 卡片图只在微信里画（H5 没有转发卡片）。写成构建时的常量条件：H5 的构建不带画布的代码（webpack 删掉不走的分支，
 * 落地页的脚本因此少了 Taro H5 的 createOffscreenCanvas 与 canvasToTempFilePath）。
 */
export function drawShareImage(image: ShareCard['image']): Promise<string | undefined> {
  return process.env.TARO_ENV === 'weapp' ? drawOnCanvas(image) : Promise.resolve(undefined)
}

/** 5:4 的卡片图：上方色条写种类，中间大字标题，下方楼栋与要点。返回临时文件路径；画不出来为 undefined。 */
async function drawOnCanvas(image: ShareCard['image']): Promise<string | undefined> {
  try {
    const canvas = Taro.createOffscreenCanvas({ type: '2d', width: CARD_WIDTH, height: CARD_HEIGHT }) as unknown as Taro.OffscreenCanvas & {
      getContext(type: '2d'): CanvasRenderingContext2D
    }
    const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT)
    ctx.fillStyle = '#1664ff'
    ctx.fillRect(0, 0, CARD_WIDTH, 72)
    ctx.fillStyle = '#ffffff'
    ctx.font = 'bold 32px sans-serif'
    ctx.textBaseline = 'middle'
    ctx.fillText(image.kind, 28, 36)
    ctx.fillStyle = '#1f2329'
    ctx.font = 'bold 40px sans-serif'
    ctx.textBaseline = 'top'
    wrap(ctx, image.title, CARD_WIDTH - 56, 3).forEach((t, i) => ctx.fillText(t, 28, 100 + i * 54))
    ctx.fillStyle = '#4e5969'
    ctx.font = '28px sans-serif'
    ctx.fillText(image.place, 28, 290)
    ctx.fillText(wrap(ctx, image.line, CARD_WIDTH - 56, 1)[0] ?? '', 28, 336)
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as unknown as Taro.canvasToTempFilePath.Option)
    return tempFilePath
  } catch {
    return undefined
  }
}

/**
 * 页面的转发卡片（小程序右上角菜单与 open-type="share" 按钮）。card 为 null 时用微信的默认卡片。
 * 卡片图异步画：先给标题与路径，图在 3 秒内画好就换上（onShareAppMessage 的 promise 字段）。
 */
export function useShareCard(card: ShareCard | null): void {
  useShareAppMessage((): ShareAppMessageReturnObject | WeappShareAppMessageReturnObject => {
    if (!card) return {}
    const base = { title: card.title, path: card.path }
    return { ...base, promise: drawShareImage(card.image).then((imageUrl) => (imageUrl ? { ...base, imageUrl } : base)) }
  })
}
