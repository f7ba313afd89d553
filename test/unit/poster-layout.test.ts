/**
 * 楼栋海报上的楼栋名（src/rep/qrcode/drawPoster.ts）：最长允许的名称（BUILDING_NAME_MAX 个字）也整段印出来、不被裁掉。
 * 改之前：名称从 104 缩到 40 就不再缩，20 个汉字在 40 号字下宽 800，比可用的 654 宽，两头被裁掉。
 */
import { BUILDING_NAME_MAX } from '../../src/core/shared/catalog'
import { drawPoster, layoutBuildingName, POSTER_WIDTH, type PosterContext } from '../../src/rep/qrcode/drawPoster'

/** 假的量宽：汉字一个字号宽，ASCII 半个（与中文字体的比例相近）。独立于被测的排法。 */
const widthOf = (text: string, px: number) => Array.from(text).reduce((w, c) => w + (c.charCodeAt(0) < 128 ? px / 2 : px), 0)

/** 记下每次 fillText 的文字、位置与当时的字号。 */
function recordingContext() {
  const texts: { text: string; x: number; y: number; px: number }[] = []
  let font = ''
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 0,
    get font() {
      return font
    },
    set font(v: string) {
      font = v
    },
    textAlign: 'center',
    textBaseline: 'middle',
    imageSmoothingEnabled: false,
    save() {},
    restore() {},
    setTransform() {},
    fillRect() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    arcTo() {},
    closePath() {},
    fill() {},
    stroke() {},
    drawImage() {},
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, px: Number(/(\d+)px/.exec(font)?.[1]) })
    },
    measureText(text: string) {
      return { width: widthOf(text, Number(/(\d+)px/.exec(font)?.[1])) }
    },
  } satisfies PosterContext
  return { ctx, texts }
}

const MAX_WIDTH = POSTER_WIDTH - 96

describe('海报上的楼栋名', () => {
  it.each([
    ['1号楼', 1],
    ['春晖苑东区12号楼', 1],
    ['春'.repeat(BUILDING_NAME_MAX), 2],
    ['Building A North Wing', 2],
  ])('%s：每一行都在可用宽度里，拼起来就是整个名称（%i 行）', (name, lines) => {
    const { ctx, texts } = recordingContext()
    drawPoster(
      ctx,
      { communityName: '春晖苑', buildingName: name, instruction: '微信扫码，报事报修、查看公告', footer: '楼栋码 CHY1' },
      { source: null, width: 100, height: 100 },
      1,
    )
    // 顶部色带里、居中在 168 附近的就是楼栋名。
    const drawn = texts.filter((t) => t.y > 100 && t.y < 250)
    expect(drawn).toHaveLength(lines)
    expect(drawn.map((t) => t.text).join('')).toBe(name)
    for (const t of drawn) expect(widthOf(t.text, t.px)).toBeLessThanOrEqual(MAX_WIDTH)
    // 打印出来还认得清：不小于 36 号字（逻辑尺寸，A5 上约 7 mm）。
    for (const t of drawn) expect(t.px).toBeGreaterThanOrEqual(36)
  })

  it('两行时分得均匀、不压到下面那行说明（268）', () => {
    const layout = layoutBuildingName('春'.repeat(BUILDING_NAME_MAX), MAX_WIDTH, widthOf)
    expect(layout.lines.map((l) => l.length)).toEqual([10, 10])
    expect(168 + layout.px * 1.1 * 0.5 + layout.px / 2).toBeLessThan(268 - 14)
  })
})
