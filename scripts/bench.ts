/**
 * npm run bench：把 README"基准"一节的每个数字在这台机器上一次量完，向 stdout 打印一个 JSON 对象（进度在 stderr），
 * 同时写进 bench/last-run.json；README 的表由 scripts/bench-readme.ts 从这个文件生成（npm run bench -- --readme 直接改写 README）。
 * 不做断言：每个数字带着它的基线、目标或上限，ok 说明是否达到。
 *
 * 用法：
 *   npm run bench                          全部（约 14–19 分钟，2 核；cloudScale 约 3.5 分钟）
 *   npm run bench -- --only=http,summary   只跑其中几部分（部分名见下面 PARTS）
 *   npm run bench -- --skip-build          已有 dist/weapp、dist/h5、dist/bare-h5 时不重新构建
 *   npm run bench -- --readme              跑完用结果改写 README 的基准表（只在跑了全部时）
 *   npm run bench -- --only=http --merge   只跑几部分，把它们的结果换进 bench/last-run.json（别的部分保留上次的），
 *                                          再加 --readme 时也改写 README 的表
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { agent, build, log, RESULT_FILE, ROOT, round, type BenchContext, type Part } from './bench/common'
import { calls } from './bench/calls'
import { cloudScale } from './bench/cloudScale'
import { h5 } from './bench/h5'
import { http } from './bench/http'
import { inProcess } from './bench/inprocess'
import { sizes } from './bench/sizes'
import { summary } from './bench/summary'
import { writeReadme } from './bench-readme'

/** 顺序：先构建与浏览器（要安静的机器），再是吃 CPU 的负载。 */
const PARTS: Record<string, Part> = { sizes, h5, calls, http, inProcess, summary, cloudScale }

/**
 * 跑全部时每一部分在自己的子进程里跑（--only=<部分>，构建已在前面做好）：内存（RSS）只算这一部分的，
 * 前一部分留下的堆、页缓存与浏览器驱动不影响后一部分。子进程的 stdout 就是它那一个 JSON。
 */
function runPartInChild(name: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench.ts'), `--only=${name}`, '--skip-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', process.stderr],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`基准的 ${name} 部分失败（${r.status ?? r.signal}）`)
  return (JSON.parse(r.stdout) as Record<string, Record<string, unknown>>)[name]
}

async function main() {
  const args = process.argv.slice(2)
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter(Boolean)
  for (const name of only ?? []) if (!(name in PARTS)) throw new Error(`没有这一部分：${name}（有 ${Object.keys(PARTS).join(', ')}）`)
  const ctx: BenchContext = { skipBuild: args.includes('--skip-build') }
  const started = Date.now()
  const result: Record<string, unknown> = {
    run: {
      startedAt: new Date(started).toISOString(),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      memoryGB: round(os.totalmem() / 1024 ** 3, 1),
      loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
      parts: only ?? Object.keys(PARTS),
    },
  }
  if (!only) {
    // 构建不计时，先做完；各部分随后在子进程里用这些产物。
    for (const kind of ['weapp', 'h5', 'bare-h5'] as const) build(kind, ctx)
  }
  for (const [name, part] of Object.entries(PARTS)) {
    if (only && !only.includes(name)) continue
    const partStarted = Date.now()
    log(`—— ${name} ——`)
    const measured = only ? await part(ctx) : runPartInChild(name)
    result[name] = { ...measured, seconds: round((Date.now() - partStarted) / 1000, 1) }
  }
  ;(result.run as Record<string, unknown>).seconds = round((Date.now() - started) / 1000, 1)
  ;(result.run as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map((x) => round(x, 2))
  agent.destroy()
  const json = JSON.stringify(result, null, 2)
  if (only && args.includes('--merge')) {
    // 只重量了几部分：换进上次完整结果里，每部分记下自己是哪次量的（run.partsRefreshed）。
    const last = JSON.parse(readFileSync(RESULT_FILE, 'utf8')) as Record<string, unknown>
    const run = {
      ...(last.run as Record<string, unknown>),
      partsRefreshed: { ...((last.run as Record<string, unknown>).partsRefreshed as object), ...Object.fromEntries(only.map((name) => [name, result.run])) },
    }
    const merged = { ...last, ...Object.fromEntries(only.map((name) => [name, result[name]])), run }
    writeFileSync(RESULT_FILE, `${JSON.stringify(merged, null, 2)}\n`)
    log(`${only.join('、')} 的结果换进了 ${path.relative(ROOT, RESULT_FILE)}`)
    if (args.includes('--readme')) {
      writeReadme(merged)
      log('README 的基准表已按合并后的结果改写')
    }
  }
  if (!only) {
    mkdirSync(path.dirname(RESULT_FILE), { recursive: true })
    writeFileSync(RESULT_FILE, `${json}\n`)
    log(`结果也写进了 ${path.relative(ROOT, RESULT_FILE)}`)
    if (args.includes('--readme')) {
      writeReadme(result)
      log('README 的基准表已按这次结果改写')
    }
  }
  process.stdout.write(`${json}\n`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
