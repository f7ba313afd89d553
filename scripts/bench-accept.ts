/**
 * 只测代表受理（npm run bench 里那一段的放大镜）：一栋楼先经云函数提交 OPEN 条未办结的报事，
 * 再经 handling.act 受理其中均匀分布的 N 条；打印提交与受理的吞吐、受理每次的墙钟与 CPU 时间、统计核对耗时。
 * 用法：npx tsx scripts/bench-accept.ts [OPEN=20000] [N=5000]；PROFILE=文件 时只对受理这一段做 CPU 采样（.cpuprofile）。
 * 机器上有别的活时墙钟会抖，比较前后两个版本时交替各跑几遍、看 CPU 时间的中位数。
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts } from '../server/functions'
import { countingCode } from '../server/functions/ids'
import { checkTallies } from '../server/maintenance/tallyCheck'
import { createLocalPlatform } from '../server/platform/local'
import { createTextLogger } from '../server/platform/logger'
import { openSqliteStore } from '../server/storage/sqlite'
import { CATEGORY_IDS } from '../src/core/shared/catalog'
import { DEFAULT_OVERDUE_HOURS } from '../src/core/directory'

const OPEN = Number(process.argv[2] ?? 20_000)
const N = Number(process.argv[3] ?? 5_000)

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'loushi-bench-accept-'))
  const store = openSqliteStore(path.join(dir, 'bench.db'))
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

  const reportIds: string[] = []
  const submitStarted = process.hrtime.bigint()
  for (let i = 0; i < OPEN; i++) {
    const reply = await fns.reports(
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
    if (reply.code !== 'OK') throw new Error(reply.message)
    reportIds.push((reply.data as { report: { id: string } }).report.id)
  }
  const submitMs = Number(process.hrtime.bigint() - submitStarted) / 1e6

  const session = process.env.PROFILE ? new Session() : null
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
    await session.post('Profiler.start')
  }
  const step = Math.max(1, Math.floor(OPEN / N))
  const actCpu = process.cpuUsage()
  const actStarted = process.hrtime.bigint()
  for (let i = 0; i < N; i++) {
    const reportId = reportIds[(i * step) % OPEN]
    const reply = await fns.handling(
      { action: 'act', payload: { reportId, requestId: `bench-act-${i}`, action: 'accept', expectedStatus: 'pending', note: '' } },
      { openid: 'rep' },
    )
    if (reply.code !== 'OK') throw new Error(`${reportId}: ${reply.message}`)
  }
  const actMs = Number(process.hrtime.bigint() - actStarted) / 1e6
  const cpu = process.cpuUsage(actCpu)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(process.env.PROFILE!, JSON.stringify(profile))
    session.disconnect()
  }

  const checkStarted = process.hrtime.bigint()
  await checkTallies(store)
  const checkMs = Number(process.hrtime.bigint() - checkStarted) / 1e6
  console.log(
    JSON.stringify({
      submitPerS: Math.round(OPEN / (submitMs / 1000)),
      acceptPerS: Math.round(N / (actMs / 1000)),
      acceptMs: +(actMs / N).toFixed(3),
      acceptCpuMs: +((cpu.user + cpu.system) / 1000 / N).toFixed(3),
      checkS: +(checkMs / 1000).toFixed(3),
    }),
  )
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
