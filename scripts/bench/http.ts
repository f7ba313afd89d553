/**
 * 本地宿主经 HTTP 的报事：真宿主子进程（node --import tsx server/host/main.ts，演示数据，临时数据目录），
 * 32 个并发居民不停地报事 20 s。每位居民一小时最多 10 条（HOURLY_LIMITS.report），所以每个并发者每报 10 条就换一个
 * 新居民：GET /api/local/identities 拿一个新的会话 Cookie（新访客），这次请求不计入延迟。
 * 吞吐 = 答了 OK、created 的报事数 / 负载时长；延迟 = 每个确认的 POST /api/fn/reports 从发出到读完回答。
 * 之后停下宿主（SIGTERM），直接打开库文件：统计桶与从原始记录重算的结果逐桶比对（checkTallies），必须完全一致。
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { openSqliteStore } from '../../server/storage/sqlite'
import { HOURLY_LIMITS } from '../../src/core/shared/hourlyLimit'
import { isCleanDiff } from '../../src/core/tally'
import { aReport } from '../../test/samples'
import { log, msSince, percentile, request, round, startHostProcess, type Figure, type Part } from './common'

const WORKERS = 32
const LOAD_MS = Number(process.env.BENCH_HTTP_MS ?? 20_000)

export const http: Part = async () => {
  const host = await startHostProcess({ demo: true })
  const latencies: number[] = []
  const failures: string[] = []
  let sessions = 0
  let stopAt = 0
  const worker = async (w: number) => {
    while (Date.now() < stopAt) {
      const hello = await request(host.baseUrl, 'GET', '/api/local/identities', null, null)
      if (!hello.cookie) throw new Error(`没有发 Cookie：${hello.status}`)
      sessions++
      for (let i = 0; i < HOURLY_LIMITS.report && Date.now() < stopAt; i++) {
        const payload = aReport({
          buildingCode: 'CHY1',
          requestId: `bench-${randomUUID()}`,
          text: `并发者 ${w} 第 ${i + 1} 条：楼道灯不亮了，请尽快处理`,
          anonymous: i % 3 === 0,
        })
        const started = process.hrtime.bigint()
        const reply = await request(host.baseUrl, 'POST', '/api/fn/reports', { action: 'submit', payload }, hello.cookie)
        const ms = msSince(started)
        const data = reply.body.data as { created?: boolean } | null
        if (reply.status === 200 && reply.body.code === 'OK' && data?.created === true) latencies.push(ms)
        else if (failures.length < 20) failures.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`)
        else failures.push('…')
      }
    }
  }
  let loadMs = 0
  try {
    log(`HTTP：${WORKERS} 个并发居民报事 ${LOAD_MS / 1000} s…`)
    stopAt = Date.now() + LOAD_MS
    const started = process.hrtime.bigint()
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
    loadMs = msSince(started)
  } finally {
    await host.stop({ keepData: true })
  }
  try {
    const sorted = [...latencies].sort((a, b) => a - b)
    log(`HTTP：确认 ${latencies.length} 条，失败 ${failures.length} 次；核对统计…`)
    const store = openSqliteStore(path.join(host.dataDir, 'loushi.db'))
    let check: Awaited<ReturnType<typeof checkTallies>>
    const checkStarted = process.hrtime.bigint()
    try {
      check = await checkTallies(store)
    } finally {
      store.close()
    }
    const checkMs = msSince(checkStarted)
    const clean = isCleanDiff(check.diff)
    const perSecond = latencies.length / (loadMs / 1000)
    return {
      method: `真宿主子进程，${WORKERS} 个并发居民（每人 ${HOURLY_LIMITS.report} 条后换新会话），${round(loadMs / 1000, 1)} s；之后停宿主、逐桶核对`,
      submitsPerSecond: { value: round(perSecond), unit: 'reports/s' } satisfies Figure,
      p50: { value: round(percentile(sorted, 50), 1), unit: 'ms' } satisfies Figure,
      p99: { value: round(percentile(sorted, 99), 1), unit: 'ms' } satisfies Figure,
      acknowledged: latencies.length,
      failed: failures.length,
      ...(failures.length ? { failures: failures.slice(0, 20) } : {}),
      residents: sessions,
      talliesEqualRecount: { value: clean, unit: 'bool', goal: true, ok: clean } satisfies Figure,
      tallyDiff: {
        reports: check.reports,
        statusChanges: check.statusChanges,
        buckets: check.buckets,
        missing: check.diff.missing.length,
        extra: check.diff.extra.length,
        different: check.diff.different.length,
        checkSeconds: round(checkMs / 1000, 2),
      },
    }
  } finally {
    host.removeData()
  }
}
