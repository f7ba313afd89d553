import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import type { FunctionName } from '../../src/core/api'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { recountAll } from '../../src/core/recount'
import { sortedLines } from '../contract/harness'
import { aReport, countingIds, memberOf } from '../samples'

export const BLOCKED_WORD = '违禁演示词'

/** 一个真实的 SQLite 文件（临时目录），一个可拨动的时钟，一个小区两栋楼。 */
export function createFixture() {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-fn-'))
  const file = path.join(dir, 'test.db')
  let store: SqliteStore = openSqliteStore(file)
  let now = '2026-11-20T02:00:00.000Z'
  const clock = { now: () => now }
  const ids = countingIds('r')
  /** 本地平台：词表里的词会被内容检测拒收；发出的订阅消息留在 outbox。 */
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://192.168.1.5:8787', blockedWords: [BLOCKED_WORD], logMessages: false })
  const templates = { newReport: 'TPL_NEW_REPORT', reportProgress: 'TPL_PROGRESS', newNotice: 'TPL_NOTICE' }
  /** 本地宿主的日志适配器写出的行（注入的 sink 收下，不写 stderr）。 */
  const logLines: string[] = []
  const logger = createTextLogger((line) => void logLines.push(line))
  let fns = createFunctions({ ...storePorts(store), clock, ids, platform, templates, logger })

  const ready = (async () => {
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
    await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
    await store.saveBuilding({ id: 'b2', communityId: 'c1', code: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 })
    await store.addMember(memberOf('rep_li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
    await store.addMember(memberOf('rep_chen', { communityId: 'c1', buildingId: 'b2', role: 'representative' }))
    await store.addMember(memberOf('committee_zhang', { communityId: 'c1', buildingId: null, role: 'committee' }, { body: 'owners_committee' }))
  })()

  return {
    ready,
    platform,
    logLines,
    get store() {
      return store
    },
    setNow(iso: string) {
      now = iso
    },
    call: (name: FunctionName, openid: string, action: string, payload?: unknown) => fns[name]({ action, payload }, { openid }),
    /** 关闭再打开同一个文件：确认已确认的写入确实落盘。 */
    reopen() {
      store.close()
      store = openSqliteStore(file)
      fns = createFunctions({ ...storePorts(store), clock, ids, platform, templates, logger })
    },
    /** 以 openid 的身份提交一条报事（样本可覆盖字段），答报事 id。 */
    async file(openid: string, over: Parameters<typeof aReport>[0] = {}): Promise<string> {
      const reply = (await fns.reports({ action: 'submit', payload: aReport(over) }, { openid })) as Reply
      if (reply.code !== 'OK') throw new Error(reply.message)
      return reply.data.report.id
    },
    /** 存储里的每个桶与从原始记录独立重算的桶逐一相同。 */
    async expectTalliesMatchRecount() {
      expect(sortedLines(await store.allBuckets())).toEqual(sortedLines(recountAll(await store.rawRecords())))
    },
    rowCounts() {
      const n = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
      return {
        reports: n('reports'),
        tallies: n('tally_buckets'),
        sum: (store.db.prepare('SELECT COALESCE(SUM(count),0) AS s FROM tally_buckets').get() as { s: number }).s,
      }
    },
    cleanup() {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export { aReport }

/** 函数的答复：测试里按需读 data 的字段。 */
export type Reply = { code: string; message: string; data: any } // eslint-disable-line @typescript-eslint/no-explicit-any
