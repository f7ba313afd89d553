import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
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

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
      applyUpdates()
    }
  })
  return children
}

export default App
