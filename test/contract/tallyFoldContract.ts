/**
 * 统计归并端口的契约（云开发：写入只记事件，定时的归并加进桶；SQLite：写入时同步累加，归并无事可做）。
 * 不论归并做了没有、做到一半崩溃了、两个同时跑，读到的统计都与从原始记录重算的相同；归并完没有待归并的事件。
 */
import type { Report } from '../../src/core/reports'
import { recountAll } from '../../src/core/recount'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { deltasForNewReport, deltasForStatusChange } from '../../src/core/reports'
import { buildingScope, communityScope } from '../../src/core/tally'
import { aChange, aNotice, aReport, expectTalliesMatchRecount, freshStorePerTest, sortedLines, type OpenHarness, type StoreHarness } from './harness'

const MONTHS = ['2026-10', '2026-11']
const SCOPES = [buildingScope('b1'), buildingScope('b2'), communityScope('c1')]

/** 一些写入：两个月的报事（一条走完受理与处理）、一条公告与它的 30 次阅读。 */
async function someWrites(h: StoreHarness, tag: string) {
  for (let i = 0; i < 6; i++) {
    const month = MONTHS[i % 2]
    const r = aReport({ createdAt: `${month}-1${i}T02:00:00.000Z`, month, buildingId: i % 3 === 0 ? 'b2' : 'b1', requestId: `${tag}-${i}` })
    await h.store.insertReport(r, deltasForNewReport(r))
    if (i === 1) await handle(h, r)
  }
  const notice = aNotice({ publishedAt: '2026-11-08T02:00:00.000Z', month: '2026-11', requestId: `${tag}-n` })
  await h.store.insertNotice(notice, deltasForNotice(notice))
  await Promise.all(
    Array.from({ length: 30 }, (_, i) => {
      const read = { noticeId: notice.id, openid: `${tag}-resident${i}`, buildingId: 'b1', at: '2026-11-09T00:00:00.000Z', viaShare: i % 3 === 0 }
      return h.store.recordRead(read, deltasForNoticeRead(notice, read))
    }),
  )
}

async function handle(h: StoreHarness, r: Report) {
  const accept = aChange({ reportId: r.id, from: 'pending', to: 'accepted', note: '', actorId: 'li', at: r.createdAt.replace('T02', 'T05') })
  await h.store.changeStatus(accept, 'pending', deltasForStatusChange(r, accept, []))
  const done = aChange({ reportId: r.id, from: 'accepted', to: 'awaiting_confirmation', note: '修好了', actorId: 'li', at: r.createdAt.replace('T02', 'T09') })
  await h.store.changeStatus(done, 'accepted', deltasForStatusChange({ ...r, status: 'accepted' }, done, [accept]))
}

/** 用例读到的（若干范围与月份）与重算的同一部分逐桶相同。 */
async function expectReadsMatchRecount(h: StoreHarness) {
  const recounted = recountAll(await h.store.rawRecords()).filter((b) => SCOPES.includes(b.scope) && MONTHS.includes(b.month))
  expect(sortedLines(await h.store.bucketsOf(SCOPES, MONTHS))).toEqual(sortedLines(recounted))
  await expectTalliesMatchRecount(h.store)
}

export function tallyFoldContract(adapter: string, open: OpenHarness) {
  describe(`统计归并端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('归并之前读到的就是精确的；归并之后桶里就是全部，没有待归并的事件，再归并什么都不做', async () => {
      await someWrites(h, 'a')
      await expectReadsMatchRecount(h)
      const first = await h.store.foldTallies()
      expect(first.busy).toBe(false)
      expect(first.pending).toBe(0)
      expect(await h.store.pendingTallyEvents()).toBe(0)
      await expectReadsMatchRecount(h)
      // 归并之后的写入又成了待归并的事件，读到的仍然精确。
      await someWrites(h, 'b')
      await expectReadsMatchRecount(h)
      await h.store.foldTallies()
      expect(await h.store.foldTallies()).toEqual({ folded: 0, pending: 0, busy: false })
      await expectReadsMatchRecount(h)
    })

    it('两个归并同时跑：每条事件只加一次', async () => {
      await someWrites(h, 'a')
      const pendingBefore = await h.store.pendingTallyEvents()
      const outcomes = await Promise.all([h.store.foldTallies(), h.store.foldTallies(), h.store.foldTallies()])
      expect(outcomes.reduce((n, o) => n + o.folded, 0)).toBe(pendingBefore)
      // 拿不到租约的答 busy；最后一个结束时可能还有别人正删的那一批，再归并一次就干净了。
      await h.store.foldTallies()
      expect(await h.store.pendingTallyEvents()).toBe(0)
      await expectReadsMatchRecount(h)
    })

    it('慢了的归并醒来时租约已被别人接手、它挑的那批已被加过：它放弃，每条事件仍只加一次', async () => {
      await someWrites(h, 'a')
      if (!h.foldFaults) {
        await Promise.all([h.store.foldTallies(), h.store.foldTallies()])
        await expectReadsMatchRecount(h)
        return
      }
      const pause = h.foldFaults.pauseAfterEventsRead()
      const slow = h.store.foldTallies()
      await pause.reached
      h.foldFaults.advance(120_000) // 慢的那个的租约过期
      const takeover = await h.store.foldTallies()
      expect(takeover.busy).toBe(false)
      expect(takeover.pending).toBe(0)
      pause.resume()
      expect((await slow).folded).toBe(0)
      expect(await h.store.pendingTallyEvents()).toBe(0)
      await expectReadsMatchRecount(h)
    })

    for (const stage of ['beforeCommit', 'afterCommit'] as const) {
      it(`归并在${stage === 'beforeCommit' ? '事务提交之前' : '提交之后、删掉已归并的事件之前'}被杀：读到的一直精确，租约过期后下一次归并接着做完，不少加也不多加`, async () => {
        await someWrites(h, 'a')
        if (!h.foldFaults) {
          // 同步累加的适配器没有归并可杀：同样的断言照样成立。
          await h.store.foldTallies()
          await expectReadsMatchRecount(h)
          return
        }
        h.foldFaults.killAt(stage)
        void h.store.foldTallies() // 被杀的这次永远不返回
        await h.foldFaults.untilStuck()
        await expectReadsMatchRecount(h)
        // 租约还在被杀的那次手里：这时的归并什么都不做。
        expect((await h.store.foldTallies()).busy).toBe(true)
        // 新的写入照样成功（用户的事务不碰桶，也不碰被锁住的状态文档）。
        await someWrites(h, 'b')
        await expectReadsMatchRecount(h)
        h.foldFaults.advance(120_000)
        const next = await h.store.foldTallies()
        expect(next).toMatchObject({ busy: false, pending: 0 })
        expect(await h.store.pendingTallyEvents()).toBe(0)
        await expectReadsMatchRecount(h)
      })
    }
  })
}
