/**
 * 通用统计桶（物化视图）：键是（范围，月份，指标），值是次数与总量。
 *
 *   - 范围（scope）：一栋楼 `building:<楼栋 id>`，或整个小区 `community:<小区 id>`（小区层面的事，
 *     如业委会的台账、面向全小区的公告）。小区的数字 = 它所有楼栋的桶 + 它自己的小区桶。
 *   - 指标（metric）按来源分命名空间：`report.*`、`notice.*`、`survey.*`、`worklog.*`……
 *     每个来源在自己的文件里声明它写哪些指标、记在哪个月（见各能力的 tallySource.ts）。
 *   - 次数（count）与总量（sum）都是整数：时长以分钟计、评分以分计，所以均值与合计都精确可重算。
 *     需要中位数的指标另写固定分箱（每箱一个指标）。
 *
 * 每次写入把增量原子地加到桶上；任何期间都只是每个范围最多 12 个月桶的求和，
 * 读取成本与记录条数无关。各来源另有一个直接从原始记录重算的函数，两者必须逐桶相同。
 */

export type Scope = `building:${string}` | `community:${string}`
export const buildingScope = (buildingId: string): Scope => `building:${buildingId}`
export const communityScope = (communityId: string): Scope => `community:${communityId}`

/** 一个小区的全部范围：各楼栋加小区本身。 */
export const scopesOfCommunity = (communityId: string, buildingIds: readonly string[]): Scope[] => [
  ...buildingIds.map(buildingScope),
  communityScope(communityId),
]

export interface BucketKey {
  scope: Scope
  /** 北京时间的月份 'YYYY-MM'。 */
  month: string
  metric: string
}

/** 一个桶，也是一个增量（增量就是要加到桶上的次数与总量）。 */
export interface TallyBucket extends BucketKey {
  count: number
  sum: number
}
export type TallyDelta = TallyBucket

/** 桶的唯一键（存储用它做主键或 _id）。范围里已有冒号，所以用 | 分隔。 */
export const bucketId = (k: BucketKey): string => `${k.scope}|${k.month}|${k.metric}`

const isEmpty = (b: { count: number; sum: number }) => b.count === 0 && b.sum === 0

/** 同一个桶的多个增量合并成一个；合并后为零的去掉。存储在一次写入里对每个桶只做一次加法。 */
export function mergeDeltas(deltas: readonly TallyDelta[]): TallyDelta[] {
  const merged = new Map<string, TallyDelta>()
  for (const d of deltas) {
    const id = bucketId(d)
    const seen = merged.get(id)
    if (seen) {
      seen.count += d.count
      seen.sum += d.sum
    } else merged.set(id, { ...d })
  }
  // 按键排序：键各算一次（比较函数里每比一次都拼两个键，是每条报事提交里数得着的一块）；字符串默认排序与 byId 的 < 比较相同。
  return [...merged.keys()]
    .sort()
    .map((id) => merged.get(id)!)
    .filter((d) => !isEmpty(d))
}

/** 把增量累加到桶上（归零的桶删掉，与存储"只存非零桶"的约定一致）；结果按键排序。 */
export function applyDeltas(buckets: readonly TallyBucket[], deltas: readonly TallyDelta[]): TallyBucket[] {
  return mergeDeltas([...buckets, ...deltas])
}

/** 一个指标在一段时间、若干范围里的合计。 */
export interface Measure {
  count: number
  sum: number
}

/** 期间合计：指标 → 合计。只计入所给月份与范围里的桶。 */
export class Totals {
  private readonly byMetric = new Map<string, Measure>()

  constructor(buckets: readonly TallyBucket[], months: readonly string[], scopes?: readonly Scope[]) {
    const wantedMonths = new Set(months)
    const wantedScopes = scopes ? new Set<string>(scopes) : null
    for (const b of buckets) {
      if (!wantedMonths.has(b.month) || (wantedScopes && !wantedScopes.has(b.scope))) continue
      const m = this.byMetric.get(b.metric)
      if (m) {
        m.count += b.count
        m.sum += b.sum
      } else this.byMetric.set(b.metric, { count: b.count, sum: b.sum })
    }
  }

  measure(metric: string): Measure {
    return this.byMetric.get(metric) ?? { count: 0, sum: 0 }
  }

  count(metric: string): number {
    return this.measure(metric).count
  }

  sum(metric: string): number {
    return this.measure(metric).sum
  }

  /** 以某个前缀开头的指标，按前缀之后的部分给出次数，例如 countsUnder('report.category.')。 */
  countsUnder(prefix: string): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [metric, m] of this.byMetric) if (metric.startsWith(prefix)) out[metric.slice(prefix.length)] = m.count
    return out
  }
}

/** 固定分箱：edges 升序，值落在第一个 value < edge 的箱里，都不小于则落在最后一箱。 */
export function binOf(value: number, edges: readonly number[]): number {
  const i = edges.findIndex((edge) => value < edge)
  return i === -1 ? edges.length : i
}

/**
 * 由分箱次数得出中位数所在的箱（下标）；没有数据为 null。
 * 分箱只能给出区间，所以摘要写"中位数在 4–24 小时之间"，不编造精确值。
 */
export function medianBin(counts: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return null
  let seen = 0
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]
    if (seen * 2 >= total) return i
  }
  return counts.length - 1
}

/** 桶与重算结果的差异：少了的、多了的、值不同的。 */
export interface TallyDiff {
  missing: TallyBucket[]
  extra: TallyBucket[]
  different: { expected: TallyBucket; actual: TallyBucket }[]
}

export function diffBuckets(actual: readonly TallyBucket[], expected: readonly TallyBucket[]): TallyDiff {
  const have = new Map(actual.map((b) => [bucketId(b), b]))
  const want = new Map(expected.map((b) => [bucketId(b), b]))
  const diff: TallyDiff = { missing: [], extra: [], different: [] }
  for (const [id, e] of want) {
    const a = have.get(id)
    if (!a) diff.missing.push(e)
    else if (a.count !== e.count || a.sum !== e.sum) diff.different.push({ expected: e, actual: a })
  }
  for (const [id, a] of have) if (!want.has(id)) diff.extra.push(a)
  return diff
}

export const isCleanDiff = (d: TallyDiff) => d.missing.length === 0 && d.extra.length === 0 && d.different.length === 0
