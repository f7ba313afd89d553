/**
 * 云函数把校验规则编译成快速路径（server/functions/router.ts 的 z.compile）。编译出的代码另写一遍校验，
 * 这里拿 zod 自己逐项校验的结果作对照：每份规则、一批按规则结构生成的输入（合法的、差一点的、类型不对的、多字段的），
 * 通过与否、得到的值、每条问题的代码、路径与中文说法都要相同。zod 升级改了编译的语义时这里会报。
 */
import { z } from 'zod/mini'
import * as reports from '../../src/core/reports/schema'
import * as directory from '../../src/core/directory/schema'
import * as notices from '../../src/core/notices/schema'
import * as worklog from '../../src/core/worklog/schema'
import * as surveys from '../../src/core/surveys/schema'
import * as answers from '../../src/core/surveys/answerSchema'
import * as summary from '../../src/core/summary/schema'
import * as dashboard from '../../src/core/dashboard/schema'
import * as workbook from '../../src/core/workbook/schema'
import * as period from '../../src/core/summaryDocument/period'
import * as shared from '../../src/core/shared/schema'

type Schema = z.ZodMiniType<unknown>
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && '_zod' in v
const exported: [string, unknown][] = [
  ...Object.entries({ ...reports, ...directory, ...notices, ...worklog, ...surveys, ...answers, ...summary, ...dashboard, ...workbook, ...period, ...shared }),
  ['audienceSchema', directory.audienceSchema('公告')],
]
const SCHEMAS = exported.filter((e): e is [string, Schema] => isSchema(e[1]))

// 可复现的伪随机数。
let seed = 20261207
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

const STRINGS = [
  ...['', ' ', 'a', 'CHY1', 'chy1', 'req-00000001', 'req-1', 'c1', 'q1', 'q100', 'h1', 'community', '13800138000', '12', 'constructor'],
  ...['2026-12-07', '2026-02-30', '2026-12', '2026-13', '2026-01', '2026-03', '2026-07', 'ab2cd3ef', ' ab2cd3ef ', '楼道灯坏了', '  楼道灯坏了好几天  '],
  ...['cloud://env-1/reports/a.jpg', 'local://uploads/worklog/a.jpg', 'cloud://env-1/notices/a.jpg', 'cloud://env-1/qr/a.jpg'],
  ...['\u200b\u200b', 'e\u0301', '\ud83d', '😀好', '字'.repeat(11), '字'.repeat(61), '字'.repeat(501), '字'.repeat(2001), 'a'.repeat(65), 'a'.repeat(513)],
]
const NUMBERS = [0, 1, 3, 5, 6, -5, -6, 99, 100, 1.5, 0.5, 0.25, 2.3, 50, 51, 720, 2001, 10001, NaN, Infinity, -1]
const WRONG = [undefined, null, true, 'x', 3, [], {}, [1], { a: 1 }]

/** 按规则的结构（def）生成一个输入：多半接近合法，偶尔缺字段、多字段、类型不对。 */
function sample(schema: unknown): unknown {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  if (random() < 0.04) return pick(WRONG)
  switch (def.type) {
    case 'string':
      return pick(STRINGS)
    case 'number':
      return pick(NUMBERS)
    case 'boolean':
      return random() < 0.95 ? random() < 0.5 : 'true'
    case 'enum':
      return random() < 0.9 ? pick(Object.values(def.entries as Record<string, string>)) : 'bogus'
    case 'literal':
      return random() < 0.9 ? pick(def.values as unknown[]) : 'bogus'
    case 'optional':
      return random() < 0.25 ? undefined : sample(def.innerType)
    case 'nullable':
      return random() < 0.25 ? null : sample(def.innerType)
    case 'array': {
      const list: unknown[] = []
      for (let n = pick([0, 1, 2, 3, 10, 11, 201]); list.length < n;) list.push(list.length > 0 && random() < 0.15 ? list[0] : sample(def.element))
      return list
    }
    case 'union':
      return sample(pick(def.options as unknown[]))
    case 'record':
      return Object.fromEntries(Array.from({ length: pick([0, 1, 3]) }, () => [pick(['q1', 'q2', 'q100', 'x']), sample(def.valueType)]))
    case 'object': {
      const fields = Object.entries(def.shape as Record<string, unknown>).filter(() => random() > 0.05)
      const extra = random() < 0.05 ? [[pick(['openid', 'extra']), 'x']] : []
      return Object.fromEntries([...fields.map(([k, v]) => [k, sample(v)]), ...extra])
    }
    default:
      return pick(WRONG)
  }
}

const outcome = (schema: Schema, input: unknown) => {
  const r = schema.safeParse(input)
  return r.success ? { ok: true, data: r.data } : { ok: false, issues: r.error.issues.map(({ code, path, message }) => ({ code, path, message })) }
}

let checked = 0
let accepted = 0

describe('云函数编译过的校验规则与逐项校验的结果相同', () => {
  it('每份规则都认得出来（这份清单不是空的）', () => {
    expect(SCHEMAS.length).toBeGreaterThan(50)
  })

  it.each(SCHEMAS)('%s：300 个生成的输入', (_name, schema) => {
    const compiled = z.compile(schema)
    for (let i = 0; i < 300; i++) {
      const input = sample(schema)
      const expected = outcome(schema, input)
      checked++
      if (expected.ok) accepted++
      expect(outcome(compiled, input)).toEqual(expected)
    }
  })

  it('生成的输入两边都有：通过的至少一成（只比拒收时，比的只是错误的说法）', () => {
    expect(checked).toBe(SCHEMAS.length * 300)
    expect(accepted / checked).toBeGreaterThan(0.1)
  })
})
