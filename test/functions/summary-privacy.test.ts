/**
 * 工作总结不带居民的个人信息：一条报事的文字是"我是2单元1502王秀英电话138 1234 5678，楼道灯坏了"，
 * 它成了典型案例（开得最久的未办结报事，也是"长期未办结"那项不足）。起草、存稿、征求意见、别的居民在公告里读、
 * 导出 Word 与纯文字、点开案例的数字看背后的记录：哪里都没有 王秀英 / 1502 / 138 / 5678。
 * 默认只按结构化字段写案例（分类、住户家中、日期、已开天数），不引居民的原话；代表逐件选"引用居民原话"时，
 * 引的是去掉个人信息之后的文字，这个选择随版本保留。
 */
import { strFromU8, unzipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import { LOCAL_FILE_PREFIX } from '../../server/platform/local'
import { allParagraphs, paragraphText, type SummaryDocument } from '../../src/core/summaryDocument'
import { createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

const PERIOD = { kind: 'month', start: '2026-11', end: '2026-11' }
const DRAFT = { communityId: 'c1', buildingCode: 'CHY1', period: PERIOD, kind: null }
const WORDS = '我是2单元1502王秀英电话138 1234 5678，楼道灯坏了'
const PERSONAL = ['王秀英', '1502', '138', '5678']

/** 答复里每个字符串（不看数值：时间戳的毫秒数里碰巧有这些数字不算泄露）。 */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn)
  return []
}
const leaks = (value: unknown) => stringsIn(value).filter((s) => PERSONAL.some((p) => s.includes(p)))

describe('工作总结不带居民的个人信息', () => {
  const fx = createFixture()
  let id = ''
  let reportId = ''
  const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, openid, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }
  const docxText = async (summaryId: string) => {
    const exported = await ok('summary', 'rep_li', 'export', { summaryId, version: null, format: 'docx' })
    const found = await fx.platform.localFile(exported.fileId.slice(LOCAL_FILE_PREFIX.length))
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(found!.file)))['word/document.xml'])
    return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n')
  }

  beforeAll(async () => {
    await fx.ready
    fx.setNow('2026-11-02T02:00:00.000Z')
    reportId = await fx.file('wang', {
      requestId: 'privacy-report-01',
      category: 'facilities',
      text: WORDS,
      location: { scope: 'unit', unit: '2', floor: 15, room: '1502' },
      contactPhone: '13812345678',
    })
    fx.setNow('2026-11-20T02:00:00.000Z')
  })
  afterAll(() => fx.cleanup())

  it('起草：案例按分类、住户家中、日期与已开天数写，不引居民原话', async () => {
    const draft = await ok('summary', 'rep_li', 'draft', DRAFT)
    const doc: SummaryDocument = draft.document
    const caseParagraph = allParagraphs(doc).find((p) => p.id === 'case1')!
    const text = paragraphText(caseParagraph, doc.figures)
    // 句式随种类与措辞变体而变（issue 21）：只要求写到日期、分类、"住户家中"与已开天数。
    for (const part of ['11月2日', '设施维修问题', '住户家中', '18 天']) expect(text).toContain(part)
    expect(text).not.toContain('楼道灯坏了')
    // 可引的原话已去掉个人信息，默认不引。
    expect(caseParagraph.quote).toEqual({ text: '我是〔房号〕〔姓名〕电话〔电话〕，楼道灯坏了', shown: false })
    expect(leaks(draft)).toEqual([])
  })

  it('存稿、征求意见、别的居民读公告、导出 Word 与文字、看案例数字背后的记录：都没有个人信息', async () => {
    const saved = await ok('summary', 'rep_li', 'save', {
      requestId: 'privacy-save-01',
      summaryId: null,
      baseVersion: null,
      draft: DRAFT,
      title: null,
      edits: [],
    })
    id = saved.id
    expect(leaks(saved)).toEqual([])
    const published = await ok('summary', 'rep_li', 'publish', { requestId: 'privacy-pub-01', summaryId: id, closesOn: '2026-11-30' })
    expect(leaks(published)).toEqual([])
    const read = await ok('notices', 'zhao', 'read', { noticeId: published.noticeId, buildingCode: 'CHY1' })
    expect(read.summary.sections.length).toBeGreaterThan(3)
    expect(leaks(read)).toEqual([])
    expect(leaks(await ok('notices', 'zhao', 'list', { buildingCode: 'CHY1' }))).toEqual([])
    expect(leaks(await docxText(id))).toEqual([])
    expect(leaks(await ok('summary', 'rep_li', 'export', { summaryId: id, version: null, format: 'text' }))).toEqual([])
    const traced = await ok('summary', 'rep_li', 'trace', { summaryId: id, version: null, draft: null, figureId: 'case1.receivedAt', cursor: null })
    expect(traced.records.map((r: { id: string }) => r.id)).toEqual([reportId])
    expect(leaks(traced)).toEqual([])
    const received = await ok('summary', 'rep_li', 'trace', { summaryId: id, version: null, draft: null, figureId: 'received', cursor: null })
    expect(received.records).toHaveLength(1)
    expect(received.records[0].excerpt).toBe('我是〔房号〕〔姓名〕电话〔电话〕，楼道灯坏了')
    expect(stringsIn(read).some((s) => s.includes('楼道灯坏了'))).toBe(false)
  })

  it('代表选了引用：接上去掉个人信息的原话，居民、Word 与文字里都没有个人信息；这个选择随版本保留', async () => {
    const quoted = await ok('summary', 'rep_li', 'save', {
      requestId: 'privacy-save-02',
      summaryId: id,
      baseVersion: 1,
      draft: null,
      title: null,
      edits: [],
      quotes: [{ paragraphId: 'case1', quoted: true }],
    })
    expect(quoted.version).toBe(2)
    const expected = '居民原话：「我是〔房号〕〔姓名〕电话〔电话〕，楼道灯坏了」'
    const read = await ok('notices', 'zhao', 'read', { noticeId: quoted.noticeId, buildingCode: 'CHY1' })
    expect(stringsIn(read.summary.sections).some((s) => s.endsWith(expected))).toBe(true)
    expect(leaks(read)).toEqual([])
    const word = await docxText(id)
    expect(word).toContain(expected)
    expect(leaks(word)).toEqual([])
    expect((await ok('summary', 'rep_li', 'export', { summaryId: id, version: null, format: 'text' })).text).toContain(expected)
    // 之后改别的段落：引用照旧。
    const next = await ok('summary', 'rep_li', 'save', {
      requestId: 'privacy-save-03',
      summaryId: id,
      baseVersion: 2,
      draft: null,
      title: '1号楼十一月总结',
      edits: [],
    })
    expect(allParagraphs(next.document).find((p) => p.id === 'case1')!.quote).toEqual({ text: expect.any(String), shown: true })
    // 不是案例的段落、不存在的段落：拒收，什么都不存。
    for (const paragraphId of ['intro', 'case9']) {
      const refused = (await fx.call('summary', 'rep_li', 'save', {
        requestId: `privacy-bad-${paragraphId}`,
        summaryId: id,
        baseVersion: 3,
        draft: null,
        title: null,
        edits: [],
        quotes: [{ paragraphId, quoted: true }],
      })) as Reply
      expect(refused.code).toBe('INVALID')
    }
    expect((await ok('summary', 'rep_li', 'detail', { summaryId: id, version: null })).latestVersion).toBe(3)
  })
})
