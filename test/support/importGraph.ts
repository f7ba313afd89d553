/**
 * 源码的引入关系：每个文件引了哪些项目里的文件（import、import type、export … from、动态 import 都算）。
 * 结构测试（test/unit/core-structure.test.ts）与数字脚本（scripts/structure-figures.ts）共用。
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

export const root = path.resolve(__dirname, '../..')

const SOURCE = /\.(tsx?|scss)$/

/** dir 下所有源文件（相对 root 的路径，用 /）。 */
export function listFiles(dir: string): string[] {
  const abs = path.join(root, dir)
  if (!existsSync(abs)) return []
  return readdirSync(abs, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(`${dir}/${entry.name}`) : SOURCE.test(entry.name) ? [`${dir}/${entry.name}`] : [],
  )
}

const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

/** 把引入路径解析成项目里的文件；包（zod、react……）返回 null。 */
export function resolveImport(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('@/')) base = `src/${spec.slice(2)}`
  else if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec)
  else return null
  for (const suffix of CANDIDATES) {
    const candidate = base + suffix
    const abs = path.join(root, candidate)
    if (existsSync(abs) && statSync(abs).isFile()) return candidate
  }
  throw new Error(`${from}: 找不到 ${spec}`)
}

/** 一个文件引入的路径原文。 */
export function importSpecifiers(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8')
  if (file.endsWith('.scss')) return [...text.matchAll(/@(?:import|use)\s+'([^']+)'/g)].map((m) => m[1])
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)
}

export interface Edge {
  from: string
  to: string
  spec: string
}

/** files 里每个文件指向项目文件的边。 */
export function edges(files: string[]): Edge[] {
  return files.flatMap((from) =>
    importSpecifiers(from).flatMap((spec) => {
      const to = resolveImport(from, spec)
      return to ? [{ from, to, spec }] : []
    }),
  )
}

/** 强连通分量里多于一个文件（或自己引自己）的，就是环；返回每个环的文件。 */
export function cycles(list: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of list) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  let counter = 0
  const visit = (v: string) => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort())
    }
  }
  for (const v of next.keys()) if (!index.has(v)) visit(v)
  return found
}

/** 页面目录：带 index.config.ts 的目录（src/pages/x、src/resident/x、src/rep/x、src/survey/x）。不是页面目录的返回 null。 */
export function pageFolder(file: string): string | null {
  let dir = path.posix.dirname(file)
  while (dir.startsWith('src/')) {
    if (existsSync(path.join(root, dir, 'index.config.ts'))) return dir
    dir = path.posix.dirname(dir)
  }
  return null
}

export const lineCount = (file: string) => readFileSync(path.join(root, file), 'utf8').split('\n').length
