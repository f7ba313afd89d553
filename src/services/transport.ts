/**
 * 调用云函数的通道：微信里走 Taro.cloud.callFunction，其他环境（H5、本地演示）走 HTTP 到本地函数宿主。
 * 两条路收发的是同一个 { action, payload } 事件和 { code, message, data } 返回。
 */
import Taro from '@tarojs/taro'
import type { FunctionEvent, FunctionReply } from '@/core/api'

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const NETWORK_MESSAGE = '网络不太稳定，请稍后重试'

async function viaCloud(name: string, event: FunctionEvent): Promise<FunctionReply<unknown>> {
  const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> })
  return res.result as FunctionReply<unknown>
}

async function viaHttp(name: string, event: FunctionEvent): Promise<FunctionReply<unknown>> {
  const base = process.env.TARO_APP_API_BASE ?? ''
  const res = await fetch(`${base}/api/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'include',
    body: JSON.stringify(event),
  })
  return (await res.json()) as FunctionReply<unknown>
}

export const isLocalMode = process.env.TARO_ENV !== 'weapp'

export async function callFunction(name: string, event: FunctionEvent): Promise<unknown> {
  let reply: FunctionReply<unknown>
  try {
    reply = isLocalMode ? await viaHttp(name, event) : await viaCloud(name, event)
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE)
  }
  return dataOfReply(reply)
}

/** 函数的答复 → 数据；不是 OK 就抛 ApiError（H5 落地页先发的请求也经这里，见 landingPrefetch.ts）。 */
export function dataOfReply(reply: unknown): unknown {
  if (!reply || typeof reply !== 'object') throw new ApiError('NETWORK', NETWORK_MESSAGE)
  const { code, message, data } = reply as FunctionReply<unknown>
  if (code !== 'OK') throw new ApiError(code, message)
  return data
}

/** 只有网络与服务端的临时故障值得"重试"；没有权限、找不到、内容不合规，重试也一样。 */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'NETWORK' || error.code === 'INTERNAL'
}
