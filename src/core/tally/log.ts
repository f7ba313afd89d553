/**
 * 统计事件日志（云开发的写入路径）：居民的事务只写自己的记录和一条统计事件（这次写入的增量），
 * 不碰统计桶；定时的归并把事件加进桶里、再删掉事件。于是同一栋楼、同一条公告的许多人同时操作时，
 * 谁也不等谁（桶不再是每个人事务里都要写的热点文档）。
 *
 * 桶 + 还没归并的事件 = 此刻的精确统计：读统计的地方把待归并的事件也加上，归并的快慢只影响读的成本。
 * 这里只有纯计算（挑事件、算增量、算桶的新值）；读写在适配器里（server/storage/cloudbase/tallyLog.ts）。
 */
import { applyDeltas, bucketId, mergeDeltas, type BucketKey, type Scope, type TallyBucket, type TallyDelta } from './buckets'

/** 一条统计事件：一次写入的全部增量（已合并）。 */
export interface TallyEvent {
  id: string
  deltas: TallyDelta[]
}

/** 事件文档另存它涉及的范围与月份，读统计时按范围查出相关的事件。 */
export function eventIndex(deltas: readonly TallyDelta[]): { scopes: Scope[]; months: string[] } {
  return { scopes: [...new Set(deltas.map((d) => d.scope))].sort(), months: [...new Set(deltas.map((d) => d.month))].sort() }
}

/** 待归并的事件里落在这些范围、这些月份的增量（已在桶里的事件——folded——不算）。 */
export function pendingDeltas(
  events: readonly TallyEvent[],
  scopes: readonly Scope[] | null,
  months: readonly string[] | null,
  folded: ReadonlySet<string> = new Set(),
): TallyDelta[] {
  const wantScope = scopes && new Set<string>(scopes)
  const wantMonth = months && new Set(months)
  const out: TallyDelta[] = []
  for (const e of events) {
    if (folded.has(e.id)) continue
    for (const d of e.deltas) if ((!wantScope || wantScope.has(d.scope)) && (!wantMonth || wantMonth.has(d.month))) out.push(d)
  }
  return mergeDeltas(out)
}

/** 桶加上待归并的增量：此刻的精确统计。 */
export const withPending = (buckets: readonly TallyBucket[], pending: readonly TallyDelta[]): TallyBucket[] => applyDeltas(buckets, pending)

/**
 * 一批归并：从排好序的事件开头取，直到再取一条就会让这批涉及的桶超过 maxBuckets 个
 * （一批在一个事务里写完它涉及的每个桶，事务的大小由桶数决定，与事件条数无关）。
 * 至少取一条：单条事件的桶数总在上限之内（一次写入最多几十个增量）。
 */
export function nextFoldBatch(events: readonly TallyEvent[], maxBuckets: number): { events: TallyEvent[]; deltas: TallyDelta[] } {
  const touched = new Set<string>()
  const taken: TallyEvent[] = []
  for (const e of events) {
    const added = e.deltas.map(bucketId).filter((id) => !touched.has(id))
    if (taken.length > 0 && touched.size + new Set(added).size > maxBuckets) break
    for (const id of added) touched.add(id)
    taken.push(e)
  }
  return { events: taken, deltas: mergeDeltas(taken.flatMap((e) => e.deltas)) }
}

/** 把合并后的增量加到当前的桶上：要写成新值的桶，与归零要删掉的桶。current 只需含 deltas 涉及的桶。 */
export function foldedBuckets(current: readonly TallyBucket[], deltas: readonly TallyDelta[]): { write: TallyBucket[]; remove: BucketKey[] } {
  const have = new Map(current.map((b) => [bucketId(b), b]))
  const write: TallyBucket[] = []
  const remove: BucketKey[] = []
  for (const d of mergeDeltas(deltas)) {
    const before = have.get(bucketId(d))
    const count = (before?.count ?? 0) + d.count
    const sum = (before?.sum ?? 0) + d.sum
    if (count === 0 && sum === 0) {
      if (before) remove.push({ scope: d.scope, month: d.month, metric: d.metric })
    } else write.push({ scope: d.scope, month: d.month, metric: d.metric, count, sum })
  }
  return { write, remove }
}
