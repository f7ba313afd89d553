/**
 * 进程内（不经 HTTP）直接调云函数：
 * - 经过云函数（校验 + 事务 + 统计增量）提交报事的吞吐；
 * - 代表读本楼统计的耗时：统计桶部分与报事总数无关（只读最多 12+12 个月桶）；"此刻超时"是现查的计数，
 *   随本楼未办结的报事条数增长（这里 10 万条全部未办结，是最坏情况）；
 * - 代表受理的吞吐；
 * - 统计核对（读全部原始记录 + 独立重算 + 比对）与重算改正的速度（记录/秒）；
 * - 进程内存。
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../../server/functions'
import { countingCode } from '../../server/functions/ids'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore } from '../../server/storage/sqlite'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { CATEGORY_IDS } from '../../src/core/shared/catalog'
import { recountAll } from '../../src/core/recount'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { isCleanDiff } from '../../src/core/tally'
import { log, round, type Figure, type Part } from './common'

const ACCEPTS = 20_000

export const inProcess: Part = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-bench-'))
  const file = path.join(dir, 'bench.db')
  const store = openSqliteStore(file)
  let t = Date.parse('2025-12-01T00:00:00Z')
  let serial = 0
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787' })
  const fns = createFunctions({
    ...storePorts(store),
    clock: { now: () => new Date((t += 60_000)).toISOString() },
    ids: { newId: () => `id${++serial}`, newCode: (length) => countingCode(++serial, length) },
    platform,
    logger: createTextLogger(),
  })
  await store.saveCommunity({ id: 'c1', name: '基准小区', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
  await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'BENCH1', name: '1号楼', households: 200, units: 4, floors: 25 })
  await store.addMember({
    id: 'm_rep',
    openid: 'rep',
    communityId: 'c1',
    buildingId: 'b1',
    role: 'representative',
    name: '',
    body: null,
    since: '2025-12-01T00:00:00.000Z',
  })

  const submit = (i: number) =>
    fns.reports(
      {
        action: 'submit',
        payload: {
          requestId: `bench-${i}-xxxx`,
          buildingCode: 'BENCH1',
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
      { openid: `resident_${i % 500}` },
    )
  const statsRead = async (runs: number) => {
    const started = process.hrtime.bigint()
    for (let i = 0; i < runs; i++) {
      const reply = await fns.stats({ action: 'building', payload: { buildingCode: 'BENCH1', month: '2026-11' } }, { openid: 'rep' })
      if (reply.code !== 'OK') throw new Error(reply.message)
    }
    return Number(process.hrtime.bigint() - started) / 1e6 / runs
  }

  let done = 0
  const submits: { reports: number; batch: number; perSecond: Figure; msEach: Figure; statsRead: Figure }[] = []
  for (const target of [1_000, 10_000, 100_000]) {
    const started = process.hrtime.bigint()
    const batch = target - done
    for (; done < target; done++) {
      const reply = await submit(done)
      if (reply.code !== 'OK') throw new Error(reply.message)
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const readMs = await statsRead(200)
    submits.push({
      reports: target,
      batch,
      perSecond: { value: Math.round(batch / (ms / 1000)), unit: 'reports/s' },
      msEach: { value: round(ms / batch, 3), unit: 'ms' },
      statsRead: { value: round(readMs, 2), unit: 'ms' },
    })
    log(
      `报事 ${String(target).padStart(7)} 条：本批 ${batch} 条提交 ${(ms / 1000).toFixed(2)} s（${Math.round(batch / (ms / 1000))} 条/秒，每条 ${(ms / batch).toFixed(3)} ms）；读本楼统计 ${readMs.toFixed(3)} ms/次`,
    )
  }
  // 给一部分报事加上流转，让重算也要处理留痕与时长。
  // 经代表的处理函数受理 2 万条（校验 + 权限 + 读留痕 + 事务 + 统计增量 + 答回详情，与真实操作同一条路径）。
  const actStarted = process.hrtime.bigint()
  for (let i = 1; i <= ACCEPTS; i++) {
    const reply = await fns.handling(
      { action: 'act', payload: { reportId: `id${i * 5}`, requestId: `bench-act-${i}`, action: 'accept', expectedStatus: 'pending', note: '' } },
      { openid: 'rep' },
    )
    if (reply.code !== 'OK') throw new Error(reply.message)
  }
  const actMs = Number(process.hrtime.bigint() - actStarted) / 1e6
  log(
    `代表受理 ${ACCEPTS} 条（楼里 10 万条都未办结）：${(actMs / 1000).toFixed(2)} s（${Math.round(ACCEPTS / (actMs / 1000))} 条/秒，每条 ${(actMs / ACCEPTS).toFixed(3)} ms）`,
  )
  const checkStarted = process.hrtime.bigint()
  const check = await checkTallies(store)
  const checkMs = Number(process.hrtime.bigint() - checkStarted) / 1e6
  const rebuildStarted = process.hrtime.bigint()
  await store.rebuild(recountAll)
  const rebuildMs = Number(process.hrtime.bigint() - rebuildStarted) / 1e6
  const records = check.reports + check.statusChanges
  const clean = isCleanDiff(check.diff)
  log(
    `统计核对：${check.reports} 条报事 + ${check.statusChanges} 条流转 → ${check.buckets} 个桶，${clean ? '一致' : '不一致！'}，${(checkMs / 1000).toFixed(2)} s；重算改正 ${(rebuildMs / 1000).toFixed(2)} s`,
  )
  const mem = process.memoryUsage()
  const dbBytes = statSync(file).size
  store.close()
  rmSync(dir, { recursive: true, force: true })
  return {
    method: '进程内直接调云函数（不经 HTTP），一栋楼，报事全部未办结',
    submits,
    accepts: {
      count: ACCEPTS,
      perSecond: { value: Math.round(ACCEPTS / (actMs / 1000)), unit: 'accepts/s' } satisfies Figure,
      msEach: { value: round(actMs / ACCEPTS, 3), unit: 'ms' } satisfies Figure,
    },
    tallyCheck: {
      reports: check.reports,
      statusChanges: check.statusChanges,
      buckets: check.buckets,
      equal: { value: clean, unit: 'bool', goal: true, ok: clean } satisfies Figure,
      seconds: { value: round(checkMs / 1000, 2), unit: 's' } satisfies Figure,
      recordsPerSecond: { value: Math.round(records / (checkMs / 1000)), unit: 'records/s' } satisfies Figure,
    },
    rebuild: {
      seconds: { value: round(rebuildMs / 1000, 2), unit: 's' } satisfies Figure,
      recordsPerSecond: { value: Math.round(records / (rebuildMs / 1000)), unit: 'records/s' } satisfies Figure,
    },
    dbFileMB: { value: round(dbBytes / 1024 / 1024, 1), unit: 'MB' } satisfies Figure,
    rssMB: { value: Math.round(mem.rss / 1024 / 1024), unit: 'MB' } satisfies Figure,
    heapMB: { value: Math.round(mem.heapUsed / 1024 / 1024), unit: 'MB' } satisfies Figure,
  }
}
