/** 工作台账：记、改、整改隐患、列表；统计来源。 */
export * from './actions'
export * from './model'
export * from './ports'
export * from './schema'
export * from './tallySource'
export * from './views'
export * from './inMonths'
