/**
 * summary:print 与 summary:figures 共用：在临时目录里新播种演示数据，按三个范围（春晖苑1号楼、春晖苑全小区、槐树里全小区）
 * 起草五种今年的总结，逐份交给 each（起草失败的给 code 与 message）。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../server/functions'
import { seedDemo } from '../server/host/seed'
import { createLocalPlatform } from '../server/platform/local'
import { createTextLogger } from '../server/platform/logger'
import { openSqliteStore } from '../server/storage/sqlite'
import { SUMMARY_KINDS, type SummaryDocument, type SummaryKind } from '../src/core/summaryDocument'

export interface DemoScope {
  label: string
  who: string
  communityId: string
  buildingCode: string | null
}

export type DraftOutcome = { ok: true; document: SummaryDocument } | { ok: false; code: string; message: string }

export async function draftDemoSummaries(
  each: (scope: DemoScope, kind: SummaryKind, outcome: DraftOutcome) => void,
  { kinds = SUMMARY_KINDS, afterScope }: { kinds?: readonly SummaryKind[]; afterScope?: (scope: DemoScope) => void } = {},
): Promise<void> {
  const now = new Date().toISOString()
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-drafts-'))
  try {
    const store = openSqliteStore(path.join(dir, 'drafts.db'))
    const seeded = await seedDemo(store, { now })
    const fns = createFunctions({
      ...storePorts(store),
      clock: { now: () => now },
      ids: { newId: () => `p${Math.random().toString(36).slice(2, 10)}`, newCode: (n) => 'X'.repeat(n) },
      platform: createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' }),
      logger: createTextLogger(),
    })
    const year = now.slice(0, 4)
    const scopes: DemoScope[] = [
      { label: '春晖苑1号楼', who: 'demo_rep_li', communityId: 'c_chunhui', buildingCode: 'CHY1' },
      { label: '春晖苑', who: 'demo_committee_zhang', communityId: 'c_chunhui', buildingCode: null },
      { label: '槐树里', who: 'demo_committee_liu', communityId: seeded.oldEstate?.communityId ?? '', buildingCode: null },
    ]
    for (const scope of scopes) {
      for (const kind of kinds) {
        const reply = (await fns.summary(
          {
            action: 'draft',
            payload: {
              communityId: scope.communityId,
              buildingCode: scope.buildingCode,
              kind,
              period: { kind: 'year', start: `${year}-01`, end: `${year}-12` },
            },
          },
          { openid: scope.who },
        )) as { code: string; message: string; data: { document: SummaryDocument } }
        each(scope, kind, reply.code === 'OK' ? { ok: true, document: reply.data.document } : { ok: false, code: reply.code, message: reply.message })
      }
      afterScope?.(scope)
    }
    store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
