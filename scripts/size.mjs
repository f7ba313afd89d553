// 打印 weapp 构建的主包与各分包体积：主包超过 400 KiB（我们的目标，README"包的大小"）或任何一个超过 2 MB（微信的上限）就失败。
// --json:只打印 {"limit":…,"mainTarget":…,"main":字节,"subpackages":{"rep":字节}}(npm run bench 用它),不因超限失败。
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const LIMIT = 2 * 1024 * 1024
// 居民扫码先下载的就是主包：落地页之外的页面都在分包里，主包只留落地页、两个转发页与框架。
const MAIN_TARGET = 400 * 1024
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
  console.log(JSON.stringify({ limit: LIMIT, mainTarget: MAIN_TARGET, main, subpackages }))
  process.exit(0)
}

let failed = false
for (const [name, bytes] of Object.entries(sizes)) {
  const over = bytes > LIMIT
  const overTarget = name === '主包' && bytes > MAIN_TARGET
  failed ||= over || overTarget
  const note = over
    ? '超过 2 MB 上限!'
    : overTarget
      ? `超过主包目标 ${MAIN_TARGET / 1024} KiB（${MAIN_TARGET.toLocaleString('en')} B）!`
      : `(上限 2048 KB 的 ${((bytes / LIMIT) * 100).toFixed(1)}%)`
  console.log(`${name.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(8)} KB ${bytes.toLocaleString('en').padStart(9)} B ${note}`)
}
process.exit(failed ? 1 : 0)
