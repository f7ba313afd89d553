/**
 * 无障碍与适老化走查：演示数据里每种身份的每个页面状态，打印每页的 axe 违规（按影响程度）、
 * 小于 44 px 的可点目标、小于 14 px 的文字、对比度不够的元素，以及文字放大 1.4 倍后被裁掉或压住的文字。
 * 用法：npm run a11y [-- --details] [-- --json 文件]   （需要 dist/h5:NODE_ENV=production npx taro build --type h5)
 * 放大档的截图在 screenshots/large-text/。
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { audit, summarize, zoomDisabled, type StateResult } from '../test/e2e/a11y'
import { ROOT, startE2E } from '../test/e2e/helpers'

const args = process.argv.slice(2)
const details = args.includes('--details')
const jsonAt = args.indexOf('--json')
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--json')

async function main() {
  const shots = path.join(ROOT, 'screenshots', 'large-text')
  mkdirSync(shots, { recursive: true })
  const env = await startE2E()
  let results: StateResult[] = []
  let zoom: string | null = null
  try {
    zoom = await zoomDisabled(env)
    results = await audit(env, {
      only: only.length ? only : undefined,
      largeTextShots: shots,
      onResult(r) {
        console.log(summarize(r))
        if (!details) return
        for (const v of r.axe) console.log(`    axe ${v.impact} ${v.id} ×${v.nodes}  例：${v.sample}`)
        for (const t of r.smallTargets) console.log(`    目标 ${t.size} ${t.selector} "${t.text}"${t.allowed ? `（允许：${t.allowed}）` : ''}`)
        for (const t of r.smallText) console.log(`    文字 ${t.size} ${t.selector} "${t.text}"${t.allowed ? `（允许：${t.allowed}）` : ''}`)
        for (const t of r.clipped) console.log(`    1.4倍裁切 ${t.size} ${t.selector} "${t.text}"`)
        for (const t of r.overlapping) console.log(`    1.4倍重叠 ${t.size} ${t.selector} "${t.text}"`)
      },
    })
  } finally {
    await env.teardown()
  }
  // 合计。
  const sum = (f: (r: StateResult) => number) => results.reduce((n, r) => n + f(r), 0)
  const states = results.filter((r) => !r.error)
  const withImpact = (level: string) => states.filter((r) => r.axe.some((v) => v.impact === level)).length
  const ruleStates = (id: string) => states.filter((r) => r.axe.some((v) => v.id === id)).length
  console.log('')
  console.log(`走到的状态 ${states.length}/${results.length}`)
  console.log(`H5 禁止缩放：${zoom ? `是（${zoom}）` : '否'}`)
  console.log(`axe critical 的状态 ${withImpact('critical')}，serious 的状态 ${withImpact('serious')}`)
  console.log(`color-contrast：${ruleStates('color-contrast')} 个状态、${sum((r) => r.contrastNodes)} 个元素`)
  for (const id of ['aria-allowed-attr', 'aria-valid-attr', 'image-alt', 'button-name', 'aria-required-attr', 'label']) {
    console.log(`${id}：${ruleStates(id)} 个状态`)
  }
  const smallTargets = sum((r) => r.smallTargets.filter((t) => !t.allowed).length)
  const smallText = sum((r) => r.smallText.filter((t) => !t.allowed).length)
  console.log(
    `小于 44 px 的可点目标：${smallTargets}/${sum((r) => r.targets)}（${states.filter((r) => r.smallTargets.some((t) => !t.allowed)).length} 个状态有）`,
  )
  console.log(`小于 14 px 的文字：${smallText}/${sum((r) => r.textNodes)}（${states.filter((r) => r.smallText.some((t) => !t.allowed)).length} 个状态有）`)
  const worst = states.reduce((m, r) => Math.max(m, r.textNodes ? r.smallText.length / r.textNodes : 0), 0)
  console.log(`小于 14 px 的文字占比最高的状态：${Math.round(worst * 100)}%`)
  console.log(
    `放大 1.4 倍：裁切 ${sum((r) => r.clipped.length)} 处、重叠 ${sum((r) => r.overlapping.length)} 处、横向溢出 ${states.filter((r) => r.horizontalOverflow).length} 个状态`,
  )
  console.log(`放大档截图在 ${path.relative(process.cwd(), shots)}/`)
  if (jsonAt >= 0 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1], JSON.stringify({ zoom, results }, null, 2))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
