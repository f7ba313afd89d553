// npm test：先构建测试要用的产物（不压缩的 weapp 测试构建、H5 构建、云函数部署包），再跑四层测试。
// LOUSHI_SKIP_BUILD=1 跳过构建（产物已是最新时）；其余参数原样交给 jest，例如 npm test -- --selectProjects unit。
import { spawnSync } from 'node:child_process'

const run = (cmd, args, env = {}) => {
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
  return ((Date.now() - started) / 1000).toFixed(1)
}

if (process.env.LOUSHI_SKIP_BUILD !== '1') {
  const weapp = run('npx', ['taro', 'build', '--type', 'weapp'], { LOUSHI_TEST_BUILD: '1', NODE_ENV: 'production' })
  const h5 = run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
  const cloud = run('npx', ['tsx', 'scripts/build-cloud.ts'])
  console.log(`构建完成：weapp 测试构建 ${weapp} s，H5 ${h5} s，云函数 ${cloud} s`)
}
// 两个 jest 进程：浏览器测试大半时间在等页面与动画，单进程时第二个核多半闲着（实测全套 720 s → 见 README）。
run('npx', ['jest', '--ci', '--maxWorkers=2', ...process.argv.slice(2)])
