/**
 * 基准各部分共用的小件：数字的形状、进度输出（stderr，stdout 只留最后那一个 JSON）、构建、
 * 以子进程启动的真宿主（与 npm start 同一个入口 server/host/main.ts）、HTTP 请求、分位数。
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')
/** 最近一次完整的 npm run bench 的结果；README 的基准表由它生成（scripts/bench-readme.ts）。 */
export const RESULT_FILE = path.join(ROOT, 'bench', 'last-run.json')

/** 一个数字：值、单位，以及与之相比的基线、目标或上限；ok 表示是否达到目标/未超上限（没有可比的就不给）。 */
export interface Figure {
  value: number | boolean | null
  unit: string
  baseline?: number | string
  goal?: number | string | boolean
  limit?: number
  ok?: boolean
  note?: string
}

export interface BenchContext {
  /** 已有 dist/weapp、dist/h5、dist/bare-h5 时跳过构建（--skip-build）。 */
  skipBuild: boolean
}

export type Part = (ctx: BenchContext) => Promise<Record<string, unknown>>

/** 进度：写到 stderr。 */
export const log = (...args: unknown[]) => console.error('[bench]', ...args)

export const round = (x: number, digits = 0) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export const msSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )

/** 跑一条命令，输出全部转到 stderr；失败就抛。答耗时（秒）。 */
export function runCommand(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, ...env } })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 失败（${r.status ?? r.signal}）`)
  return (Date.now() - started) / 1000
}

/**
 * 生产构建，与 npm run build:weapp / build:h5 相同，只是关掉 webpack 的持久缓存（CI=true，见 config/index.ts）：
 * node_modules 可能被几个工作目录共用，缓存里混着别处的构建；基准要的是一次干净的构建。每个进程每种构建只做一次。
 */
const built = new Map<string, number>()
export function build(kind: 'weapp' | 'h5' | 'bare-h5', ctx: BenchContext): void {
  const out = path.join(ROOT, 'dist', kind)
  const marker = kind === 'weapp' ? 'app.json' : 'index.html'
  if (built.has(kind)) return
  if (ctx.skipBuild && existsSync(path.join(out, marker))) {
    log(`跳过构建 ${kind}（--skip-build，用已有的 dist/${kind}）`)
    built.set(kind, 0)
    return
  }
  log(`构建 ${kind}…`)
  const env: Record<string, string> = { NODE_ENV: 'production', CI: 'true' }
  if (kind === 'bare-h5') env.LOUSHI_BARE_APP = '1'
  const seconds = runCommand('npx', ['taro', 'build', '--type', kind === 'weapp' ? 'weapp' : 'h5'], env)
  log(`构建 ${kind} 用时 ${seconds.toFixed(1)} s`)
  built.set(kind, seconds)
}

export interface HostProcess {
  baseUrl: string
  dataDir: string
  child: ChildProcess
  /** SIGTERM（5 s 不退则 SIGKILL），等它退出；keepData 为假时删掉数据目录。 */
  stop(options?: { keepData?: boolean }): Promise<void>
  removeData(): void
}

/**
 * 启动真宿主子进程（node --import tsx server/host/main.ts，与 npm start 同一个入口；root 是别的检出时跑那个版本）：临时数据目录，端口 0，
 * 等它报出地址、/healthz 答了才算起来。demo 为真时首次启动会播种演示数据（春晖苑，楼栋码 CHY1…）。
 */
export async function startHostProcess({
  h5Dir,
  demo,
  root = ROOT,
  nodeArgs = [],
}: {
  h5Dir?: string
  demo: boolean
  root?: string
  /** 另加给 node 的参数（如 profile-host.ts 的 --cpu-prof）。 */
  nodeArgs?: string[]
}): Promise<HostProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loushi-bench-host-'))
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/host/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOUSHI_DATA_DIR: dataDir,
      LOUSHI_H5_DIR: h5Dir ?? path.join(dataDir, 'no-h5'),
      LOUSHI_DEMO: demo ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // 只留最后 20 KB 给出错时看；地址只在起来之前找。以前每来一块都把全部输出拼起来再跑一遍正则，
  // 负载下宿主每条报事打一行，这在同一个进程里的负载发生器上是平方级的开销。管道照样读空，宿主才不会卡在写上。
  let output = ''
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
  child.stderr?.on('data', keepTail)
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`宿主 120 s 内没有启动：\n${output}`)), 120_000)
    const findAddress = (chunk: Buffer) => {
      keepTail(chunk)
      const m = /已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        child.stdout?.off('data', findAddress)
        child.stdout?.on('data', keepTail)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', findAddress)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`宿主没起来就退出了（${code ?? signal}）：\n${output}`))
    })
  })
  const deadline = Date.now() + 15_000
  for (;;) {
    const health = await request(baseUrl, 'GET', '/healthz', null, null).catch(() => null)
    if (health?.status === 200) break
    if (Date.now() > deadline) throw new Error(`/healthz 一直不答：\n${output}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  return {
    baseUrl,
    dataDir,
    child,
    removeData,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        let grace: NodeJS.Timeout | undefined
        const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (grace = setTimeout(() => r(false), 5_000)))])
        clearTimeout(grace)
        if (!stopped) {
          child.kill('SIGKILL')
          await exited
        }
      }
      if (!keepData) removeData()
    },
  }
}

export interface Reply {
  status: number
  cookie: string | null
  body: { code?: string; message?: string; data?: unknown }
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 128 })

/** 一次 HTTP 请求（JSON 进、JSON 出），带上 Cookie；答状态、新发的会话 Cookie 与回答。 */
export function request(baseUrl: string, method: string, route: string, body: unknown, cookie: string | null): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === null ? undefined : JSON.stringify(body)
    const headers: http.OutgoingHttpHeaders = {}
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
    if (cookie) headers.cookie = cookie
    const req = http.request(`${baseUrl}${route}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        try {
          const setCookie = res.headers['set-cookie']?.[0]
          resolve({ status: res.statusCode ?? 0, cookie: setCookie ? setCookie.split(';')[0] : null, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
        } catch (error) {
          reject(error)
        }
      })
    })
    req.on('error', reject)
    req.setTimeout(30_000, () => req.destroy(new Error('请求超时')))
    req.end(payload)
  })
}
