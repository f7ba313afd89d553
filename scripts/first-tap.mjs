// 冷启动后第一次点"我要报事"要等多久：一个写明假设的模型（这里没有真手机），数字来自构建出的包。
// 用法：npm run build:weapp && node scripts/first-tap.mjs [dist/weapp]
// - 居民扫码冷启动：微信先下载主包，落地页一显示，preloadRule 就开始下载分包 resident/（报事页在里面）；
// - 分包下完要 往返 × RTT + 字节 ÷ 带宽（往返：建连 1、TLS 2、请求 1；按没压缩的字节算，偏保守）；
// - 居民最早在"我要报事"出现后 REACTION_MS 点它（读楼名、找按钮）；按钮要等 account.landing 回来才出现，
//   这段时间分包也在下，模型里不算它（偏保守），只把量到的落地页时间列在旁边；
// - 点的时候分包还没下完，就多等剩下的那一段；下完了就不用等（分包页面的代码执行另算，与放在主包时一样）。
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

const dist = process.argv[2] ?? 'dist/weapp'
const sizes = JSON.parse(execFileSync(process.execPath, ['scripts/size.mjs', dist, '--json'], { encoding: 'utf8' }))
const resident = sizes.subpackages.resident
if (!resident) throw new Error(`${dist} 里没有分包 resident/`)

const REACTION_MS = 1500
const ROUND_TRIPS = 4
// 下行带宽与往返时间：写明的假设，不是量的。
const NETWORKS = [
  { name: '4G', mbps: 10, rttMs: 60 },
  { name: '弱 4G', mbps: 2, rttMs: 100 },
  { name: '3G', mbps: 1, rttMs: 200 },
]

const downloadMs = (bytes, { mbps, rttMs }) => ROUND_TRIPS * rttMs + (bytes * 8) / (mbps * 1000)
const bench = existsSync('bench/last-run.json') ? JSON.parse(readFileSync('bench/last-run.json', 'utf8')) : null
const landing = bench?.h5?.landing?.value

console.log(`主包 ${sizes.main.toLocaleString('en')} B；分包 resident ${resident.toLocaleString('en')} B（报事、我的报事、报事详情、公告）`)
console.log(`假设：居民最早在"我要报事"出现后 ${REACTION_MS} ms 点它；下载 = ${ROUND_TRIPS} 个往返 + 字节 ÷ 带宽`)
if (landing)
  console.log(
    `参考：H5 落地页在 4 倍 CPU 降速下 ${landing} ms 出现楼名与按钮（bench/last-run.json，${bench.run?.partsRefreshed?.h5?.startedAt ?? bench.run?.startedAt ?? ''}），这段时间分包也在下，模型没算`,
  )
console.log('网络 | 带宽 | 往返 | 分包下完 | 点按时多等')
for (const n of NETWORKS) {
  const ms = downloadMs(resident, n)
  console.log(`${n.name} | ${n.mbps} Mbit/s | ${n.rttMs} ms | ${Math.round(ms)} ms | ${Math.round(Math.max(0, ms - REACTION_MS))} ms`)
}
