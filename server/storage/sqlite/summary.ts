/**
 * SQLite：工作总结的存储（总结、各版、居民意见）与起草要的两种报事查询（典型案例候选、数字背后的报事）。
 * 报事的里程碑列（responded_at、handled_at……）由 reports.ts 的流转在同一事务里记下，迁移 7 从留痕补齐。
 */
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
import { toReport, type ReportRow } from './rows'
import type { HourlyLimit } from '../../../src/core/shared/hourlyLimit'
import { addMonths, startOfChinaMonth } from '../../../src/core/shared/time'
import type { SqliteContext } from './context'

interface SummaryRow {
  id: string
  community_id: string
  building_id: string | null
  period: string
  kind: string
  status: string
  author_id: string
  request_id: string
  title: string
  latest_version: number
  notice_id: string | null
  final_notice_id: string | null
  consult_until: string | null
  finalized_at: string | null
  created_at: string
  updated_at: string
}
interface VersionRow {
  summary_id: string
  version: number
  document?: string
  saved_at: string
  saved_by: string
  author_id: string
  request_id: string
  restored_from: number | null
}
interface CommentRow {
  id: string
  summary_id: string
  building_id: string
  openid: string
  text: string
  request_id: string
  at: string
}
type MilestoneRow = ReportRow & {
  responded_at: string | null
  handled_at: string | null
  handling_minutes: number | null
  resolved_at: string | null
  rating_count: number
  first_time_resolved: number
}

const toSummary = (r: SummaryRow): SummaryRecord => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id,
  period: JSON.parse(r.period),
  kind: r.kind as SummaryRecord['kind'],
  status: r.status as SummaryRecord['status'],
  authorId: r.author_id,
  requestId: r.request_id,
  title: r.title,
  latestVersion: r.latest_version,
  noticeId: r.notice_id,
  finalNoticeId: r.final_notice_id,
  consultUntil: r.consult_until,
  finalizedAt: r.finalized_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})
const toMeta = (r: VersionRow): SummaryVersionMeta => ({
  summaryId: r.summary_id,
  version: r.version,
  savedAt: r.saved_at,
  savedBy: r.saved_by,
  authorId: r.author_id,
  requestId: r.request_id,
  restoredFrom: r.restored_from,
})
const toVersion = (r: VersionRow): SummaryVersion => ({ ...toMeta(r), document: JSON.parse(r.document as string) })
const toComment = (r: CommentRow): SummaryComment => ({
  id: r.id,
  summaryId: r.summary_id,
  buildingId: r.building_id,
  openid: r.openid,
  text: r.text,
  requestId: r.request_id,
  at: r.at,
})
export const toMilestones = (r: MilestoneRow): ReportMilestones => ({
  respondedAt: r.responded_at,
  handledAt: r.handled_at,
  handlingMinutes: r.handling_minutes,
  resolvedAt: r.resolved_at,
  ratings: r.rating_count,
  firstTimeResolved: r.first_time_resolved === 1,
})

const summaryParams = (s: SummaryRecord) => ({ ...s, period: JSON.stringify(s.period) })
const versionParams = (v: SummaryVersion) => ({ ...v, document: JSON.stringify(v.document) })
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',')

const HAS_SQL: Record<NonNullable<ReportTraceQuery['has']>, string> = {
  response: 'responded_at IS NOT NULL',
  handling: 'handled_at IS NOT NULL',
  rating: 'rating_count > 0',
  followers: 'followers > 0',
  firstTimeResolved: 'first_time_resolved = 1',
}

/** 数字背后的报事的 WHERE 子句：楼栋与提交月走 reports_trace 索引。 */
function traceWhere(query: ReportTraceQuery, after?: PageCursor) {
  const clauses = [`building_id IN (${marks(query.buildingIds.length)})`, `month IN (${marks(query.months.length)})`]
  const params: unknown[] = [...query.buildingIds, ...query.months]
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause)
    params.push(...values)
  }
  if (query.kind) add('kind = ?', query.kind)
  if (query.categories) add(`category IN (${marks(query.categories.length)})`, ...query.categories)
  if (query.urgency) add('urgency = ?', query.urgency)
  if (query.statuses) add(`status IN (${marks(query.statuses.length)})`, ...query.statuses)
  if (query.has) add(HAS_SQL[query.has])
  if (after) add('(created_at > ? OR (created_at = ? AND id > ?))', after.createdAt, after.createdAt, after.id)
  return { sql: clauses.join(' AND '), params }
}

export function sqliteSummary(ctx: SqliteContext): SummaryStore {
  const { db, limits } = ctx
  const q = {
    insertSummary: db.prepare(
      `INSERT INTO summaries (id, community_id, building_id, period, kind, status, author_id, request_id, title, latest_version, notice_id, final_notice_id,
         consult_until, finalized_at, created_at, updated_at)
       VALUES (@id, @communityId, @buildingId, @period, @kind, @status, @authorId, @requestId, @title, @latestVersion, @noticeId, @finalNoticeId,
         @consultUntil, @finalizedAt, @createdAt, @updatedAt)
       ON CONFLICT(author_id, request_id) DO NOTHING`,
    ),
    summaryByRequest: db.prepare<[string, string], SummaryRow>('SELECT * FROM summaries WHERE author_id = ? AND request_id = ?'),
    summaryById: db.prepare<[string], SummaryRow>('SELECT * FROM summaries WHERE id = ?'),
    insertVersion: db.prepare(
      `INSERT INTO summary_versions (summary_id, version, document, saved_at, saved_by, author_id, request_id, restored_from)
       VALUES (@summaryId, @version, @document, @savedAt, @savedBy, @authorId, @requestId, @restoredFrom)`,
    ),
    versionByRequest: db.prepare<[string, string, string], VersionRow>(
      'SELECT * FROM summary_versions WHERE summary_id = ? AND author_id = ? AND request_id = ?',
    ),
    version: db.prepare<[string, number], VersionRow>('SELECT * FROM summary_versions WHERE summary_id = ? AND version = ?'),
    versions: db.prepare<[string], VersionRow>(
      'SELECT summary_id, version, saved_at, saved_by, author_id, request_id, restored_from FROM summary_versions WHERE summary_id = ? ORDER BY version',
    ),
    bumpLatest: db.prepare("UPDATE summaries SET latest_version = ?, title = ?, updated_at = ? WHERE id = ? AND latest_version = ? AND status <> 'final'"),
    insertComment: db.prepare(
      `INSERT INTO summary_comments (id, summary_id, building_id, openid, text, request_id, at) VALUES (@id, @summaryId, @buildingId, @openid, @text, @requestId, @at)
       ON CONFLICT(openid, request_id) DO NOTHING`,
    ),
    commentByRequest: db.prepare<[string, string], CommentRow>('SELECT * FROM summary_comments WHERE openid = ? AND request_id = ?'),
    comments: db.prepare<[string, number], CommentRow>('SELECT * FROM summary_comments WHERE summary_id = ? ORDER BY at, id LIMIT ?'),
    commentsBy: db.prepare<[string, string], CommentRow>('SELECT * FROM summary_comments WHERE summary_id = ? AND openid = ? ORDER BY at, id'),
    countComments: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM summary_comments WHERE summary_id = ?'),
    // 典型案例候选：每条各走一个索引、各取至多 k 条。
    mostFollowed: db.prepare<[string, string, string, number], MilestoneRow>(
      'SELECT * FROM reports INDEXED BY reports_case_followed WHERE building_id = ? AND month = ? AND status = ? AND followers > 0 ORDER BY followers DESC, created_at LIMIT ?',
    ),
    fastestUrgent: db.prepare<[string, string, number], MilestoneRow>(
      "SELECT * FROM reports INDEXED BY reports_case_fastest WHERE building_id = ? AND month = ? AND urgency = 'urgent' AND handling_minutes IS NOT NULL ORDER BY handling_minutes, created_at LIMIT ?",
    ),
    longestOpen: db.prepare<[string, string, string, string, number], MilestoneRow>(
      'SELECT * FROM reports INDEXED BY reports_by_building_status WHERE building_id = ? AND status = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT ?',
    ),
  }

  const insertSummaryTx = ctx.transaction((summary: SummaryRecord, first: SummaryVersion) => {
    if (q.insertSummary.run(summaryParams(summary)).changes === 0) {
      const existing = q.summaryByRequest.get(summary.authorId, summary.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原总结')
      return { summary: toSummary(existing), created: false }
    }
    q.insertVersion.run(versionParams(first))
    return { summary, created: true }
  })

  const appendTx = ctx.transaction((version: SummaryVersion, expectedLatest: number) => {
    const existing = q.versionByRequest.get(version.summaryId, version.authorId, version.requestId)
    if (existing) return { version: toVersion(existing), created: false }
    if (q.bumpLatest.run(version.version, version.document.title, version.savedAt, version.summaryId, expectedLatest).changes === 0) return null
    q.insertVersion.run(versionParams(version))
    return { version, created: true }
  })

  const insertCommentTx = ctx.transaction((c: SummaryComment, limit?: HourlyLimit) => {
    if (q.insertComment.run(c).changes === 0) {
      const existing = q.commentByRequest.get(c.openid, c.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原意见')
      return { comment: toComment(existing), created: false }
    }
    limits.use(limit)
    return { comment: c, created: true }
  })

  return {
    async caseCandidates(buildingIds, months, perRule) {
      if (buildingIds.length === 0 || months.length === 0 || perRule <= 0) return []
      const rows = new Map<string, MilestoneRow>()
      const sorted = [...months].sort()
      const from = startOfChinaMonth(sorted[0])
      const to = startOfChinaMonth(addMonths(sorted[sorted.length - 1], 1))
      for (const b of buildingIds) {
        for (const m of sorted) {
          for (const s of ['awaiting_confirmation', 'resolved']) for (const r of q.mostFollowed.all(b, m, s, perRule)) rows.set(r.id, r)
          for (const r of q.fastestUrgent.all(b, m, perRule)) rows.set(r.id, r)
        }
        for (const s of ['pending', 'accepted', 'processing'])
          for (const r of q.longestOpen.all(b, s, from, to, perRule)) if (months.includes(r.month)) rows.set(r.id, r)
      }
      return [...rows.values()].map((r) => ({ report: toReport(r), milestones: toMilestones(r) }))
    },
    async traceReports(query, limit, after) {
      if (query.buildingIds.length === 0 || query.months.length === 0 || limit <= 0 || query.categories?.length === 0 || query.statuses?.length === 0) return []
      const { sql, params } = traceWhere(query, after)
      return db
        .prepare<unknown[], ReportRow>(`SELECT * FROM reports INDEXED BY reports_trace WHERE ${sql} ORDER BY created_at, id LIMIT ?`)
        .all(...params, limit)
        .map(toReport)
    },
    async countTraceReports(query) {
      if (query.buildingIds.length === 0 || query.months.length === 0 || query.categories?.length === 0 || query.statuses?.length === 0) return 0
      const { sql, params } = traceWhere(query)
      return db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM reports INDEXED BY reports_trace WHERE ${sql}`).get(...params)?.n ?? 0
    },
    async insertSummary(summary, first) {
      return insertSummaryTx(summary, first)
    },
    async appendSummaryVersion(version, expectedLatest) {
      return appendTx.immediate(version, expectedLatest)
    },
    async summaryById(id) {
      const row = q.summaryById.get(id)
      return row ? toSummary(row) : null
    },
    async summaryVersion(summaryId, version) {
      const row = q.version.get(summaryId, version)
      return row ? toVersion(row) : null
    },
    async summaryVersions(summaryId) {
      return q.versions.all(summaryId).map(toMeta)
    },
    async summariesOf(communityId, buildingIds, limit) {
      if (buildingIds && buildingIds.length === 0) return []
      const where = buildingIds ? `community_id = ? AND building_id IN (${marks(buildingIds.length)})` : 'community_id = ?'
      return db
        .prepare<unknown[], SummaryRow>(`SELECT * FROM summaries WHERE ${where} ORDER BY updated_at DESC, id DESC LIMIT ?`)
        .all(communityId, ...(buildingIds ?? []), limit)
        .map(toSummary)
    },
    async updateSummaryStatus(id, from, latestVersion, patch) {
      const columns: Record<string, string> = {
        status: 'status',
        noticeId: 'notice_id',
        finalNoticeId: 'final_notice_id',
        consultUntil: 'consult_until',
        finalizedAt: 'finalized_at',
        updatedAt: 'updated_at',
      }
      const sets = Object.keys(patch).filter((k) => k in columns)
      if (sets.length === 0) return false
      const sql = `UPDATE summaries SET ${sets.map((k) => `${columns[k]} = @${k}`).join(', ')} WHERE id = @id AND status = @from AND latest_version = @latestVersion`
      return db.prepare(sql).run({ ...patch, id, from, latestVersion }).changes > 0
    },
    async insertSummaryComment(comment, limit) {
      return limits.unlessFull(limit, () => insertCommentTx(comment, limit))
    },
    async summaryComments(summaryId, limit) {
      return q.comments.all(summaryId, limit).map(toComment)
    },
    async summaryCommentsBy(summaryId, openid) {
      return q.commentsBy.all(summaryId, openid).map(toComment)
    },
    async countSummaryComments(summaryId) {
      return q.countComments.get(summaryId)?.n ?? 0
    },
  }
}
