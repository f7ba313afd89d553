/**
 * 小程序的构建目标（babel.config.js、README"包的大小"）：最低基础库 3.0.0，即微信 8.0、iOS 12 起。
 * iOS 上小程序的 JS 跑在系统的 JavaScriptCore 里，iOS 12 的能解析 ES2019 的语法，不能解析 ES2020 的 ??、?.（iOS 13.4 起）。
 * 构建出的每个 .js（主包与每个分包）都要按 ES2019 解析得了：node_modules 里不过 babel 的包（如 zod 4）带进 ES2020 语法时这里失败。
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'acorn'
import { DEFAULT_DIST } from './harness'

const jsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : []
  })

const syntaxErrors = (files: string[], ecmaVersion: 2019 | 2020) =>
  files.flatMap((file) => {
    try {
      parse(fs.readFileSync(file, 'utf8'), { ecmaVersion, sourceType: 'script' })
      return []
    } catch (e) {
      return [`${path.relative(DEFAULT_DIST, file)}：${(e as Error).message}`]
    }
  })

describe('构建目标', () => {
  it('检查本身会报：?? 与 ?. 按 ES2019 解析失败，按 ES2020 通过', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'targets-'))
    const file = path.join(dir, 'x.js')
    fs.writeFileSync(file, 'var a = b ?? c?.d; try {} catch {}')
    expect(syntaxErrors([file], 2019)).toHaveLength(1)
    expect(syntaxErrors([file], 2020)).toEqual([])
    fs.rmSync(dir, { recursive: true })
  })

  it('主包与每个分包的每个 .js 都是 iOS 12 解析得了的语法（ES2019）', () => {
    const files = jsFiles(DEFAULT_DIST)
    expect(files.some((f) => f.includes(`${path.sep}resident${path.sep}`))).toBe(true)
    expect(syntaxErrors(files, 2019)).toEqual([])
  })
})
