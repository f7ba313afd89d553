/**
 * 海报的平台部分：小程序用页面里的 2d 画布，浏览器用一个不挂到页面上的 <canvas>。
 * 画什么由 drawPoster.ts 决定，这里只管拿画布、装图片、导出与保存。
 */
import Taro from '@tarojs/taro'
import type { BuildingQrView } from '@/core/dashboard/views'
import { drawPoster, POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH, posterFileName, type PosterContext, type PosterTexts } from './drawPoster'

export const POSTER_INSTRUCTION = '微信扫码，报事报修、查看公告'

export const posterTexts = (qr: BuildingQrView): PosterTexts => ({
  communityName: qr.communityName,
  buildingName: qr.buildingName,
  instruction: POSTER_INSTRUCTION,
  footer: `楼栋码 ${qr.buildingCode} · 贴在单元门口、电梯厅`,
})

const dataUrlOf = (qr: BuildingQrView) => `data:${qr.contentType};base64,${qr.base64}`

/* ---------------- 浏览器 ---------------- */

/** 浏览器里画好的海报：PNG 的 data URL（预览与下载都用它）。 */
export async function drawPosterH5(qr: BuildingQrView): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_WIDTH * POSTER_SCALE
  canvas.height = POSTER_HEIGHT * POSTER_SCALE
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('浏览器不支持画布，无法生成海报')
  const img = document.createElement('img')
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('二维码图片加载失败'))
    img.src = dataUrlOf(qr)
  })
  // 中文字体就绪后再写字，否则可能画成方框或退回到别的字体。
  await document.fonts?.ready.catch(() => undefined)
  drawPoster(ctx as unknown as PosterContext, posterTexts(qr), { source: img, width: img.naturalWidth, height: img.naturalHeight })
  return canvas.toDataURL('image/png')
}

/** 浏览器里下载：<a download> 点一下。 */
export function downloadPosterH5(url: string, buildingName: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = posterFileName(buildingName)
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/* ---------------- 小程序 ---------------- */

/** 取页面里的 2d 画布节点；取不到（基础库太旧、模拟环境）时为 null。 */
export function queryCanvas(selector: string, timeoutMs = 1500): Promise<Taro.Canvas | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs)
    try {
      Taro.createSelectorQuery()
        .select(selector)
        .fields({ node: true, size: true })
        .exec((res: { node?: Taro.Canvas }[] | null) => {
          clearTimeout(timer)
          resolve(res?.[0]?.node ?? null)
        })
    } catch {
      clearTimeout(timer)
      resolve(null)
    }
  })
}

/** 把二维码写成临时文件（画布图片不一定认 data URL），返回路径。 */
function qrTempFile(qr: BuildingQrView): string {
  const path = `${Taro.env.USER_DATA_PATH}/loushi-qr-${qr.buildingCode}.png`
  Taro.getFileSystemManager().writeFileSync(path, qr.base64, 'base64')
  return path
}

/** 在小程序的 2d 画布上画海报。 */
export async function drawPosterWeapp(canvas: Taro.Canvas, qr: BuildingQrView): Promise<void> {
  canvas.width = POSTER_WIDTH * POSTER_SCALE
  canvas.height = POSTER_HEIGHT * POSTER_SCALE
  const ctx = canvas.getContext('2d') as unknown as PosterContext | null
  if (!ctx) throw new Error('画布不可用')
  const img = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('二维码图片加载失败'))
    img.src = qrTempFile(qr)
  })
  drawPoster(ctx, posterTexts(qr), { source: img, width: img.width, height: img.height })
}

const errMsgOf = (e: unknown) => String((e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? '')

/** 存相册；相册权限被拒时说明原因并带去设置页。 */
async function saveToAlbum(filePath: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    Taro.showToast({ title: '已保存到相册', icon: 'success' })
  } catch (e) {
    const msg = errMsgOf(e)
    if (/cancel/i.test(msg)) return
    if (/auth|deny|denied|authorize|privacy/i.test(msg)) {
      const { confirm } = await Taro.showModal({
        title: '需要相册权限',
        content: '保存海报要允许“添加到相册”。请在设置里打开后再点一次保存。',
        confirmText: '去设置',
        cancelText: '暂不',
      })
      if (confirm) await Taro.openSetting().catch(() => undefined)
      return
    }
    Taro.showToast({ title: '没有保存成功，请稍后再试', icon: 'none' })
  }
}

/** 画布导出成图片存相册。 */
export async function savePosterWeapp(canvas: Taro.Canvas): Promise<void> {
  let tempFilePath: string
  try {
    ;({ tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option))
  } catch {
    Taro.showToast({ title: '海报导出失败，请重试', icon: 'none' })
    return
  }
  await saveToAlbum(tempFilePath)
}

/** 画布不可用时的退路：只存二维码本身。 */
export async function saveQrOnlyWeapp(qr: BuildingQrView): Promise<void> {
  let path: string
  try {
    path = qrTempFile(qr)
  } catch {
    Taro.showToast({ title: '没有保存成功，请长按二维码保存', icon: 'none' })
    return
  }
  await saveToAlbum(path)
}

export { dataUrlOf }
