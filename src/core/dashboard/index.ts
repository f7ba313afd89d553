/** 楼栋首页：落地页一次取齐、"我的身份"、楼栋二维码、楼栋统计（读所有能力，在最上层）。 */
export * from './actions'
export * from './landing'
export * from './progress'
export * from './schema'
export * from './views'
