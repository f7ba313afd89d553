/**
 * SQLite 存储适配器（better-sqlite3,WAL）：本地宿主、测试与小型自托管小区的默认存储。
 * 统计桶的增量与被统计的写入在同一个事务里，要么都生效，要么都不生效。
 */
import Database from 'better-sqlite3'
import { DEFAULT_OVERDUE_HOURS, type Community, type Follow, type Membership, type Report, type StatusChange } from '../../src/core/model'
import type { DirectoryStore, PageCursor, PhotoCheckStore, ReportPatch, ReportQuery, ReportStore, TallyMaintenance, TallyReader } from '../../src/core/ports'
import type { TallyRecords } from '../../src/core/sources'
import { diffBuckets, mergeDeltas, type TallyBucket, type TallyDelta } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'
import { migrate } from './migrations'
import { readTallyRecords, toBucket, toBuilding, toReport, toStatusChange, type BucketRow, type BuildingRow, type ReportRow, type StatusChangeRow } from './sqliteRows'

/** SQLite 一个文件实现全部存储端口；用例只拿到它们各自用的那几个。 */
export interface SqliteStore extends DirectoryStore, ReportStore, PhotoCheckStore, TallyReader, TallyMaintenance {
  readonly db: Database.Database
  close(): void
}

export function openSqliteStore(file: string): SqliteStore {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  migrate(db)

  const q = {
    buildingByCode: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE code = ? COLLATE NOCASE'),
    buildingById: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE id = ?'),
    buildingsOf: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE community_id = ? ORDER BY code'),
    community: db.prepare<[string], { id: string; name: string; has_property_company: number; overdue_hours: string }>('SELECT * FROM communities WHERE id = ?'),
    memberships: db.prepare<[string], { community_id: string; building_id: string; role: string }>(
      'SELECT community_id, building_id, role FROM memberships WHERE openid = ? ORDER BY role, building_id',
    ),
    representatives: db.prepare<[string], { openid: string }>(
      "SELECT openid FROM memberships WHERE building_id = ? AND role = 'representative' ORDER BY openid",
    ),
    saveCommunity: db.prepare(
      `INSERT INTO communities (id, name, has_property_company, overdue_hours) VALUES (@id, @name, @hasPropertyCompany, @overdueHours)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, has_property_company = excluded.has_property_company, overdue_hours = excluded.overdue_hours`,
    ),
    saveBuilding: db.prepare(
      `INSERT INTO buildings (id, community_id, code, name, households, units, floors) VALUES (@id, @communityId, @code, @name, @households, @units, @floors)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, households = excluded.households, units = excluded.units, floors = excluded.floors`,
    ),
    addMembership: db.prepare(
      'INSERT OR IGNORE INTO memberships (openid, community_id, building_id, role) VALUES (?, ?, ?, ?)',
    ),
    insertReport: db.prepare(
      `INSERT INTO reports (id, community_id, building_id, kind, category, text, location, anonymous, photos, status, reporter_id, request_id, created_at, updated_at, month,
         urgency, contact_phone, assignee, merged_into, followers)
       VALUES (@id, @communityId, @buildingId, @kind, @category, @text, @location, @anonymous, @photos, @status, @reporterId, @requestId, @createdAt, @updatedAt, @month,
         @urgency, @contactPhone, @assignee, @mergedInto, @followers)
       ON CONFLICT(reporter_id, request_id) DO NOTHING`,
    ),
    reportByRequest: db.prepare<[string, string], ReportRow>('SELECT * FROM reports WHERE reporter_id = ? AND request_id = ?'),
    reportById: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE id = ?'),
    reportsByReporter: db.prepare<[string, number], ReportRow>(
      'SELECT * FROM reports WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    reportsByReporterBefore: db.prepare<[string, string, string, string, number], ReportRow>(
      `SELECT * FROM reports WHERE reporter_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    setStatus: db.prepare('UPDATE reports SET status = ?, updated_at = ? WHERE id = ? AND status = ?'),
    setAssignee: db.prepare('UPDATE reports SET assignee = ? WHERE id = ?'),
    setMergedInto: db.prepare('UPDATE reports SET merged_into = ? WHERE id = ?'),
    addStatusChange: db.prepare(
      'INSERT INTO status_changes (report_id, from_status, to_status, note, actor_id, at, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    countSince: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM reports WHERE reporter_id = ? AND created_at >= ?'),
    addFollow: db.prepare('INSERT INTO follows (report_id, openid, at, via) VALUES (@reportId, @openid, @at, @via) ON CONFLICT(report_id, openid) DO NOTHING'),
    bumpFollowers: db.prepare('UPDATE reports SET followers = followers + 1 WHERE id = ?'),
    followsSince: db.prepare<[string, string], { n: number }>("SELECT COUNT(*) AS n FROM follows WHERE openid = ? AND via = 'follow' AND at >= ?"),
    followersOf: db.prepare<[string], { openid: string }>('SELECT openid FROM follows WHERE report_id = ? ORDER BY at, openid'),
    followedBy: db.prepare<[string, number], ReportRow>(
      `SELECT r.* FROM follows f JOIN reports r ON r.id = f.report_id WHERE f.openid = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    ),
    followedByBefore: db.prepare<[string, string, string, string, number], ReportRow>(
      `SELECT r.* FROM follows f JOIN reports r ON r.id = f.report_id WHERE f.openid = ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))
       ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    ),
    addPhotoCheck: db.prepare(
      'INSERT INTO photo_checks (trace_id, file_id, report_id, uploader_id, verdict, at) VALUES (@traceId, @fileId, @reportId, @uploaderId, @verdict, @at) ON CONFLICT(trace_id) DO UPDATE SET file_id = excluded.file_id, report_id = excluded.report_id, uploader_id = excluded.uploader_id, verdict = excluded.verdict, at = excluded.at',
    ),
    setVerdict: db.prepare("UPDATE photo_checks SET verdict = ? WHERE trace_id = ? AND verdict = 'pending'"),
    photoCheckExists: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM photo_checks WHERE trace_id = ?'),
    riskyPhotos: db.prepare<[string], { file_id: string }>("SELECT file_id FROM photo_checks WHERE report_id = ? AND verdict = 'risky' ORDER BY at, trace_id"),
    statusChanges: db.prepare<[string], StatusChangeRow>('SELECT * FROM status_changes WHERE report_id = ? ORDER BY seq'),
    // 增量是加法（不是读改写），并发的写入各自加各自的。
    increment: db.prepare(
      `INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES (@scope, @month, @metric, @count, @sum)
       ON CONFLICT(scope, month, metric) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum`,
    ),
    dropEmpty: db.prepare('DELETE FROM tally_buckets WHERE scope = ? AND month = ? AND metric = ? AND count = 0 AND sum = 0'),
    setBucket: db.prepare(
      `INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES (@scope, @month, @metric, @count, @sum)
       ON CONFLICT(scope, month, metric) DO UPDATE SET count = excluded.count, sum = excluded.sum`,
    ),
    deleteBucket: db.prepare('DELETE FROM tally_buckets WHERE scope = ? AND month = ? AND metric = ?'),
    allBuckets: db.prepare<[], BucketRow>('SELECT * FROM tally_buckets ORDER BY scope, month, metric'),
  }

  const applyDeltas = (deltas: TallyDelta[]) => {
    for (const d of mergeDeltas(deltas)) {
      q.increment.run(d)
      q.dropEmpty.run(d.scope, d.month, d.metric)
    }
  }

  // 读记录、重算、改正在同一个写事务里（IMMEDIATE：一开始就拿写锁），期间别的写入等待，不会漏算。
  const rebuildTx = db.transaction((recount: (records: TallyRecords) => TallyBucket[]) => {
    const diff = diffBuckets(q.allBuckets.all().map(toBucket), recount(readTallyRecords(db)))
    for (const b of diff.missing) q.setBucket.run(b)
    for (const { expected } of diff.different) q.setBucket.run(expected)
    for (const b of diff.extra) q.deleteBucket.run(b.scope, b.month, b.metric)
    return diff
  })

  const insertReportTx = db.transaction((report: Report, deltas: TallyDelta[]) => {
    const info = q.insertReport.run({
      ...report,
      location: JSON.stringify(report.location),
      photos: JSON.stringify(report.photos),
      anonymous: report.anonymous ? 1 : 0,
      assignee: report.assignee ? JSON.stringify(report.assignee) : null,
    })
    if (info.changes === 0) {
      const existing = q.reportByRequest.get(report.reporterId, report.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原报事')
      return { report: toReport(existing), created: false }
    }
    applyDeltas(deltas)
    return { report, created: true }
  })

  const changeStatusTx = db.transaction((change: StatusChange, expected: ReportStatus, deltas: TallyDelta[], patch: ReportPatch) => {
    const info = q.setStatus.run(change.to, change.at, change.reportId, expected)
    if (info.changes === 0) return false
    if (patch.assignee !== undefined) q.setAssignee.run(patch.assignee ? JSON.stringify(patch.assignee) : null, change.reportId)
    if (patch.mergedInto !== undefined) q.setMergedInto.run(patch.mergedInto, change.reportId)
    q.addStatusChange.run(change.reportId, change.from, change.to, change.note, change.actorId, change.at, change.requestId, JSON.stringify(change.details))
    applyDeltas(deltas)
    return true
  })

  const addFollowerTx = db.transaction((follow: Follow, deltas: TallyDelta[]) => {
    if (q.addFollow.run(follow).changes === 0) return false
    q.bumpFollowers.run(follow.reportId)
    applyDeltas(deltas)
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

  // 统计读取是热路径：按（范围个数，月份个数）缓存预编译语句，不每次重新编译。
  const bucketQueries = new Map<string, Database.Statement<string[], BucketRow>>()
  const bucketsOf = (scopes: readonly string[], months: readonly string[]) => {
    if (months.length === 0 || scopes.length === 0) return []
    const shape = `${scopes.length}x${months.length}`
    let stmt = bucketQueries.get(shape)
    if (!stmt) {
      const marks = (n: number) => Array.from({ length: n }, () => '?').join(',')
      stmt = db.prepare<string[], BucketRow>(`SELECT * FROM tally_buckets WHERE scope IN (${marks(scopes.length)}) AND month IN (${marks(months.length)})`)
      bucketQueries.set(shape, stmt)
    }
    return stmt.all(...scopes, ...months)
  }

  return {
    db,
    close: () => db.close(),
    async buildingByCode(code) {
      const row = q.buildingByCode.get(code)
      return row ? toBuilding(row) : null
    },
    async buildingById(id) {
      const row = q.buildingById.get(id)
      return row ? toBuilding(row) : null
    },
    async buildingsOfCommunity(communityId) {
      return q.buildingsOf.all(communityId).map(toBuilding)
    },
    async community(id): Promise<Community | null> {
      const row = q.community.get(id)
      return row ? { id: row.id, name: row.name, hasPropertyCompany: row.has_property_company === 1, overdueHours: { ...DEFAULT_OVERDUE_HOURS, ...JSON.parse(row.overdue_hours) } } : null
    },
    async membershipsOf(openid): Promise<Membership[]> {
      return q.memberships.all(openid).map((m) => ({
        communityId: m.community_id,
        buildingId: m.building_id === '' ? null : m.building_id,
        role: m.role as Membership['role'],
      }))
    },
    async representativesOf(buildingId) {
      return q.representatives.all(buildingId).map((r) => r.openid)
    },
    async saveCommunity(c) {
      q.saveCommunity.run({ id: c.id, name: c.name, hasPropertyCompany: c.hasPropertyCompany ? 1 : 0, overdueHours: JSON.stringify(c.overdueHours) })
    },
    async saveBuilding(b) {
      q.saveBuilding.run(b)
    },
    async addMembership(openid, m) {
      q.addMembership.run(openid, m.communityId, m.buildingId ?? '', m.role)
    },
    async insertReport(report, deltas) {
      return insertReportTx(report, deltas)
    },
    async changeStatus(change, expected, deltas, patch = {}) {
      return changeStatusTx(change, expected, deltas, patch)
    },
    async queueReports(query, limit, after) {
      if (query.buildingIds.length === 0) return []
      const { sql, params } = whereOf(query, after)
      const dir = query.order === 'asc' ? 'ASC' : 'DESC'
      // 索引写死：规划器有时选了计数用的索引，再把整楼未办结的报事排一遍序（实测 3 万条未办结时一次处理慢 10 倍）。
      return db
        .prepare<unknown[], ReportRow>(`SELECT * FROM reports INDEXED BY reports_by_building_status WHERE ${sql} ORDER BY created_at ${dir}, id ${dir} LIMIT ?`)
        .all(...params, limit)
        .map(toReport)
    },
    async countReports(query) {
      if (query.buildingIds.length === 0) return 0
      const { sql, params } = whereOf(query)
      // 计数只读索引（楼栋、状态、紧急程度、提交时间都在 reports_overdue 里），不回表。
      return db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM reports INDEXED BY reports_overdue WHERE ${sql}`).get(...params)?.n ?? 0
    },
    async countReportsSince(openid, since) {
      return q.countSince.get(openid, since)?.n ?? 0
    },
    async addFollower(follow, deltas) {
      return addFollowerTx(follow, deltas)
    },
    async countFollowsSince(openid, since) {
      return q.followsSince.get(openid, since)?.n ?? 0
    },
    async followersOf(reportId) {
      return q.followersOf.all(reportId).map((r) => r.openid)
    },
    async reportsFollowedBy(openid, limit, before) {
      const rows = before ? q.followedByBefore.all(openid, before.createdAt, before.createdAt, before.id, limit) : q.followedBy.all(openid, limit)
      return rows.map(toReport)
    },
    async recordPhotoChecks(checks) {
      db.transaction(() => {
        for (const c of checks) q.addPhotoCheck.run(c)
      })()
    },
    async setPhotoVerdict(traceId, verdict) {
      // 只改还在待检的：第一次的结论为准。
      return q.setVerdict.run(verdict, traceId).changes > 0 || (q.photoCheckExists.get(traceId)?.n ?? 0) > 0
    },
    async riskyPhotosOf(reportId) {
      return q.riskyPhotos.all(reportId).map((r) => r.file_id)
    },
    async reportById(id) {
      const row = q.reportById.get(id)
      return row ? toReport(row) : null
    },
    async reportsByReporter(openid, limit, before) {
      const rows = before
        ? q.reportsByReporterBefore.all(openid, before.createdAt, before.createdAt, before.id, limit)
        : q.reportsByReporter.all(openid, limit)
      return rows.map(toReport)
    },
    async statusChangesOf(reportId) {
      return q.statusChanges.all(reportId).map(toStatusChange)
    },
    async bucketsOf(scopes, months) {
      return bucketsOf(scopes, months).map(toBucket)
    },
    async allBuckets() {
      return q.allBuckets.all().map(toBucket)
    },
    async rawRecords() {
      return readTallyRecords(db)
    },
    async rebuild(recount) {
      return rebuildTx.immediate(recount)
    },
  }
}
