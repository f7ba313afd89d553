import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { readDatabaseDefinition, toCreateIndex } from '../../server/storage/cloudbase/schema'
import { isTransactionConflict } from '../../server/storage/cloudbase/transaction'
import { deltasForAnswer, deltasForSurvey } from '../../src/core/surveys'
import { bucketId } from '../../src/core/tally'
import { aNotice, anAnswer, aSurvey, seedDirectory, sortedLines } from '../contract/harness'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { recountAll } from '../../src/core/recount'
import { directoryContract } from '../contract/directoryContract'
import { followContract } from '../contract/followContract'
import type { StoreHarness } from '../contract/harness'
import { inviteContract } from '../contract/inviteContract'
import { noticeContract } from '../contract/noticeContract'
import { photoCheckContract } from '../contract/photoCheckContract'
import { rateLimitContract } from '../contract/rateLimitContract'
import { reportQueueContract } from '../contract/reportQueueContract'
import { reportStoreContract } from '../contract/reportStoreContract'
import { summaryContract } from '../contract/summaryContract'
import { surveyContract } from '../contract/surveyContract'
import { tallyMaintenanceContract, tallyReaderContract } from '../contract/tallyContract'
import { tallyFoldContract } from '../contract/tallyFoldContract'
import { workLogContract } from '../contract/workLogContract'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { faultyDatabase } from '../support/faultyDatabase'

async function openCloudbase(): Promise<StoreHarness> {
  // 一个可拨快的时钟，执行器（事务时限）与存储（归并的租约）共用。
  let clock = Date.now()
  const now = () => clock
  const h = openCloudbaseHarness({ now })
  const faulty = faultyDatabase(h.db)
  const store = createCloudbaseStore(faulty.db, { backoff: () => 1, now })
  return {
    store,
    foldFaults: {
      killAt: faulty.killAt,
      untilStuck: faulty.untilStuck,
      pauseAfterEventsRead: faulty.pauseAfterEventsRead,
      advance: (ms) => {
        clock += ms
      },
    },
    async corruptBucket(b) {
      // 改坏的是精确值：先把事件都归并进桶，再改桶。
      await store.foldTallies()
      const doc = h.db.collection(COLLECTIONS.tallies).doc(bucketId(b))
      if (b.count === null) await doc.remove()
      else await doc.set({ data: { scope: b.scope, month: b.month, metric: b.metric, count: b.count, sum: b.sum ?? 0 } })
    },
    dispose: h.dispose,
  }
}

const adapter = '云开发（真 wx-server-sdk，请求层换成执行器）'
directoryContract(adapter, openCloudbase)
inviteContract(adapter, openCloudbase)
noticeContract(adapter, openCloudbase)
workLogContract(adapter, openCloudbase)
surveyContract(adapter, openCloudbase)
summaryContract(adapter, openCloudbase)
reportStoreContract(adapter, openCloudbase)
reportQueueContract(adapter, openCloudbase)
followContract(adapter, openCloudbase)
rateLimitContract(adapter, openCloudbase)
photoCheckContract(adapter, openCloudbase)
tallyReaderContract(adapter, openCloudbase)
tallyMaintenanceContract(adapter, openCloudbase)
tallyFoldContract(adapter, openCloudbase)

describe('云开发集合定义（cloudbase/database.json）', () => {
  const collections = readDatabaseDefinition()

  it('适配器用到的集合与定义文件里的一一对应，且都只许云函数读写', () => {
    expect(collections.map((c) => c.name).sort()).toEqual(Object.values(COLLECTIONS).sort())
    expect(collections.every((c) => c.acl === 'ADMINONLY')).toBe(true)
  })

  it('幂等靠的唯一索引在定义里，并按管理接口的格式转换', () => {
    const reports = collections.find((c) => c.name === 'reports')!
    const unique = reports.indexes.filter((i) => i.unique).map(toCreateIndex)
    expect(unique).toEqual([
      {
        IndexName: 'reporterId_requestId_unique',
        MgoKeySchema: {
          MgoIsUnique: true,
          MgoIndexKeys: [
            { Name: 'reporterId', Direction: '1' },
            { Name: 'requestId', Direction: '1' },
          ],
        },
      },
    ])
    // 公告、台账与问卷同样靠 (authorId, requestId)；别处的"只一次"靠确定的 _id，不另设唯一索引
    // （成员集合里迁移前的旧文档没有 id 字段，非稀疏的唯一索引会让它们在 null 上相撞）。
    const uniques = collections.flatMap((c) => c.indexes.filter((i) => i.unique).map((i) => `${c.name}.${i.name}`))
    expect(uniques.sort()).toEqual([
      'buildings.codeKey_unique',
      'notices.authorId_requestId_unique',
      'reports.reporterId_requestId_unique',
      'statusChanges.reportId_seq_unique',
      'summaries.authorId_requestId_unique',
      'summaryComments.openid_requestId_unique',
      'summaryVersions.summaryId_authorId_requestId_unique',
      'surveys.authorId_requestId_unique',
      'workLog.authorId_requestId_unique',
    ])
  })

  it('写入真的经过 SDK 到达执行器，文档形状即领域字段', async () => {
    const h = openCloudbaseHarness()
    const store = createCloudbaseStore(h.db)
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
    expect(h.executor.documents('communities')).toEqual([
      { _id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } },
    ])
    h.dispose()
  })

  it('同一人同时交两份第一份：两个事务写同一个 _id（问卷|openid），真的冲突；不重试时后写的那个失败，库里只有一份', async () => {
    const h = openCloudbaseHarness()
    const store = createCloudbaseStore(h.db, { conflictRetries: 0 })
    await seedDirectory(store)
    const s = aSurvey()
    await store.insertSurvey(s, deltasForSurvey(s))
    const answers = [anAnswer(s, 'wang', { score: 1 }), anAnswer(s, 'wang', { score: 5 })]
    const outcomes = await Promise.allSettled(answers.map((a) => store.saveAnswer(a, null, deltasForAnswer(s, a))))
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === true)).toHaveLength(1)
    expect(failed).toHaveLength(1)
    expect(isTransactionConflict(failed[0].reason)).toBe(true)
    expect(h.executor.documents(COLLECTIONS.surveyAnswers).map((d) => d._id)).toEqual([`${s.id}|wang`])
    h.dispose()
  })
})

describe('被套餐配额挡下的请求（云开发，真 wx-server-sdk）', () => {
  it('每秒请求数 20、同时 60 位居民读公告：适配器退避重发，60 份回执都记下、统计精确；不重发时直接用 SDK 写同样 60 份，有被拒的', async () => {
    const h = openCloudbaseHarness({ limits: { qps: 20 } })
    try {
      const store = createCloudbaseStore(h.db, { backoff: () => 1 })
      h.executor.limits = undefined
      await seedDirectory(store)
      const notice = aNotice({ publishedAt: '2026-11-20T02:00:00.000Z', month: '2026-11' })
      await store.insertNotice(notice, deltasForNotice(notice))
      h.executor.limits = { qps: 20 }
      const reads = Array.from({ length: 60 }, (_, i) => ({
        noticeId: notice.id,
        openid: `r${i}`,
        buildingId: 'b1',
        at: '2026-11-20T03:00:00.000Z',
        viaShare: false,
      }))
      const outcomes = await Promise.all(reads.map((read) => store.recordRead(read, deltasForNoticeRead(notice, read))))
      expect(outcomes.filter(Boolean)).toHaveLength(60)
      expect(h.executor.stats().refusedQps).toBeGreaterThan(0)
      // 不经适配器：SDK 本身不重发，同样的写有被拒的。
      const raw = await Promise.allSettled(reads.map((read) => h.db.collection(COLLECTIONS.noticeReads).add({ data: { _id: `raw|${read.openid}`, ...read } })))
      expect(raw.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0)
      h.executor.limits = undefined
      expect(await store.readersByBuilding(notice.id)).toEqual({ b1: 60 })
      expect(sortedLines(await store.allBuckets())).toEqual(sortedLines(recountAll(await store.rawRecords())))
    } finally {
      h.dispose()
    }
  }, 30_000)
})
