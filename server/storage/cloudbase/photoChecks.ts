/** 云开发：照片内容检查的记录（PhotoCheckStore）：_id 即检查的 traceId。 */
import type { PhotoCheckStore } from '../../../src/core/reports'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { toPhotoCheck } from './documents'

export function cloudbasePhotoChecks(ctx: StoreContext): PhotoCheckStore {
  const { coll, readAll, transact } = ctx
  return {
    async recordPhotoChecks(checks) {
      if (checks.length === 0) return
      // 一次提交的几张照片一起记下或都不记。
      await transact(async (tx) => {
        for (const { traceId, ...fields } of checks) await tx.collection(COLLECTIONS.photoChecks).doc(traceId).set({ data: fields })
      })
    },

    async setPhotoVerdict(traceId, verdict) {
      // 先读再改：结论与原来相同时，更新的条数可能是 0，不能据此判断"找不到"。只改还在待检的：第一次的结论为准。
      const ref = coll('photoChecks').doc(traceId)
      const { data } = await ref.get()
      if (!data) return false
      if (data.verdict === 'pending') await ref.update({ data: { verdict } })
      return true
    },

    async withheldPhotosOf(reportId, pendingSince) {
      // 一条报事至多 9 张照片：按报事读出全部检测记录，在这里挑。
      const docs = await readAll('photoChecks', { reportId })
      return docs
        .map(toPhotoCheck)
        .filter((c) => c.verdict === 'risky' || (c.verdict === 'pending' && c.at >= pendingSince))
        .sort((a, b) => (a.at === b.at ? (a.traceId < b.traceId ? -1 : 1) : a.at < b.at ? -1 : 1))
        .map((c) => c.fileId)
    },
  }
}
