/**
 * 持久性：真宿主进程（npx tsx server/host/main.ts）在 32 个并发居民不停报事时被 SIGKILL，
 * 再在同一个数据目录上重启。已经答了 OK 的报事一条不少、不重复；已答的和掐断时还在路上的请求
 * 用同一个 Cookie、同一个请求编号重试，都不会多出一条；统计桶与从原始记录重算的结果一致。
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { openSqliteStore } from '../../server/storage/sqlite'
import { isCleanDiff } from '../../src/core/tally'
import { aReport } from '../samples'

const ROOT = path.resolve(__dirname, '..', '..')
const WORKERS = 32
/** 每位居民一小时最多 10 条：每个 Cookie 只报 10 条，重启后的重试也就不会撞上限额。 */
const PER_CLIENT = 10
const LOAD_MS = 1_500
const MAX_ACKS = 400

interface Reply {
  status: number
  cookie: string | null
  body: { code?: string; data?: { created?: boolean; report?: { id?: string } } | null }
}

const HOST_START_MS = 90_000

interface Submit {
  requestId: string
  cookie: string
}

interface Acked extends Submit {
  reportId: string
}

/** 一个真宿主子进程：等它在 stdout 上报出端口、/healthz 答了才算起来。 */
async function startHost(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string; exited: Promise<void> }> {
  // 不用 tsx/cli：它另起一个 node 子进程跑宿主，SIGKILL 只杀得掉外壳，真宿主活着成了孤儿。
  // node --import tsx 在同一个进程里加载 TypeScript，SIGKILL 打到的就是宿主本身。
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/host/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOUSHI_DATA_DIR: dataDir, LOUSHI_H5_DIR: path.join(dataDir, 'no-h5') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const baseUrl = await new Promise<string>((resolve, reject) => {
    // 第一次启动要播种两个小区的演示数据：空闲的 2 核上约 15 s，机器忙时到过 40 s。
    const timer = setTimeout(() => reject(new Error(`宿主 ${HOST_START_MS / 1000} s 内没有启动：\n${output}`)), HOST_START_MS)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const m = /已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
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
  return { child, baseUrl, exited }
}

let agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS * 2 })

function request(baseUrl: string, method: string, route: string, body: unknown, cookie: string | null): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === null ? undefined : JSON.stringify(body)
    const headers: http.OutgoingHttpHeaders = {}
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
    if (cookie) headers.cookie = cookie
    const req = http.request(`${baseUrl}${route}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('回答被掐断')))
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
    req.setTimeout(20_000, () => req.destroy(new Error('请求超时')))
    req.end(payload)
  })
}

const submit = (baseUrl: string, s: Submit) =>
  request(baseUrl, 'POST', '/api/fn/reports', { action: 'submit', payload: aReport({ buildingCode: 'CHY1', requestId: s.requestId }) }, s.cookie)

/** 少量并发地对每一项跑 fn。 */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++])
    }),
  )
}

describe('宿主进程在报事高峰被 SIGKILL 后重启', () => {
  let dataDir = ''
  const children: ChildProcess[] = []

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'loushi-durability-'))
  })

  afterAll(async () => {
    agent.destroy()
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r))
        child.kill('SIGKILL')
        await gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    '已确认的报事一条不少、不重复；重试不多出一条；统计与重算一致',
    async () => {
      const started = Date.now()
      const dbFile = path.join(dataDir, 'loushi.db')

      // —— 1. 第一个宿主，32 个并发居民不停报事 ——
      const first = await startHost(dataDir)
      children.push(first.child)
      const acked: Acked[] = []
      const inFlight = new Map<string, Submit>()
      const unexpected: string[] = []
      let killed = false

      const worker = async () => {
        while (!killed) {
          // 新居民：先拿一个会话 Cookie，再用它报 10 条。
          const hello = await request(first.baseUrl, 'GET', '/api/local/identities', null, null).catch(() => null)
          if (!hello) {
            if (!killed) unexpected.push('掐断之前拿 Cookie 就失败了')
            return
          }
          if (!hello.cookie) {
            unexpected.push(`没有发 Cookie：${hello.status}`)
            return
          }
          for (let i = 0; i < PER_CLIENT && !killed; i++) {
            const s: Submit = { requestId: `dur-${randomUUID()}`, cookie: hello.cookie }
            inFlight.set(s.requestId, s)
            let reply: Reply
            try {
              reply = await submit(first.baseUrl, s)
            } catch {
              if (!killed) unexpected.push(`掐断之前请求就失败了：${s.requestId}`)
              return // 留在 inFlight 里：重启后重试。
            }
            inFlight.delete(s.requestId)
            const id = reply.body.data?.report?.id
            if (reply.status !== 200 || reply.body.code !== 'OK' || !id || reply.body.data?.created !== true) {
              unexpected.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`)
              return
            }
            acked.push({ ...s, reportId: id })
          }
        }
      }
      const loadStarted = Date.now()
      const workers = Array.from({ length: WORKERS }, worker)
      while (Date.now() - loadStarted < LOAD_MS && acked.length < MAX_ACKS && unexpected.length === 0) await new Promise((r) => setTimeout(r, 10))
      const ackedAtKill = acked.length
      const inFlightAtKill = inFlight.size
      first.child.kill('SIGKILL')
      killed = true
      await first.exited
      await Promise.all(workers)
      expect(unexpected).toEqual([])
      // 掐断之后才到的回答（内核里已经发出的字节）也是确认：一并算上。
      const ackedIds = acked.map((a) => a.requestId)
      const pending = [...inFlight.values()]
      expect(acked.length).toBeGreaterThan(20)
      agent.destroy()
      agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS * 2 })

      // —— 2. 同一数据目录上重启；重试前先看文件里有什么 ——
      const second = await startHost(dataDir)
      children.push(second.child)
      const before = new Database(dbFile, { readonly: true, fileMustExist: true })
      const countOf = before.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM reports WHERE request_id = ?')
      const presentBefore = new Map([...ackedIds, ...pending.map((p) => p.requestId)].map((id) => [id, countOf.get(id)?.n ?? 0]))
      before.close()
      const lost = ackedIds.filter((id) => presentBefore.get(id) !== 1)
      expect(lost).toEqual([])
      const foundAfterRestart = ackedIds.length - lost.length

      // —— 3. 重试：已确认的答 created:false 且是原来那条；在路上的最多新建一次 ——
      const problems: string[] = []
      await eachLimited(acked, WORKERS, async (a) => {
        const reply = await submit(second.baseUrl, a)
        if (reply.body.code !== 'OK' || reply.body.data?.created !== false || reply.body.data.report?.id !== a.reportId) {
          problems.push(`已确认 ${a.requestId} 重试：${JSON.stringify(reply.body).slice(0, 200)}`)
        }
      })
      let createdOnRetry = 0
      for (let round = 0; round < 2; round++) {
        await eachLimited(pending, WORKERS, async (p) => {
          const reply = await submit(second.baseUrl, p)
          const expectCreated = round === 0 && presentBefore.get(p.requestId) === 0
          if (reply.body.code !== 'OK' || reply.body.data?.created !== expectCreated) {
            problems.push(
              `在路上的 ${p.requestId} 第 ${round + 1} 次重试（之前有 ${presentBefore.get(p.requestId)} 条）：${JSON.stringify(reply.body).slice(0, 200)}`,
            )
          }
          if (reply.body.data?.created) createdOnRetry++
        })
      }
      expect(problems).toEqual([])

      // —— 4. 停下第二个宿主，直接看文件：每个请求编号正好一条、属于发它的那个会话；统计与重算一致 ——
      agent.destroy()
      second.child.kill('SIGTERM')
      let grace: NodeJS.Timeout | undefined
      const stopped = await Promise.race([second.exited.then(() => true), new Promise((r) => (grace = setTimeout(() => r(false), 5_000)))])
      clearTimeout(grace)
      if (!stopped) {
        second.child.kill('SIGKILL')
        await second.exited
      }
      const store = openSqliteStore(dbFile)
      try {
        const row = store.db.prepare<[string], { n: number; id: string; reporter_id: string }>(
          'SELECT COUNT(*) AS n, MIN(id) AS id, MIN(reporter_id) AS reporter_id FROM reports WHERE request_id = ?',
        )
        const openidOf = store.db.prepare<[string], { openid: string }>('SELECT openid FROM local_sessions WHERE token = ?')
        const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1)
        const wrong: string[] = []
        for (const a of acked) {
          const found = row.get(a.requestId)
          const openid = openidOf.get(tokenOf(a.cookie))?.openid
          if (found?.n !== 1 || found.id !== a.reportId || !openid || found.reporter_id !== openid)
            wrong.push(`已确认 ${a.requestId}：${JSON.stringify(found)}，会话 ${openid}`)
        }
        for (const p of pending) {
          const found = row.get(p.requestId)
          if (found?.n !== 1 || found.reporter_id !== openidOf.get(tokenOf(p.cookie))?.openid) wrong.push(`在路上的 ${p.requestId}：${JSON.stringify(found)}`)
        }
        expect(wrong).toEqual([])
        const duplicates = store.db.prepare('SELECT request_id, COUNT(*) AS n FROM reports GROUP BY reporter_id, request_id HAVING n > 1').all()
        expect(duplicates).toEqual([])
        const tallies = await checkTallies(store)
        expect(isCleanDiff(tallies.diff)).toBe(true)
      } finally {
        store.close()
      }

      console.log(
        `持久性：掐断时已确认 ${ackedAtKill} 条（含掐断后才收到的共 ${acked.length} 条），在路上 ${inFlightAtKill} 个；` +
          `重启后找到 ${foundAfterRestart}/${acked.length} 条；在路上的 ${pending.length} 个里 ${pending.length - createdOnRetry} 个已落盘、${createdOnRetry} 个重试时新建；` +
          `统计核对无差异；用时 ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    },
    90_000 + HOST_START_MS,
  )
})
