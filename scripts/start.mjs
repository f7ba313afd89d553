// npm start：构建 H5，然后启动本地函数宿主（首次运行会创建并播种 data/loushi.db）。
// LOUSHI_SKIP_BUILD=1 跳过构建（已有 dist/h5 时调试宿主用）。
import { spawnSync, spawn } from 'node:child_process'

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (process.env.LOUSHI_SKIP_BUILD !== '1') {
  console.log('构建 H5…')
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
}
const host = spawn('npx', ['tsx', 'server/host/main.ts'], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
host.on('exit', (code) => process.exit(code ?? 0))
