/**
 * README"基准"一节的表，从 npm run bench 的 JSON 生成（两者不会对不上）：
 *   npx tsx scripts/bench-readme.ts           打印由 bench/last-run.json 生成的 Markdown
 *   npx tsx scripts/bench-readme.ts --write   把它写进 README 的标记之间
 *   npx tsx scripts/bench-readme.ts --check   README 里的表与 bench/last-run.json 不一致时失败
 * npm run bench -- --readme 跑完直接 --write。
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { RESULT_FILE, ROOT, type Figure } from './bench/common'

const README = path.join(ROOT, 'README.md')
const BEGIN = '<!-- bench:begin 由 scripts/bench-readme.ts 从 bench/last-run.json 生成，勿手改 -->'
const END = '<!-- bench:end -->'

type Json = Record<string, unknown>
const obj = (x: unknown): Json => (x && typeof x === 'object' ? (x as Json) : {})
const fig = (x: unknown): Figure => x as Figure

const n = (x: unknown, digits = 0) =>
  typeof x === 'number' ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—'
const kb = (bytes: unknown) => (typeof bytes === 'number' ? `${n(bytes / 1024, 1)} KB` : '—')
const yes = (f: Figure | undefined) => (f?.ok === undefined ? '' : f.ok ? '是' : '**否**')

export function markdown(result: Json): string {
  const rows: string[][] = []
  const add = (item: string, value: string, against: string, ok = '') => rows.push([item, value, against, ok])

  const sizes = obj(result.sizes)
  if (sizes.main) {
    const main = fig(sizes.main)
    add('小程序主包', kb(main.value), `目标 ≤ ${kb(main.goal)}，上限 ${kb(main.limit)}`, yes(main))
    for (const [root, f] of Object.entries(obj(sizes.subpackages))) add(`小程序分包 ${root}`, kb(fig(f).value), `上限 ${kb(fig(f).limit)}`, yes(fig(f)))
  }

  const h5 = obj(result.h5)
  if (h5.landing) {
    add('H5 落地页首个有意义内容（CPU 4× 降速，冷加载中位数）', `${n(fig(h5.landing).value)} ms`, `对照页（Taro + NutUI 空壳）${n(fig(h5.bare).value)} ms`)
    add('落地页 / 对照页', `${n(fig(h5.ratio).value, 2)}×`, '目标 ≤ 1.15×', yes(fig(h5.ratio)))
    if (h5.commitsBeforeContent)
      add('　楼名出现时 React 提交的次数（中位数）', `${n(fig(h5.commitsBeforeContent).value)} 次`, fig(h5.commitsBeforeContent).note ?? '')
    const slow = obj(h5.slowNetwork)
    if (slow.content) {
      add(
        'H5 400 kbit/s 第一次打开：骨架 / 楼名（中位数）',
        `${n(fig(slow.skeleton).value)} / ${n(fig(slow.content).value)} ms`,
        '往返 400 ms、禁用缓存、CPU 不降速',
      )
      add('　点"我要报事"到有反馈 / 到表单可用', `${n(fig(slow.reportTapFeedback).value)} / ${n(fig(slow.reportTapToForm).value)} ms`, '')
    }
  }

  const calls = obj(result.calls)
  const pages = (calls.pages ?? []) as (Figure & { page: string; url: string; identity: string; functions: string[] })[]
  if (pages.length) {
    const over = pages.filter((p) => !p.ok)
    add(
      '页面首次渲染的云函数调用',
      `${pages.length} 次打开里 ${pages.length - over.length} 次 ≤ 1，最多 ${Math.max(...pages.map((p) => Number(p.value)))} 次`,
      `目标每页 ${n(calls.goal)} 次`,
      over.length ? '**否**' : '是',
    )
  }

  const http = obj(result.http)
  const floor = obj(http.floor)
  const ratios = obj(http.ratios)
  if (http.submitsPerSecond && http.floor) {
    // 与地板交替量的（scripts/bench/http.ts）：比值才可比，绝对数字随机器负载漂。
    const host = obj(http.host)
    const load = (x: unknown) => (Array.isArray(x) ? x.map((v) => n(v, 2)).join(' / ') : '—')
    add(
      `本地宿主 HTTP 报事（32 个并发居民，与地板交替各 ${n((http.rounds as unknown[] | undefined)?.length)} 轮）`,
      `${n(host.submitsPerSecond)} 条/秒`,
      `地板（node:http + SQLite）${n(floor.submitsPerSecond)} 条/秒；负载 ${load(http.loadAverageAtStart)} → ${load(http.loadAverageAtEnd)}`,
    )
    add('　吞吐 宿主 / 地板', `${n(fig(ratios.throughput).value, 2)}×`, '目标 ≥ 0.9×', yes(fig(ratios.throughput)))
    add('　延迟 p50 / p99', `${n(host.p50, 1)} / ${n(host.p99, 1)} ms`, `地板 ${n(floor.p50, 1)} / ${n(floor.p99, 1)} ms`)
    add('　p99 宿主 / 地板', `${n(fig(ratios.p99).value, 2)}×`, '目标 ≤ 1.2×', yes(fig(ratios.p99)))
    add('　每条报事的被测进程 CPU', `${n(host.cpuPerSubmitMs, 3)} ms`, `地板 ${n(floor.cpuPerSubmitMs, 3)} ms`)
    add('　CPU 宿主 / 地板', `${n(fig(ratios.cpuPerSubmit).value, 2)}×`, '目标 ≤ 1.2×', yes(fig(ratios.cpuPerSubmit)))
    add('　负载发生器每个请求的 CPU', `${n(host.generatorCpuPerRequestMs, 3)} ms`, `对地板时 ${n(floor.generatorCpuPerRequestMs, 3)} ms`)
    const before = obj(http.hostVsBaseline)
    if (before.cpuPerSubmit !== undefined) {
      // BENCH_HTTP_BASELINE：另一个检出的宿主在同一次交替里量的（改之前 / 之后）。
      const was = obj(before.baselineVsFloor)
      add(
        '　宿主 / 旧宿主（同一次交替）',
        `CPU ${n(before.cpuPerSubmit, 2)}×，吞吐 ${n(before.throughput, 2)}×，p99 ${n(before.p99, 2)}×`,
        `旧宿主 / 地板：CPU ${n(was.cpuPerSubmit, 2)}×，吞吐 ${n(was.throughput, 2)}×，p99 ${n(was.p99, 2)}×`,
      )
    }
  } else if (http.submitsPerSecond) {
    add('本地宿主 HTTP 报事（32 个并发居民，20 s）', `${n(fig(http.submitsPerSecond).value)} 条/秒`, '')
    add('　延迟 p50 / p99', `${n(fig(http.p50).value, 1)} / ${n(fig(http.p99).value, 1)} ms`, '')
  }
  if (http.submitsPerSecond) {
    const diff = obj(http.tallyDiff)
    add(
      '　之后统计与重算',
      fig(http.talliesEqualRecount).value ? '完全一致' : `不一致（缺 ${diff.missing}、多 ${diff.extra}、不同 ${diff.different} 个桶）`,
      '必须完全一致',
      yes(fig(http.talliesEqualRecount)),
    )
  }

  const summary = obj(result.summary)
  if (summary.drafting || summary.summaryInputs) {
    const drafting = obj(summary.drafting)
    if (drafting.skipped) add('起草工作总结，1,000 条 vs 1,000,000 条', `未测：${drafting.skipped}`, '比值≈1')
    else if (drafting.ratio)
      add(
        '起草工作总结，1,000 条 vs 1,000,000 条',
        `${n(fig(drafting.at1k).value, 2)} / ${n(fig(drafting.at1M).value, 2)} ms（${n(fig(drafting.ratio).value, 2)}×）`,
        '比值≈1',
      )
    const inputs = obj(summary.summaryInputs)
    if (inputs.ratio)
      add(
        '　起草的输入：读一栋楼一年的统计桶，1k vs 1M 条',
        `${n(fig(inputs.at1k).value, 3)} / ${n(fig(inputs.at1M).value, 3)} ms（${n(fig(inputs.ratio).value, 2)}×）`,
        '比值≈1',
      )
  }

  const inProcess = obj(result.inProcess)
  for (const s of (inProcess.submits ?? []) as { reports: number; perSecond: Figure; msEach: Figure; statsRead: Figure }[]) {
    add(`进程内提交，楼里 ${n(s.reports)} 条时`, `${n(s.perSecond.value)} 条/秒（${n(s.msEach.value, 3)} ms/条）；读本楼统计 ${n(s.statsRead.value, 2)} ms`, '')
  }
  if (inProcess.accepts) {
    const a = obj(inProcess.accepts)
    add(`代表受理 ${n(a.count)} 条（楼里 10 万条未办结）`, `${n(fig(a.perSecond).value)} 条/秒（${n(fig(a.msEach).value, 3)} ms/条）`, '')
    const c = obj(inProcess.tallyCheck)
    const r = obj(inProcess.rebuild)
    add(
      `统计核对（${n(c.reports)} 条报事 + ${n(c.statusChanges)} 条流转）`,
      `${n(fig(c.recordsPerSecond).value)} 条记录/秒（${n(fig(c.seconds).value, 2)} s）`,
      '与重算一致',
      yes(fig(c.equal)),
    )
    add('统计重算改正', `${n(fig(r.recordsPerSecond).value)} 条记录/秒（${n(fig(r.seconds).value, 2)} s）`, '')
    add('数据库文件 / 进程 RSS', `${n(fig(inProcess.dbFileMB).value, 1)} MB / ${n(fig(inProcess.rssMB).value)} MB`, '')
  }

  const run = obj(result.run)
  const lines = [
    `本次：${String(run.startedAt ?? '?')
      .slice(0, 16)
      .replace(
        'T',
        ' ',
      )} UTC，${run.cpus}，Node ${run.node}，全程 ${n(run.seconds)} s，开始时负载 ${(run.loadAverageAtStart as number[] | undefined)?.join(' / ') ?? '—'}。`,
    ...Object.entries(obj(run.partsRefreshed)).map(
      ([part, r]) =>
        `其中 ${part} 一部分另于 ${String(obj(r).startedAt ?? '?')
          .slice(0, 16)
          .replace('T', ' ')} UTC 重量（npm run bench -- --only=${part} --merge）。`,
    ),
    '',
    '| 项目 | 本次 | 基线 / 目标 | 达到 |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ]
  if (pages.length) {
    lines.push('', '各页首次渲染的云函数调用（目标 1）：', '', '| 页面（打开的地址） | 身份 | 次数 | 调用 |', '|---|---|---|---|')
    for (const p of pages) lines.push(`| \`${p.url}\` | ${p.identity} | ${p.ok ? p.value : `**${p.value}**`} | ${p.functions.join('、') || '—'} |`)
  }
  return lines.join('\n')
}

const block = (result: Json) => `${BEGIN}\n${markdown(result)}\n${END}`

export function writeReadme(result: Json): void {
  const readme = readFileSync(README, 'utf8')
  const start = readme.indexOf(BEGIN)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README 里找不到基准表的标记（${BEGIN} … ${END}）`)
  writeFileSync(README, readme.slice(0, start) + block(result) + readme.slice(end + END.length))
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const result = JSON.parse(readFileSync(RESULT_FILE, 'utf8')) as Json
  if (args.includes('--write')) writeReadme(result)
  else if (args.includes('--check')) {
    if (!readFileSync(README, 'utf8').includes(block(result))) {
      console.error(`README 的基准表与 ${path.relative(ROOT, RESULT_FILE)} 不一致：运行 npx tsx scripts/bench-readme.ts --write`)
      process.exit(1)
    }
  } else console.log(markdown(result))
}
