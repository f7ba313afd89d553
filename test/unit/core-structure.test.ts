/**
 * 目录结构的规则（README 的"结构"）：
 *   1. src/core 里没有引入环（import type 也算：类型上的环一样让人读不懂谁在谁之上）；
 *   2. 能力之间只经对方的公开模块 index.ts 引入；shared/ 是一组小的通用模块，按名字直接引，它自己不引任何能力；
 *      顶层的 api.ts、recount.ts 在所有能力之上，能力不引它们；
 *   3. 页面目录（带 index.config.ts 的目录）不引另一个页面目录：共用的放 src/components、src/services 或 src/rep/shared。
 * 每条规则先拿造出来的引入关系证明它会报，再查真实的源码。
 */
import path from 'node:path'
import { cycles, edges, listFiles, pageFolder, type Edge } from '../support/importGraph'

const CORE = 'src/core/'

/** src/core 下的文件属于哪个能力；顶层文件为 ''。 */
function capabilityOf(file: string): string {
  const rel = file.slice(CORE.length)
  return rel.includes('/') ? rel.split('/')[0] : ''
}

/** 规则 2：每条越界的引入说一句。 */
function boundaryViolations(list: readonly Edge[]): string[] {
  return list.flatMap((e) => {
    const from = capabilityOf(e.from)
    const to = capabilityOf(e.to)
    if (from === to) return []
    if (from === 'shared') return [`${e.from} → ${e.spec}：shared 不引能力`]
    if (to === '' && from !== '') return [`${e.from} → ${e.spec}：能力不引顶层的契约与重算`]
    if (to === 'shared' || to === '') return []
    if (e.to !== `${CORE}${to}/index.ts`) return [`${e.from} → ${e.spec}：引 ${to} 请经 ${CORE}${to}/index.ts`]
    return []
  })
}

/** 规则 3：页面目录之间的引入。 */
function pageViolations(list: readonly Edge[], folderOf: (file: string) => string | null = pageFolder): string[] {
  return list.flatMap((e) => {
    const to = folderOf(e.to)
    return to !== null && to !== folderOf(e.from) ? [`${e.from} → ${e.spec}：页面目录不互相引入（共用的放 src/components 或 src/rep/shared）`] : []
  })
}

const edge = (from: string, to: string): Edge => ({ from, to, spec: path.posix.relative(path.posix.dirname(from), to) })

describe('规则本身会报', () => {
  it('环：两个文件互相引、经过 index.ts 绕一圈、自己引自己', () => {
    expect(cycles([edge('src/core/a/x.ts', 'src/core/a/y.ts'), edge('src/core/a/y.ts', 'src/core/a/x.ts')])).toEqual([['src/core/a/x.ts', 'src/core/a/y.ts']])
    const viaIndex = [
      edge('src/core/reports/actions.ts', 'src/core/notices/index.ts'),
      edge('src/core/notices/index.ts', 'src/core/notices/actions.ts'),
      edge('src/core/notices/actions.ts', 'src/core/reports/index.ts'),
      edge('src/core/reports/index.ts', 'src/core/reports/actions.ts'),
    ]
    expect(cycles(viaIndex)).toHaveLength(1)
    expect(cycles([edge('src/core/a/x.ts', 'src/core/a/x.ts')])).toHaveLength(1)
    expect(cycles([edge('src/core/a/x.ts', 'src/core/a/y.ts'), edge('src/core/a/y.ts', 'src/core/b/index.ts')])).toEqual([])
  })

  it('越界：引别的能力的内部文件、shared 引能力、能力引顶层', () => {
    expect(boundaryViolations([edge('src/core/notices/actions.ts', 'src/core/reports/schema.ts')])).toHaveLength(1)
    expect(boundaryViolations([edge('src/core/shared/time.ts', 'src/core/reports/index.ts')])).toHaveLength(1)
    expect(boundaryViolations([edge('src/core/reports/actions.ts', 'src/core/api.ts')])).toHaveLength(1)
    expect(boundaryViolations([edge('src/core/api.ts', 'src/core/reports/views.ts')])).toHaveLength(1)
    expect(
      boundaryViolations([
        edge('src/core/notices/actions.ts', 'src/core/reports/index.ts'),
        edge('src/core/notices/actions.ts', 'src/core/notices/schema.ts'),
        edge('src/core/notices/actions.ts', 'src/core/shared/time.ts'),
        edge('src/core/api.ts', 'src/core/notices/index.ts'),
        edge('src/core/api.ts', 'src/core/shared/result.ts'),
      ]),
    ).toEqual([])
  })

  it('页面目录之间：引另一个页面目录里的文件会报，引共用的不报', () => {
    const folderOf = (file: string) => /^src\/(pages|rep)\/(track|notices|admin|join)(?=\/)/.exec(file)?.[0] ?? null
    expect(pageViolations([edge('src/rep/join/index.tsx', 'src/rep/admin/formBits.tsx')], folderOf)).toHaveLength(1)
    expect(pageViolations([edge('src/components/NoticeStrip.tsx', 'src/pages/notices/noticeBits.tsx')], folderOf)).toHaveLength(1)
    expect(
      pageViolations(
        [edge('src/rep/join/index.tsx', 'src/rep/shared/formBits.tsx'), edge('src/pages/track/index.tsx', 'src/components/SimilarReports.tsx')],
        folderOf,
      ),
    ).toEqual([])
  })
})

describe('真实的源码', () => {
  const coreFiles = listFiles('src/core').filter((f) => /\.tsx?$/.test(f))
  const coreEdges = edges(coreFiles)

  it('src/core 有按能力分的目录，每个能力一个 index.ts', () => {
    const capabilities = [...new Set(coreFiles.map(capabilityOf))].filter((c) => c !== '' && c !== 'shared')
    expect(capabilities.length).toBeGreaterThan(5)
    for (const c of capabilities) expect(coreFiles).toContain(`${CORE}${c}/index.ts`)
    expect(coreEdges.length).toBeGreaterThan(100)
  })

  it('src/core 没有引入环（含 import type）', () => {
    expect(cycles(coreEdges)).toEqual([])
  })

  it('能力之间只经 index.ts', () => {
    expect(boundaryViolations(coreEdges)).toEqual([])
  })

  it('页面目录不引另一个页面目录', () => {
    const pages = ['src/pages', 'src/resident', 'src/rep', 'src/survey', 'src/components', 'src/services'].flatMap((d) => listFiles(d))
    expect(pages.some((f) => pageFolder(f) !== null)).toBe(true)
    expect(pageViolations(edges(pages))).toEqual([])
  })
})
