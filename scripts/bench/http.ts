/**
 * 本地宿主经 HTTP 的报事，与"地板"交替量：
 * - 宿主：真宿主子进程（node --import tsx server/host/main.ts，演示数据，临时数据目录）；
 * - 地板：scripts/bench/floor.ts，只有 node:http + better-sqlite3（WAL，synchronous=NORMAL），每条报事一个事务写同样的一行
 *   报事与同样的统计桶增量。两者答同样的路由，所以负载发生器一字不改。
 * 两个子进程都先起来（空闲时不占 CPU），各预热 WARMUP_MS，再按 宿主、地板、宿主、地板…… 交替各跑 LOAD_MS（ROUNDS 轮）：
 * 这台 2 核机器与别的活共用，绝对数字随负载漂，同一时段里交替量出的比值才可比。
 *
 * 负载发生器：本进程里 32 个并发者，http.request + keep-alive 的 Agent（不用 fetch：它每个请求的 CPU 是两倍多，
 * 在 2 核上会先于宿主成为瓶颈）；每位居民一小时最多 10 条（HOURLY_LIMITS.report），每报 10 条就 GET /api/local/identities
 * 换一个新会话（这次请求不计入延迟）。它自己的 CPU（process.cpuUsage）按请求数报出来，看得出它是不是瓶颈。
 * 被测进程的 CPU 是内核为那个进程记的 utime + stime（/proc/<pid>/stat，含它的全部线程），负载前后各读一次：
 * 每条报事的 CPU = 差 / 确认的报事数。
 * 吞吐 = 答了 OK、created 的报事数 / 负载时长；延迟 = 每个确认的 POST /api/fn/reports 从发出到读完回答。
 * 之后停下宿主（SIGTERM），直接打开库文件：统计桶与从原始记录重算的结果逐桶比对（checkTallies），必须完全一致。
 *
 * 比较两个版本：BENCH_HTTP_BASELINE=<另一个检出的目录>（如 git archive 出来、node_modules 链过去的旧提交）时，
 * 那个版本的宿主作为第三个目标加进同样的交替（宿主、地板、旧宿主……），JSON 里多出 baseline 与 ratios.hostVsBaseline。
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import path from 'node:path'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { openSqliteStore } from '../../server/storage/sqlite'
import { HOURLY_LIMITS } from '../../src/core/shared/hourlyLimit'
import { isCleanDiff } from '../../src/core/tally'
import { aReport } from '../../test/samples'
import { log, msSince, percentile, request, ROOT, round, startHostProcess, type Figure, type Part } from './common'

const WORKERS = 32
const LOAD_MS = Number(process.env.BENCH_HTTP_MS ?? 10_000)
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 2)
const WARMUP_MS = 2_000
const BASELINE_ROOT = process.env.BENCH_HTTP_BASELINE

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** 内核为这个进程（含全部线程）记下的用户态 + 内核态 CPU，毫秒。 */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // 第 2 个字段（进程名）在括号里、可能含空格：从最后一个 ')' 之后数，utime、stime 是第 14、15 个字段。
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

export interface Target {
  name: 'host' | 'floor' | 'baseline'
  baseUrl: string
  pid: number
}

interface Run {
  target: Target['name']
  seconds: number
  acknowledged: number
  latencies: number[]
  failures: string[]
  serverCpuMs: number
  generatorCpuMs: number
  requests: number
}

/** 32 个并发者对一个目标报事 ms 毫秒。 */
export async function load(target: Target, ms: number): Promise<Run> {
  const latencies: number[] = []
  const failures: string[] = []
  let requests = 0
  const stopAt = Date.now() + ms
  const worker = async (w: number) => {
    while (Date.now() < stopAt) {
      const hello = await request(target.baseUrl, 'GET', '/api/local/identities', null, null)
      requests++
      if (!hello.cookie) throw new Error(`${target.name} 没有发 Cookie：${hello.status}`)
      for (let i = 0; i < HOURLY_LIMITS.report && Date.now() < stopAt; i++) {
        const payload = aReport({
          buildingCode: 'CHY1',
          requestId: `bench-${randomUUID()}`,
          text: `并发者 ${w} 第 ${i + 1} 条：楼道灯不亮了，请尽快处理`,
          anonymous: i % 3 === 0,
        })
        const started = process.hrtime.bigint()
        const reply = await request(target.baseUrl, 'POST', '/api/fn/reports', { action: 'submit', payload }, hello.cookie)
        requests++
        const took = msSince(started)
        const data = reply.body.data as { created?: boolean } | null
        if (reply.status === 200 && reply.body.code === 'OK' && data?.created === true) latencies.push(took)
        else if (failures.length < 20) failures.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`)
        else failures.push('…')
      }
    }
  }
  const serverCpu = processCpuMs(target.pid)
  const generatorCpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  const seconds = msSince(started) / 1000
  const generator = process.cpuUsage(generatorCpu)
  return {
    target: target.name,
    seconds,
    acknowledged: latencies.length,
    latencies,
    failures,
    serverCpuMs: processCpuMs(target.pid) - serverCpu,
    generatorCpuMs: (generator.user + generator.system) / 1000,
    requests,
  }
}

/** 同一目标的几轮合起来：吞吐按总数 / 总时长，分位数在全部延迟上取，CPU 按总数摊。 */
function summarise(runs: Run[]) {
  const acknowledged = runs.reduce((s, r) => s + r.acknowledged, 0)
  const seconds = runs.reduce((s, r) => s + r.seconds, 0)
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const serverCpuMs = runs.reduce((s, r) => s + r.serverCpuMs, 0)
  const generatorCpuMs = runs.reduce((s, r) => s + r.generatorCpuMs, 0)
  const requests = runs.reduce((s, r) => s + r.requests, 0)
  return {
    submitsPerSecond: acknowledged / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuPerSubmitMs: serverCpuMs / acknowledged,
    generatorCpuPerRequestMs: generatorCpuMs / requests,
    acknowledged,
    failed: runs.reduce((s, r) => s + r.failures.length, 0),
    failures: runs.flatMap((r) => r.failures).slice(0, 10),
  }
}

/** 地板子进程：等它在 stdout 上报出地址。nodeArgs 另加给 node（profile-host.ts --floor 的 --cpu-prof）。 */
export async function startFloor(dataDir: string, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join('scripts', 'bench', 'floor.ts'), dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
  child.stderr?.on('data', keepTail)
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const findAddress = (chunk: Buffer) => {
      keepTail(chunk)
      const m = /地板已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        child.stdout?.off('data', findAddress)
        child.stdout?.on('data', keepTail)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', findAddress)
    child.once('exit', (code, signal) => reject(new Error(`地板没起来就退出了（${code ?? signal}）：\n${output}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

const ratio = (a: number, b: number) => round(a / b, 2)

export const http: Part = async () => {
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2))
  const host = await startHostProcess({ demo: true })
  const floorDir = mkdtempSync(path.join(tmpdir(), 'loushi-bench-floor-'))
  const floor = await startFloor(floorDir).catch(async (error) => {
    await host.stop()
    throw error
  })
  const baseline = BASELINE_ROOT
    ? await startHostProcess({ demo: true, root: path.resolve(BASELINE_ROOT) }).catch(async (error) => {
        await floor.stop()
        await host.stop()
        throw error
      })
    : null
  const targets: Partial<Record<Target['name'], Target>> = {
    host: { name: 'host', baseUrl: host.baseUrl, pid: host.child.pid! },
    floor: { name: 'floor', baseUrl: floor.baseUrl, pid: floor.pid },
    ...(baseline && { baseline: { name: 'baseline', baseUrl: baseline.baseUrl, pid: baseline.child.pid! } }),
  }
  const order = Object.keys(targets) as Target['name'][]
  const runs: Run[] = []
  try {
    log(`HTTP：${order.join('、')} 各预热 ${WARMUP_MS / 1000} s…`)
    for (const name of order) await load(targets[name]!, WARMUP_MS)
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of order) {
        log(`HTTP：第 ${r + 1}/${ROUNDS} 轮，${name}，${WORKERS} 个并发居民报事 ${LOAD_MS / 1000} s…`)
        const run = await load(targets[name]!, LOAD_MS)
        log(`  ${round(run.acknowledged / run.seconds)} 条/秒，被测进程 ${round(run.serverCpuMs / run.acknowledged, 3)} ms CPU/条`)
        runs.push(run)
      }
    }
  } finally {
    await baseline?.stop()
    await floor.stop()
    rmSync(floorDir, { recursive: true, force: true })
    await host.stop({ keepData: true })
  }
  const loadAverageAtEnd = os.loadavg().map((x) => round(x, 2))
  try {
    const h = summarise(runs.filter((r) => r.target === 'host'))
    const f = summarise(runs.filter((r) => r.target === 'floor'))
    const b = baseline ? summarise(runs.filter((r) => r.target === 'baseline')) : null
    log(`HTTP：宿主确认 ${h.acknowledged} 条，失败 ${h.failed} 次；核对统计…`)
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
    const shape = (s: ReturnType<typeof summarise>) => ({
      submitsPerSecond: round(s.submitsPerSecond),
      p50: round(s.p50, 1),
      p99: round(s.p99, 1),
      cpuPerSubmitMs: round(s.cpuPerSubmitMs, 3),
      generatorCpuPerRequestMs: round(s.generatorCpuPerRequestMs, 3),
      acknowledged: s.acknowledged,
      failed: s.failed,
      ...(s.failures.length ? { failures: s.failures } : {}),
    })
    return {
      method:
        `真宿主子进程与地板（node:http + better-sqlite3）交替 ${ROUNDS} 轮、各 ${LOAD_MS / 1000} s（先各预热 ${WARMUP_MS / 1000} s），` +
        `${WORKERS} 个并发居民（每人 ${HOURLY_LIMITS.report} 条后换新会话）；被测进程的 CPU 读自 /proc/<pid>/stat；之后停宿主、逐桶核对`,
      loadAverageAtStart,
      loadAverageAtEnd,
      submitsPerSecond: { value: round(h.submitsPerSecond), unit: 'reports/s' } satisfies Figure,
      p50: { value: round(h.p50, 1), unit: 'ms' } satisfies Figure,
      p99: { value: round(h.p99, 1), unit: 'ms' } satisfies Figure,
      hostCpuPerSubmit: { value: round(h.cpuPerSubmitMs, 3), unit: 'ms' } satisfies Figure,
      host: shape(h),
      floor: shape(f),
      // 宿主 / 地板：目标是吞吐 ≥ 0.9、p99 ≤ 1.2、每条报事的宿主 CPU ≤ 1.2。
      ratios: {
        throughput: { value: ratio(h.submitsPerSecond, f.submitsPerSecond), unit: '×', goal: '≥ 0.9', ok: h.submitsPerSecond / f.submitsPerSecond >= 0.9 },
        p99: { value: ratio(h.p99, f.p99), unit: '×', goal: '≤ 1.2', ok: h.p99 / f.p99 <= 1.2 },
        cpuPerSubmit: { value: ratio(h.cpuPerSubmitMs, f.cpuPerSubmitMs), unit: '×', goal: '≤ 1.2', ok: h.cpuPerSubmitMs / f.cpuPerSubmitMs <= 1.2 },
      } satisfies Record<string, Figure>,
      ...(b && {
        baseline: { root: BASELINE_ROOT, ...shape(b) },
        // 宿主 / 旧宿主：同样交替量出的前后之比。
        hostVsBaseline: {
          throughput: ratio(h.submitsPerSecond, b.submitsPerSecond),
          p99: ratio(h.p99, b.p99),
          cpuPerSubmit: ratio(h.cpuPerSubmitMs, b.cpuPerSubmitMs),
          baselineVsFloor: {
            throughput: ratio(b.submitsPerSecond, f.submitsPerSecond),
            p99: ratio(b.p99, f.p99),
            cpuPerSubmit: ratio(b.cpuPerSubmitMs, f.cpuPerSubmitMs),
          },
        },
      }),
      // 每一对交替的轮次各自的比值：看得出漂移。
      rounds: Array.from({ length: ROUNDS }, (_, r) => {
        const [hr, fr] = [runs[order.length * r], runs[order.length * r + 1]]
        const sorted = (run: Run) => [...run.latencies].sort((a, b) => a - b)
        return {
          throughput: ratio(hr.acknowledged / hr.seconds, fr.acknowledged / fr.seconds),
          p99: ratio(percentile(sorted(hr), 99), percentile(sorted(fr), 99)),
          cpuPerSubmit: ratio(hr.serverCpuMs / hr.acknowledged, fr.serverCpuMs / fr.acknowledged),
        }
      }),
      acknowledged: h.acknowledged,
      failed: h.failed,
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
