/**
 * 每栋楼、每个月的统计桶（物化视图）。
 * 每次写入都把对应的增量原子地加到桶上，所以任何期间的统计都只是最多 12 个月桶的求和，
 * 读取成本与报事数量无关。rebuildBuckets 从原始记录重算，必须与增量累加的结果完全一致。
 */
import { CATEGORY_IDS, REPORT_KINDS, type CategoryId, type ReportKind } from './catalog'
import type { Report } from './model'
import { REPORT_STATUSES, STATUS_GROUP, type ReportStatus, type StatusGroup } from './workflow'

/** 桶里的一个计数维度，例如 'reports'、'category:elevator'、'status:pending'。 */
export type TallyDim = 'reports' | `kind:${ReportKind}` | `category:${CategoryId}` | `status:${ReportStatus}`

export interface TallyDelta {
  buildingId: string
  month: string
  dim: TallyDim
  delta: number
}

export interface TallyBucket {
  buildingId: string
  month: string
  dim: TallyDim
  count: number
}

type Counted = Pick<Report, 'buildingId' | 'month' | 'kind' | 'category' | 'status'>

/** 新报事：总数、类型、分类、当前状态各加一。 */
export function deltasForNewReport(report: Counted): TallyDelta[] {
  const at = { buildingId: report.buildingId, month: report.month }
  return [
    { ...at, dim: 'reports', delta: 1 },
    { ...at, dim: `kind:${report.kind}`, delta: 1 },
    { ...at, dim: `category:${report.category}`, delta: 1 },
    { ...at, dim: `status:${report.status}`, delta: 1 },
  ]
}

/**
 * 状态变化：记在报事提交的那个月（而不是变化发生的月份），
 * 于是"某月收到的问题，现在解决了多少"始终可以从该月的桶读出。
 */
export function deltasForStatusChange(report: Counted, to: ReportStatus): TallyDelta[] {
  if (report.status === to) return []
  const at = { buildingId: report.buildingId, month: report.month }
  return [
    { ...at, dim: `status:${report.status}`, delta: -1 },
    { ...at, dim: `status:${to}`, delta: 1 },
  ]
}

const bucketKey = (b: { buildingId: string; month: string; dim: string }) => `${b.buildingId}|${b.month}|${b.dim}`

/** 把增量累加成桶（删掉归零的桶，与数据库里"只存非零"的约定一致）。 */
export function applyDeltas(buckets: TallyBucket[], deltas: TallyDelta[]): TallyBucket[] {
  const byKey = new Map(buckets.map((b) => [bucketKey(b), { ...b }]))
  for (const d of deltas) {
    const key = bucketKey(d)
    const existing = byKey.get(key)
    if (existing) existing.count += d.delta
    else byKey.set(key, { buildingId: d.buildingId, month: d.month, dim: d.dim, count: d.delta })
  }
  return [...byKey.values()].filter((b) => b.count !== 0).sort((a, b) => bucketKey(a).localeCompare(bucketKey(b)))
}

/** 从原始报事重算全部桶。 */
export function rebuildBuckets(reports: Counted[]): TallyBucket[] {
  return applyDeltas([], reports.flatMap(deltasForNewReport))
}

export interface ReportTally {
  total: number
  byKind: Record<ReportKind, number>
  byCategory: Record<CategoryId, number>
  byStatus: Record<ReportStatus, number>
  byGroup: Record<StatusGroup, number>
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/** 把若干月的桶加总成一个期间的统计；months 之外的桶不计入。 */
export function summarize(buckets: TallyBucket[], months: string[]): ReportTally {
  const wanted = new Set(months)
  const tally: ReportTally = {
    total: 0,
    byKind: zeros(REPORT_KINDS),
    byCategory: zeros(CATEGORY_IDS),
    byStatus: zeros(REPORT_STATUSES),
    byGroup: zeros(['open', 'fixed', 'closed', 'hidden'] as const),
  }
  for (const b of buckets) {
    if (!wanted.has(b.month)) continue
    const [head, value] = b.dim.split(':') as [string, string | undefined]
    if (head === 'reports') tally.total += b.count
    else if (head === 'kind') tally.byKind[value as ReportKind] += b.count
    else if (head === 'category') tally.byCategory[value as CategoryId] += b.count
    else if (head === 'status') {
      tally.byStatus[value as ReportStatus] += b.count
      tally.byGroup[STATUS_GROUP[value as ReportStatus]] += b.count
    }
  }
  return tally
}

/** 样本小于这个数时，比率要标注"样本较少"，避免 1/1 = 100% 这种误导。 */
export const SMALL_SAMPLE = 10

export interface Rate {
  numerator: number
  denominator: number
  /** 整数百分比；分母为 0 时为 null（显示为"—"，而不是 0%）。 */
  percent: number | null
  smallSample: boolean
}

export function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 100),
    smallSample: denominator < SMALL_SAMPLE,
  }
}

/** "解决率 86%(43/50)"，样本少时加注。 */
export function formatRate(label: string, r: Rate): string {
  if (r.percent === null) return `${label} —（暂无数据）`
  return `${label} ${r.percent}%（${r.numerator}/${r.denominator}）${r.smallSample ? '，样本较少' : ''}`
}

/** 解决率：已处理（待确认 + 已解决）占应处理（不含已隐藏）的比例。 */
export function resolutionRate(t: ReportTally): Rate {
  return rate(t.byGroup.fixed, t.total - t.byGroup.hidden)
}
