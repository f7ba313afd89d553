/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd'
    /** 云开发环境 id(生产);为空时用默认环境。 */
    TARO_APP_CLOUD_ENV?: string
    /** H5 调用本地函数宿主的地址;为空时与页面同源。 */
    TARO_APP_API_BASE?: string
  }
}
