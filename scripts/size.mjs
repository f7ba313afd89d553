// 打印 weapp 构建的主包与各分包体积;任何一个超过 2 MB(微信的上限)就失败。
// --json:只打印 {"limit":…,"main":字节,"subpackages":{"rep":字节}}(npm run bench 用它),不因超限失败。
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const LIMIT = 2 * 1024 * 1024
const args = process.argv.slice(2)
const json = args.includes('--json')
const dist = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'dist/weapp')
const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'))
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })

const sizes = { 主包: 0, ...Object.fromEntries(roots.map((r) => [`分包 ${r}`, 0])) }
for (const file of files(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/')
  // 许可证文本与 source map 不随小程序上传。
  if (rel.endsWith('.LICENSE.txt') || rel.endsWith('.map')) continue
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
  sizes[root ? `分包 ${root}` : '主包'] += statSync(file).size
}

if (json) {
  const { 主包: main, ...rest } = sizes
  const subpackages = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k.replace(/^分包 /, ''), v]))
  console.log(JSON.stringify({ limit: LIMIT, main, subpackages }))
  process.exit(0)
}

let failed = false
for (const [name, bytes] of Object.entries(sizes)) {
  const over = bytes > LIMIT
  failed ||= over
  console.log(
    `${name.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(8)} KB ${over ? '超过 2 MB 上限!' : `(上限 2048 KB 的 ${((bytes / LIMIT) * 100).toFixed(1)}%)`}`,
  )
}
process.exit(failed ? 1 : 0)
