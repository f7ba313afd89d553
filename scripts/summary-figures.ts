/**
 * npm run summary:figures：在新播种的演示数据上起草三个范围（春晖苑1号楼、春晖苑全小区、槐树里全小区）的五种年度总结，
 * 打印每种之间共用句子的比例、每种说出的不足与进步的条数。用来检验"各种总结以自己的内容为主"（issue 21）。
 *
 * 共用比例：两种总结 A、B 的正文（不含标题与章节名）切成句子（按 。！？ 与换行），
 * |A ∩ B| / min(|A|, |B|)；每种取它与其余四种的最大值。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../server/functions'
import { seedDemo } from '../server/host/seed'
import { createLocalPlatform } from '../server/platform/local'
import { createTextLogger } from '../server/platform/logger'
import { openSqliteStore } from '../server/storage/sqlite'
import { allParagraphs, renderText, SUMMARY_KINDS, type SummaryDocument } from '../src/core/summaryDocument'

const sentencesOf = (doc: SummaryDocument) =>
  new Set(
    allParagraphs(doc)
      .filter((p) => !p.gap)
      .flatMap((p) => renderText(p.text, doc.figures).split(/(?<=[。！？])|\n/))
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  )

async function main() {
  const now = new Date().toISOString()
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-figures-'))
  try {
    const store = openSqliteStore(path.join(dir, 'figures.db'))
    const seeded = await seedDemo(store, { now })
    const fns = createFunctions({
      ...storePorts(store),
      clock: { now: () => now },
      ids: { newId: () => `p${Math.random().toString(36).slice(2, 10)}`, newCode: (n) => 'X'.repeat(n) },
      platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' }),
      logger: createTextLogger(),
    })
    const year = now.slice(0, 4)
    const scopes = [
      { label: '春晖苑1号楼', who: 'demo_rep_li', communityId: 'c_chunhui', buildingCode: 'CHY1' as string | null },
      { label: '春晖苑', who: 'demo_committee_zhang', communityId: 'c_chunhui', buildingCode: null },
      { label: '槐树里', who: 'demo_committee_liu', communityId: seeded.oldEstate?.communityId ?? '', buildingCode: null },
    ]
    for (const c of scopes) {
      const docs = new Map<string, SummaryDocument>()
      for (const kind of SUMMARY_KINDS) {
        const reply = (await fns.summary(
          {
            action: 'draft',
            payload: { communityId: c.communityId, buildingCode: c.buildingCode, kind, period: { kind: 'year', start: `${year}-01`, end: `${year}-12` } },
          },
          { openid: c.who },
        )) as { code: string; data: { document: SummaryDocument } }
        if (reply.code === 'OK') docs.set(kind, reply.data.document)
      }
      const sets = new Map([...docs].map(([k, d]) => [k, sentencesOf(d)]))
      console.log(`\n${c.label}`)
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
        const gains = allParagraphs(doc).filter((p) => p.id === 'gains').length
          ? (renderText(allParagraphs(doc).find((p) => p.id === 'gains')!.text, doc.figures).match(/；/g)?.length ?? 0) + 1
          : 0
        console.log(
          `${kind.padEnd(16)}${String(mine.size).padStart(4)}  ${(max * 100).toFixed(0).padStart(6)}%            ${(mean * 100).toFixed(0).padStart(4)}%  ${String(doc.weaknesses.length).padStart(4)}  ${String(gains).padStart(4)}`,
        )
      }
      console.log(`最大共用比例：${(worst * 100).toFixed(0)}%`)
    }
    store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
