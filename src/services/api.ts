/** 每个云函数动作一个有类型的调用；页面只用这里的函数。 */
import type { ActionOf, FunctionName, InputOf, OutputOf } from '@/core/api'
import { callFunction } from './transport'

export function call<F extends FunctionName, A extends ActionOf<F>>(
  name: F,
  action: A,
  payload: InputOf<F, A>,
): Promise<OutputOf<F, A>> {
  return callFunction(name, { action, payload }) as Promise<OutputOf<F, A>>
}

export const api = {
  submitReport: (input: InputOf<'reports', 'submit'>) => call('reports', 'submit', input),
  listMyReports: (input: InputOf<'reports', 'listMine'> = {}) => call('reports', 'listMine', input),
  buildingStats: (input: InputOf<'stats', 'building'>) => call('stats', 'building', input),
  handlingQueue: (input: InputOf<'handling', 'queue'> = {}) => call('handling', 'queue', input),
  handlingCounts: (input: InputOf<'handling', 'counts'> = {}) => call('handling', 'counts', input),
  handlingDetail: (reportId: string) => call('handling', 'detail', { reportId }),
  handlingAct: (input: InputOf<'handling', 'act'>) => call('handling', 'act', input),
  me: () => call('account', 'me', {}),
  building: (buildingCode: string) => call('account', 'building', { buildingCode }),
  buildingQr: (buildingCode: string) => call('account', 'buildingQr', { buildingCode }),
}

/** 请求编号：同一次提交的重试用同一个，函数据此只存一次。 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `r${Date.now().toString(36)}${random}`
}
