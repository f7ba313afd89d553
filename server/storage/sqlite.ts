/**
 * SQLite 存储适配器（better-sqlite3,WAL）：本地宿主、测试与小型自托管小区的默认存储。
 * 统计桶的增量与被统计的写入在同一个事务里，要么都生效，要么都不生效。
 */
import Database from 'better-sqlite3'
import { DEFAULT_OVERDUE_HOURS, type Community, type Follow, type Invite, type Member, type Notice, type NoticeRead, type Report, type StatusChange, type Survey, type SurveyAnswer, type WorkLogEntry } from '../../src/core/model'
import type {
  CommunityCreation,
  DirectoryStore,
  InviteStore,
  NoticeCursor,
  NoticeQuery,
  NoticeStore,
  PageCursor,
  PhotoCheckStore,
  ReportPatch,
  ReportQuery,
  ReportStore,
  SurveyQuery,
  SurveyStore,
  SummaryStore,
  TallyFolder,
  TallyMaintenance,
  TallyReader,
  WorkLogCursor,
  WorkLogQuery,
  WorkLogStore,
} from '../../src/core/ports'
import type { TallyRecords } from '../../src/core/sources'
import { diffBuckets, mergeDeltas, type TallyBucket, type TallyDelta } from '../../src/core/tally'
import type { ReportStatus } from '../../src/core/workflow'
import { migrate } from './migrations'
import { sqliteHourlyLimits } from './sqliteLimits'
import type { HourlyLimit } from '../../src/core/limits'
import { sqliteSummaryStore } from './sqliteSummary'
import { minutesBetween, RESPONDING_STATUSES } from '../../src/core/sources/reports'
import {
  readTallyRecords,
  toBucket,
  toBuilding,
  toInvite,
  toMember,
  toNotice,
  toReport,
  toStatusChange,
  toSurvey,
  toSurveyAnswer,
  toWorkLog,
  type BucketRow,
  type BuildingRow,
  type InviteRow,
  type MemberRow,
  type NoticeRow,
  type ReportRow,
  type StatusChangeRow,
  type SurveyAnswerRow,
  type SurveyRow,
  type WorkLogRow,
} from './sqliteRows'

/** SQLite 一个文件实现全部存储端口；用例只拿到它们各自用的那几个。 */
export interface SqliteStore extends DirectoryStore, InviteStore, NoticeStore, WorkLogStore, SurveyStore, SummaryStore, ReportStore, PhotoCheckStore, TallyReader, TallyMaintenance, TallyFolder {
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
    community: db.prepare<[string], { id: string; name: string; has_property_company: number; old_estate: number; overdue_hours: string }>(
      'SELECT * FROM communities WHERE id = ?',
    ),
    memberships: db.prepare<[string], MemberRow>('SELECT * FROM memberships WHERE openid = ? ORDER BY role, building_id'),
    membersOf: db.prepare<[string], MemberRow>('SELECT * FROM memberships WHERE community_id = ? ORDER BY since, seq'),
    removeMember: db.prepare('DELETE FROM memberships WHERE id = ?'),
    communitiesCreatedBy: db.prepare<[string], { n: number }>(
      "SELECT COUNT(DISTINCT community_id) AS n FROM memberships WHERE openid = ? AND role = 'admin'",
    ),
    representatives: db.prepare<[string], { openid: string }>(
      "SELECT openid FROM memberships WHERE building_id = ? AND role = 'representative' ORDER BY openid",
    ),
    saveCommunity: db.prepare(
      `INSERT INTO communities (id, name, has_property_company, old_estate, overdue_hours) VALUES (@id, @name, @hasPropertyCompany, @oldEstate, @overdueHours)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, has_property_company = excluded.has_property_company, old_estate = excluded.old_estate,
         overdue_hours = excluded.overdue_hours`,
    ),
    saveBuilding: db.prepare(
      `INSERT INTO buildings (id, community_id, code, name, households, units, floors) VALUES (@id, @communityId, @code, @name, @households, @units, @floors)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, households = excluded.households, units = excluded.units, floors = excluded.floors`,
    ),
    // 同一人同一小区同一楼同一身份已有一条时什么都不做（唯一约束），答 changes = 0。
    addMember: db.prepare(
      `INSERT INTO memberships (id, openid, community_id, building_id, role, name, body, since) VALUES (@id, @openid, @communityId, @buildingId, @role, @name, @body, @since)
       ON CONFLICT DO NOTHING`,
    ),
    saveInvite: db.prepare(
      `INSERT INTO invites (code, community_id, role, building_id, body, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at)
       VALUES (@code, @communityId, @role, @buildingId, @body, @createdBy, @createdAt, @expiresAt, @acceptedBy, @acceptedAt, @revokedAt)
       ON CONFLICT(code) DO UPDATE SET community_id = excluded.community_id, role = excluded.role, building_id = excluded.building_id, body = excluded.body,
         created_by = excluded.created_by, created_at = excluded.created_at, expires_at = excluded.expires_at, accepted_by = excluded.accepted_by,
         accepted_at = excluded.accepted_at, revoked_at = excluded.revoked_at`,
    ),
    creationOf: db.prepare<[string, string], { community_id: string }>('SELECT community_id FROM community_creations WHERE creator = ? AND request_id = ?'),
    insertCommunity: db.prepare(
      `INSERT INTO communities (id, name, has_property_company, old_estate, overdue_hours) VALUES (@id, @name, @hasPropertyCompany, @oldEstate, @overdueHours)`,
    ),
    insertCreation: db.prepare('INSERT INTO community_creations (creator, request_id, community_id, created_at) VALUES (?, ?, ?, ?)'),
    // 不到上限才加一：一条语句里判断并累加，同时的尝试不会多记。
    recordInviteAttempt: db.prepare(
      `INSERT INTO invite_attempts (openid, hour, attempts) VALUES (@openid, @hour, 1)
       ON CONFLICT(openid, hour) DO UPDATE SET attempts = attempts + 1 WHERE attempts < @max`,
    ),
    forgiveInviteAttempt: db.prepare('UPDATE invite_attempts SET attempts = attempts - 1 WHERE openid = ? AND hour = ? AND attempts > 0'),
    inviteByCode: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE code = ?'),
    openInvites: db.prepare<[string], InviteRow>(
      'SELECT * FROM invites WHERE community_id = ? AND accepted_by IS NULL AND revoked_at IS NULL ORDER BY created_at DESC, code DESC',
    ),
    claimInvite: db.prepare(
      'UPDATE invites SET accepted_by = ?, accepted_at = ? WHERE code = ? AND accepted_by IS NULL AND revoked_at IS NULL AND expires_at > ?',
    ),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE code = ? AND accepted_by IS NULL AND revoked_at IS NULL'),
    insertNotice: db.prepare(
      `INSERT INTO notices (id, community_id, whole_community, targets, title, body, images, pinned, expires_at, status, signed_as, author_id, request_id,
         published_at, withdrawn_at, month, summary_id)
       VALUES (@id, @communityId, @wholeCommunity, @targets, @title, @body, @images, @pinned, @expiresAt, @status, @signedAs, @authorId, @requestId,
         @publishedAt, @withdrawnAt, @month, @summaryId)
       ON CONFLICT(author_id, request_id) DO NOTHING`,
    ),
    addNoticeTarget: db.prepare('INSERT INTO notice_targets (notice_id, building_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    noticeByRequest: db.prepare<[string, string], NoticeRow>('SELECT * FROM notices WHERE author_id = ? AND request_id = ?'),
    noticeById: db.prepare<[string], NoticeRow>('SELECT * FROM notices WHERE id = ?'),
    withdrawNotice: db.prepare("UPDATE notices SET status = 'withdrawn', withdrawn_at = ? WHERE id = ? AND status = 'published'"),
    addNoticeRead: db.prepare(
      'INSERT INTO notice_reads (notice_id, openid, building_id, at) VALUES (@noticeId, @openid, @buildingId, @at) ON CONFLICT(notice_id, openid) DO NOTHING',
    ),
    readersByBuilding: db.prepare<[string], { building_id: string; n: number }>(
      'SELECT building_id, COUNT(*) AS n FROM notice_reads WHERE notice_id = ? GROUP BY building_id ORDER BY building_id',
    ),
    addNoticeCredit: db.prepare(
      `INSERT INTO notice_credits (openid, building_id, credits) VALUES (@openid, @buildingId, 1)
       ON CONFLICT(openid, building_id) DO UPDATE SET credits = MIN(credits + 1, @max)`,
    ),
    takeNoticeCredit: db.prepare('UPDATE notice_credits SET credits = credits - 1 WHERE openid = ? AND building_id = ?'),
    dropSpentCredits: db.prepare('DELETE FROM notice_credits WHERE openid = ? AND building_id = ? AND credits <= 0'),
    insertWorkLog: db.prepare(
      `INSERT INTO worklog (id, community_id, building_id, kind, date, month, note, photos, report_ids, details, author_id, request_id, created_at, updated_at, removed_at)
       VALUES (@id, @communityId, @buildingId, @kind, @date, @month, @note, @photos, @reportIds, @details, @authorId, @requestId, @createdAt, @updatedAt, @removedAt)
       ON CONFLICT(author_id, request_id) DO NOTHING`,
    ),
    // 小区、作者、请求编号与创建时刻标识这条台账，不随替换改变。
    replaceWorkLog: db.prepare(
      `UPDATE worklog SET building_id = @buildingId, kind = @kind, date = @date, month = @month, note = @note, photos = @photos, report_ids = @reportIds,
         details = @details, updated_at = @updatedAt, removed_at = @removedAt
       WHERE id = @id AND updated_at = @expectedUpdatedAt`,
    ),
    workLogByRequest: db.prepare<[string, string], WorkLogRow>('SELECT * FROM worklog WHERE author_id = ? AND request_id = ?'),
    workLogById: db.prepare<[string], WorkLogRow>('SELECT * FROM worklog WHERE id = ?'),
    insertSurvey: db.prepare(
      `INSERT INTO surveys (id, community_id, whole_community, targets, title, template, questions, opens_at, closes_at, closed_at, min_answers, author_id,
         request_id, created_at, month)
       VALUES (@id, @communityId, @wholeCommunity, @targets, @title, @template, @questions, @opensAt, @closesAt, @closedAt, @minAnswers, @authorId,
         @requestId, @createdAt, @month)
       ON CONFLICT(author_id, request_id) DO NOTHING`,
    ),
    addSurveyTarget: db.prepare('INSERT INTO survey_targets (survey_id, building_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    surveyByRequest: db.prepare<[string, string], SurveyRow>('SELECT * FROM surveys WHERE author_id = ? AND request_id = ?'),
    surveyById: db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ?'),
    // 还没结束：没提前结束，也没到截止。
    closeSurvey: db.prepare('UPDATE surveys SET closed_at = @at WHERE id = @id AND closed_at IS NULL AND closes_at > @at'),
    previousSurvey: db.prepare<[string, string, string], SurveyRow>(
      'SELECT * FROM surveys WHERE community_id = ? AND template = ? AND opens_at < ? ORDER BY opens_at DESC, id DESC LIMIT 1',
    ),
    answerOf: db.prepare<[string, string], SurveyAnswerRow>('SELECT * FROM survey_answers WHERE survey_id = ? AND openid = ?'),
    // 第一份答卷：(survey_id, openid) 是主键，已有一份时什么都不插（changes = 0）。
    insertAnswer: db.prepare(
      `INSERT INTO survey_answers (survey_id, openid, building_id, unit, room, answer_values, request_id, at)
       VALUES (@surveyId, @openid, @buildingId, @unit, @room, @values, @requestId, @at)
       ON CONFLICT(survey_id, openid) DO NOTHING`,
    ),
    // 替换：只有存储里那份仍是 previous（同一请求编号与时刻）才改。
    replaceAnswer: db.prepare(
      `UPDATE survey_answers SET building_id = @buildingId, unit = @unit, room = @room, answer_values = @values, request_id = @requestId, at = @at
       WHERE survey_id = @surveyId AND openid = @openid AND request_id = @previousRequestId AND at = @previousAt`,
    ),
    answersOf: db.prepare<[string], SurveyAnswerRow>('SELECT * FROM survey_answers WHERE survey_id = ? ORDER BY at, openid'),
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
    // 里程碑：第一次响应、第一次标记已处理（与用时）、已处理次数、第一次确认（此前只处理过一次即一次解决）、评价次数。
    // SET 里的各表达式读的都是改之前的值。
    setMilestones: db.prepare(
      `UPDATE reports SET
         responded_at = CASE WHEN responded_at IS NULL AND @responding = 1 THEN @at ELSE responded_at END,
         handled_at = CASE WHEN handled_at IS NULL AND @to = 'awaiting_confirmation' THEN @at ELSE handled_at END,
         handling_minutes = CASE WHEN handled_at IS NULL AND @to = 'awaiting_confirmation' THEN @minutes ELSE handling_minutes END,
         handled_count = handled_count + CASE WHEN @to = 'awaiting_confirmation' THEN 1 ELSE 0 END,
         first_time_resolved = CASE WHEN resolved_at IS NULL AND @to = 'resolved' AND handled_count = 1 THEN 1 ELSE first_time_resolved END,
         resolved_at = CASE WHEN resolved_at IS NULL AND @to = 'resolved' THEN @at ELSE resolved_at END,
         rating_count = rating_count + @rated
       WHERE id = @id`,
    ),
    createdAtOf: db.prepare<[string], { created_at: string }>('SELECT created_at FROM reports WHERE id = ?'),
    setAssignee: db.prepare('UPDATE reports SET assignee = ? WHERE id = ?'),
    setMergedInto: db.prepare('UPDATE reports SET merged_into = ? WHERE id = ?'),
    addStatusChange: db.prepare(
      'INSERT INTO status_changes (report_id, from_status, to_status, note, actor_id, at, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    addFollow: db.prepare('INSERT INTO follows (report_id, openid, at, via) VALUES (@reportId, @openid, @at, @via) ON CONFLICT(report_id, openid) DO NOTHING'),
    bumpFollowers: db.prepare('UPDATE reports SET followers = followers + 1 WHERE id = ?'),
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

  const limits = sqliteHourlyLimits(db)

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

  const insertReportTx = db.transaction((report: Report, deltas: TallyDelta[], limit?: HourlyLimit) => {
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
    limits.use(limit)
    applyDeltas(deltas)
    return { report, created: true }
  })

  const changeStatusTx = db.transaction((change: StatusChange, expected: ReportStatus, deltas: TallyDelta[], patch: ReportPatch) => {
    const info = q.setStatus.run(change.to, change.at, change.reportId, expected)
    if (info.changes === 0) return false
    if (patch.assignee !== undefined) q.setAssignee.run(patch.assignee ? JSON.stringify(patch.assignee) : null, change.reportId)
    if (patch.mergedInto !== undefined) q.setMergedInto.run(patch.mergedInto, change.reportId)
    q.addStatusChange.run(change.reportId, change.from, change.to, change.note, change.actorId, change.at, change.requestId, JSON.stringify(change.details))
    const createdAt = q.createdAtOf.get(change.reportId)?.created_at ?? change.at
    q.setMilestones.run({
      id: change.reportId,
      at: change.at,
      to: change.to,
      responding: expected === 'pending' && RESPONDING_STATUSES.includes(change.to) ? 1 : 0,
      minutes: minutesBetween(createdAt, change.at),
      rated: change.to === 'resolved' && change.details.rating ? 1 : 0,
    })
    applyDeltas(deltas)
    return true
  })

  const addFollowerTx = db.transaction((follow: Follow, deltas: TallyDelta[], limit?: HourlyLimit) => {
    if (q.addFollow.run(follow).changes === 0) return false
    limits.use(limit)
    q.bumpFollowers.run(follow.reportId)
    applyDeltas(deltas)
    return true
  })

  const memberParams = (m: Member) => ({ ...m, buildingId: m.buildingId ?? '' })

  const communityParams = (c: Community) => ({
    id: c.id,
    name: c.name,
    hasPropertyCompany: c.hasPropertyCompany ? 1 : 0,
    oldEstate: c.oldEstate ? 1 : 0,
    overdueHours: JSON.stringify(c.overdueHours),
  })

  // 先查幂等记录、再数上限、再写：在 immediate 事务里，别的连接的建小区要等这个提交之后才读得到、才写得了。
  const createCommunityTx = db.transaction((creation: CommunityCreation, maxPerCreator: number) => {
    const { community, admin, requestId } = creation
    const earlier = q.creationOf.get(admin.openid, requestId)
    if (earlier) return { communityId: earlier.community_id, created: false }
    if ((q.communitiesCreatedBy.get(admin.openid)?.n ?? 0) >= maxPerCreator) return 'limited' as const
    q.insertCommunity.run(communityParams(community))
    q.insertCreation.run(admin.openid, requestId, community.id, admin.since)
    q.addMember.run(memberParams(admin))
    return { communityId: community.id, created: true }
  })

  const acceptInviteTx = db.transaction((code: string, openid: string, at: string, member: Member) => {
    if (q.claimInvite.run(openid, at, code, at).changes > 0) {
      q.addMember.run(memberParams(member))
      return 'accepted' as const
    }
    const invite = q.inviteByCode.get(code)
    if (!invite) return 'missing' as const
    if (invite.accepted_by !== null) return invite.accepted_by === openid ? ('accepted' as const) : ('taken' as const)
    if (invite.revoked_at !== null) return 'revoked' as const
    return 'expired' as const
  })

  const insertNoticeTx = db.transaction((notice: Notice, deltas: TallyDelta[], limit?: HourlyLimit) => {
    const info = q.insertNotice.run({
      ...notice,
      wholeCommunity: notice.wholeCommunity ? 1 : 0,
      targets: JSON.stringify(notice.targets),
      images: JSON.stringify(notice.images),
      pinned: notice.pinned ? 1 : 0,
      summaryId: notice.summaryId ?? null,
    })
    if (info.changes === 0) {
      const existing = q.noticeByRequest.get(notice.authorId, notice.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原公告')
      return { notice: toNotice(existing), created: false }
    }
    limits.use(limit)
    for (const t of notice.targets) q.addNoticeTarget.run(notice.id, t.buildingId)
    applyDeltas(deltas)
    return { notice, created: true }
  })

  const recordReadTx = db.transaction((read: NoticeRead, deltas: TallyDelta[]) => {
    if (q.addNoticeRead.run(read).changes === 0) return false
    applyDeltas(deltas)
    return true
  })

  // 先选后取要在同一个写事务里（IMMEDIATE）：另一个进程的取走不能夹在中间。
  const takeNoticeCreditsTx = db.transaction((buildingIds: readonly string[], limit: number) => {
    const marks = buildingIds.map(() => '?').join(',')
    // 每人一次：同一人在几栋楼都有额度时，取楼栋 id 最小的那栋。
    const chosen = db
      .prepare<unknown[], { openid: string; building_id: string }>(
        `SELECT openid, MIN(building_id) AS building_id FROM notice_credits WHERE building_id IN (${marks}) AND credits > 0 GROUP BY openid ORDER BY openid LIMIT ?`,
      )
      .all(...buildingIds, limit)
    for (const c of chosen) {
      q.takeNoticeCredit.run(c.openid, c.building_id)
      q.dropSpentCredits.run(c.openid, c.building_id)
    }
    return chosen.map((c) => ({ openid: c.openid, buildingId: c.building_id }))
  })

  const workLogParams = (e: WorkLogEntry) => ({
    ...e,
    buildingId: e.buildingId ?? '',
    photos: JSON.stringify(e.photos),
    reportIds: JSON.stringify(e.reportIds),
    details: JSON.stringify(e.details),
  })

  const insertWorkLogTx = db.transaction((entry: WorkLogEntry, deltas: TallyDelta[], limit?: HourlyLimit) => {
    if (q.insertWorkLog.run(workLogParams(entry)).changes === 0) {
      const existing = q.workLogByRequest.get(entry.authorId, entry.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原台账')
      return { entry: toWorkLog(existing), created: false }
    }
    limits.use(limit)
    applyDeltas(deltas)
    return { entry, created: true }
  })

  const replaceWorkLogTx = db.transaction((entry: WorkLogEntry, expectedUpdatedAt: string, deltas: TallyDelta[]) => {
    if (q.replaceWorkLog.run({ ...workLogParams(entry), expectedUpdatedAt }).changes === 0) return false
    applyDeltas(deltas)
    return true
  })

  const insertSurveyTx = db.transaction((survey: Survey, deltas: TallyDelta[]) => {
    const info = q.insertSurvey.run({
      ...survey,
      wholeCommunity: survey.wholeCommunity ? 1 : 0,
      targets: JSON.stringify(survey.targets),
      questions: JSON.stringify(survey.questions),
    })
    if (info.changes === 0) {
      const existing = q.surveyByRequest.get(survey.authorId, survey.requestId)
      if (!existing) throw new Error('请求编号冲突但找不到原问卷')
      return { survey: toSurvey(existing), created: false }
    }
    for (const t of survey.targets) q.addSurveyTarget.run(survey.id, t.buildingId)
    applyDeltas(deltas)
    return { survey, created: true }
  })

  const saveAnswerTx = db.transaction((answer: SurveyAnswer, previous: SurveyAnswer | null, deltas: TallyDelta[], limit?: HourlyLimit) => {
    const params = { ...answer, values: JSON.stringify(answer.values) }
    const info = previous
      ? q.replaceAnswer.run({ ...params, previousRequestId: previous.requestId, previousAt: previous.at })
      : q.insertAnswer.run(params)
    if (info.changes === 0) return false
    limits.use(limit)
    applyDeltas(deltas)
    return true
  })

  const marksFor = (values: readonly unknown[]) => values.map(() => '?').join(',')

  /** 公告列表的 WHERE 子句与参数。 */
  const noticeWhere = (query: NoticeQuery, before?: NoticeCursor) => {
    const clauses = ['community_id = ?']
    const params: unknown[] = [query.communityId]
    if (query.buildingIds) {
      clauses.push(`id IN (SELECT notice_id FROM notice_targets WHERE building_id IN (${marksFor(query.buildingIds)}))`)
      params.push(...query.buildingIds)
    }
    if (query.liveAt !== undefined) {
      clauses.push("status = 'published' AND (expires_at IS NULL OR expires_at > ?)")
      params.push(query.liveAt)
    }
    if (query.pinned !== undefined) {
      clauses.push('pinned = ?')
      params.push(query.pinned ? 1 : 0)
    }
    if (query.wholeCommunity !== undefined) {
      clauses.push('whole_community = ?')
      params.push(query.wholeCommunity ? 1 : 0)
    }
    if (before) {
      clauses.push('(published_at < ? OR (published_at = ? AND id < ?))')
      params.push(before.publishedAt, before.publishedAt, before.id)
    }
    return { sql: clauses.join(' AND '), params }
  }

  /** 问卷列表的 WHERE 子句与参数。 */
  const surveyWhere = (query: SurveyQuery, before?: PageCursor) => {
    const clauses = ['community_id = ?']
    const params: unknown[] = [query.communityId]
    if (query.buildingIds) {
      clauses.push(`id IN (SELECT survey_id FROM survey_targets WHERE building_id IN (${marksFor(query.buildingIds)}))`)
      params.push(...query.buildingIds)
    }
    if (query.openAt !== undefined) {
      clauses.push('opens_at <= ? AND closes_at > ? AND closed_at IS NULL')
      params.push(query.openAt, query.openAt)
    }
    if (query.unfinishedAt !== undefined) {
      clauses.push('closes_at > ? AND closed_at IS NULL')
      params.push(query.unfinishedAt)
    }
    if (query.wholeCommunity !== undefined) {
      clauses.push('whole_community = ?')
      params.push(query.wholeCommunity ? 1 : 0)
    }
    if (before) {
      clauses.push('(created_at < ? OR (created_at = ? AND id < ?))')
      params.push(before.createdAt, before.createdAt, before.id)
    }
    return { sql: clauses.join(' AND '), params }
  }

  /** 台账列表的 WHERE 子句与参数：整个小区的台账楼栋为空串，和楼栋一起放进 IN 列表。 */
  const workLogWhere = (query: WorkLogQuery, places: string[], before?: WorkLogCursor) => {
    const clauses = [`community_id = ? AND building_id IN (${marksFor(places)}) AND removed_at IS NULL`]
    const params: unknown[] = [query.communityId, ...places]
    if (query.kind) {
      clauses.push('kind = ?')
      params.push(query.kind)
    }
    if (before) {
      clauses.push('(date < ? OR (date = ? AND id < ?))')
      params.push(before.date, before.date, before.id)
    }
    return { sql: clauses.join(' AND '), params }
  }

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
    ...sqliteSummaryStore(db),
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
      if (!row) return null
      return {
        id: row.id,
        name: row.name,
        hasPropertyCompany: row.has_property_company === 1,
        oldEstate: row.old_estate === 1,
        overdueHours: { ...DEFAULT_OVERDUE_HOURS, ...JSON.parse(row.overdue_hours) },
      }
    },
    async membershipsOf(openid): Promise<Member[]> {
      return q.memberships.all(openid).map(toMember)
    },
    async representativesOf(buildingId) {
      return q.representatives.all(buildingId).map((r) => r.openid)
    },
    async saveCommunity(c) {
      q.saveCommunity.run(communityParams(c))
    },
    async saveBuilding(b) {
      q.saveBuilding.run(b)
    },
    async addMember(member) {
      return q.addMember.run(memberParams(member)).changes > 0
    },
    async membersOf(communityId) {
      return q.membersOf.all(communityId).map(toMember)
    },
    async removeMember(memberId) {
      return q.removeMember.run(memberId).changes > 0
    },
    async communitiesCreatedBy(openid) {
      return q.communitiesCreatedBy.get(openid)?.n ?? 0
    },
    async communityCreatedBy(openid, requestId) {
      return q.creationOf.get(openid, requestId)?.community_id ?? null
    },
    async createCommunity(creation, maxPerCreator) {
      return createCommunityTx.immediate(creation, maxPerCreator)
    },

    async saveInvite(invite: Invite) {
      q.saveInvite.run(invite)
    },
    async inviteByCode(code) {
      const row = q.inviteByCode.get(code)
      return row ? toInvite(row) : null
    },
    async openInvitesOf(communityId) {
      return q.openInvites.all(communityId).map(toInvite)
    },
    async acceptInvite(code, openid, at, member) {
      return acceptInviteTx(code, openid, at, member)
    },
    async recordInviteAttempt(openid, hour, max) {
      if (max < 1) return false
      return q.recordInviteAttempt.run({ openid, hour, max }).changes > 0
    },
    async forgiveInviteAttempt(openid, hour) {
      q.forgiveInviteAttempt.run(openid, hour)
    },
    async revokeInvite(code, at) {
      if (q.revokeInvite.run(at, code).changes > 0) return true
      // 已经撤回过的再撤回一次也算撤回了（重试），撤回时刻不变。
      const row = q.inviteByCode.get(code)
      return row !== undefined && row.accepted_by === null && row.revoked_at !== null
    },

    async insertNotice(notice, deltas, limit) {
      return limits.unlessFull(limit, () => insertNoticeTx(notice, deltas, limit))
    },
    async noticeById(id) {
      const row = q.noticeById.get(id)
      return row ? toNotice(row) : null
    },
    async withdrawNotice(id, at) {
      return q.withdrawNotice.run(at, id).changes > 0
    },
    async notices(query, limit, before) {
      if ((query.buildingIds && query.buildingIds.length === 0) || limit <= 0) return []
      const { sql, params } = noticeWhere(query, before)
      return db
        .prepare<unknown[], NoticeRow>(`SELECT * FROM notices WHERE ${sql} ORDER BY published_at DESC, id DESC LIMIT ?`)
        .all(...params, limit)
        .map(toNotice)
    },
    async recordRead(read, deltas) {
      return recordReadTx(read, deltas)
    },
    async readNoticeIds(openid, noticeIds) {
      if (noticeIds.length === 0) return []
      const read = new Set(
        db
          .prepare<unknown[], { notice_id: string }>(`SELECT notice_id FROM notice_reads WHERE openid = ? AND notice_id IN (${marksFor(noticeIds)})`)
          .all(openid, ...noticeIds)
          .map((r) => r.notice_id),
      )
      return noticeIds.filter((id) => read.has(id))
    },
    async readersByBuilding(noticeId) {
      return Object.fromEntries(q.readersByBuilding.all(noticeId).map((r) => [r.building_id, r.n]))
    },
    async addNoticeCredit(openid, buildingId, max) {
      if (max < 1) return
      q.addNoticeCredit.run({ openid, buildingId, max })
    },
    async takeNoticeCredits(buildingIds, limit) {
      if (buildingIds.length === 0 || limit <= 0) return []
      return takeNoticeCreditsTx.immediate(buildingIds, limit)
    },

    async insertWorkLog(entry, deltas, limit) {
      return limits.unlessFull(limit, () => insertWorkLogTx(entry, deltas, limit))
    },
    async replaceWorkLog(entry, expectedUpdatedAt, deltas) {
      return replaceWorkLogTx(entry, expectedUpdatedAt, deltas)
    },
    async workLogById(id) {
      const row = q.workLogById.get(id)
      return row ? toWorkLog(row) : null
    },
    async workLog(query, limit, before) {
      const places = [...query.buildingIds, ...(query.includeCommunity ? [''] : [])]
      if (places.length === 0 || limit <= 0) return []
      const { sql, params } = workLogWhere(query, places, before)
      return db
        .prepare<unknown[], WorkLogRow>(`SELECT * FROM worklog WHERE ${sql} ORDER BY date DESC, id DESC LIMIT ?`)
        .all(...params, limit)
        .map(toWorkLog)
    },

    async insertSurvey(survey, deltas) {
      return insertSurveyTx(survey, deltas)
    },
    async surveyById(id) {
      const row = q.surveyById.get(id)
      return row ? toSurvey(row) : null
    },
    async surveys(query, limit, before) {
      if ((query.buildingIds && query.buildingIds.length === 0) || limit <= 0) return []
      const { sql, params } = surveyWhere(query, before)
      return db
        .prepare<unknown[], SurveyRow>(`SELECT * FROM surveys WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, limit)
        .map(toSurvey)
    },
    async closeSurvey(id, at) {
      return q.closeSurvey.run({ id, at }).changes > 0
    },
    async previousSurvey(communityId, template, before) {
      const row = q.previousSurvey.get(communityId, template, before)
      return row ? toSurvey(row) : null
    },
    async answerOf(surveyId, openid) {
      const row = q.answerOf.get(surveyId, openid)
      return row ? toSurveyAnswer(row) : null
    },
    async saveAnswer(answer, previous, deltas, limit) {
      return limits.unlessFull(limit, () => saveAnswerTx(answer, previous, deltas, limit))
    },
    async answersOf(surveyId) {
      return q.answersOf.all(surveyId).map(toSurveyAnswer)
    },

    async insertReport(report, deltas, limit) {
      return limits.unlessFull(limit, () => insertReportTx(report, deltas, limit))
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
      // 计数只读索引（楼栋、状态、紧急程度、提交时间都在 reports_overdue 里），不回表。
      return reportQuery<{ n: number }>(`SELECT COUNT(*) AS n FROM reports INDEXED BY reports_overdue WHERE ${sql}`).get(...params)?.n ?? 0
    },
    async addFollower(follow, deltas, limit) {
      return limits.unlessFull(limit, () => addFollowerTx(follow, deltas, limit))
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
    // 桶在写入的事务里同步累加：没有待归并的事件。
    async pendingTallyEvents() {
      return 0
    },
    async foldTallies() {
      return { folded: 0, pending: 0, busy: false }
    },
    async rebuild(recount) {
      return rebuildTx.immediate(recount)
    },
  }
}
