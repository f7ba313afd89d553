/** SQLite：报事、流转、队列与关注（ReportStore）。里程碑列在流转的同一事务里记下。 */
import type Database from 'better-sqlite3'
import { hourlyLimit, type HourlyLimit } from '../../../src/core/shared/hourlyLimit'
import {
  DROPPED_STATUSES,
  REPORT_DROPPED,
  type Follow,
  type Report,
  type StatusChange,
  type StatusChangeDeltas,
  type ReportPatch,
  type ReportQuery,
  type ReportStore,
  type ReportStatus,
} from '../../../src/core/reports'
import type { PageCursor } from '../../../src/core/shared/ports'
import { nextMilestones, type StoredMilestones } from '../../../src/core/summaryDocument'
import type { TallyDelta } from '../../../src/core/tally'
import { marksFor, type SqliteContext } from './context'
import { insertOnce } from './insertOnce'
import { toReport, toStatusChange, type ReportRow, type StatusChangeRow } from './rows'

/** 报事行上的里程碑列。 */
interface MilestoneRow {
  created_at: string
  responded_at: string | null
  handled_at: string | null
  handling_minutes: number | null
  handled_count: number
  resolved_at: string | null
  rating_count: number
  first_time_resolved: number
}

export function sqliteReports(ctx: SqliteContext): ReportStore {
  const { db, limits } = ctx
  const q = {
    insertReport: db.prepare(
      `INSERT INTO reports (id, community_id, building_id, kind, category, text, location, anonymous, photos, status, reporter_id, request_id, created_at, updated_at, month,
         urgency, contact_phone, assignee, merged_into, followers)
       VALUES (@id, @communityId, @buildingId, @kind, @category, @text, @location, @anonymous, @photos, @status, @reporterId, @requestId, @createdAt, @updatedAt, @month,
         @urgency, @contactPhone, @assignee, @mergedInto, @followers)
       ON CONFLICT(reporter_id, request_id) DO NOTHING`,
    ),
    reportByRequest: db.prepare<[string, string], ReportRow>('SELECT * FROM reports WHERE reporter_id = ? AND request_id = ?'),
    reportById: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE id = ?'),
    // 报事的每小时额度：数这位报事人窗口里的报事（经（报事人，请求编号）唯一索引找到他的报事，迁移 16）。
    reportsSince: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM reports WHERE reporter_id = ? AND created_at >= ?'),
    reportsByReporter: db.prepare<[string, number], ReportRow>('SELECT * FROM reports WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
    reportsByReporterBefore: db.prepare<[string, string, string, string, number], ReportRow>(
      `SELECT * FROM reports WHERE reporter_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    awaitingOf: db.prepare<[string], ReportRow>(
      `SELECT * FROM reports WHERE reporter_id = ? AND status = 'awaiting_confirmation' ORDER BY created_at DESC, id DESC`,
    ),
    setStatus: db.prepare('UPDATE reports SET status = ?, updated_at = ? WHERE id = ? AND status = ?'),
    // 里程碑（规则在 src/core 的 nextMilestones）：流转的事务里读出存着的值，算出新值，整组写回。
    milestonesOf: db.prepare<[string], MilestoneRow>(
      `SELECT created_at, responded_at, handled_at, handling_minutes, handled_count, resolved_at, rating_count, first_time_resolved FROM reports WHERE id = ?`,
    ),
    setMilestones: db.prepare(
      `UPDATE reports SET responded_at = @respondedAt, handled_at = @handledAt, handling_minutes = @handlingMinutes, handled_count = @handledCount,
         resolved_at = @resolvedAt, rating_count = @ratings, first_time_resolved = @firstTime WHERE id = @id`,
    ),
    setAssignee: db.prepare('UPDATE reports SET assignee = ? WHERE id = ?'),
    setMergedInto: db.prepare('UPDATE reports SET merged_into = ? WHERE id = ?'),
    addStatusChange: db.prepare(
      'INSERT INTO status_changes (report_id, from_status, to_status, note, actor_id, at, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    addFollow: db.prepare('INSERT INTO follows (report_id, openid, at, via) VALUES (@reportId, @openid, @at, @via) ON CONFLICT(report_id, openid) DO NOTHING'),
    // 只给仍留着的报事加关注：已隐藏或重复的不改（0 行），由事务撤回刚插入的关注。
    bumpFollowersIfKept: db.prepare(`UPDATE reports SET followers = followers + 1 WHERE id = ? AND status NOT IN (${marksFor(DROPPED_STATUSES)})`),
    followersNow: db.prepare<[string], { followers: number }>('SELECT followers FROM reports WHERE id = ?'),
    followersOf: db.prepare<[string], { openid: string }>('SELECT openid FROM follows WHERE report_id = ? ORDER BY at, openid'),
    followedBy: db.prepare<[string, number], ReportRow>(
      `SELECT r.* FROM follows f JOIN reports r ON r.id = f.report_id WHERE f.openid = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    ),
    followedByBefore: db.prepare<[string, string, string, string, number], ReportRow>(
      `SELECT r.* FROM follows f JOIN reports r ON r.id = f.report_id WHERE f.openid = ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))
       ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    ),
    statusChanges: db.prepare<[string], StatusChangeRow>('SELECT * FROM status_changes WHERE report_id = ? ORDER BY seq'),
  }

  const insertReportOnce = insertOnce(ctx, {
    noun: '报事',
    insert: (report: Report) =>
      q.insertReport.run({
        ...report,
        location: JSON.stringify(report.location),
        photos: JSON.stringify(report.photos),
        anonymous: report.anonymous ? 1 : 0,
        assignee: report.assignee ? JSON.stringify(report.assignee) : null,
      }).changes,
    existing: (report) => {
      const row = q.reportByRequest.get(report.reporterId, report.requestId)
      return row && toReport(row)
    },
    result: (report, created) => ({ report, created }),
    // 报事额度的用量就是报事人一小时内的报事：每条报事都是一次用量，重试不插入、也就不多数。
    countedUses: (report, limit) =>
      limit.key === hourlyLimit('report', report.reporterId, limit.at).key ? (since) => q.reportsSince.get(report.reporterId, since)!.n : null,
  })

  const changeStatusTx = ctx.transaction((change: StatusChange, expected: ReportStatus, deltas: StatusChangeDeltas, patch: ReportPatch) => {
    const info = q.setStatus.run(change.to, change.at, change.reportId, expected)
    if (info.changes === 0) return false
    if (patch.assignee !== undefined) q.setAssignee.run(patch.assignee ? JSON.stringify(patch.assignee) : null, change.reportId)
    if (patch.mergedInto !== undefined) q.setMergedInto.run(patch.mergedInto, change.reportId)
    q.addStatusChange.run(change.reportId, change.from, change.to, change.note, change.actorId, change.at, change.requestId, JSON.stringify(change.details))
    const row = q.milestonesOf.get(change.reportId)
    if (row) {
      const stored: StoredMilestones = {
        respondedAt: row.responded_at,
        handledAt: row.handled_at,
        handlingMinutes: row.handling_minutes,
        handledCount: row.handled_count,
        resolvedAt: row.resolved_at,
        ratings: row.rating_count,
        firstTime: row.first_time_resolved === 1,
      }
      const m = nextMilestones(stored, row.created_at, { from: expected, to: change.to, at: change.at, rated: Boolean(change.details.rating) })
      q.setMilestones.run({ id: change.reportId, ...m, firstTime: m.firstTime ? 1 : 0 })
    }
    // 写锁已在手：此刻的关注人数就是隐藏或合并要减去的，同时落下的"我也遇到"不会漏减。
    ctx.recordTallyDeltas(typeof deltas === 'function' ? deltas(q.followersNow.get(change.reportId) ?? { followers: 0 }) : deltas)
    return true
  })

  /** 报事在写入时已隐藏或重复：抛出它让事务撤回刚插入的关注。 */
  const DROPPED = Symbol('报事已不留关注')
  const addFollowerTx = ctx.transaction((follow: Follow, deltas: TallyDelta[], limit?: HourlyLimit) => {
    if (q.addFollow.run(follow).changes === 0) return false
    if (q.bumpFollowersIfKept.run(follow.reportId, ...DROPPED_STATUSES).changes === 0) {
      if (!q.reportById.get(follow.reportId)) throw new Error(`关注的报事不存在：${follow.reportId}`)
      throw DROPPED
    }
    limits.use(limit)
    ctx.recordTallyDeltas(deltas)
    return true
  })

  /** 报事查询的 WHERE 子句与参数（队列与计数共用）。 */
  const whereOf = (query: ReportQuery, after?: PageCursor) => {
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(',')
    const clauses = [`building_id IN (${marks(query.buildingIds.length)})`]
    const params: unknown[] = [...query.buildingIds]
    if (query.statuses.length) {
      clauses.push(`status IN (${marks(query.statuses.length)})`)
      params.push(...query.statuses)
    }
    if (query.category) {
      clauses.push('category = ?')
      params.push(query.category)
    }
    if (query.urgency) {
      clauses.push('urgency = ?')
      params.push(query.urgency)
    }
    if (query.createdBefore) {
      const limits = Object.entries(query.createdBefore)
      clauses.push(limits.length ? `(${limits.map(() => '(urgency = ? AND created_at < ?)').join(' OR ')})` : '0')
      for (const [urgency, before] of limits) params.push(urgency, before)
    }
    if (after) {
      const cmp = query.order === 'asc' ? '>' : '<'
      clauses.push(`(created_at ${cmp} ? OR (created_at = ? AND id ${cmp} ?))`)
      params.push(after.createdAt, after.createdAt, after.id)
    }
    return { sql: clauses.join(' AND '), params }
  }

  // 队列与计数的语句按 SQL 文本缓存：每次受理答回详情都要查一次同类候选，每次重新编译约占受理的十分之一。
  // SQL 只随楼栋个数、状态个数与有无各筛选项变化，形状有限；超过上限就清空重来，不会无限增长。
  const reportQueries = new Map<string, Database.Statement<unknown[], unknown>>()
  const reportQuery = <R>(sql: string) => {
    let stmt = reportQueries.get(sql)
    if (!stmt) {
      if (reportQueries.size >= 200) reportQueries.clear()
      stmt = db.prepare<unknown[], unknown>(sql)
      reportQueries.set(sql, stmt)
    }
    return stmt as Database.Statement<unknown[], R>
  }

  return {
    async insertReport(report, deltas, limit) {
      return insertReportOnce(report, deltas, limit)
    },
    async changeStatus(change, expected, deltas, patch = {}) {
      return changeStatusTx(change, expected, deltas, patch)
    },
    async queueReports(query, limit, after) {
      if (query.buildingIds.length === 0) return []
      const { sql, params } = whereOf(query, after)
      const dir = query.order === 'asc' ? 'ASC' : 'DESC'
      // 索引写死：规划器有时选了计数用的索引，再把整楼未办结的报事排一遍序（实测 3 万条未办结时一次处理慢 10 倍）。
      return reportQuery<ReportRow>(`SELECT * FROM reports INDEXED BY reports_by_building_status WHERE ${sql} ORDER BY created_at ${dir}, id ${dir} LIMIT ?`)
        .all(...params, limit)
        .map(toReport)
    },
    async countReports(query) {
      if (query.buildingIds.length === 0) return 0
      const { sql, params } = whereOf(query)
      // 计数只读索引（楼栋、状态、提交时间、紧急程度都在 reports_by_building_status 里，迁移 14），不回表。
      return reportQuery<{ n: number }>(`SELECT COUNT(*) AS n FROM reports INDEXED BY reports_by_building_status WHERE ${sql}`).get(...params)?.n ?? 0
    },
    async addFollower(follow, deltas, limit) {
      try {
        return limits.unlessFull(limit, () => addFollowerTx(follow, deltas, limit))
      } catch (error) {
        if (error === DROPPED) return REPORT_DROPPED
        throw error
      }
    },
    async followersOf(reportId) {
      return q.followersOf.all(reportId).map((r) => r.openid)
    },
    async reportsFollowedBy(openid, limit, before) {
      const rows = before ? q.followedByBefore.all(openid, before.createdAt, before.createdAt, before.id, limit) : q.followedBy.all(openid, limit)
      return rows.map(toReport)
    },
    async reportById(id) {
      const row = q.reportById.get(id)
      return row ? toReport(row) : null
    },
    async reportsByReporter(openid, limit, before) {
      const rows = before ? q.reportsByReporterBefore.all(openid, before.createdAt, before.createdAt, before.id, limit) : q.reportsByReporter.all(openid, limit)
      return rows.map(toReport)
    },
    async awaitingConfirmationOf(openid) {
      return q.awaitingOf.all(openid).map(toReport)
    },
    async statusChangesOf(reportId) {
      return q.statusChanges.all(reportId).map(toStatusChange)
    },
  }
}
