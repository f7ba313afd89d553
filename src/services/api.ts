/** 每个云函数动作一个有类型的调用；页面只用这里的函数。 */
import type { ActionOf, FunctionName, InputOf, OutputOf } from '@/core/api'
import { callFunction } from './transport'

export function call<F extends FunctionName, A extends ActionOf<F>>(name: F, action: A, payload: InputOf<F, A>): Promise<OutputOf<F, A>> {
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
  landing: (buildingCode: string) => call('account', 'landing', { buildingCode }),
  building: (buildingCode: string) => call('account', 'building', { buildingCode }),
  buildingQr: (buildingCode: string) => call('account', 'buildingQr', { buildingCode }),
  inviteInfo: (code: string) => call('account', 'inviteInfo', { code }),
  join: (input: InputOf<'account', 'join'>) => call('account', 'join', input),
  // 管理员
  createCommunity: (input: InputOf<'admin', 'createCommunity'>) => call('admin', 'createCommunity', input),
  communityOverview: (communityId: string) => call('admin', 'overview', { communityId }),
  updateCommunity: (input: InputOf<'admin', 'updateCommunity'>) => call('admin', 'updateCommunity', input),
  saveBuilding: (input: InputOf<'admin', 'saveBuilding'>) => call('admin', 'saveBuilding', input),
  createInvite: (input: InputOf<'admin', 'invite'>) => call('admin', 'invite', input),
  revokeInvite: (input: InputOf<'admin', 'revokeInvite'>) => call('admin', 'revokeInvite', input),
  removeMember: (input: InputOf<'admin', 'removeMember'>) => call('admin', 'removeMember', input),
  // 公告
  notices: (input: InputOf<'notices', 'list'>) => call('notices', 'list', input),
  readNotice: (input: InputOf<'notices', 'read'>) => call('notices', 'read', input),
  subscribeNotices: (buildingCode: string) => call('notices', 'subscribe', { buildingCode }),
  publishNotice: (input: InputOf<'notices', 'publish'>) => call('notices', 'publish', input),
  withdrawNotice: (noticeId: string) => call('notices', 'withdraw', { noticeId }),
  managedNotices: (input: InputOf<'notices', 'managed'> = {}) => call('notices', 'managed', input),
  // 工作台账
  addWorkLog: (input: InputOf<'worklog', 'add'>) => call('worklog', 'add', input),
  editWorkLog: (input: InputOf<'worklog', 'edit'>) => call('worklog', 'edit', input),
  fixHazard: (input: InputOf<'worklog', 'fixHazard'>) => call('worklog', 'fixHazard', input),
  removeWorkLog: (entryId: string) => call('worklog', 'remove', { entryId }),
  workLogEntry: (entryId: string) => call('worklog', 'detail', { entryId }),
  workLog: (input: InputOf<'worklog', 'list'>) => call('worklog', 'list', input),
  workLogForm: (input: InputOf<'worklog', 'form'>) => call('worklog', 'form', input),
  // 满意度问卷
  openSurveys: (buildingCode: string) => call('surveys', 'open', { buildingCode }),
  surveyForm: (input: InputOf<'surveys', 'form'>) => call('surveys', 'form', input),
  answerSurvey: (input: InputOf<'surveys', 'answer'>) => call('surveys', 'answer', input),
  createSurvey: (input: InputOf<'surveys', 'create'>) => call('surveys', 'create', input),
  closeSurvey: (surveyId: string) => call('surveys', 'close', { surveyId }),
  managedSurveys: (input: InputOf<'surveys', 'managed'> = {}) => call('surveys', 'managed', input),
  surveyResults: (surveyId: string) => call('surveys', 'results', { surveyId }),
  // 工作总结
  summaries: (input: InputOf<'summary', 'list'>) => call('summary', 'list', input),
  summaryDraft: (input: InputOf<'summary', 'draft'>) => call('summary', 'draft', input),
  summaryTrace: (input: InputOf<'summary', 'trace'>) => call('summary', 'trace', input),
  summarySave: (input: InputOf<'summary', 'save'>) => call('summary', 'save', input),
  summaryRestore: (input: InputOf<'summary', 'restore'>) => call('summary', 'restore', input),
  summaryDetail: (input: InputOf<'summary', 'detail'>) => call('summary', 'detail', input),
  summaryPublish: (input: InputOf<'summary', 'publish'>) => call('summary', 'publish', input),
  summaryComment: (input: InputOf<'summary', 'comment'>) => call('summary', 'comment', input),
  summaryFinalize: (input: InputOf<'summary', 'finalize'>) => call('summary', 'finalize', input),
  summaryExport: (input: InputOf<'summary', 'export'>) => call('summary', 'export', input),
}

/** 请求编号：同一次提交的重试用同一个，函数据此只存一次。 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `r${Date.now().toString(36)}${random}`
}
