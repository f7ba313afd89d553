/**
 * 云开发：报事、流转、队列与关注（ReportStore）。报事的幂等靠 (reporterId, requestId) 的唯一索引；
 * 流转按报事文档上的 revision 编号留痕，里程碑字段在同一事务里记下；关注的 _id 为 报事|openid。
 */
import { limitedFor } from '../../../src/core/shared/hourlyLimit'
import { keepsFollowers, REPORT_DROPPED, type Report, type ReportQuery, type ReportStatus, type ReportStore } from '../../../src/core/reports'
import type { PageCursor } from '../../../src/core/shared/ports'
import { nextMilestones } from '../../../src/core/summaryDocument'
import { COLLECTIONS, PAGE_SIZE } from './collections'
import type { StoreContext } from './context'
import { changeId, followId, milestoneDoc, storedMilestones, toFollow, toReport, toStatusChange } from './documents'
import { insertOnce } from './insertOnce'
import { HOUR_FULL, useHourlyLimit } from './limits'
import type { Command, Data } from './sdk'
import { recordTallyDeltas } from './tally'

/** (createdAt, _id) 严格在游标之后（按 order 的方向）：同一时刻的按 _id 接着排。 */
function afterCursor(_: Command, cursor: PageCursor, order: 'asc' | 'desc'): Data {
  const beyond = (value: string) => (order === 'asc' ? _.gt(value) : _.lt(value))
  return _.or([{ createdAt: beyond(cursor.createdAt) }, { createdAt: cursor.createdAt, _id: beyond(cursor.id) }]) as Data
}

/** 报事查询条件；null 表示必然为空（不必问数据库）。 */
function queueCondition(_: Command, query: ReportQuery): Data[] | null {
  if (query.buildingIds.length === 0) return null
  const parts: Data[] = [{ buildingId: _.in([...query.buildingIds]) }]
  if (query.statuses.length) parts.push({ status: _.in([...query.statuses]) })
  if (query.category) parts.push({ category: query.category })
  if (query.urgency) parts.push({ urgency: query.urgency })
  if (query.createdBefore) {
    // 超时：各紧急程度有各自的界限；没列出的紧急程度不要。
    const limits = Object.entries(query.createdBefore).filter((e): e is [string, string] => typeof e[1] === 'string')
    if (limits.length === 0) return null
    parts.push(_.or(limits.map(([urgency, before]) => ({ urgency, createdAt: _.lt(before) }))) as Data)
  }
  return parts
}

export function cloudbaseReports(ctx: StoreContext): ReportStore {
  const { _, coll, readAll, transact } = ctx

  /** 按 id 读一批报事（每批不超过 PAGE_SIZE），按给定的 id 顺序交回；读不到的略去。 */
  async function reportsByIds(ids: string[]): Promise<Report[]> {
    if (ids.length === 0) return []
    const { data } = await coll('reports')
      .where({ _id: _().in(ids) })
      .limit(ids.length)
      .get()
    const byId = new Map(data.map((d) => [String(d._id), toReport(d)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  return {
    async insertReport(report, deltas, limit) {
      const { id, ...fields } = report
      return insertOnce(ctx, {
        collection: 'reports',
        id,
        fields: { ...fields, revision: 0 },
        request: { reporterId: report.reporterId, requestId: report.requestId },
        item: report,
        toItem: toReport,
        result: (r, created) => ({ report: r, created }),
        deltas,
        limit,
      })
    },

    async changeStatus(change, expected, deltas, patch = {}) {
      const NOT_EXPECTED = Symbol('状态已变')
      // 派给谁是对象：用 _.set 整个替换（直接写对象会被拆成子字段的 $set，在旧值 null 上无法创建子字段）。
      const patched: Data = {}
      if (patch.assignee !== undefined) patched.assignee = patch.assignee === null ? null : _().set(patch.assignee)
      if (patch.mergedInto !== undefined) patched.mergedInto = patch.mergedInto
      try {
        await transact(async (tx) => {
          const reportRef = tx.collection(COLLECTIONS.reports).doc(change.reportId)
          const { data: current } = await reportRef.get()
          if (!current || current.status !== expected) throw NOT_EXPECTED
          const seq = ((current.revision as number | undefined) ?? 0) + 1
          await reportRef.update({
            data: {
              status: change.to,
              updatedAt: change.at,
              revision: seq,
              ...patched,
              ...milestoneDoc(
                nextMilestones(storedMilestones(current), current.createdAt as string, {
                  from: expected,
                  to: change.to,
                  at: change.at,
                  rated: Boolean(change.details.rating),
                }),
              ),
            },
          })
          await tx.collection(COLLECTIONS.statusChanges).add({ data: { _id: changeId(change.reportId, seq), seq, ...change } })
          // 按事务读到的关注人数算增量：同时落下的"我也遇到"写的也是这个文档，二者冲突、重试，不会漏减。
          const followers = (current.followers as number | undefined) ?? 0
          await recordTallyDeltas(ctx, tx, typeof deltas === 'function' ? deltas({ followers }) : deltas)
        })
        return true
      } catch (error) {
        if (error === NOT_EXPECTED) return false
        throw error
      }
    },

    async reportById(id) {
      const { data } = await coll('reports').doc(id).get()
      return data ? toReport(data) : null
    },

    async reportsByReporter(openid, limit, before) {
      const found: Report[] = []
      let cursor = before
      while (found.length < limit) {
        const condition: Data = cursor
          ? _().and([{ reporterId: openid }, _().or([{ createdAt: _().lt(cursor.createdAt) }, { createdAt: cursor.createdAt, _id: _().lt(cursor.id) }])])
          : { reporterId: openid }
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('reports').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(pageSize).get()
        found.push(...data.map(toReport))
        if (data.length < pageSize) break
        const last = found[found.length - 1]
        cursor = { createdAt: last.createdAt, id: last.id }
      }
      return found
    },

    async queueReports(query, limit, after) {
      const parts = queueCondition(_(), query)
      if (!parts || limit <= 0) return []
      const found: Report[] = []
      let cursor = after
      while (found.length < limit) {
        const condition = _().and(cursor ? [...parts, afterCursor(_(), cursor, query.order)] : parts)
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('reports').where(condition).orderBy('createdAt', query.order).orderBy('_id', query.order).limit(pageSize).get()
        found.push(...data.map(toReport))
        if (data.length < pageSize) break
        const last = found[found.length - 1]
        cursor = { createdAt: last.createdAt, id: last.id }
      }
      return found
    },

    async countReports(query) {
      const parts = queueCondition(_(), query)
      if (!parts) return 0
      return (await coll('reports').where(_().and(parts)).count()).total
    },

    async addFollower(follow, deltas, limit) {
      const ALREADY = Symbol('已关注')
      const DROPPED = Symbol('报事已不留关注')
      const id = followId(follow.reportId, follow.openid)
      try {
        await transact(async (tx) => {
          const followRef = tx.collection(COLLECTIONS.follows).doc(id)
          if ((await followRef.get()).data) throw ALREADY
          const reportRef = tx.collection(COLLECTIONS.reports).doc(follow.reportId)
          const { data: report } = await reportRef.get()
          if (!report) throw new Error(`关注的报事不存在：${follow.reportId}`)
          // 读到报事之后它被隐藏或并为重复的：不写关注。隐藏也写这个报事文档，同时进行的两个事务冲突、重试时读到新状态。
          if (!keepsFollowers(report.status as ReportStatus)) throw DROPPED
          // 同一对同时关注：两个事务都写这个 _id，后写的冲突、退避重试，重试时读到已关注。
          await followRef.set({ data: { ...follow, reportCreatedAt: report.createdAt } })
          await reportRef.update({ data: { followers: _().inc(1) } })
          await useHourlyLimit(tx, limit)
          await recordTallyDeltas(ctx, tx, deltas)
        })
        return true
      } catch (error) {
        if (error === ALREADY) return false
        if (error === DROPPED) return REPORT_DROPPED
        if (error === HOUR_FULL) return limitedFor(limit)
        throw error
      }
    },

    async followersOf(reportId) {
      const docs = await readAll('follows', { reportId })
      return docs
        .map(toFollow)
        .sort((a, b) => (a.at === b.at ? (a.openid < b.openid ? -1 : 1) : a.at < b.at ? -1 : 1))
        .map((f) => f.openid)
    },

    async reportsFollowedBy(openid, limit, before) {
      // 先按关注文档里存的报事提交时间翻页，再按 id 读回报事本身。
      const found: Report[] = []
      let cursor = before
      while (found.length < limit) {
        const condition: Data = cursor
          ? _().and([{ openid }, _().or([{ reportCreatedAt: _().lt(cursor.createdAt) }, { reportCreatedAt: cursor.createdAt, reportId: _().lt(cursor.id) }])])
          : { openid }
        const pageSize = Math.min(PAGE_SIZE, limit - found.length)
        const { data } = await coll('follows').where(condition).orderBy('reportCreatedAt', 'desc').orderBy('reportId', 'desc').limit(pageSize).get()
        found.push(...(await reportsByIds(data.map((d) => d.reportId as string))))
        if (data.length < pageSize) break
        const last = data[data.length - 1]
        cursor = { createdAt: last.reportCreatedAt as string, id: last.reportId as string }
      }
      return found
    },

    async awaitingConfirmationOf(openid) {
      // 走 reporterId_createdAt 索引的前缀；一个人同时待确认的报事不多，readAll 翻页读完。
      const docs = await readAll('reports', { reporterId: openid, status: 'awaiting_confirmation' })
      return docs.map(toReport).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
    },

    async statusChangesOf(reportId) {
      const docs = await readAll('statusChanges', { reportId })
      return docs.sort((a, b) => (a.seq as number) - (b.seq as number)).map(toStatusChange)
    },
  }
}
