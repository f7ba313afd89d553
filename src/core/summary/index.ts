/** 工作总结起草器（纯函数）：输入三期通用统计、台账、典型案例候选与小区/楼栋的事实，输出结构化文档。 */
export * from './types'
export { defaultKind } from './kinds'
export { chooseTypicalCases, CASE_RULES } from './cases'
export { deriveFacts, periodMonths, type DerivedFacts } from './facts'
export { findWeaknesses, SUMMARY_THRESHOLDS, type FoundWeakness } from './weaknesses'
export { draftSummary, summaryPeriodLabel, phraseHash, figureIdsIn } from './draft'
export { render, renderText, segments, allParagraphs, type Segment } from './render'
export { PHRASES, PRAISE_WORDS, HEADINGS, GAPS } from './phrases'
