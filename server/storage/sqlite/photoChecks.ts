/** SQLite：照片内容检查的记录（PhotoCheckStore）。 */
import type { PhotoCheckStore } from '../../../src/core/reports'
import type { SqliteContext } from './context'

export function sqlitePhotoChecks(ctx: SqliteContext): PhotoCheckStore {
  const { db } = ctx
  const q = {
    addPhotoCheck: db.prepare(
      'INSERT INTO photo_checks (trace_id, file_id, report_id, uploader_id, verdict, at) VALUES (@traceId, @fileId, @reportId, @uploaderId, @verdict, @at) ON CONFLICT(trace_id) DO UPDATE SET file_id = excluded.file_id, report_id = excluded.report_id, uploader_id = excluded.uploader_id, verdict = excluded.verdict, at = excluded.at',
    ),
    setVerdict: db.prepare("UPDATE photo_checks SET verdict = ? WHERE trace_id = ? AND verdict = 'pending'"),
    photoCheckExists: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM photo_checks WHERE trace_id = ?'),
    withheldPhotos: db.prepare<[string, string], { file_id: string }>(
      "SELECT file_id FROM photo_checks WHERE report_id = ? AND (verdict = 'risky' OR (verdict = 'pending' AND at >= ?)) ORDER BY at, trace_id",
    ),
  }

  return {
    async recordPhotoChecks(checks) {
      ctx.transaction(() => {
        for (const c of checks) q.addPhotoCheck.run(c)
      })()
    },
    async setPhotoVerdict(traceId, verdict) {
      // 只改还在待检的：第一次的结论为准。
      return q.setVerdict.run(verdict, traceId).changes > 0 || (q.photoCheckExists.get(traceId)?.n ?? 0) > 0
    },
    async withheldPhotosOf(reportId, pendingSince) {
      return q.withheldPhotos.all(reportId, pendingSince).map((r) => r.file_id)
    },
  }
}
