/**
 * 一次性订阅消息的通用请求（"报事进度"见 src/services/progressSubscribe.ts，同一个做法）：
 * 模板 ID 在构建时写进来（TARO_APP_TEMPLATE_*），只在微信里有意义；H5 或没配时不弹窗。
 * 必须在点击的处理函数里、任何网络请求之前调用（微信只允许由点击直接触发）。
 */
import Taro from '@tarojs/taro'

/** 'accept'：居民同意；'reject'：拒绝或平台出错；'skipped'：不在微信里或没配模板，没有弹窗。 */
export type SubscribeOutcome = 'accept' | 'reject' | 'skipped'

function noticeTemplateId(): string {
  if (process.env.TARO_ENV !== 'weapp') return ''
  try {
    // 构建配置没有替换这个变量时，小程序里没有 process：读它会抛 ReferenceError。
    return process.env.TARO_APP_TEMPLATE_NOTICE || ''
  } catch {
    return ''
  }
}

/** "新公告"模板 ID；没配为空串。 */
export const NOTICE_TEMPLATE_ID = noticeTemplateId()

export function requestSubscription(templateId: string): Promise<SubscribeOutcome> {
  if (!templateId) return Promise.resolve('skipped')
  return Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] }).then(
    (result) => ((result as unknown as Record<string, string>)[templateId] === 'accept' ? 'accept' : 'reject'),
    () => 'reject',
  )
}
