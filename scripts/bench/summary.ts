/**
 * 工作总结的起草：1,000 条与 1,000,000 条报事的楼各起草一次，比耗时（目标：与报事条数无关，比值≈1）。
 * drafting：经云函数 summary.draft 起草一年（读三期的桶、台账、问卷与每楼每月至多几条的典型案例候选，再起草），
 * summaryInputs：只读起草要的统计桶。桶按 楼/小区 × 月 × 指标 存，读一年的桶与报事条数无关；这里量出来看是不是。
 *
 * 怎么在一分钟内造出 100 万条报事（见 seed()）：
 *  1. 三个小区各一栋楼：BENCHK1（1k）、BENCHM1（1M）、BENCHC1（核对造数方法用）。每栋先经云函数提交 BASE 条报事
 *     （与真实提交同一条路径：校验、事务、统计增量），时钟每条拨 ~8.8 小时，一年铺满；每 5 条受理 1 条（留痕 + 增量）。
 *  2. BENCHM1 的报事与留痕在一个事务里用 SQL 原样复制 999 份（编号、请求编号加后缀 ~k），统计桶（本楼与本小区）乘 1000：
 *     每一份复制都与原件落在同一个月、同一个分类、同一个状态，桶都是可加的计数与和，所以乘出来的就是重算的结果。
 *  3. 这个方法先在 BENCHC1 上用 3 倍验证：复制 2 份、桶乘 3，再对全库做 checkTallies（逐桶与重算比对），必须一致
 *     （methodCheck）；之后才造 BENCHM1 的 100 万条（那时全库重算要把 100 万条读进内存，不做）。
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { countingCode } from '../../server/functions/ids'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { CATEGORY_IDS } from '../../src/core/shared/catalog'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { buildingScope, communityScope, isCleanDiff } from '../../src/core/tally'
import { log, median, msSince, round, type Figure, type Part } from './common'

const BASE = 1_000
const COPIES = 1_000
const READS = 500
/** 一年：总结读的 12 个月（种子数据铺在 2025-01 … 2025-12）。 */
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)

interface Seeded {
  store: SqliteStore
  dir: string
  file: string
  /** 楼栋编号与小区编号：1k 与 1M 的楼。 */
  small: { buildingId: string; communityId: string; reports: number }
  large: { buildingId: string; communityId: string; reports: number }
  methodCheck: Figure
  seedSeconds: { viaFunctions: number; copyTo1M: number }
}

/** 一张表的某些行原样复制 n-1 份：id / request_id / report_id 加后缀 ~k，自增的 seq 不填。 */
function copyRows(store: SqliteStore, table: 'reports' | 'status_changes', where: string, copies: number) {
  const columns = (store.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'seq')
  const select = columns.map((c) => (['id', 'request_id', 'report_id'].includes(c) ? `${c} || '~' || k.n` : c)).join(', ')
  store.db
    .prepare(
      `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?) INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${table}, k WHERE ${where}`,
    )
    .run(copies - 1)
}

/** 一栋楼的报事（含留痕）变成 factor 倍，本楼与本小区的桶乘 factor。 */
function multiply(store: SqliteStore, buildingId: string, communityId: string, factor: number) {
  store.db.transaction(() => {
    copyRows(store, 'reports', `building_id = '${buildingId}' AND id NOT LIKE '%~%'`, factor)
    copyRows(store, 'status_changes', `report_id IN (SELECT id FROM reports WHERE building_id = '${buildingId}' AND id NOT LIKE '%~%')`, factor)
    store.db
      .prepare('UPDATE tally_buckets SET count = count * ?, sum = sum * ? WHERE scope IN (?, ?)')
      .run(factor, factor, buildingScope(buildingId), communityScope(communityId))
  })()
}

async function seed(): Promise<Seeded> {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-bench-summary-'))
  const file = path.join(dir, 'summary.db')
  const store = openSqliteStore(file)
  let t = Date.parse('2025-01-01T00:00:00Z')
  let serial = 0
  const step = Math.floor((365 * 24 * 3600_000) / (BASE + BASE / 5 + 10))
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' })
  const fns = createFunctions({
    ...storePorts(store),
    clock: { now: () => new Date(t).toISOString() },
    ids: { newId: () => `id${++serial}`, newCode: (length) => countingCode(++serial, length) },
    platform,
    logger: createTextLogger(),
  })
  const buildings = [
    { key: 'small', code: 'BENCHK1', n: BASE },
    { key: 'large', code: 'BENCHM1', n: BASE },
    { key: 'check', code: 'BENCHC1', n: 200 },
  ] as const
  const started = process.hrtime.bigint()
  for (const b of buildings) {
    t = Date.parse('2025-01-01T00:00:00Z')
    const communityId = `c_${b.key}`
    const buildingId = `b_${b.key}`
    const rep = `rep_${b.key}`
    await store.saveCommunity({ id: communityId, name: `基准小区 ${b.key}`, hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
    await store.saveBuilding({ id: buildingId, communityId, code: b.code, name: '1号楼', households: 200, units: 4, floors: 25 })
    await store.addMember({
      id: `m_${rep}`,
      openid: rep,
      communityId,
      buildingId,
      role: 'representative',
      name: '',
      body: null,
      since: '2024-12-01T00:00:00.000Z',
    })
    for (let i = 0; i < b.n; i++) {
      t += step
      const reply = await fns.reports(
        {
          action: 'submit',
          payload: {
            requestId: `sum-${b.key}-${i}`,
            buildingCode: b.code,
            kind: 'repair',
            category: CATEGORY_IDS[i % CATEGORY_IDS.length],
            text: `第 ${i} 件：楼道灯不亮了，请尽快处理`,
            location: { scope: 'public', area: '大堂', detail: '' },
            anonymous: i % 3 === 0,
            urgency: i % 7 === 0 ? 'urgent' : 'normal',
            contactPhone: '',
            photos: [],
          },
        },
        { openid: `resident_${b.key}_${i % 300}` },
      )
      if (reply.code !== 'OK') throw new Error(reply.message)
      if (i % 5 === 0) {
        t += step
        const id = (reply.data as { report: { id: string } }).report.id
        const acted = await fns.handling(
          { action: 'act', payload: { reportId: id, requestId: `sum-act-${b.key}-${i}`, action: 'accept', expectedStatus: 'pending', note: '' } },
          { openid: rep },
        )
        if (acted.code !== 'OK') throw new Error(acted.message)
      }
    }
  }
  const viaFunctions = msSince(started) / 1000
  // 造数方法先在 BENCHC1 上用 3 倍验证。
  multiply(store, 'b_check', 'c_check', 3)
  const check = await checkTallies(store)
  const clean = isCleanDiff(check.diff)
  const methodCheck: Figure = {
    value: clean,
    unit: 'bool',
    goal: true,
    ok: clean,
    note: `BENCHC1 楼 200 条 × 3 后全库逐桶核对（${check.reports} 条报事、${check.buckets} 个桶）`,
  }
  if (!clean) log('造数方法核对不一致！', JSON.stringify(check.diff).slice(0, 500))
  log(`summary：经云函数造 ${2 * BASE + 200} 条用时 ${viaFunctions.toFixed(1)} s；复制到 ${BASE * COPIES} 条…`)
  const copyStarted = process.hrtime.bigint()
  multiply(store, 'b_large', 'c_large', COPIES)
  const copyTo1M = msSince(copyStarted) / 1000
  const count = (b: string) => (store.db.prepare('SELECT COUNT(*) AS n FROM reports WHERE building_id = ?').get(b) as { n: number }).n
  log(`summary：复制用时 ${copyTo1M.toFixed(1)} s，库文件 ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB`)
  return {
    store,
    dir,
    file,
    small: { buildingId: 'b_small', communityId: 'c_small', reports: count('b_small') },
    large: { buildingId: 'b_large', communityId: 'c_large', reports: count('b_large') },
    methodCheck,
    seedSeconds: { viaFunctions: round(viaFunctions, 1), copyTo1M: round(copyTo1M, 1) },
  }
}

const DRAFTS = 60

/** 经云函数起草一栋楼一年的总结，DRAFTS 次交替，答每次的中位数（ms）；两份文档的数字个数相同才算起草的是同一种东西。 */
async function timeYearDrafts(seeded: Seeded): Promise<{ small: number; large: number; figures: { small: number; large: number } }> {
  const platform = createLocalPlatform({ dataDir: seeded.dir, publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false })
  const fns = createFunctions({
    ...storePorts(seeded.store),
    clock: { now: () => '2026-01-15T02:00:00.000Z' },
    ids: { newId: () => 'unused', newCode: () => 'UNUSED' },
    platform,
    logger: createTextLogger(),
  })
  const draft = async (key: 'small' | 'large') => {
    const reply = await fns.summary(
      {
        action: 'draft',
        payload: {
          communityId: seeded[key].communityId,
          buildingCode: key === 'small' ? 'BENCHK1' : 'BENCHM1',
          period: { kind: 'year', start: '2025-01', end: '2025-12' },
          kind: null,
        },
      },
      { openid: `rep_${key}` },
    )
    if (reply.code !== 'OK') throw new Error(reply.message)
    return Object.keys((reply.data as { document: { figures: object } }).document.figures).length
  }
  const figures = { small: await draft('small'), large: await draft('large') }
  const times = { small: [] as number[], large: [] as number[] }
  for (let i = 0; i < DRAFTS; i++) {
    for (const key of ['small', 'large'] as const) {
      const started = process.hrtime.bigint()
      await draft(key)
      times[key].push(msSince(started))
    }
  }
  return { small: median(times.small), large: median(times.large), figures }
}

/** 读一栋楼一年的桶（本楼与本小区），READS 次交替，答每次的中位数（ms）。 */
async function timeYearOfBuckets(seeded: Seeded): Promise<{ small: number; large: number; buckets: { small: number; large: number } }> {
  const read = (b: Seeded['small']) => seeded.store.bucketsOf([buildingScope(b.buildingId), communityScope(b.communityId)], MONTHS)
  const buckets = { small: (await read(seeded.small)).length, large: (await read(seeded.large)).length }
  const times = { small: [] as number[], large: [] as number[] }
  for (let i = 0; i < READS; i++) {
    for (const key of ['small', 'large'] as const) {
      const started = process.hrtime.bigint()
      await read(seeded[key])
      times[key].push(msSince(started))
    }
  }
  return { small: median(times.small), large: median(times.large), buckets }
}

export const summary: Part = async () => {
  const seeded = await seed()
  try {
    const inputs = await timeYearOfBuckets(seeded)
    const ratio = inputs.large / inputs.small
    const summaryInputs = {
      method: `一栋楼一年的统计桶（本楼 + 本小区，12 个月），${READS} 次取中位数；1M 条的楼由 1k 条经云函数提交的报事复制 ${COPIES} 份造出，桶乘 ${COPIES}（方法在 3 倍上逐桶核对过）`,
      at1k: { value: round(inputs.small, 4), unit: 'ms', note: `${seeded.small.reports} 条报事，${inputs.buckets.small} 个桶` } satisfies Figure,
      at1M: {
        value: round(inputs.large, 4),
        unit: 'ms',
        baseline: round(inputs.small, 4),
        note: `${seeded.large.reports} 条报事，${inputs.buckets.large} 个桶`,
      } satisfies Figure,
      ratio: { value: round(ratio, 2), unit: 'x', baseline: 1, goal: '≈1（与报事条数无关）' } satisfies Figure,
      methodCheck: seeded.methodCheck,
      seedSeconds: seeded.seedSeconds,
      dbFileMB: round(statSync(seeded.file).size / 1024 / 1024, 1),
    }
    const drafted = await timeYearDrafts(seeded)
    const drafting = {
      method: `经云函数 summary.draft 起草一栋楼 2025 年度的总结（三期统计桶、台账、问卷、每楼每月有上限的典型案例候选、draftSummary），${DRAFTS} 次交替取中位数`,
      at1k: { value: round(drafted.small, 3), unit: 'ms', note: `${seeded.small.reports} 条报事，文档 ${drafted.figures.small} 个数字` } satisfies Figure,
      at1M: {
        value: round(drafted.large, 3),
        unit: 'ms',
        baseline: round(drafted.small, 3),
        note: `${seeded.large.reports} 条报事，文档 ${drafted.figures.large} 个数字`,
      } satisfies Figure,
      ratio: {
        value: round(drafted.large / drafted.small, 2),
        unit: 'x',
        baseline: 1,
        goal: '≤ 1.5（与报事条数无关）',
        ok: drafted.large / drafted.small <= 1.5,
      } satisfies Figure,
    }
    log(`summary：起草一年 1k ${drafting.at1k.value} ms，1M ${drafting.at1M.value} ms，比值 ${drafting.ratio.value}`)
    return { drafting, summaryInputs }
  } finally {
    seeded.store.close()
    rmSync(seeded.dir, { recursive: true, force: true })
  }
}
