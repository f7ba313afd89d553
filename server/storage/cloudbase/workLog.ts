/** 云开发：工作台账（WorkLogStore）。幂等同报事：(authorId, requestId) 上的唯一索引。 */
import type { WorkLogQuery, WorkLogStore } from '../../../src/core/worklog'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { toWorkLog } from './documents'
import { insertOnce } from './insertOnce'
import type { Data } from './sdk'
import { recordTallyDeltas } from './tally'

export function cloudbaseWorkLog(ctx: StoreContext): WorkLogStore {
  const { _, coll, newestFirst, transact } = ctx

  /** 台账列表的条件：没删除的，这些楼栋的，和（若要）整个小区的（buildingId 为 null）。 */
  function workLogCondition(query: WorkLogQuery): Data[] | null {
    const places: (string | null)[] = [...query.buildingIds, ...(query.includeCommunity ? [null] : [])]
    if (places.length === 0) return null
    const parts: Data[] = [{ communityId: query.communityId, removedAt: null, buildingId: _().in(places) }]
    if (query.kind) parts.push({ kind: query.kind })
    return parts
  }

  return {
    async insertWorkLog(entry, deltas, limit) {
      const { id, ...fields } = entry
      return insertOnce(ctx, {
        collection: 'workLog',
        id,
        fields,
        request: { authorId: entry.authorId, requestId: entry.requestId },
        item: entry,
        toItem: toWorkLog,
        result: (e, created) => ({ entry: e, created }),
        deltas,
        limit,
      })
    },
    async replaceWorkLog(entry, expectedUpdatedAt, deltas) {
      const STALE = Symbol('已被别人改过')
      const { id, ...fields } = entry
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.workLog).doc(id)
          const { data: current } = await ref.get()
          if (!current || current.updatedAt !== expectedUpdatedAt) throw STALE
          // 整条写入（set，不拆成子字段）；小区、作者、请求编号与创建时刻标识这条台账，不随替换改变。
          const identity = { communityId: current.communityId, authorId: current.authorId, requestId: current.requestId, createdAt: current.createdAt }
          await ref.set({ data: { ...fields, ...identity } })
          await recordTallyDeltas(ctx, tx, deltas)
        })
        return true
      } catch (error) {
        if (error === STALE) return false
        throw error
      }
    },
    async workLogById(id) {
      const { data } = await coll('workLog').doc(id).get()
      return data ? toWorkLog(data) : null
    },
    async workLog(query, limit, before) {
      const parts = workLogCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('workLog', parts, 'date', limit, before && { value: before.date, id: before.id })
      return docs.map(toWorkLog)
    },
  }
}
