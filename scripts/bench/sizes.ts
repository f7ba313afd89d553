/**
 * 小程序包体积：生产构建（npm run build:weapp 同一份配置）后由 scripts/size.mjs 量主包与各分包
 * （不算 .LICENSE.txt 与 source map，它们不上传）。上限 2 MB（微信），主包目标 ≤ 400 KiB（scripts/size.mjs 的 mainTarget）。
 */
import { execFileSync } from 'node:child_process'
import { build, ROOT, type Figure, type Part } from './common'

export const sizes: Part = async (ctx) => {
  build('weapp', ctx)
  const out = execFileSync(process.execPath, ['scripts/size.mjs', 'dist/weapp', '--json'], { cwd: ROOT, encoding: 'utf8' })
  const measured = JSON.parse(out) as { limit: number; mainTarget: number; main: number; subpackages: Record<string, number> }
  const main: Figure = { value: measured.main, unit: 'bytes', limit: measured.limit, goal: measured.mainTarget, ok: measured.main <= measured.mainTarget }
  const subpackages = Object.fromEntries(
    Object.entries(measured.subpackages).map(([root, bytes]): [string, Figure] => [
      root,
      { value: bytes, unit: 'bytes', limit: measured.limit, ok: bytes <= measured.limit },
    ]),
  )
  return { main, subpackages }
}
