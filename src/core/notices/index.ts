/** 公告：发布、撤回、居民阅读与知晓率、统计来源；公告里挂的总结用 summaryDocument 显示。 */
export * from './actions'
export * from './messages'
export * from './model'
export * from './ports'
export * from './schema'
export * from './tallySource'
export * from './views'
export * from './inMonths'
