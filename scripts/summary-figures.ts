/**
 * npm run summary:figures：在新播种的演示数据上起草三个范围（春晖苑1号楼、春晖苑全小区、槐树里全小区）的五种年度总结，
 * 打印每种之间共用句子的比例、每种说出的不足与进步的条数。用来检验"各种总结以自己的内容为主"（issue 21）。
 *
 * 共用比例：两种总结 A、B 的正文（不含标题与章节名）切成句子（按 。！？ 与换行），
 * |A ∩ B| / min(|A|, |B|)；每种取它与其余四种的最大值。
 */
import { allParagraphs, renderText, type SummaryDocument } from '../src/core/summaryDocument'
import { draftDemoSummaries } from './demoDrafts'

const sentencesOf = (doc: SummaryDocument) =>
  new Set(
    allParagraphs(doc)
      .filter((p) => !p.gap)
      .flatMap((p) => renderText(p.text, doc.figures).split(/(?<=[。！？])|\n/))
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  )

const gainsOf = (doc: SummaryDocument) => {
  const gains = allParagraphs(doc).find((p) => p.id === 'gains')
  return gains ? (renderText(gains.text, doc.figures).match(/；/g)?.length ?? 0) + 1 : 0
}

let docs = new Map<string, SummaryDocument>()
draftDemoSummaries(
  (_scope, kind, outcome) => {
    if (outcome.ok) docs.set(kind, outcome.document)
  },
  {
    afterScope: (scope) => {
      const sets = new Map([...docs].map(([k, d]) => [k, sentencesOf(d)]))
      console.log(`\n${scope.label}`)
      console.log('种类'.padEnd(16) + '句子  与其他种类最多共用  平均共用  不足  进步')
      let worst = 0
      for (const [kind, doc] of docs) {
        const mine = sets.get(kind)!
        const shares = [...sets]
          .filter(([k]) => k !== kind)
          .map(([, other]) => [...mine].filter((x) => other.has(x)).length / Math.max(1, Math.min(mine.size, other.size)))
        const max = Math.max(...shares)
        worst = Math.max(worst, max)
        const mean = shares.reduce((a, b) => a + b, 0) / shares.length
        console.log(
          `${kind.padEnd(16)}${String(mine.size).padStart(4)}  ${(max * 100).toFixed(0).padStart(6)}%            ${(mean * 100).toFixed(0).padStart(4)}%  ${String(doc.weaknesses.length).padStart(4)}  ${String(gainsOf(doc)).padStart(4)}`,
        )
      }
      console.log(`最大共用比例：${(worst * 100).toFixed(0)}%`)
      docs = new Map()
    },
  },
).catch((e) => {
  console.error(e)
  process.exit(1)
})
