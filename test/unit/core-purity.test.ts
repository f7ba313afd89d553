/**
 * 领域纯净规则（eslint.config.mjs）本身的测试：把一段段代码当作 src/core 里的文件交给 ESLint，
 * 看该报的报、不该报的不报；再确认真实的 src/core 一条也不报。
 * ESLint 在子进程里跑（见 test/support/lint-text.mjs），一次检查全部样例。
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')

interface LintCase {
  code?: string
  filePath: string
}
interface LintResult {
  messages: { ruleId: string | null; message: string }[]
}

/** 顶层文件与能力目录里的文件：相对路径能退几级，取决于文件在哪。 */
const TOP = 'src/core/__purity__.ts'
const NESTED = 'src/core/reports/__purity__.ts'

const importing = (spec: string) => `import * as imported from '${spec}'\nexport const used = imported\n`

const FORBIDDEN_IMPORTS: [string, string][] = [
  ['../../server/storage/sqlite', NESTED],
  ['../../../server/x', NESTED],
  ['../server/functions', TOP],
  ['../services/api', TOP],
  ['../../services/api', NESTED],
  ['./../../server/x', NESTED],
  ['./reports/../../server/x', TOP],
  ['node:fs', TOP],
  ['fs', TOP],
  ['path', TOP],
  ['crypto', NESTED],
  ['@tarojs/taro', TOP],
  ['wx-server-sdk', NESTED],
  ['better-sqlite3', NESTED],
  ['react', TOP],
  ['mingo', TOP],
  // 经典的 zod：校验规则只用 zod/mini（小程序的每个分包少带约 70 KB）。
  ['zod', TOP],
  ['@/core/tally', TOP],
]

/** 绕开 import 语句的写法与读时钟、随机数：由 no-restricted-syntax 拦下。 */
const FORBIDDEN_SYNTAX: [string, string][] = [
  ['Date.now()', 'export const now = Date.now()\n'],
  ['new Date()', 'export const now = new Date()\n'],
  ['dayjs()', "import dayjs from 'dayjs'\nexport const now = dayjs()\n"],
  ['Math.random()', 'export const id = Math.random()\n'],
  ["import('node:fs')", "export const load = () => import('node:fs')\n"],
  ["require('fs')", "export const fs = require('fs')\n"],
  ["import('../../server/x') 类型", "export type Store = import('../../server/storage/sqlite').SqliteStore\n"],
]

const ALLOWED_IMPORTS: [string, string][] = [
  ['./tally', TOP],
  ['./reports', TOP],
  ['../catalog', NESTED],
  ['./reports', NESTED],
  ['zod/mini', TOP],
  ['dayjs', TOP],
  ['dayjs/plugin/utc', NESTED],
]

/** 另外两种会带上模块路径的语句：type-only 引入与再导出，同样受限。 */
const OTHER_FORMS: [string, string][] = [
  ['import type', "import type { SqliteStore } from '../../server/storage/sqlite'\nexport type S = SqliteStore\n"],
  ['export *', "export * from '../../server/storage/sqlite'\n"],
  ['export { } from', "export { openSqliteStore } from '../../server/storage/sqlite'\n"],
]

function coreFiles(dir = 'src/core'): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? coreFiles(`${dir}/${entry.name}`) : /\.tsx?$/.test(entry.name) ? [`${dir}/${entry.name}`] : [],
  )
}

/** 所有样例排成一批交给子进程；每条记下自己在结果里的位置。 */
const cases: LintCase[] = []
const add = (c: LintCase) => cases.push(c) - 1

const forbiddenImports = FORBIDDEN_IMPORTS.map(([spec, file]) => [spec, file, add({ code: importing(spec), filePath: file })] as const)
const forbiddenSyntax = FORBIDDEN_SYNTAX.map(([name, code]) => [name, add({ code, filePath: NESTED })] as const)
const allowedImports = ALLOWED_IMPORTS.map(([spec, file]) => [spec, file, add({ code: importing(spec), filePath: file })] as const)
const otherForms = OTHER_FORMS.map(([name, code]) => [name, add({ code, filePath: NESTED })] as const)
const realFiles = coreFiles().map((file) => [file, add({ filePath: file })] as const)

let results: LintResult[] = []
beforeAll(() => {
  const run = spawnSync(process.execPath, [path.join(root, 'test/support/lint-text.mjs')], {
    cwd: root,
    input: JSON.stringify(cases),
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (run.status !== 0) throw new Error(`lint-text.mjs 失败：${run.stderr}`)
  results = JSON.parse(run.stdout) as LintResult[]
}, 60_000)

const messagesAt = (at: number) => results[at].messages
const rulesAt = (at: number) => messagesAt(at).map((m) => m.ruleId)

describe('src/core 的引入白名单', () => {
  it.each(forbiddenImports)('%s（在 %s 里）报错', (_spec, _file, at) => {
    expect(rulesAt(at)).toContain('no-restricted-imports')
  })

  it.each(forbiddenSyntax)('%s 报错', (_name, at) => {
    expect(rulesAt(at)).toContain('no-restricted-syntax')
  })

  it.each(allowedImports)('%s（在 %s 里）可以引入', (_spec, _file, at) => {
    expect(messagesAt(at)).toEqual([])
  })

  it.each(otherForms)('%s 的路径同样受限', (_name, at) => {
    expect(rulesAt(at)).toContain('no-restricted-imports')
  })

  it('报错信息说明该怎么做', () => {
    expect(messagesAt(forbiddenImports[0][2])[0].message).toContain('经端口（ports.ts）进来')
  })

  it('真实的 src/core 一条也不报', () => {
    expect(realFiles.length).toBeGreaterThan(5)
    const problems = realFiles.flatMap(([file, at]) => messagesAt(at).map((m) => `${file}: ${m.ruleId} ${m.message}`))
    expect(problems).toEqual([])
  })
})
