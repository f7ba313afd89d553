/**
 * 报事状态流转。
 * 状态 id 与含义一致：awaiting_confirmation = 待确认（代表已处理，等居民确认），resolved = 已解决（居民确认）。
 * 存储里旧的 id（resolved = 待确认、confirmed = 已解决）由迁移改名：SQLite 见 server/storage/sqlite/migrations.ts，
 * 云开发见 server/storage/cloudbase/migrations.ts。
 * 状态分四组（借鉴 FixMyStreet 的 open / fixed / closed / hidden):
 * 处理中的（待受理、已受理、处理中）、已处理的（待确认、已解决）、已关闭、已隐藏。
 * "待确认"是代表标记已处理、等居民回答"解决了吗？"的状态；居民说没解决就回到处理中（重新打开）。
 */

export const REPORT_STATUSES = ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed', 'duplicate', 'hidden'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

export const STATUS_LABELS: Record<ReportStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  processing: '处理中',
  awaiting_confirmation: '待确认',
  resolved: '已解决',
  // id 沿用 closed（已发布的数据里就是它），含义是代表不予受理（须写原因）。
  closed: '不予受理',
  duplicate: '重复',
  hidden: '已隐藏',
}

export const STATUS_GROUPS = ['open', 'fixed', 'closed', 'hidden'] as const
export type StatusGroup = (typeof STATUS_GROUPS)[number]
export const STATUS_GROUP: Record<ReportStatus, StatusGroup> = {
  pending: 'open',
  accepted: 'open',
  processing: 'open',
  awaiting_confirmation: 'fixed',
  resolved: 'fixed',
  closed: 'closed',
  duplicate: 'closed',
  hidden: 'hidden',
}
export const STATUS_GROUP_LABELS: Record<StatusGroup, string> = {
  // 不叫"处理中"：那是一个具体状态的名字。
  open: '未办结',
  fixed: '已处理',
  closed: '已关闭',
  hidden: '已隐藏',
}

export const REPORT_ACTIONS = ['accept', 'start', 'handle', 'confirm', 'reopen', 'close', 'merge', 'hide'] as const
export type ReportAction = (typeof REPORT_ACTIONS)[number]
export const ACTION_LABELS: Record<ReportAction, string> = {
  accept: '受理',
  start: '开始处理',
  handle: '标记已处理',
  confirm: '确认已解决',
  reopen: '重新打开',
  close: '不予受理',
  merge: '合并为重复',
  hide: '隐藏',
}

/** 谁在推动流转：报事人本人，还是负责这栋楼的代表/业委会。 */
export type Actor = 'reporter' | 'handler'

interface Rule {
  from: readonly ReportStatus[]
  to: ReportStatus
  by: Actor
}

const RULES: Record<ReportAction, Rule> = {
  accept: { from: ['pending'], to: 'accepted', by: 'handler' },
  // 处理中也可以再"开始处理"：改派给另一方时留一条痕。
  start: { from: ['pending', 'accepted', 'processing'], to: 'processing', by: 'handler' },
  handle: { from: ['pending', 'accepted', 'processing'], to: 'awaiting_confirmation', by: 'handler' },
  confirm: { from: ['awaiting_confirmation'], to: 'resolved', by: 'reporter' },
  // 居民说"没解决"或代表复查发现问题仍在，都回到处理中，不必重新提交。
  reopen: { from: ['awaiting_confirmation', 'resolved', 'closed'], to: 'processing', by: 'reporter' },
  close: { from: ['pending', 'accepted', 'processing'], to: 'closed', by: 'handler' },
  // 重复：并入同楼的另一条报事，报事人与关注者转去关注那一条；并入后不再拆开。
  merge: { from: ['pending', 'accepted', 'processing'], to: 'duplicate', by: 'handler' },
  hide: { from: ['pending', 'accepted', 'processing', 'awaiting_confirmation', 'resolved', 'closed', 'duplicate'], to: 'hidden', by: 'handler' },
}

export type TransitionResult = { ok: true; from: ReportStatus; to: ReportStatus } | { ok: false; message: string }

/** 判断一次流转是否允许；不允许时给出可以直接展示给用户的中文原因。 */
export function transition(current: ReportStatus, action: ReportAction, actor: Actor): TransitionResult {
  const rule = RULES[action]
  if (rule.by !== actor && !(action === 'reopen' && actor === 'handler')) {
    return { ok: false, message: actor === 'reporter' ? `只有负责的代表可以${ACTION_LABELS[action]}` : `只有报事人可以${ACTION_LABELS[action]}` }
  }
  if (!rule.from.includes(current)) {
    return { ok: false, message: `当前状态为“${STATUS_LABELS[current]}”，不能${ACTION_LABELS[action]}` }
  }
  return { ok: true, from: current, to: rule.to }
}

/** 在某个状态下，某一方可以做的动作（用于页面只显示可点的按钮）。 */
export function availableActions(current: ReportStatus, actor: Actor): ReportAction[] {
  return REPORT_ACTIONS.filter((a) => transition(current, a, actor).ok)
}

/**
 * 从一次流转的起止状态认出是哪个动作（留痕里只记起止状态；统计与时间线都用它）。
 * 回到处理中的：从待确认、已解决、不予受理回来是重新打开，从待受理、已受理过去是开始处理。
 */
export function actionOf(from: string, to: ReportStatus): ReportAction {
  switch (to) {
    case 'accepted':
      return 'accept'
    case 'processing':
      return from === 'pending' || from === 'accepted' || from === 'processing' ? 'start' : 'reopen'
    case 'awaiting_confirmation':
      return 'handle'
    case 'resolved':
      return 'confirm'
    case 'closed':
      return 'close'
    case 'duplicate':
      return 'merge'
    case 'hidden':
      return 'hide'
    case 'pending':
      // 没有回到待受理的流转；旧数据里若有，按重新打开算。
      return 'reopen'
  }
}
