/**
 * 小程序里的校验规则只用 zod/mini（README"包的大小"）：经典的 zod（链式 API、英文说法、JSON Schema 生成器）
 * 会让用到校验的每个分包多约 73 KB。lint 拦得住源码里的 import，这里查构建出来的东西：依赖的依赖引了经典 zod 也能发现。
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_DIST } from './harness'

/** 只有经典 zod 才有的字样：它的类型构造器名（mini 的叫 ZodMiniType）、英文说法、JSON Schema 生成器。 */
const CLASSIC_MARKERS: [string, RegExp][] = [
  ['经典 API', /["']ZodType["']/],
  ['英文说法', /Too (?:big|small): expected/],
  ['JSON Schema 生成器', /draft-2020-12|json-schema\.org/],
]

const jsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : []
  })

const classicZod = (files: string[], root: string) =>
  files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8')
    return CLASSIC_MARKERS.filter(([, re]) => re.test(text)).map(([what]) => `${path.relative(root, file)}：${what}`)
  })

describe('小程序里只有 zod/mini', () => {
  it('检查本身会报：经典 zod 的构造器名、英文说法与 JSON Schema 生成器都认得出，mini 的不算', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zod-mini-'))
    const classic = path.join(dir, 'classic.js')
    const mini = path.join(dir, 'mini.js')
    fs.writeFileSync(classic, 'var a=r.xI("ZodType",f),b=`Too big: expected ${x}`,c="https://json-schema.org/draft/2020-12/schema";')
    fs.writeFileSync(mini, 'var a=r.xI("ZodMiniType",f),b=r.xI("$ZodType",g);')
    expect(classicZod([classic, mini], dir)).toEqual(['classic.js：经典 API', 'classic.js：英文说法', 'classic.js：JSON Schema 生成器'])
    fs.rmSync(dir, { recursive: true })
  })

  it('主包与每个分包都不带经典 zod；居民与代表的分包里是 zod/mini', () => {
    const files = jsFiles(DEFAULT_DIST)
    const inPackage = (root: string) => files.filter((f) => path.relative(DEFAULT_DIST, f).startsWith(`${root}/`))
    const hasMini = (list: string[]) => list.some((f) => fs.readFileSync(f, 'utf8').includes('ZodMiniObject'))
    expect(classicZod(files, DEFAULT_DIST)).toEqual([])
    // 查的确实是带校验规则的构建：报事与台账表单都在用 zod/mini。
    expect(hasMini(inPackage('resident'))).toBe(true)
    expect(hasMini(inPackage('rep'))).toBe(true)
  })
})
