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
    /** 新报事提醒的订阅消息模板 ID（与云函数的 LOUSHI_TEMPLATE_NEW_REPORT 相同）；为空时不显示订阅入口。 */
    TARO_APP_TEMPLATE_NEW_REPORT?: string
  }
}
