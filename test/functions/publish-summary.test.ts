/**
 * 工作总结从存稿到公示：存第 1 版 → 改一段（数字重新连上、仍能点开）→ 第 2 版（重试只存一次）→ 回到第 1 版 →
 * 同一底版的两次并发保存（一个成功、一个冲突）→ 征求意见（公告）→ 居民提意见（内容检测拒收什么都不改；别的楼的居民被拒；
 * 重试只存一次；居民只看到自己的）→ 代表看到意见但看不到是谁 → 公示 → 居民在公告里看到定稿、不能再提意见；
 * 之后改、回到某版、再征求意见都被拒绝。导出的 Word 用 fflate 解开，找到标题与解决率那一句。
 */
import { unzipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import { LOCAL_FILE_PREFIX } from '../../server/platform/local'
import { allParagraphs, renderText, type SummaryDocument } from '../../src/core/summaryDocument'
import { BLOCKED_WORD, createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

const PERIOD = { kind: 'month', start: '2026-11', end: '2026-11' }
const DRAFT = { communityId: 'c1', buildingCode: 'CHY1', period: PERIOD, kind: null }
const CONFLICT = '这份总结刚被别人改过，请刷新后再改'
const FINAL = '这份总结已经公示，不能再改'

describe('工作总结：版本、征求意见、公示、导出', () => {
  const fx = createFixture()
  let id = ''
  let v1: SummaryDocument
  const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, openid, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }

  beforeAll(async () => {
    await fx.ready
    // 1 号楼本月：五条报事，两条办结（一条居民确认已解决），一条受理。
    const ids = []
    for (let i = 0; i < 5; i++)
      ids.push(
        await fx.file(i % 2 ? 'zhao' : 'wang', { buildingCode: 'CHY1', category: i < 2 ? 'elevator' : 'sanitation', text: `第 ${i + 1} 件：电梯按钮失灵` }),
      )
    for (const [reportId, steps] of [
      [ids[0], ['accept', 'handle']],
      [ids[1], ['handle']],
      [ids[2], ['accept']],
    ] as const) {
      let status = 'pending'
      for (const action of steps)
        status = (await ok('handling', 'rep_li', 'act', { reportId, requestId: `act-${action}-${reportId}`, action, expectedStatus: status, note: '' })).status
    }
    await ok('reports', 'wang', 'answer', {
      reportId: ids[0],
      requestId: 'answer-0001',
      expectedStatus: 'awaiting_confirmation',
      solved: true,
      rating: { speed: 5, attitude: 5, effect: 4 },
      words: '',
    })
  })
  afterAll(() => fx.cleanup())

  it('存第 1 版：服务端起草，数字不取自客户端', async () => {
    const saved = await ok('summary', 'rep_li', 'save', {
      requestId: 'save-1-000000',
      summaryId: null,
      baseVersion: null,
      draft: DRAFT,
      title: null,
      edits: [],
    })
    id = saved.id
    v1 = saved.document
    expect(saved).toMatchObject({ version: 1, latestVersion: 1, status: 'draft', canEdit: true, canPublish: true, building: { code: 'CHY1', name: '1号楼' } })
    expect(v1.figures.received.value).toBe(5)
    expect(v1.figures.resolution.display).toContain('（1/2）')
  })

  it('改一段：写法不变的数字重新连上，点开仍列出记录；重试只存一次', async () => {
    const p = allParagraphs(v1).find((x) => x.id === 'reports.overview')!
    const plain = renderText(p.text, v1.figures)
    const edited = `经核实，${plain}感谢各位邻居的耐心。`
    const payload = {
      requestId: 'save-2-000000',
      summaryId: id,
      baseVersion: 1,
      draft: null,
      title: '1号楼十一月工作总结',
      edits: [{ paragraphId: 'reports.overview', text: edited }],
    }
    const saved = await ok('summary', 'rep_li', 'save', payload)
    expect(saved).toMatchObject({ version: 2, latestVersion: 2 })
    expect(saved.document.title).toBe('1号楼十一月工作总结')
    const after = allParagraphs(saved.document).find((x: { id: string }) => x.id === 'reports.overview')!
    expect(after.text.startsWith('经核实，')).toBe(true)
    expect(after.text).toContain('{{f:received}}')
    expect(after.figureIds).toEqual(p.figureIds)
    expect(renderText(after.text, saved.document.figures)).toBe(edited)
    const traced = await ok('summary', 'rep_li', 'trace', { summaryId: id, version: 2, draft: null, figureId: 'received', cursor: null })
    expect(traced.total).toBe(5)
    expect(traced.records).toHaveLength(5)
    // 同一次保存的重试：答同一版，不多存一版。
    const again = await ok('summary', 'rep_li', 'save', payload)
    expect(again.version).toBe(2)
    expect(again.versions).toHaveLength(2)
  })

  it('回到第 1 版：复制成第 3 版，记下从哪一版来', async () => {
    const restored = await ok('summary', 'committee_zhang', 'restore', { requestId: 'restore-1-000000', summaryId: id, version: 1 })
    expect(restored).toMatchObject({ version: 3, latestVersion: 3 })
    expect(restored.document).toEqual(v1)
    expect(restored.versions.map((v: { restoredFrom: number | null }) => v.restoredFrom)).toEqual([null, null, 1])
  })

  it('同一底版的两次同时保存：一个成功，一个答冲突', async () => {
    const save = (requestId: string, who: string) =>
      fx.call('summary', who, 'save', { requestId, summaryId: id, baseVersion: 3, draft: null, title: `标题 ${requestId}`, edits: [] }) as Promise<Reply>
    const replies = await Promise.all([save('race-a-000000', 'rep_li'), save('race-b-000000', 'committee_zhang')])
    expect(replies.map((r) => r.code).sort()).toEqual(['CONFLICT', 'OK'])
    expect(replies.find((r) => r.code === 'CONFLICT')?.message).toBe(CONFLICT)
    const detail = await ok('summary', 'rep_li', 'detail', { summaryId: id, version: null })
    expect(detail.latestVersion).toBe(4)
  })

  it('别的楼的代表看不到、改不了', async () => {
    expect(((await fx.call('summary', 'rep_chen', 'detail', { summaryId: id, version: null })) as Reply).code).toBe('FORBIDDEN')
    expect(
      ((await fx.call('summary', 'rep_chen', 'save', { requestId: 'x-1-000000', summaryId: id, baseVersion: 4, draft: null, title: null, edits: [] })) as Reply)
        .code,
    ).toBe('FORBIDDEN')
  })

  let noticeId = ''
  it('征求意见：1 号楼的居民在公告列表里看到，打开能读全文、能提意见', async () => {
    const published = await ok('summary', 'rep_li', 'publish', { requestId: 'pub-1-000000', summaryId: id, closesOn: '2026-11-30' })
    expect(published).toMatchObject({ status: 'consulting', canPublish: false, canFinalize: true })
    noticeId = published.noticeId
    const list = await ok('notices', 'wang', 'list', { buildingCode: 'CHY1' })
    expect(list.items.map((n: { id: string; title: string }) => [n.id, n.title])).toContainEqual([noticeId, `【征求意见】${published.document.title}`])
    const read = await ok('notices', 'wang', 'read', { noticeId, buildingCode: 'CHY1' })
    expect(read.summary).toMatchObject({ id, status: 'consulting', canComment: true, myComments: [] })
    expect(read.summary.sections.length).toBeGreaterThan(3)
    // 2 号楼的居民看不到这条公告。
    expect(((await fx.call('notices', 'zhou', 'read', { noticeId, buildingCode: 'CHY2' })) as Reply).code).toBe('NOT_FOUND')
    // 重试发布：答同样的结果，不多发一条公告。
    await ok('summary', 'rep_li', 'publish', { requestId: 'pub-1-000000', summaryId: id, closesOn: '2026-11-30' })
    expect((await fx.store.rawRecords()).notices.filter((n) => n.summaryId === id)).toHaveLength(1)
  })

  it('居民提意见：内容检测拒收什么都不改，别的楼被拒，重试只存一次，只看得到自己的', async () => {
    const comment = (who: string, requestId: string, text: string, buildingCode = 'CHY1') =>
      fx.call('summary', who, 'comment', { requestId, summaryId: id, buildingCode, text }) as Promise<Reply>
    const count = () => (fx.store.db.prepare('SELECT COUNT(*) AS n FROM summary_comments').get() as { n: number }).n
    expect((await comment('wang', 'c-1-000000', '建议电梯每月保养一次并公示记录')).data.myComments).toHaveLength(1)
    expect((await comment('wang', 'c-1-000000', '建议电梯每月保养一次并公示记录')).data.myComments).toHaveLength(1)
    const blocked = await comment('wang', 'c-2-000000', `这里有${BLOCKED_WORD}`)
    expect(blocked.code).toBe('INVALID')
    expect(count()).toBe(1)
    const otherBuilding = await comment('zhou', 'c-3-000000', '我们楼也有类似问题', 'CHY2')
    expect(otherBuilding.code).toBe('FORBIDDEN')
    expect(count()).toBe(1)
    expect((await comment('zhao', 'c-4-000000', '楼道保洁可以再勤一些')).code).toBe('OK')
    expect(count()).toBe(2)
    const wangRead = await ok('notices', 'wang', 'read', { noticeId, buildingCode: 'CHY1' })
    expect(wangRead.summary.myComments.map((c: { text: string }) => c.text)).toEqual(['建议电梯每月保养一次并公示记录'])
    const zhaoRead = await ok('notices', 'zhao', 'read', { noticeId, buildingCode: 'CHY1' })
    expect(zhaoRead.summary.myComments.map((c: { text: string }) => c.text)).toEqual(['楼道保洁可以再勤一些'])
  })

  it('代表看到意见：楼栋、时间、文字，没有任何身份', async () => {
    const detail = await ok('summary', 'rep_li', 'detail', { summaryId: id, version: null })
    expect(detail.comments).toHaveLength(2)
    for (const c of detail.comments) expect(Object.keys(c).sort()).toEqual(['at', 'buildingName', 'id', 'text'])
    expect(detail.comments[0].buildingName).toBe('1号楼')
    const json = JSON.stringify(detail)
    for (const openid of ['wang', 'zhao', 'rep_li', 'committee_zhang']) expect(json).not.toContain(`"${openid}"`)
    const list = await ok('summary', 'rep_li', 'list', { communityId: 'c1' })
    expect(list.items).toEqual([expect.objectContaining({ id, status: 'consulting', comments: 2, latestVersion: 4 })])
  })

  it('公示：居民在公告里看到定稿、不能再提意见；之后改、回到某版、再征求意见都被拒绝', async () => {
    const final = await ok('summary', 'committee_zhang', 'finalize', { requestId: 'fin-1-000000', summaryId: id })
    expect(final).toMatchObject({ status: 'final', canEdit: false, canPublish: false, canFinalize: false })
    expect(final.finalizedAt).not.toBeNull()
    const read = await ok('notices', 'wang', 'read', { noticeId, buildingCode: 'CHY1' })
    expect(read.summary).toMatchObject({ status: 'final', canComment: false, title: final.document.title })
    const list = await ok('notices', 'zhao', 'list', { buildingCode: 'CHY1' })
    const announce = list.items.find((n: { title: string }) => n.title.startsWith('【公示】'))
    expect(announce).toBeDefined()
    expect((await ok('notices', 'zhao', 'read', { noticeId: announce.id, buildingCode: 'CHY1' })).summary.status).toBe('final')
    const refused = [
      (await fx.call('summary', 'rep_li', 'save', {
        requestId: 'late-1-000000',
        summaryId: id,
        baseVersion: 4,
        draft: null,
        title: '再改',
        edits: [],
      })) as Reply,
      (await fx.call('summary', 'rep_li', 'restore', { requestId: 'late-2-000000', summaryId: id, version: 1 })) as Reply,
      (await fx.call('summary', 'rep_li', 'publish', { requestId: 'late-3-000000', summaryId: id, closesOn: '2026-11-30' })) as Reply,
    ]
    for (const r of refused) expect({ code: r.code, message: r.message }).toEqual({ code: 'INVALID', message: FINAL })
    expect(
      ((await fx.call('summary', 'wang', 'comment', { requestId: 'late-4-000000', summaryId: id, buildingCode: 'CHY1', text: '还想再提一条' })) as Reply).code,
    ).toBe('INVALID')
    expect((await ok('summary', 'rep_li', 'detail', { summaryId: id, version: null })).latestVersion).toBe(4)
    await fx.expectTalliesMatchRecount()
  })

  it('导出 Word：标题、解决率那一句与关键数字表都在；纯文字同样', async () => {
    const exported = await ok('summary', 'rep_li', 'export', { summaryId: id, version: null, format: 'docx' })
    expect(exported.format).toBe('docx')
    expect(exported.fileId.startsWith(`${LOCAL_FILE_PREFIX}summaries/`)).toBe(true)
    expect(exported.url).toMatch(/^\/api\/local\/files\/summaries\//)
    const found = await fx.platform.localFile(exported.fileId.slice(LOCAL_FILE_PREFIX.length))
    expect(found?.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const xml = Buffer.from(unzipSync(new Uint8Array(readFileSync(found!.file)))['word/document.xml']).toString('utf8')
    const detail = await ok('summary', 'rep_li', 'detail', { summaryId: id, version: null })
    const doc: SummaryDocument = detail.document
    expect(xml).toContain(doc.title)
    const resolution = doc.figures.resolution.display
    const sentence = allParagraphs(doc)
      .map((p) => renderText(p.text, doc.figures))
      .find((t) => t.includes('解决率') && t.includes(resolution))!
    expect(sentence).toBeDefined()
    // 一段是一个文字块：整句原样在 document.xml 里（按 XML 转义）。
    const escaped = sentence.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    expect(xml.includes(sentence) || xml.includes(escaped)).toBe(true)
    expect(xml).toContain(resolution)
    expect(xml).toContain('去年同期')
    const text = await ok('summary', 'rep_li', 'export', { summaryId: id, version: null, format: 'text' })
    expect(text.text.split('\n')[0]).toBe(doc.title)
    expect(text.text).toContain(sentence)
  })
})

describe('居民意见的限额', () => {
  const fx = createFixture()
  afterAll(() => fx.cleanup())

  it('一小时最多 10 条，第 11 条答稍后再试且什么都不存；过了一小时又可以提；截止之后不再收', async () => {
    await fx.ready
    await fx.file('wang', { buildingCode: 'CHY1' })
    const saved = (await fx.call('summary', 'rep_li', 'save', {
      requestId: 'limit-save-01',
      summaryId: null,
      baseVersion: null,
      draft: DRAFT,
      title: null,
      edits: [],
    })) as Reply
    const id = saved.data.id
    expect(((await fx.call('summary', 'rep_li', 'publish', { requestId: 'limit-pub-01', summaryId: id, closesOn: '2026-11-21' })) as Reply).code).toBe('OK')
    const comment = (n: number) =>
      fx.call('summary', 'wang', 'comment', {
        requestId: `limit-comment-${String(n).padStart(3, '0')}`,
        summaryId: id,
        buildingCode: 'CHY1',
        text: `第 ${n} 条意见`,
      }) as Promise<Reply>
    for (let n = 1; n <= 10; n++) expect((await comment(n)).code).toBe('OK')
    const limited = await comment(11)
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', data: null })
    expect(limited.message).toMatch(/一小时内最多/)
    expect((fx.store.db.prepare('SELECT COUNT(*) AS n FROM summary_comments').get() as { n: number }).n).toBe(10)
    fx.setNow('2026-11-20T03:30:00.000Z')
    expect((await comment(12)).code).toBe('OK')
    // 截止日 11 月 21 日（含）：北京时间 22 日 0 点之后不再收。
    fx.setNow('2026-11-21T16:00:00.000Z')
    expect(await comment(13)).toMatchObject({ code: 'INVALID', message: '征求意见已经截止，谢谢关注' })
  })
})
