/** SQLite：公告、阅读回执与提醒额度（NoticeStore）。公告面向的楼栋另存在 notice_targets，按楼筛选走它。 */
import type { Notice, NoticeRead, NoticeCursor, NoticeQuery, NoticeStore } from '../../../src/core/notices'
import type { TallyDelta } from '../../../src/core/tally'
import { marksFor, type SqliteContext } from './context'
import { insertOnce } from './insertOnce'
import { toNotice, type NoticeRow } from './rows'

export function sqliteNotices(ctx: SqliteContext): NoticeStore {
  const { db } = ctx
  const q = {
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
      'INSERT INTO notice_reads (notice_id, openid, building_id, at, via_share) VALUES (@noticeId, @openid, @buildingId, @at, @viaShare) ON CONFLICT(notice_id, openid) DO NOTHING',
    ),
    readersByBuilding: db.prepare<[string], { building_id: string; n: number; shared: number }>(
      'SELECT building_id, COUNT(*) AS n, SUM(via_share) AS shared FROM notice_reads WHERE notice_id = ? GROUP BY building_id ORDER BY building_id',
    ),
    addNoticeCredit: db.prepare(
      `INSERT INTO notice_credits (openid, building_id, credits) VALUES (@openid, @buildingId, 1)
       ON CONFLICT(openid, building_id) DO UPDATE SET credits = MIN(credits + 1, @max)`,
    ),
    takeNoticeCredit: db.prepare('UPDATE notice_credits SET credits = credits - 1 WHERE openid = ? AND building_id = ?'),
    dropSpentCredits: db.prepare('DELETE FROM notice_credits WHERE openid = ? AND building_id = ? AND credits <= 0'),
  }

  const insertNoticeOnce = insertOnce(ctx, {
    noun: '公告',
    insert: (notice: Notice) =>
      q.insertNotice.run({
        ...notice,
        wholeCommunity: notice.wholeCommunity ? 1 : 0,
        targets: JSON.stringify(notice.targets),
        images: JSON.stringify(notice.images),
        pinned: notice.pinned ? 1 : 0,
        summaryId: notice.summaryId ?? null,
      }).changes,
    existing: (notice) => {
      const row = q.noticeByRequest.get(notice.authorId, notice.requestId)
      return row && toNotice(row)
    },
    afterInsert: (notice) => {
      for (const t of notice.targets) q.addNoticeTarget.run(notice.id, t.buildingId)
    },
    result: (notice, created) => ({ notice, created }),
  })

  const recordReadTx = ctx.transaction((read: NoticeRead, deltas: TallyDelta[]) => {
    if (q.addNoticeRead.run({ ...read, viaShare: read.viaShare ? 1 : 0 }).changes === 0) return false
    ctx.recordTallyDeltas(deltas)
    return true
  })

  // 先选后取要在同一个写事务里（IMMEDIATE）：另一个进程的取走不能夹在中间。
  const takeNoticeCreditsTx = ctx.transaction((buildingIds: readonly string[], limit: number) => {
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

  return {
    async insertNotice(notice, deltas, limit) {
      return insertNoticeOnce(notice, deltas, limit)
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
    async readCounts(noticeId) {
      return Object.fromEntries(q.readersByBuilding.all(noticeId).map((r) => [r.building_id, { readers: r.n, viaShare: r.shared }]))
    },
    async addNoticeCredit(openid, buildingId, max) {
      if (max < 1) return
      q.addNoticeCredit.run({ openid, buildingId, max })
    },
    async takeNoticeCredits(buildingIds, limit) {
      if (buildingIds.length === 0 || limit <= 0) return []
      return takeNoticeCreditsTx.immediate(buildingIds, limit)
    },
  }
}
