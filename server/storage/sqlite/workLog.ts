/** SQLite：工作台账（WorkLogStore）。整个小区的台账楼栋存为空串。 */
import type { WorkLogEntry, WorkLogCursor, WorkLogQuery, WorkLogStore } from '../../../src/core/worklog'
import type { TallyDelta } from '../../../src/core/tally'
import { marksFor, type SqliteContext } from './context'
import { insertOnce } from './insertOnce'
import { toWorkLog, type WorkLogRow } from './rows'

export function sqliteWorkLog(ctx: SqliteContext): WorkLogStore {
  const { db } = ctx
  const q = {
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
  }

  const workLogParams = (e: WorkLogEntry) => ({
    ...e,
    buildingId: e.buildingId ?? '',
    photos: JSON.stringify(e.photos),
    reportIds: JSON.stringify(e.reportIds),
    details: JSON.stringify(e.details),
  })

  const insertWorkLogOnce = insertOnce(ctx, {
    noun: '台账',
    insert: (entry: WorkLogEntry) => q.insertWorkLog.run(workLogParams(entry)).changes,
    existing: (entry) => {
      const row = q.workLogByRequest.get(entry.authorId, entry.requestId)
      return row && toWorkLog(row)
    },
    result: (entry, created) => ({ entry, created }),
  })

  const replaceWorkLogTx = ctx.transaction((entry: WorkLogEntry, expectedUpdatedAt: string, deltas: TallyDelta[]) => {
    if (q.replaceWorkLog.run({ ...workLogParams(entry), expectedUpdatedAt }).changes === 0) return false
    ctx.recordTallyDeltas(deltas)
    return true
  })

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

  return {
    async insertWorkLog(entry, deltas, limit) {
      return insertWorkLogOnce(entry, deltas, limit)
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
  }
}
