/**
 * 云开发：公告、阅读回执与提醒额度（NoticeStore）。公告的幂等同报事：(authorId, requestId) 上的唯一索引；
 * 阅读的 _id 为 公告|openid，提醒额度的 _id 为 openid|楼。
 */
import type { NoticeQuery, NoticeStore } from '../../../src/core/notices'
import { COLLECTIONS, PAGE_SIZE } from './collections'
import type { StoreContext } from './context'
import { noticeCreditId, noticeReadId, toNotice } from './documents'
import { insertOnce } from './insertOnce'
import type { Data } from './sdk'
import { receiptTally } from './tallyLog'
import { isDuplicateKey } from './transaction'

export function cloudbaseNotices(ctx: StoreContext): NoticeStore {
  const { _, coll, readAll, newestFirst, transact } = ctx

  /** 公告列表的条件；null 表示必然为空。 */
  function noticeCondition(query: NoticeQuery): Data[] | null {
    const parts: Data[] = [{ communityId: query.communityId }]
    if (query.buildingIds) {
      if (query.buildingIds.length === 0) return null
      // 数组字段上的 in：面向的楼栋里有任一个就算。
      parts.push({ targetIds: _().in([...query.buildingIds]) })
    }
    if (query.liveAt !== undefined) {
      parts.push({ status: 'published' }, _().or([{ expiresAt: null }, { expiresAt: _().gt(query.liveAt) }]) as Data)
    }
    if (query.pinned !== undefined) parts.push({ pinned: query.pinned })
    if (query.wholeCommunity !== undefined) parts.push({ wholeCommunity: query.wholeCommunity })
    return parts
  }

  return {
    async insertNotice(notice, deltas, limit) {
      const { id, ...fields } = notice
      return insertOnce(ctx, {
        collection: 'notices',
        id,
        fields: { ...fields, targetIds: notice.targets.map((t) => t.buildingId) },
        request: { authorId: notice.authorId, requestId: notice.requestId },
        item: notice,
        toItem: toNotice,
        result: (n, created) => ({ notice: n, created }),
        deltas,
        limit,
      })
    },
    async noticeById(id) {
      const { data } = await coll('notices').doc(id).get()
      return data ? toNotice(data) : null
    },
    async withdrawNotice(id, at) {
      let withdrawn = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.notices).doc(id)
        const { data } = await ref.get()
        withdrawn = data?.status === 'published'
        if (withdrawn) await ref.update({ data: { status: 'withdrawn', withdrawnAt: at } })
      })
      return withdrawn
    },
    async notices(query, limit, before) {
      const parts = noticeCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('notices', parts, 'publishedAt', limit, before && { value: before.publishedAt, id: before.id })
      return docs.map(toNotice)
    },
    async recordRead(read, deltas) {
      // 读公告是最密的写（几百户同时打开一条公告），请求数撞的是套餐的每秒请求数：一次 add，不开事务。
      // 回执自己带着统计增量（tally 字段，定时归并后清掉，见 tallyLog.ts），回执与增量在同一个文档里，一起写下或都没写。
      // _id 为 公告|openid：已读过的撞上 _id 答 E11000；同一人同时打开两次，只有一次写得下。
      // 公告不再读一遍：用例刚读到它，公告只会撤回、不会删除。
      const tally = receiptTally(deltas)
      try {
        await coll('noticeReads').add({ data: { _id: noticeReadId(read.noticeId, read.openid), ...read, ...(tally && { tally }) } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    },
    async readNoticeIds(openid, noticeIds) {
      const read = new Set<string>()
      for (let i = 0; i < noticeIds.length; i += PAGE_SIZE) {
        const ids = noticeIds.slice(i, i + PAGE_SIZE).map((id) => noticeReadId(id, openid))
        const { data } = await coll('noticeReads')
          .where({ _id: _().in(ids) })
          .limit(ids.length)
          .get()
        for (const d of data) read.add(d.noticeId as string)
      }
      return noticeIds.filter((id) => read.has(id))
    },
    async readersByBuilding(noticeId) {
      const counts: Record<string, number> = {}
      for (const d of await readAll('noticeReads', { noticeId })) counts[d.buildingId as string] = (counts[d.buildingId as string] ?? 0) + 1
      return counts
    },
    async readCounts(noticeId) {
      const counts: Record<string, { readers: number; viaShare: number }> = {}
      for (const d of await readAll('noticeReads', { noticeId })) {
        const c = (counts[d.buildingId as string] ??= { readers: 0, viaShare: 0 })
        c.readers++
        if (d.viaShare === true) c.viaShare++
      }
      return counts
    },
    async addNoticeCredit(openid, buildingId, max) {
      if (max < 1) return
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.noticeCredits).doc(noticeCreditId(openid, buildingId))
        const { data } = await ref.get()
        const credits = Math.min(((data?.credits as number | undefined) ?? 0) + 1, max)
        await ref.set({ data: { openid, buildingId, credits } })
      })
    },
    async takeNoticeCredits(buildingIds, limit) {
      // 事务里不能查询：先在事务外按 (openid, 楼栋) 的顺序列出有额度的，再逐人在事务里按 _id 读、减一。
      // 每人的取走是原子的（并发的两次取走不会用掉同一份额度）；整批不是一个事务。
      const taken: { openid: string; buildingId: string }[] = []
      if (buildingIds.length === 0 || limit <= 0) return taken
      const tookFrom = new Set<string>()
      const base: Data = { buildingId: _().in([...buildingIds]), credits: _().gt(0) }
      let cursor: { openid: string; buildingId: string } | undefined
      while (taken.length < limit) {
        const condition = cursor
          ? _().and([base, _().or([{ openid: _().gt(cursor.openid) }, { openid: cursor.openid, buildingId: _().gt(cursor.buildingId) }])])
          : base
        const { data } = await coll('noticeCredits').where(condition).orderBy('openid', 'asc').orderBy('buildingId', 'asc').limit(PAGE_SIZE).get()
        for (const d of data) {
          const openid = d.openid as string
          const buildingId = d.buildingId as string
          if (tookFrom.has(openid) || taken.length >= limit) continue
          let took = false
          await transact(async (tx) => {
            const ref = tx.collection(COLLECTIONS.noticeCredits).doc(noticeCreditId(openid, buildingId))
            const { data: current } = await ref.get()
            const credits = (current?.credits as number | undefined) ?? 0
            took = credits > 0
            if (credits === 1) await ref.remove()
            else if (took) await ref.update({ data: { credits: _().inc(-1) } })
          })
          if (took) {
            tookFrom.add(openid)
            taken.push({ openid, buildingId })
          }
        }
        if (data.length < PAGE_SIZE) break
        const last = data[data.length - 1]
        cursor = { openid: last.openid as string, buildingId: last.buildingId as string }
      }
      return taken
    },
  }
}
