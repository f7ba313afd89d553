/**
 * "报事进度"订阅：提交报事、点"我也遇到"之前向居民请求一次性订阅。
 * 模板 ID 来自构建时的 TARO_APP_TEMPLATE_REPORT_PROGRESS（只在微信里有意义）；没配就跳过。
 * 居民拒绝、平台出错都不影响接下来的提交。
 */
import Taro from '@tarojs/taro'

function templateId(): string {
  if (process.env.TARO_ENV !== 'weapp') return ''
  try {
    // 构建配置没有替换这个变量时，小程序里没有 process：读它会抛 ReferenceError。
    return process.env.TARO_APP_TEMPLATE_REPORT_PROGRESS || ''
  } catch {
    return ''
  }
}

export const REPORT_PROGRESS_TEMPLATE_ID = templateId()

/** 必须在点击的处理函数里调用（微信只允许由点击触发）。返回居民是否同意。 */
export async function requestProgressSubscription(): Promise<boolean> {
  const id = REPORT_PROGRESS_TEMPLATE_ID
  if (!id) return false
  try {
    const result = await Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] })
    return (result as unknown as Record<string, string>)[id] === 'accept'
  } catch {
    return false
  }
}
