/**
 * 统计归并（云函数 tally，定时触发）：居民的写入只记统计事件，归并把它们加进桶。
 * 在真 wx-server-sdk + 执行器上：定时触发时归并、之后桶与重算相同且没有待归并的事件；
 * 小程序端直接调用一律拒收、什么都不动；npm run tally:check 的核对报出待归并的事件数。
 */
import { tallyFoldMain } from '../../server/functions/tallyFold'
import { createJsonLogger, type LogLevel } from '../../server/platform/logger'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { recountAll } from '../../src/core/recount'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { deltasForNewReport } from '../../src/core/reports'
import { aNotice, aReport, seedDirectory, sortedLines } from '../contract/harness'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

function setUp() {
  const h = openCloudbaseHarness()
  const store = createCloudbaseStore(h.db, { backoff: () => 1 })
  const lines: { level: LogLevel; entry: Record<string, unknown> }[] = []
  const logger = createJsonLogger((line, level) => lines.push({ level, entry: JSON.parse(line) }))
  return { h, store, lines, logger }
}

async function someResidentsAct(store: ReturnType<typeof createCloudbaseStore>) {
  await seedDirectory(store)
  const notice = aNotice({ publishedAt: '2026-11-20T02:00:00.000Z', month: '2026-11' })
  await store.insertNotice(notice, deltasForNotice(notice))
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const read = { noticeId: notice.id, openid: `resident${i}`, buildingId: 'b1', at: '2026-11-20T03:00:00.000Z', viaShare: false }
      return store.recordRead(read, deltasForNoticeRead(notice, read))
    }),
  )
  for (let i = 0; i < 5; i++) {
    const r = aReport({ reporterId: `resident${i}` })
    await store.insertReport(r, deltasForNewReport(r))
  }
}

describe('统计归并（云函数 tally）', () => {
  it('定时触发：把全部事件归并进桶，桶与从原始记录重算的逐个相同，事件集合清空；记一行 info', async () => {
    const { h, store, lines, logger } = setUp()
    try {
      await someResidentsAct(store)
      // 用户的写入一个桶都没写：统计全在事件里。
      expect(h.executor.documents(COLLECTIONS.tallies)).toEqual([])
      // 发公告与 5 条报事各一条事件；20 次阅读的增量在回执自己身上。
      expect(h.executor.documents(COLLECTIONS.tallyEvents)).toHaveLength(6)
      expect(h.executor.documents(COLLECTIONS.noticeReads).filter((r) => r.tally)).toHaveLength(20)
      const main = tallyFoldMain({ folder: () => store, context: () => ({ SOURCE: 'wx_trigger' }), logger })
      const reply = await main()
      expect(reply).toEqual({ code: 'OK', message: '', data: { folded: 26, pending: 0, busy: false } })
      expect(h.executor.documents(COLLECTIONS.tallyEvents)).toEqual([])
      // 回执留着（它们是记录），只是不再带着待归并的增量。
      const receipts = h.executor.documents(COLLECTIONS.noticeReads)
      expect(receipts).toHaveLength(20)
      expect(receipts.filter((r) => 'tally' in r)).toEqual([])
      const stored = h.executor
        .documents(COLLECTIONS.tallies)
        .map((d) => ({ scope: d.scope, month: d.month, metric: d.metric, count: d.count, sum: d.sum }) as never)
      expect(sortedLines(stored)).toEqual(sortedLines(recountAll(await store.rawRecords())))
      expect(lines).toEqual([{ level: 'info', entry: expect.objectContaining({ message: '统计归并', details: { folded: 26, pending: 0, busy: false } }) }])
      // 下一次定时触发时空转：每个来源读一次（事件、回执），不记日志。
      const before = h.executor.received.length
      expect(await main()).toEqual({ code: 'OK', message: '', data: { folded: 0, pending: 0, busy: false } })
      expect(h.executor.received.length - before).toBe(2)
      expect(lines).toHaveLength(1)
    } finally {
      h.dispose()
    }
  })

  it.each([
    ['小程序端', 'wx_client'],
    ['开发者工具', 'wx_devtools'],
    ['别的云函数转调', 'wx_client,scf'],
    ['HTTP API', 'wx_http'],
    ['没有来源', undefined],
  ])('%s调用（SOURCE=%s）：拒收，不碰数据库，记一行 warn', async (_who, source) => {
    const { h, store, lines, logger } = setUp()
    try {
      await someResidentsAct(store)
      const before = h.executor.received.length
      let built = 0
      const main = tallyFoldMain({ folder: () => (built++, store), context: () => ({ SOURCE: source, OPENID: 'o-stranger' }), logger })
      expect(await main()).toEqual({ code: 'FORBIDDEN', message: '这个云函数只由定时触发器调用', data: null })
      expect(built).toBe(0)
      expect(h.executor.received.length).toBe(before)
      expect(lines).toEqual([
        {
          level: 'warn',
          entry: expect.objectContaining({ message: '拒收 tally 调用：不是定时触发', details: { source: source ?? null, openid: 'o-stranger' } }),
        },
      ])
    } finally {
      h.dispose()
    }
  })

  it('核对（tally:check）报出待归并的事件数；读到的统计含待归并的，所以归并前后核对都一致', async () => {
    const { h, store } = setUp()
    try {
      await someResidentsAct(store)
      const before = await checkTallies(store)
      expect(before.pendingEvents).toBe(26)
      expect(before.diff).toEqual({ missing: [], extra: [], different: [] })
      await store.foldTallies()
      const after = await checkTallies(store)
      expect(after.pendingEvents).toBe(0)
      expect(after.diff).toEqual({ missing: [], extra: [], different: [] })
      expect(after.buckets).toBe(before.buckets)
    } finally {
      h.dispose()
    }
  })
})
