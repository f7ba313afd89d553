/**
 * npm run summary:print：在一份新播种的演示数据上起草五种总结并打印全文（纯文字），用来通读措辞。
 * 春晖苑 1号楼（代表李建国）与春晖苑全小区（业委会张伟）、槐树里小区全小区（居委会刘秀兰），各起草今年一年。
 *   npx tsx scripts/print-summaries.ts [--kind representative|joint|noProperty|property|oldEstate]
 */
import { render, SUMMARY_KINDS, type SummaryKind } from '../src/core/summaryDocument'
import { draftDemoSummaries } from './demoDrafts'

const only = process.argv.includes('--kind') ? (process.argv[process.argv.indexOf('--kind') + 1] as SummaryKind) : null

draftDemoSummaries(
  (scope, kind, outcome) => {
    console.log(`\n======== ${scope.who} · ${scope.buildingCode ?? '全小区'} · ${kind} ========`)
    console.log(outcome.ok ? render(outcome.document) : `${outcome.code} ${outcome.message}`)
  },
  { kinds: only ? SUMMARY_KINDS.filter((k) => k === only) : SUMMARY_KINDS },
).catch((e) => {
  console.error(e)
  process.exit(1)
})
