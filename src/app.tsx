import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
    }
  })
  return children
}

export default App
