/**
 * 居民知晓率超过户数：24 户的楼，30 位居民（每人一个新身份）读了同一条公告。一户可能几个人读，读过的人可以多于户数：
 * 知晓率从不显示成超过 100% 的百分比——公告列表、本楼统计看板与总结里的百分比最多 100，文字写
 * "读过 30 人（超过 24 户，一户可能多人读）"。
 */
import { formatReadRate, readRateText } from '../../src/core/shared/rates'
import { allParagraphs, renderText } from '../../src/core/summaryDocument'
import { createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

describe('居民知晓率：读过的人多于户数', () => {
  const fx = createFixture()
  let noticeId = ''
  const ok = async (fn: Parameters<typeof fx.call>[0], openid: string, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, openid, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`${fn}.${action}：${reply.code} ${reply.message}`)
    return reply.data
  }

  beforeAll(async () => {
    await fx.ready
    await fx.store.saveBuilding({ id: 'b3', communityId: 'c1', code: 'CHY3', name: '3号楼', households: 24, units: 2, floors: 6 })
    const notice = await ok('notices', 'committee_zhang', 'publish', {
      requestId: 'reads-notice-01',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY3'] },
      title: '停水通知',
      body: '11 月 25 日上午停水，请提前储水',
      images: [],
      pinned: false,
      expiresOn: '2026-12-31',
    })
    noticeId = notice.id
    for (let i = 0; i < 30; i++) await ok('notices', `fresh_${String(i).padStart(2, '0')}`, 'read', { noticeId, buildingCode: 'CHY3' })
  })
  afterAll(() => fx.cleanup())

  it('公告列表：百分比最多 100，文字写读过的人数与户数', async () => {
    const managed = await ok('notices', 'committee_zhang', 'managed', { communityId: 'c1', cursor: '' })
    const n = managed.items.find((x: { id: string }) => x.id === noticeId)
    expect(n.readRates[0]).toMatchObject({ buildingName: '3号楼', households: 24, readers: 30 })
    expect(n.readRates[0].rate.percent).toBe(100)
    expect(n.total.percent).toBe(100)
    expect(readRateText(n.readRates[0].rate)).toBe('读过 30 人（超过 24 户，一户可能多人读）')
  })

  it('本楼统计看板：百分比最多 100，文字不写超过 100% 的数', async () => {
    const stats = await ok('stats', 'committee_zhang', 'building', { buildingCode: 'CHY3', month: '2026-11' })
    for (const side of ['month', 'year'] as const) expect(stats[side].noticeReads).toMatchObject({ numerator: 30, denominator: 24, percent: 100 })
    // 看板上的文字（页面用同一个函数）：本期可能有好几条公告，按人次与户次说。
    expect(formatReadRate('公告知晓率', stats.month.noticeReads, true)).toBe('公告知晓率 读过 30 人次（超过应知的 24 户次，一户可能多人读）')
  })

  it('总结：知晓率的数字最多 100，段落里没有超过 100% 的百分比', async () => {
    const draft = await ok('summary', 'committee_zhang', 'draft', {
      communityId: 'c1',
      buildingCode: 'CHY3',
      period: { kind: 'month', start: '2026-11', end: '2026-11' },
      kind: null,
    })
    const figure = draft.document.figures['notices.readRate']
    expect(figure.value).toBe(100)
    expect(figure.display).toBe('读过 30 人次（超过应知的 24 户次，一户可能多人读）')
    const text = allParagraphs(draft.document)
      .map((p) => renderText(p.text, draft.document.figures))
      .join('\n')
    expect(text).not.toMatch(/1[0-9]{2}%/)
  })
})
