/**
 * 云开发：统计桶。桶用确定的 _id（范围|月份|指标），在与被统计的写入同一个事务里 _.inc 累加；
 * 各端口只经 recordTallyDeltas 记增量，不直接写 tallies 集合（核对与重算在 rebuild 里）。
 */
import type { TallyMaintenance, TallyReader } from '../../../src/core/ports'
import { bucketId, diffBuckets, mergeDeltas, type TallyBucket, type TallyDelta } from '../../../src/core/tally'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { byAnswerOrder, byCreation, toFollow, toNotice, toNoticeRead, toReport, toStatusChange, toSurvey, toSurveyAnswer, toWorkLog } from './documents'
import type { Data, Transaction } from './sdk'

/** 桶的 _id（范围|月份|指标）只是存储键，领域里的桶没有 id。 */
const toBucket = (doc: Data): TallyBucket => ({
  scope: doc.scope as TallyBucket['scope'],
  month: doc.month as string,
  metric: doc.metric as string,
  count: doc.count as number,
  sum: doc.sum as number,
})
const bucketDoc = (b: TallyBucket) => ({ scope: b.scope, month: b.month, metric: b.metric, count: b.count, sum: b.sum })

/** 在调用方的事务里记下统计增量：每个端口记增量都走这里。 */
export async function recordTallyDeltas(ctx: StoreContext, tx: Transaction, deltas: TallyDelta[]): Promise<void> {
  for (const d of mergeDeltas(deltas)) {
    const ref = tx.collection(COLLECTIONS.tallies).doc(bucketId(d))
    const { data: current } = await ref.get()
    if (!current) await ref.set({ data: bucketDoc(d) })
    else if ((current.count as number) + d.count === 0 && ((current.sum as number | undefined) ?? 0) + d.sum === 0) await ref.remove()
    else await ref.update({ data: { count: ctx._().inc(d.count), sum: ctx._().inc(d.sum) } })
  }
}

export function cloudbaseTally(ctx: StoreContext): TallyReader & TallyMaintenance {
  const { _, coll, readAll } = ctx

  async function rawRecords() {
    const reports = (await readAll('reports')).map(toReport).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    const changes = (await readAll('statusChanges')).sort((a, b) =>
      a.reportId === b.reportId ? (a.seq as number) - (b.seq as number) : (a.reportId as string) < (b.reportId as string) ? -1 : 1,
    )
    const follows = (await readAll('follows')).map(toFollow)
    const notices = (await readAll('notices')).map(toNotice).sort(byCreation((n) => n.publishedAt))
    const noticeReads = (await readAll('noticeReads')).map(toNoticeRead)
    const workLog = (await readAll('workLog')).map(toWorkLog).sort(byCreation((e) => e.createdAt))
    const surveys = (await readAll('surveys')).map(toSurvey).sort(byCreation((s) => s.createdAt))
    const surveyAnswers = (await readAll('surveyAnswers')).map(toSurveyAnswer).sort(byAnswerOrder)
    return { reports, statusChanges: changes.map(toStatusChange), follows, notices, noticeReads, workLog, surveys, surveyAnswers }
  }

  return {
    async bucketsOf(scopes, months) {
      if (months.length === 0 || scopes.length === 0) return []
      return (await readAll('tallies', { scope: _().in([...scopes]), month: _().in([...months]) })).map(toBucket)
    },
    async allBuckets() {
      return (await readAll('tallies')).map(toBucket)
    },
    rawRecords,
    async rebuild(recount) {
      // 云开发的事务里不能查询，读全部记录无法与改正放在一个事务里：逐桶按重算结果写绝对值。
      const docs = await readAll('tallies')
      // 多余的桶按它自己的 _id 删（形状不对的旧文档算出的键与 _id 不同）。
      const storedId = new Map(docs.map((d) => [bucketId(toBucket(d)), String(d._id)]))
      const diff = diffBuckets(docs.map(toBucket), recount(await rawRecords()))
      const tallies = coll('tallies')
      for (const b of diff.missing) await tallies.doc(bucketId(b)).set({ data: bucketDoc(b) })
      for (const { expected } of diff.different) await tallies.doc(bucketId(expected)).set({ data: bucketDoc(expected) })
      for (const b of diff.extra) await tallies.doc(storedId.get(bucketId(b)) ?? bucketId(b)).remove()
      return diff
    },
  }
}
