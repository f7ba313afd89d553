/** 处理报事：代表的待办队列、详情与动作（在 reports 之上）。 */
export * from './actions'
export * from './views'
