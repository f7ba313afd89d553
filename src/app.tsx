import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { mergeInternalComponents } from '@tarojs/shared'
import { MINI_PROGRAM_ARIA_ATTRIBUTES } from '@/components/a11y'
import './app.scss'

/**
 * 新版本下载好就请用户重启：云函数与页面一起发布，旧页面发出的载荷（如不带 expectedStatus 的动作）会被新函数拒收。
 * 模拟器与开发者工具里没有更新管理器，什么都不做。
 */
function applyUpdates() {
  const manager = typeof Taro.getUpdateManager === 'function' ? Taro.getUpdateManager() : null
  if (!manager || typeof manager.onUpdateReady !== 'function') return
  manager.onUpdateReady(() => {
    void Taro.showModal({ title: '有新版本', content: '新版本已经准备好，重启后使用', showCancel: false, confirmText: '重启' }).then(() =>
      manager.applyUpdate(),
    )
  })
}

// 小程序：模板里加了 aria-role、aria-label 等（config/a11yTemplate.js），运行时的组件表也要有，页面上写的值才进得了模板。
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(MINI_PROGRAM_ARIA_ATTRIBUTES)

/**
 * H5 的每个页面在自己的容器（.taro_page）里滚动：容器要能被键盘聚焦，键盘与切换控制的用户才滚得动
 * （axe 的 scrollable-region-focusable；没有可点元素的页面，如问卷结果）。只看新加进来的页面容器。
 */
function focusablePageContainers() {
  const root = document.getElementById('app')
  if (!root || typeof MutationObserver === 'undefined') return
  const mark = (node: Node) => {
    if (node instanceof HTMLElement && node.classList.contains('taro_page') && !node.hasAttribute('tabindex')) node.setAttribute('tabindex', '0')
  }
  root.querySelectorAll('.taro_page').forEach(mark)
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(mark))).observe(root, { childList: true, subtree: true })
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
      applyUpdates()
    }
    if (process.env.TARO_ENV === 'h5') focusablePageContainers()
  })
  return children
}

export default App
