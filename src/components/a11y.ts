/**
 * 可点的 View/Text 的角色：读屏念出"按钮"。
 * 小程序用 aria-role（Taro 把 ariaRole 写成 aria-role），H5 用 role；H5 里的 aria-role 不是合法属性（axe 报 critical）。
 * H5 里再加 tabIndex，键盘与切换控制也能停在上面。名字就是里面的文字；只有图的另给 aria-label（见 labelled）。
 */
const h5 = process.env.TARO_ENV === 'h5'

interface KeyEvent {
  key?: string
  target?: unknown
  currentTarget?: unknown
  preventDefault?: () => void
}

/**
 * H5 里按 Enter 或空格就是点它（浏览器只替真按钮这样做）：在元素上触发一次 click，走的是页面自己给的 onClick，
 * 与展开的先后无关。空格不再滚动页面；里面的输入框自己收到的按键不管。
 */
function activateOnKey(e: KeyEvent) {
  if (e.key !== 'Enter' && e.key !== ' ') return
  if (e.target !== e.currentTarget) return
  e.preventDefault?.()
  ;(e.currentTarget as HTMLElement).click()
}

const h5Button = { role: 'button', tabIndex: 0, onKeyDown: activateOnKey }

/** 本来就能停上焦点的控件（NutUI 的开关：tabIndex 0、点一下切换）：H5 里 Enter 与空格也切换，同 asButton。 */
export const activatesOnKey: object = h5 ? { onKeyDown: activateOnKey } : {}

export const asButton: object = h5 ? h5Button : { ariaRole: 'button' }

/** 只有图、没有字的可点元素（照片缩略图、删除叉）：按钮角色加名字。 */
export function labelled(label: string): object {
  return h5 ? { ...h5Button, 'aria-label': label } : { ariaRole: 'button', ariaLabel: label }
}

/** 图片的替代文字：H5 的 Image 把 nativeProps 放到里面的 <img> 上；小程序的 image 用 aria-label。 */
export function altText(text: string): object {
  return h5 ? { nativeProps: { alt: text } } : { ariaLabel: text }
}

/** 可点的图片（照片缩略图）：替代文字加按钮角色。 */
export function tappableImage(text: string): object {
  return h5 ? { nativeProps: { alt: text }, ...h5Button } : { ariaLabel: text, ariaRole: 'button' }
}

/** 只是装饰、旁边已有文字说明的（只读的星级，旁边写着"4 分"）：读屏跳过，也不算可点的目标。 */
export const decorative: object = h5 ? { 'aria-hidden': 'true' } : { ariaHidden: 'true' }

/**
 * 小程序模板里补上的无障碍属性（Taro 生成的 view、text、image 模板里没有）。
 * config/a11yTemplate.js 把同一张表并进构建时的模板；app.tsx 在运行时并进组件表，属性才有模板里的短名，
 * 两边的键与顺序必须一致（test/mp/text-scale.test.ts 守着）。
 */
const ARIA = { 'aria-role': "''", 'aria-label': "''", 'aria-checked': "''", 'aria-disabled': "''", 'aria-hidden': "''" }
export const MINI_PROGRAM_ARIA_ATTRIBUTES = {
  View: ARIA,
  Text: ARIA,
  Image: { 'aria-label': "''", 'aria-role': "''" },
  Button: { 'aria-label': "''" },
}
