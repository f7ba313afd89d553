/**
 * npm run summary:print：在一份新播种的演示数据上起草五种总结并打印全文（纯文字），用来通读措辞。
 * 春晖苑 1号楼（代表李建国）与春晖苑全小区（业委会张伟）、槐树里小区全小区（居委会刘秀兰），各起草今年一年。
 *   npx tsx scripts/print-summaries.ts [--kind representative|joint|noProperty|property|oldEstate]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../server/functions'
import { seedDemo } from '../server/host/seed'
import { createLocalPlatform } from '../server/platform/local'
import { createTextLogger } from '../server/platform/logger'
import { openSqliteStore } from '../server/storage/sqlite'
import { render, SUMMARY_KINDS, type SummaryDocument } from '../src/core/summaryDocument'

async function main() {
  const only = process.argv.includes('--kind') ? process.argv[process.argv.indexOf('--kind') + 1] : null
  const now = new Date().toISOString()
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-print-'))
  try {
    const store = openSqliteStore(path.join(dir, 'print.db'))
    const seeded = await seedDemo(store, { now })
    const fns = createFunctions({
      ...storePorts(store),
      clock: { now: () => now },
      ids: { newId: () => `p${Math.random().toString(36).slice(2, 10)}`, newCode: (n) => 'X'.repeat(n) },
      platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' }),
      logger: createTextLogger(),
    })
    const year = now.slice(0, 4)
    const cases = [
      { who: 'demo_rep_li', communityId: 'c_chunhui', buildingCode: 'CHY1' },
      { who: 'demo_committee_zhang', communityId: 'c_chunhui', buildingCode: null },
      { who: 'demo_committee_liu', communityId: seeded.oldEstate?.communityId ?? '', buildingCode: null },
    ]
    for (const c of cases) {
      for (const kind of SUMMARY_KINDS) {
        if (only && kind !== only) continue
        const reply = (await fns.summary(
          {
            action: 'draft',
            payload: { communityId: c.communityId, buildingCode: c.buildingCode, kind, period: { kind: 'year', start: `${year}-01`, end: `${year}-12` } },
          },
          { openid: c.who },
        )) as { code: string; message: string; data: { document: SummaryDocument } }
        console.log(`\n======== ${c.who} · ${c.buildingCode ?? '全小区'} · ${kind} ========`)
        console.log(reply.code === 'OK' ? render(reply.data.document) : `${reply.code} ${reply.message}`)
      }
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
