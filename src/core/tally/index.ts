/** 通用统计桶（buckets）与云开发上统计事件的归并（log）；各来源的规则表在各自能力的 tallySource.ts，全部来源的重算在 ../recount.ts。 */
export * from './buckets'
export * from './log'
export * from './ports'
