/**
 * 本地宿主交给 H5 页面下载导出的 Word：summaries/ 下、文件头是 zip 的 .docx 按 Word 的类型给出；
 * 别的目录里的 .docx、或改了扩展名的非 zip 文件不给（宿主只送认得出类型的文件）。
 */
import { summaryToDocx } from '../../server/summary/docx'
import { DOCX_TYPE, LOCAL_FILE_PREFIX } from '../../server/platform/local'
import type { SummaryDocument } from '../../src/core/summaryDocument'
import { startTestHost, type TestHost } from '../support/testHost'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost({ prefix: 'loushi-summary-download-' })
})
afterAll(() => host.stop())

const doc: SummaryDocument = {
  kind: 'representative',
  kindLabel: '业主代表工作总结',
  title: '春晖苑1号楼2026年11月业主代表工作总结',
  periodLabel: '2026年11月',
  scopeLabel: '春晖苑1号楼',
  sections: [{ id: 'intro', heading: '引言', paragraphs: [{ id: 'intro', text: '本月收到报事 {{f:received}}。', figureIds: ['received'] }], children: [] }],
  figures: {
    received: { id: 'received', label: '收到的报事', display: '3 件', value: 3, trace: { source: 'reports', buildingIds: ['b1'], months: ['2026-11'] } },
  },
  keyFigures: [{ label: '收到报事', figureId: 'received', previousId: null, yearAgoId: null }],
  weaknesses: [],
  gaps: [],
}

it('summaries/ 下的 .docx 按 Word 的类型下载，字节原样', async () => {
  const bytes = await summaryToDocx(doc)
  const fileId = await host.platform.files.upload('summaries/s1/v1.docx', bytes)
  expect(fileId).toBe(`${LOCAL_FILE_PREFIX}summaries/s1/v1.docx`)
  const url = (await host.platform.files.temporaryUrls([fileId]))[fileId]
  const res = await fetch(`${host.base}${url}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe(DOCX_TYPE)
  expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true)
})

it('别的目录里的 .docx、summaries/ 下不是 zip 的文件：404', async () => {
  const bytes = await summaryToDocx(doc)
  for (const [relative, content] of [
    ['reports/2026-11/x.docx', bytes],
    ['summaries/s1/fake.docx', new TextEncoder().encode('not a zip')],
  ] as const) {
    const fileId = await host.platform.files.upload(relative, content)
    const url = (await host.platform.files.temporaryUrls([fileId]))[fileId]
    expect((await fetch(`${host.base}${url}`)).status).toBe(404)
  }
})
