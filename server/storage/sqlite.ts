/**
 * SQLite 存储适配器（better-sqlite3,WAL）：本地宿主、测试与小型自托管小区的默认存储。
 * 统计桶的增量与被统计的写入在同一个事务里，要么都生效，要么都不生效。
 */
import Database from 'better-sqlite3'
import type { Building, Community, Membership, Report, StatusChange } from '../../src/core/model'
import type { Store } from '../../src/core/ports'
import type { TallyBucket, TallyDelta, TallyDim } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'
import { migrate } from './migrations'

interface ReportRow {
  id: string
  community_id: string
  building_id: string
  kind: string
  category: string
  text: string
  location: string
  anonymous: number
  photos: string
  status: string
  reporter_id: string
  request_id: string
  created_at: string
  updated_at: string
  month: string
}

const toReport = (r: ReportRow): Report => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id,
  kind: r.kind as Report['kind'],
  category: r.category as Report['category'],
  text: r.text,
  location: JSON.parse(r.location),
  anonymous: r.anonymous === 1,
  photos: JSON.parse(r.photos),
  status: r.status as ReportStatus,
  reporterId: r.reporter_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  month: r.month,
})

interface BuildingRow {
  id: string
  community_id: string
  code: string
  name: string
  households: number
  units: number
  floors: number
}
const toBuilding = (r: BuildingRow): Building => ({
  id: r.id,
  communityId: r.community_id,
  code: r.code,
  name: r.name,
  households: r.households,
  units: r.units,
  floors: r.floors,
})

export interface SqliteStore extends Store {
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
    community: db.prepare<[string], { id: string; name: string; has_property_company: number }>('SELECT * FROM communities WHERE id = ?'),
    memberships: db.prepare<[string], { community_id: string; building_id: string; role: string }>(
      'SELECT community_id, building_id, role FROM memberships WHERE openid = ? ORDER BY role, building_id',
    ),
    representatives: db.prepare<[string], { openid: string }>(
      "SELECT openid FROM memberships WHERE building_id = ? AND role = 'representative' ORDER BY openid",
    ),
    saveCommunity: db.prepare(
      'INSERT INTO communities (id, name, has_property_company) VALUES (@id, @name, @hasPropertyCompany) ON CONFLICT(id) DO UPDATE SET name = excluded.name, has_property_company = excluded.has_property_company',
    ),
    saveBuilding: db.prepare(
      `INSERT INTO buildings (id, community_id, code, name, households, units, floors) VALUES (@id, @communityId, @code, @name, @households, @units, @floors)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, households = excluded.households, units = excluded.units, floors = excluded.floors`,
    ),
    addMembership: db.prepare(
      'INSERT OR IGNORE INTO memberships (openid, community_id, building_id, role) VALUES (?, ?, ?, ?)',
    ),
    insertReport: db.prepare(
      `INSERT INTO reports (id, community_id, building_id, kind, category, text, location, anonymous, photos, status, reporter_id, request_id, created_at, updated_at, month)
       VALUES (@id, @communityId, @buildingId, @kind, @category, @text, @location, @anonymous, @photos, @status, @reporterId, @requestId, @createdAt, @updatedAt, @month)
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
    addStatusChange: db.prepare(
      'INSERT INTO status_changes (report_id, from_status, to_status, note, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    statusChanges: db.prepare<[string], { report_id: string; from_status: string; to_status: string; note: string; actor_id: string; at: string }>(
      'SELECT * FROM status_changes WHERE report_id = ? ORDER BY seq',
    ),
    increment: db.prepare(
      `INSERT INTO tallies (building_id, month, dim, count) VALUES (?, ?, ?, ?)
       ON CONFLICT(building_id, month, dim) DO UPDATE SET count = count + excluded.count`,
    ),
    dropZero: db.prepare('DELETE FROM tallies WHERE building_id = ? AND month = ? AND dim = ? AND count = 0'),
    allBuckets: db.prepare<[], { building_id: string; month: string; dim: string; count: number }>(
      'SELECT * FROM tallies ORDER BY building_id, month, dim',
    ),
    allReports: db.prepare<[], ReportRow>('SELECT * FROM reports ORDER BY created_at, id'),
  }

  const applyDeltas = (deltas: TallyDelta[]) => {
    for (const d of deltas) {
      q.increment.run(d.buildingId, d.month, d.dim, d.delta)
      q.dropZero.run(d.buildingId, d.month, d.dim)
    }
  }

  const insertReportTx = db.transaction((report: Report, deltas: TallyDelta[]) => {
    const info = q.insertReport.run({
      ...report,
      location: JSON.stringify(report.location),
      photos: JSON.stringify(report.photos),
      anonymous: report.anonymous ? 1 : 0,
    })
    if (info.changes === 0) {
      const existing = q.reportByRequest.get(report.reporterId, report.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原报事')
      return { report: toReport(existing), created: false }
    }
    applyDeltas(deltas)
    return { report, created: true }
  })

  const changeStatusTx = db.transaction((change: StatusChange, expected: ReportStatus, deltas: TallyDelta[]) => {
    const info = q.setStatus.run(change.to, change.at, change.reportId, expected)
    if (info.changes === 0) return false
    q.addStatusChange.run(change.reportId, change.from, change.to, change.note, change.actorId, change.at)
    applyDeltas(deltas)
    return true
  })

  // 统计读取是热路径：按月份个数缓存预编译语句，不每次重新编译。
  type BucketRow = { building_id: string; month: string; dim: string; count: number }
  const bucketQueries = new Map<number, Database.Statement<string[], BucketRow>>()
  const bucketsOf = (buildingId: string, months: string[]) => {
    if (months.length === 0) return []
    let stmt = bucketQueries.get(months.length)
    if (!stmt) {
      const placeholders = months.map(() => '?').join(',')
      stmt = db.prepare<string[], BucketRow>(`SELECT * FROM tallies WHERE building_id = ? AND month IN (${placeholders})`)
      bucketQueries.set(months.length, stmt)
    }
    return stmt.all(buildingId, ...months)
  }
  const toBucket = (r: { building_id: string; month: string; dim: string; count: number }): TallyBucket => ({
    buildingId: r.building_id,
    month: r.month,
    dim: r.dim as TallyDim,
    count: r.count,
  })

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
      return row ? { id: row.id, name: row.name, hasPropertyCompany: row.has_property_company === 1 } : null
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
      q.saveCommunity.run({ id: c.id, name: c.name, hasPropertyCompany: c.hasPropertyCompany ? 1 : 0 })
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
    async changeStatus(change, expected, deltas) {
      return changeStatusTx(change, expected, deltas)
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
      return q.statusChanges.all(reportId).map((r) => ({
        reportId: r.report_id,
        from: r.from_status,
        to: r.to_status as ReportStatus,
        note: r.note,
        actorId: r.actor_id,
        at: r.at,
      }))
    },
    async bucketsOf(buildingId, months) {
      return bucketsOf(buildingId, months).map(toBucket)
    },
    async allBuckets() {
      return q.allBuckets.all().map(toBucket)
    },
    async allReports() {
      return q.allReports.all().map(toReport)
    },
  }
}
