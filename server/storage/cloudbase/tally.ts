/**
 * 云开发：统计桶。桶用确定的 _id（范围|月份|指标）。用户的事务不写桶，只记一条统计事件（tallyLog.ts）：
 * 桶是同楼、同一条公告的许多人都要写的热点文档，写在用户事务里，人一多就互相冲突、用完重试而丢掉操作。
 * 定时的归并（云函数 tally）把事件加进桶；读统计时把待归并的事件也算上，数字始终精确。
 * 各端口只经 recordTallyDeltas 记增量（公告回执例外：增量写在回执自己身上，见 tallyLog.ts 的 receiptTally），
 * 不直接写 tallies 集合（核对与重算在 rebuild 里）。
 */
import type { TallyFolder, TallyReader } from '../../../src/core/tally'
import type { TallyMaintenance } from '../../../src/core/recount'
import { bucketId, diffBuckets, type TallyDelta } from '../../../src/core/tally'
import type { StoreContext } from './context'
import {
  bucketDoc,
  byAnswerOrder,
  byCreation,
  toBucket,
  toFollow,
  toNotice,
  toNoticeRead,
  toReport,
  toStatusChange,
  toSurvey,
  toSurveyAnswer,
  toWorkLog,
} from './documents'
import type { Transaction } from './sdk'

/** 在调用方的事务里记下统计增量（一条事件）：每个端口记增量都走这里。 */
export async function recordTallyDeltas(ctx: StoreContext, tx: Transaction, deltas: TallyDelta[]): Promise<void> {
  await ctx.tallyLog.record(tx, deltas)
}

export function cloudbaseTally(ctx: StoreContext): TallyReader & TallyMaintenance & TallyFolder {
  const { coll, readAll, tallyLog } = ctx

  async function rawRecords() {
    const reports = (await readAll('reports'))
      .map(toReport)
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
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
    bucketsOf: tallyLog.bucketsOf,
    allBuckets: tallyLog.allBuckets,
    pendingTallyEvents: tallyLog.pendingCount,
    foldTallies: () => tallyLog.fold(),
    rawRecords,
    async rebuild(recount) {
      // 先把事件都归并进桶（别的归并持有租约时等它），之后桶就是精确值，再按重算结果改正。
      for (let waited = 0; ; waited++) {
        const outcome = await tallyLog.fold({ budgetMs: Number.POSITIVE_INFINITY })
        if (!outcome.busy && outcome.pending === 0) break
        if (waited >= 20) throw new Error('统计事件一直没能归并完（别的归并持有租约，或写入不停），请稍后再改正')
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
      // 云开发的事务里不能查询，读全部记录无法与改正放在一个事务里：逐桶按重算结果写绝对值（应在无人写入时执行）。
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
