/**
 * 无障碍与适老化（issue 22）：演示数据里每种身份的每个页面状态（test/e2e/a11y.ts 的 STATES），
 * axe-core 没有 critical / serious；可点目标不小于 44×44 px、文字不小于 14 px（允许清单上的除外，各有理由）；
 * 文字放大到 1.4 倍（微信"关怀模式"）后没有被裁掉、互相压住的文字，页面不用左右滑；H5 不禁止双指缩放。
 * 与 npm run a11y 同一套走查；需要 dist/h5 与 /usr/bin/chromium。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { audit, LARGE_TEXT_SCALE, MIN_TARGET, MIN_TEXT, STATES, zoomDisabled, type StateResult } from './a11y'
import { ROOT, startE2E, type E2EEnv } from './helpers'

// 48 个状态，每个跑一次 axe：2 核上约 3 分钟。
jest.setTimeout(600_000)

let env: E2EEnv
let results: StateResult[] = []
let zoom: string | null = null

beforeAll(async () => {
  env = await startE2E()
  zoom = await zoomDisabled(env)
  const shots = path.join(ROOT, 'screenshots', 'large-text')
  mkdirSync(shots, { recursive: true })
  results = await audit(env, { largeTextShots: shots })
}, 600_000)

afterAll(async () => {
  await env?.teardown()
})

const walked = () => results.filter((r) => !r.error)

test('每种身份的每个页面状态都走到了', () => {
  expect(results.filter((r) => r.error).map((r) => `${r.state}：${r.error}`)).toEqual([])
  expect(results.length).toBe(STATES.length)
  // 量到了东西：每个状态都有文字，大多数有可点的元素（量法本身没坏）。
  expect(walked().every((r) => r.textNodes > 0)).toBe(true)
  expect(walked().filter((r) => r.targets > 0).length).toBeGreaterThan(STATES.length * 0.8)
})

test('H5 不禁止双指缩放', () => {
  expect(zoom).toBeNull()
})

test('axe-core：没有 critical 或 serious 的违规', () => {
  const serious = walked().flatMap((r) =>
    r.axe.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${r.state} ${v.impact} ${v.id} ×${v.nodes}（${v.sample}）`),
  )
  expect(serious).toEqual([])
})

test(`可点的目标不小于 ${MIN_TARGET}×${MIN_TARGET} px`, () => {
  const small = walked().flatMap((r) => r.smallTargets.filter((t) => !t.allowed).map((t) => `${r.state} ${t.size} ${t.selector} "${t.text}"`))
  expect(small).toEqual([])
})

test(`文字不小于 ${MIN_TEXT} px`, () => {
  const small = walked().flatMap((r) => r.smallText.filter((t) => !t.allowed).map((t) => `${r.state} ${t.size} ${t.selector} "${t.text}"`))
  expect(small).toEqual([])
})

test(`文字放大 ${LARGE_TEXT_SCALE} 倍：没有被裁掉或互相压住的文字，页面不用左右滑`, () => {
  const problems = walked().flatMap((r) => [
    ...r.clipped.map((t) => `${r.state} 裁切 ${t.selector} "${t.text}" ${t.size}`),
    ...r.overlapping.map((t) => `${r.state} 重叠 ${t.selector} "${t.text}"`),
    ...(r.horizontalOverflow ? [`${r.state} 横向溢出`] : []),
  ])
  expect(problems).toEqual([])
})
