/**
 * 结构的几个数字（issue 20 的前后对照）：src/core 里超过 300 行的文件、最大的文件、引入环、
 * 页面目录之间的引入、模型文件引用例文件。用法：npx tsx scripts/structure-figures.ts
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { cycles, edges, lineCount, listFiles, pageFolder, root } from '../test/support/importGraph'

/** 用例文件：导出 createX(deps) 工厂的文件（README：用例是 createX(deps) 工厂）。模型文件：其余的，index.ts 除外。 */
const isUseCase = (file: string) => /^export (async )?function create[A-Z]/m.test(readFileSync(path.join(root, file), 'utf8'))
const isModel = (file: string) => !isUseCase(file) && !file.endsWith('/index.ts')

const core = listFiles('src/core').filter((f) => /\.tsx?$/.test(f))
const coreEdges = edges(core)
const sizes = core.map((file) => ({ file, lines: lineCount(file) })).sort((a, b) => b.lines - a.lines)
const pages = ['src/pages', 'src/resident', 'src/rep', 'src/survey', 'src/components'].flatMap((dir) => listFiles(dir))
const crossPage = edges(pages).filter((e) => {
  const from = pageFolder(e.from)
  const to = pageFolder(e.to)
  return to !== null && from !== to
})
const modelToUseCase = coreEdges.filter((e) => isModel(e.from) && isUseCase(e.to))

console.log(`src/core 文件数: ${core.length}`)
console.log(`超过 300 行的文件: ${sizes.filter((s) => s.lines > 300).length}`)
for (const s of sizes.filter((s) => s.lines > 300)) console.log(`  ${s.lines} ${s.file}`)
console.log(`最大的文件: ${sizes[0].file} ${sizes[0].lines} 行`)
const found = cycles(coreEdges)
console.log(`引入环（强连通分量）: ${found.length}`)
for (const c of found) console.log(`  ${c.join(' ')}`)
console.log(`页面目录之间的引入: ${crossPage.length}`)
for (const e of crossPage) console.log(`  ${e.from} -> ${e.spec}`)
console.log(`模型文件引用例文件: ${modelToUseCase.length}`)
for (const e of modelToUseCase) console.log(`  ${e.from} -> ${e.spec}`)
