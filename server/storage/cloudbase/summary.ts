/**
 * 云开发：工作总结的存储与起草要的两种报事查询（SummaryStore，与 sqlite/summary.ts 同一契约）。
 *   - 总结 _id 即总结 id，幂等靠 (authorId, requestId) 的唯一索引；各版的 _id 为 总结|版本号（两人同时存同一版时
 *     两个事务写同一个 _id，后写的冲突、重试时读到最新版已变，答 null）。文档整份存成 JSON 字符串
 *     （数字的 id 里有点号，做字段名会被当成嵌套路径）。
 *   - 意见：(openid, requestId) 唯一索引。
 *   - 报事的里程碑字段（respondedAt、handledAt、handlingMinutes、handledCount、resolvedAt、ratingCount、firstTimeResolved）
 *     由 reports.ts 的 changeStatus 在同一事务里记下；迁移 2026-11-summary 从留痕补齐旧报事。
 */
import { limitedFor } from '../../../src/core/shared/hourlyLimit'
import type { Report } from '../../../src/core/reports'
import type { PageCursor } from '../../../src/core/shared/ports'
import type {
  SummaryStore,
  ReportMilestones,
  ReportTraceQuery,
  SummaryComment,
  SummaryRecord,
  SummaryVersion,
  SummaryVersionMeta,
} from '../../../src/core/summaryDocument'
import { addMonths, startOfChinaMonth } from '../../../src/core/shared/time'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { toReport } from './documents'
import { HOUR_FULL, useHourlyLimit } from './limits'
import type { Data } from './sdk'

const versionId = (summaryId: string, version: number) => `${summaryId}|${String(version).padStart(5, '0')}`
const toSummary = (d: Data): SummaryRecord => {
  const { _id, ...rest } = d
  return { id: String(_id), ...rest } as SummaryRecord
}
const toMeta = (d: Data): SummaryVersionMeta => ({
  summaryId: d.summaryId as string,
  version: d.version as number,
  savedAt: d.savedAt as string,
  savedBy: d.savedBy as string,
  authorId: d.authorId as string,
  requestId: d.requestId as string,
  restoredFrom: (d.restoredFrom as number | null) ?? null,
})
const toVersion = (d: Data): SummaryVersion => ({ ...toMeta(d), document: JSON.parse(d.document as string) })
const versionDoc = (v: SummaryVersion): Data => ({ ...v, document: JSON.stringify(v.document) })
const toComment = (d: Data): SummaryComment => {
  const { _id, ...rest } = d
  return { id: String(_id), ...rest } as SummaryComment
}
export const milestonesOf = (d: Data): ReportMilestones => ({
  respondedAt: (d.respondedAt as string | undefined) ?? null,
  handledAt: (d.handledAt as string | undefined) ?? null,
  handlingMinutes: (d.handlingMinutes as number | undefined) ?? null,
  resolvedAt: (d.resolvedAt as string | undefined) ?? null,
  ratings: (d.ratingCount as number | undefined) ?? 0,
  firstTimeResolved: d.firstTimeResolved === true,
})

export function cloudbaseSummary(ctx: StoreContext): SummaryStore {
  const { _, coll, transact } = ctx
  const reports = () => coll('reports')

  function traceCondition(q: ReportTraceQuery, after?: PageCursor): Data | null {
    if (q.buildingIds.length === 0 || q.months.length === 0 || q.categories?.length === 0 || q.statuses?.length === 0) return null
    const parts: Data[] = [{ buildingId: _().in([...q.buildingIds]), month: _().in([...q.months]) }]
    if (q.kind) parts.push({ kind: q.kind })
    if (q.categories) parts.push({ category: _().in([...q.categories]) })
    if (q.urgency) parts.push({ urgency: q.urgency })
    if (q.statuses) parts.push({ status: _().in([...q.statuses]) })
    if (q.has === 'response') parts.push({ respondedAt: _().gt('') })
    if (q.has === 'handling') parts.push({ handledAt: _().gt('') })
    if (q.has === 'rating') parts.push({ ratingCount: _().gt(0) })
    if (q.has === 'followers') parts.push({ followers: _().gt(0) })
    if (q.has === 'firstTimeResolved') parts.push({ firstTimeResolved: true })
    if (after) parts.push(_().or([{ createdAt: _().gt(after.createdAt) }, { createdAt: after.createdAt, _id: _().gt(after.id) }]) as Data)
    return _().and(parts)
  }

  return {
    async caseCandidates(buildingIds, months, perRule) {
      if (buildingIds.length === 0 || months.length === 0 || perRule <= 0) return []
      // 每条规则一个查询（楼栋、月份、状态都是 in）：云数据库按索引的各段归并排序，只读排前 perRule 的，
      // 与楼数、月数无关（逐楼逐月地查，一个 20 栋楼的小区一年要 700 多次往返）。
      const found = new Map<string, Data>()
      const sorted = [...months].sort()
      const from = startOfChinaMonth(sorted[0])
      const to = startOfChinaMonth(addMonths(sorted[sorted.length - 1], 1))
      const take = (docs: Data[]) => docs.forEach((d) => found.set(String(d._id), d))
      const where = { buildingId: _().in([...buildingIds]), month: _().in([...months]) }
      take(
        (
          await reports()
            .where({ ...where, status: _().in(['awaiting_confirmation', 'resolved']), followers: _().gt(0) })
            .orderBy('followers', 'desc')
            .orderBy('createdAt', 'asc')
            .limit(perRule)
            .get()
        ).data,
      )
      take(
        (
          await reports()
            .where({ ...where, urgency: 'urgent', handlingMinutes: _().gte(0) })
            .orderBy('handlingMinutes', 'asc')
            .orderBy('createdAt', 'asc')
            .limit(perRule)
            .get()
        ).data,
      )
      const open = (
        await reports()
          .where(
            _().and([
              { buildingId: _().in([...buildingIds]), status: _().in(['pending', 'accepted', 'processing']) },
              { createdAt: _().gte(from) },
              { createdAt: _().lt(to) },
            ]),
          )
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(perRule)
          .get()
      ).data
      take(open.filter((d) => months.includes(d.month as string)))
      return [...found.values()].map((d) => ({ report: toReport(d), milestones: milestonesOf(d) }))
    },
    async traceReports(query, limit, after) {
      const condition = traceCondition(query, after)
      if (!condition || limit <= 0) return []
      const out: Report[] = []
      let cursor = after
      while (out.length < limit) {
        const size = Math.min(100, limit - out.length)
        const { data } = await reports()
          .where(traceCondition(query, cursor) as Data)
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(size)
          .get()
        out.push(...data.map(toReport))
        if (data.length < size) break
        const last = out[out.length - 1]
        cursor = { createdAt: last.createdAt, id: last.id }
      }
      return out
    },
    async countTraceReports(query) {
      const condition = traceCondition(query)
      return condition ? (await reports().where(condition).count()).total : 0
    },
    async insertSummary(summary, first) {
      const { id, ...fields } = summary
      try {
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.summaries).add({ data: { _id: id, ...fields } })
          await tx.collection(COLLECTIONS.summaryVersions).add({ data: { _id: versionId(id, first.version), ...versionDoc(first) } })
        })
        return { summary, created: true }
      } catch (error) {
        const { data } = await coll('summaries').where({ authorId: summary.authorId, requestId: summary.requestId }).limit(1).get()
        if (data.length) return { summary: toSummary(data[0]), created: false }
        throw error
      }
    },
    async appendSummaryVersion(version, expectedLatest) {
      const byRequest = async () =>
        (await coll('summaryVersions').where({ summaryId: version.summaryId, authorId: version.authorId, requestId: version.requestId }).limit(1).get()).data
      const existing = await byRequest()
      if (existing.length) return { version: toVersion(existing[0]), created: false }
      const REFUSED = Symbol('不是最新版')
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.summaries).doc(version.summaryId)
          const { data: s } = await ref.get()
          if (!s || s.status === 'final' || s.latestVersion !== expectedLatest) throw REFUSED
          const vref = tx.collection(COLLECTIONS.summaryVersions).doc(versionId(version.summaryId, version.version))
          if ((await vref.get()).data) throw REFUSED
          await vref.set({ data: versionDoc(version) })
          await ref.update({ data: { latestVersion: version.version, title: version.document.title, updatedAt: version.savedAt } })
        })
        return { version, created: true }
      } catch (error) {
        if (error !== REFUSED) throw error
        // 同一请求的并发重试：另一个已经存下了。
        const raced = await byRequest()
        return raced.length ? { version: toVersion(raced[0]), created: false } : null
      }
    },
    async summaryById(id) {
      const { data } = await coll('summaries').doc(id).get()
      return data ? toSummary(data) : null
    },
    async summaryVersion(summaryId, version) {
      const { data } = await coll('summaryVersions').doc(versionId(summaryId, version)).get()
      return data ? toVersion(data) : null
    },
    async summaryVersions(summaryId) {
      const out: SummaryVersionMeta[] = []
      for (;;) {
        const { data } = await coll('summaryVersions')
          .where({ summaryId, version: _().gt(out.length ? out[out.length - 1].version : 0) })
          .orderBy('version', 'asc')
          .limit(100)
          .get()
        out.push(...data.map(toMeta))
        if (data.length < 100) return out
      }
    },
    async summariesOf(communityId, buildingIds, limit) {
      if (buildingIds && buildingIds.length === 0) return []
      const condition = buildingIds ? { communityId, buildingId: _().in([...buildingIds]) } : { communityId }
      const { data } = await coll('summaries').where(condition).orderBy('updatedAt', 'desc').orderBy('_id', 'desc').limit(Math.min(limit, 100)).get()
      return data.map(toSummary)
    },
    async updateSummaryStatus(id, from, latestVersion, patch) {
      const REFUSED = Symbol('状态已变')
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.summaries).doc(id)
          const { data } = await ref.get()
          if (!data || data.status !== from || data.latestVersion !== latestVersion) throw REFUSED
          await ref.update({ data: { ...patch } })
        })
        return true
      } catch (error) {
        if (error === REFUSED) return false
        throw error
      }
    },
    async insertSummaryComment(comment, limit) {
      const { id, ...fields } = comment
      try {
        // 意见与额度一起写（事务），重试撞唯一索引时两样都回滚。
        await transact(async (tx) => {
          await tx.collection(COLLECTIONS.summaryComments).add({ data: { _id: id, ...fields } })
          await useHourlyLimit(tx, limit)
        })
        return { comment, created: true }
      } catch (error) {
        if (error === HOUR_FULL) return limitedFor(limit)
        const { data } = await coll('summaryComments').where({ openid: comment.openid, requestId: comment.requestId }).limit(1).get()
        if (data.length) return { comment: toComment(data[0]), created: false }
        throw error
      }
    },
    async summaryComments(summaryId, limit) {
      const out: SummaryComment[] = []
      while (out.length < limit) {
        const last = out[out.length - 1]
        const condition = last ? _().and([{ summaryId }, _().or([{ at: _().gt(last.at) }, { at: last.at, _id: _().gt(last.id) }])]) : { summaryId }
        const size = Math.min(100, limit - out.length)
        const { data } = await coll('summaryComments').where(condition).orderBy('at', 'asc').orderBy('_id', 'asc').limit(size).get()
        out.push(...data.map(toComment))
        if (data.length < size) break
      }
      return out
    },
    async summaryCommentsBy(summaryId, openid) {
      const { data } = await coll('summaryComments').where({ summaryId, openid }).orderBy('at', 'asc').orderBy('_id', 'asc').limit(100).get()
      return data.map(toComment)
    },
    async countSummaryComments(summaryId) {
      return (await coll('summaryComments').where({ summaryId }).count()).total
    },
  }
}
