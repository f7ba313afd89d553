/**
 * 在基准的负载下给真宿主取 CPU 剖面：npx tsx scripts/bench/profile-host.ts [秒数，默认 10] [--floor]
 * （--floor 给地板 floor.ts 取，同样的负载与读法：两份剖面对着看，差在哪一块。）
 * 宿主子进程带 --cpu-prof 启动（播种演示数据），预热 2 s，再由与 http.ts 相同的负载发生器（32 个并发居民）报事；
 * 停下宿主后读剖面，只算负载那几秒的样本（剖面的时刻与 process.hrtime 是同一个单调时钟），
 * 打印自身时间最多的函数与几块包含时间（按函数名、文件与行合并；递归只算一次），并写出剖面文件的路径（可在 Chrome DevTools 里打开）。
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { agent, log, round, startHostProcess } from './common'
import { load, startFloor } from './http'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const args = process.argv.slice(2)
const seconds = Number(args.find((a) => !a.startsWith('--')) ?? 10)
const ofFloor = args.includes('--floor')

async function main() {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'loushi-host-prof-'))
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=200']
  const floorDir = ofFloor ? mkdtempSync(path.join(tmpdir(), 'loushi-floor-prof-')) : ''
  const server = ofFloor
    ? await startFloor(floorDir, nodeArgs)
    : await startHostProcess({ demo: true, nodeArgs }).then((h) => ({ baseUrl: h.baseUrl, pid: h.child.pid!, stop: () => h.stop() }))
  const target = { name: ofFloor ? ('floor' as const) : ('host' as const), baseUrl: server.baseUrl, pid: server.pid }
  await load(target, 2_000)
  const from = process.hrtime.bigint()
  const run = await load(target, seconds * 1000)
  const to = process.hrtime.bigint()
  await server.stop()
  if (ofFloor) rmSync(floorDir, { recursive: true, force: true })
  agent.destroy()
  const cpuPerSubmitMs = run.serverCpuMs / run.acknowledged
  log(`${round(run.acknowledged / run.seconds)} 条/秒，${target.name} ${round(cpuPerSubmitMs, 3)} ms CPU/条（带剖面，比不带时多）`)

  const file = path.join(
    profileDir,
    readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))!,
  )
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const keyOf = (n: ProfileNode) => {
    const f = n.callFrame
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${f.lineNumber + 1}` : ''
    return `${f.functionName || '(匿名)'} ${where}`.trim()
  }
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let t = profile.startTime
  let counted = 0
  const fromUs = Number(from / 1000n)
  const toUs = Number(to / 1000n)
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    if (t < fromUs || t > toUs) continue
    const node = byId.get(profile.samples[i])!
    const name = keyOf(node)
    if (name.startsWith('(idle)')) continue
    counted++
    self.set(name, (self.get(name) ?? 0) + 1)
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) seen.add(keyOf(byId.get(id)!))
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1)
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      // 占比，及按它摊到每条报事的 CPU（微秒；剖面本身的开销也摊在里面，只宜互相比）
      .map(([k, v]) => `${((100 * v) / counted).toFixed(1).padStart(5)}% ${((1000 * cpuPerSubmitMs * v) / counted).toFixed(1).padStart(6)} µs  ${k}`)
      .join('\n')
  console.log(`负载期间的样本 ${counted} 个（不含空闲）\n\n自身时间：\n${top(self, 45)}\n\n包含时间：\n${top(inclusive, 90)}\n\n剖面：${file}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
