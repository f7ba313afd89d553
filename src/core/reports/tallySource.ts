/**
 * 报事这个来源写进统计桶的指标，以及记在哪个月。规则（改规则就改这张表和下面的两处代码）：
 *
 * | 指标                                   | 次数 | 总量                       | 月份     | 何时                                   |
 * |----------------------------------------|------|----------------------------|----------|----------------------------------------|
 * | report.received                        | 1    | 0                          | 提交月   | 提交                                   |
 * | report.kind.<类型> / category.<分类>   | 1    | 0                          | 提交月   | 提交                                   |
 * | report.kind_category.<类型>.<分类>     | 1    | 0                          | 提交月   | 提交（报修、投诉各自的分类分布）       |
 * | report.status.<状态>                   | 存量 | 0                          | 提交月   | 提交时 pending +1；每次流转旧 −1 新 +1 |
 * | report.kind_status.<类型>.<状态>       | 存量 | 0                          | 提交月   | 同上（按类型看办结率，如投诉办结率）   |
 * | report.category_status.<分类>.<状态>   | 存量 | 0                          | 提交月   | 同上（按分类看办结率）                 |
 * | report.response.<类型>                 | 1    | 提交到首次响应的分钟数     | 提交月   | 第一次由代表从待受理推进（受理、开始处理、标记已处理、不予受理；隐藏不算响应） |
 * | report.response_bin.<类型>.<箱>        | 1    | 0                          | 提交月   | 同上，按时长分箱（求中位数所在区间）   |
 * | report.handling.<类型>                 | 1    | 提交到首次标记已处理的分钟数 | 提交月 | 第一次进入待确认                       |
 * | report.handling_bin.<类型>.<箱>        | 1    | 0                          | 提交月   | 同上                                   |
 * | report.handling_urgency.<紧急程度>     | 1    | 同上的分钟数               | 提交月   | 同上（按紧急程度，超时界限对着箱边看） |
 * | report.handling_urgency_bin.<紧急>.<箱>| 1    | 0                          | 提交月   | 同上                                   |
 * | report.urgency.<紧急程度>              | 1    | 0                          | 提交月   | 提交                                   |
 * | report.action.<动作>                   | 1    | 0                          | 提交月   | 每次流转（受理、开始处理、已处理、确认、重新打开、不予受理、合并、隐藏） |
 * | report.first_time_resolved             | 1    | 0                          | 提交月   | 确认已解决，且此前只标记过一次已处理、从未确认过（一次解决） |
 * | report.rating.<维度>                   | 1    | 分数（1–5）                | 提交月   | 第一次确认已解决时的评价（速度、态度、效果）；重新打开后再确认的不计：一条报事至多一份评价 |
 * | report.rating_score.<维度>.<分数>      | 1    | 0                          | 提交月   | 同上（分布）                           |
 * | report.followers                       | 存量 | 0                          | 提交月   | 每多一位关注者（我也遇到、合并转来）+1；报事被隐藏或合并为重复时减去它的关注者 |
 *
 * 关注者只算留着的报事（不是已隐藏、不是重复）：合并时关注者已转去关注目标报事，隐藏的报事不算问题，
 * 否则受影响居民与关注人次会把同一批人算两次（迁移 14 / 云开发 2026-12-kept-followers 按这条规则重算）。
 *
 * 为什么都记在提交月：于是"11 月收到的问题现在办结了多少、平均多久响应"总能从 11 月的桶读出，
 * 与 FixMyStreet 的看板口径一致；代价是旧月份的数字会随处理进展而变（页面注明"状态为当前状态"）。
 *
 * 两条独立的路：deltasFor*（写入时的增量）与 recountReports（直接从原始记录重算，不经过增量）。
 * 性质测试要求任意写入与流转交错之后两者逐桶相同。
 */
import {
  CATEGORY_IDS,
  RATING_DIMENSIONS,
  REPORT_KINDS,
  URGENCIES,
  type CategoryId,
  type RatingDimension,
  type ReportKind,
  type Urgency,
} from '../shared/catalog'
import type { ChangeDetails, Follow, Report, StatusChange } from './model'
import { completionRate, rate, resolutionRate, type Rate } from '../shared/rates'
import { binOf, bucketId, buildingScope, medianBin, mergeDeltas, type Scope, type TallyBucket, type TallyDelta, type Totals } from '../tally'
import { actionOf, REPORT_ACTIONS, REPORT_STATUSES, STATUS_GROUP, STATUS_GROUPS, type ReportAction, type ReportStatus, type StatusGroup } from './workflow'

/** 时长分箱的上界（分钟）：1 小时、4 小时、1 天、3 天、7 天；最后一箱是 7 天以上。 */
export const DURATION_BIN_EDGES = [60, 240, 1440, 4320, 10080] as const
export const DURATION_BINS = ['lt1h', 'lt4h', 'lt1d', 'lt3d', 'lt7d', 'ge7d'] as const
export type DurationBin = (typeof DURATION_BINS)[number]
export const DURATION_BIN_LABELS: Record<DurationBin, string> = {
  lt1h: '1 小时内',
  lt4h: '1–4 小时',
  lt1d: '4–24 小时',
  lt3d: '1–3 天',
  lt7d: '3–7 天',
  ge7d: '7 天以上',
}

export const REPORT_METRICS = {
  received: 'report.received',
  kind: (k: ReportKind) => `report.kind.${k}`,
  category: (c: CategoryId) => `report.category.${c}`,
  kindCategory: (k: ReportKind, c: CategoryId) => `report.kind_category.${k}.${c}`,
  status: (s: ReportStatus) => `report.status.${s}`,
  kindStatus: (k: ReportKind, s: ReportStatus) => `report.kind_status.${k}.${s}`,
  categoryStatus: (c: CategoryId, s: ReportStatus) => `report.category_status.${c}.${s}`,
  response: (k: ReportKind) => `report.response.${k}`,
  responseBin: (k: ReportKind, bin: DurationBin) => `report.response_bin.${k}.${bin}`,
  handling: (k: ReportKind) => `report.handling.${k}`,
  handlingBin: (k: ReportKind, bin: DurationBin) => `report.handling_bin.${k}.${bin}`,
  handlingByUrgency: (u: Urgency) => `report.handling_urgency.${u}`,
  handlingByUrgencyBin: (u: Urgency, bin: DurationBin) => `report.handling_urgency_bin.${u}.${bin}`,
  urgency: (u: Urgency) => `report.urgency.${u}`,
  action: (a: ReportAction) => `report.action.${a}`,
  firstTimeResolved: 'report.first_time_resolved',
  rating: (d: RatingDimension) => `report.rating.${d}`,
  ratingScore: (d: RatingDimension, score: number) => `report.rating_score.${d}.${score}`,
  followers: 'report.followers',
}

/** 代表从待受理推进到这些状态，算作"响应"。 */
export const RESPONDING_STATUSES: readonly ReportStatus[] = ['accepted', 'processing', 'awaiting_confirmation', 'closed', 'duplicate']

/** 写增量要知道的报事字段；status 是流转前的状态，followers 是此刻的关注者人数。 */
export type ReportFacts = Pick<Report, 'buildingId' | 'month' | 'kind' | 'category' | 'urgency' | 'status' | 'createdAt' | 'followers'>

/** 隐藏与重复的报事不留关注者（受影响居民只算留着的报事）；存储据此只在报事仍留着时写下关注。 */
export const DROPPED_STATUSES: readonly ReportStatus[] = ['hidden', 'duplicate']
export const keepsFollowers = (status: ReportStatus) => !DROPPED_STATUSES.includes(status)
/** 写增量要知道的这次流转（details 里的评价计入评分）。 */
export type ChangeFacts = Pick<StatusChange, 'to' | 'at'> & { details?: ChangeDetails }

/** 两个时刻之间的整分钟数（不为负）。 */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000))
}

const durationBin = (minutes: number): DurationBin => DURATION_BINS[binOf(minutes, DURATION_BIN_EDGES)]

const delta = (scope: Scope, month: string, metric: string, count: number, sum = 0): TallyDelta => ({ scope, month, metric, count, sum })

function statusLevel(r: Omit<ReportFacts, 'followers'>, status: ReportStatus, by: 1 | -1): TallyDelta[] {
  const scope = buildingScope(r.buildingId)
  return [
    delta(scope, r.month, REPORT_METRICS.status(status), by),
    delta(scope, r.month, REPORT_METRICS.kindStatus(r.kind, status), by),
    delta(scope, r.month, REPORT_METRICS.categoryStatus(r.category, status), by),
  ]
}

const byMetric = (a: TallyDelta, b: TallyDelta) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0)

/**
 * 新报事的增量。八个指标各在自己的命名空间里、互不相同，都记在同一范围同一月、都是 +1：不用 mergeDeltas 再合并，
 * 键的前缀（范围|月份）相同，按指标排序就是它的次序（每条报事都要算一次，省下拼八个键）。
 */
export function deltasForNewReport(r: Omit<ReportFacts, 'followers'>): TallyDelta[] {
  const scope = buildingScope(r.buildingId)
  return [
    delta(scope, r.month, REPORT_METRICS.received, 1),
    delta(scope, r.month, REPORT_METRICS.kind(r.kind), 1),
    delta(scope, r.month, REPORT_METRICS.category(r.category), 1),
    delta(scope, r.month, REPORT_METRICS.kindCategory(r.kind, r.category), 1),
    delta(scope, r.month, REPORT_METRICS.urgency(r.urgency), 1),
    ...statusLevel(r, r.status, 1),
  ].sort(byMetric)
}

/** 多一位关注者的增量（记在被关注的那条报事的提交月）；已隐藏或重复的报事上的关注不计。 */
export function deltasForFollow(r: Pick<Report, 'buildingId' | 'month' | 'status'>): TallyDelta[] {
  if (!keepsFollowers(r.status)) return []
  return [delta(buildingScope(r.buildingId), r.month, REPORT_METRICS.followers, 1)]
}

/** 一次确认已解决带来的评分。 */
function ratingDeltas(scope: Scope, month: string, details: ChangeDetails | undefined): TallyDelta[] {
  const rating = details?.rating
  if (!rating) return []
  return RATING_DIMENSIONS.flatMap((d) => [
    delta(scope, month, REPORT_METRICS.rating(d), 1, rating[d]),
    delta(scope, month, REPORT_METRICS.ratingScore(d, rating[d]), 1),
  ])
}

/**
 * 一次流转的增量。r.status 是流转前的状态；earlier 是这条报事此前的全部流转（判断"第一次"用）。
 */
export function deltasForStatusChange(r: ReportFacts, change: ChangeFacts, earlier: readonly Pick<StatusChange, 'to'>[]): TallyDelta[] {
  const scope = buildingScope(r.buildingId)
  const acted = delta(scope, r.month, REPORT_METRICS.action(actionOf(r.status, change.to)), 1)
  // 处理中再"开始处理"（改派）：状态不变，只记一次动作。
  if (r.status === change.to) return [acted]
  const out = [acted, ...statusLevel(r, r.status, -1), ...statusLevel(r, change.to, 1)]
  // 隐藏或并入别的报事：它的关注者离开受影响居民（合并时他们已转去关注目标报事）。
  const followersKept = Number(keepsFollowers(change.to)) - Number(keepsFollowers(r.status))
  if (followersKept !== 0 && r.followers > 0) out.push(delta(scope, r.month, REPORT_METRICS.followers, followersKept * r.followers))
  // 待受理只能离开一次（没有回到待受理的流转），所以"从待受理出发"就是第一次响应。
  if (r.status === 'pending' && RESPONDING_STATUSES.includes(change.to)) {
    const minutes = minutesBetween(r.createdAt, change.at)
    out.push(delta(scope, r.month, REPORT_METRICS.response(r.kind), 1, minutes))
    out.push(delta(scope, r.month, REPORT_METRICS.responseBin(r.kind, durationBin(minutes)), 1))
  }
  if (change.to === 'awaiting_confirmation' && !earlier.some((c) => c.to === 'awaiting_confirmation')) {
    const minutes = minutesBetween(r.createdAt, change.at)
    out.push(delta(scope, r.month, REPORT_METRICS.handling(r.kind), 1, minutes))
    out.push(delta(scope, r.month, REPORT_METRICS.handlingBin(r.kind, durationBin(minutes)), 1))
    out.push(delta(scope, r.month, REPORT_METRICS.handlingByUrgency(r.urgency), 1, minutes))
    out.push(delta(scope, r.month, REPORT_METRICS.handlingByUrgencyBin(r.urgency, durationBin(minutes)), 1))
  }
  if (change.to === 'resolved') {
    // 只算第一次确认的评价：否则 确认→重新打开→再处理→再确认 能给同一条报事叠上任意多份评价。
    if (!earlier.some((c) => c.to === 'resolved')) out.push(...ratingDeltas(scope, r.month, change.details))
    const handledBefore = earlier.filter((c) => c.to === 'awaiting_confirmation').length
    if (handledBefore === 1 && !earlier.some((c) => c.to === 'resolved')) out.push(delta(scope, r.month, REPORT_METRICS.firstTimeResolved, 1))
  }
  return mergeDeltas(out)
}

/**
 * 独立重算：只看原始记录（报事的当前状态、每条报事按先后的流转留痕），不调用上面的增量函数。
 * changes 须按每条报事内的先后顺序给出（存储按 seq 读出即是）。
 */
export function recountReports(reports: readonly Report[], changes: readonly StatusChange[], follows: readonly Follow[] = []): TallyBucket[] {
  const buckets = new Map<string, TallyBucket>()
  const add = (r: Report, metric: string, sum = 0) => {
    const scope = buildingScope(r.buildingId)
    const key = bucketId({ scope, month: r.month, metric })
    const b = buckets.get(key)
    if (b) {
      b.count += 1
      b.sum += sum
    } else buckets.set(key, { scope, month: r.month, metric, count: 1, sum })
  }
  const historyOf = new Map<string, StatusChange[]>()
  for (const c of changes) {
    const list = historyOf.get(c.reportId)
    if (list) list.push(c)
    else historyOf.set(c.reportId, [c])
  }
  const followersOf = new Map<string, number>()
  for (const f of follows) followersOf.set(f.reportId, (followersOf.get(f.reportId) ?? 0) + 1)
  for (const r of reports) {
    add(r, 'report.received')
    add(r, `report.kind.${r.kind}`)
    add(r, `report.category.${r.category}`)
    add(r, `report.kind_category.${r.kind}.${r.category}`)
    add(r, `report.urgency.${r.urgency}`)
    if (r.status !== 'hidden' && r.status !== 'duplicate') for (let i = followersOf.get(r.id) ?? 0; i > 0; i--) add(r, 'report.followers')
    add(r, `report.status.${r.status}`)
    add(r, `report.kind_status.${r.kind}.${r.status}`)
    add(r, `report.category_status.${r.category}.${r.status}`)
    const history = historyOf.get(r.id) ?? []
    const firstConfirm = history.findIndex((c) => c.to === 'resolved')
    for (const [i, c] of history.entries()) {
      add(r, `report.action.${actionOf(c.from, c.to)}`)
      // 评价只算第一次确认的（一条报事至多一份）。
      const rating = i === firstConfirm ? c.details.rating : undefined
      if (rating) {
        for (const d of RATING_DIMENSIONS) {
          add(r, `report.rating.${d}`, rating[d])
          add(r, `report.rating_score.${d}.${rating[d]}`)
        }
      }
    }
    // 一次解决：第一次确认已解决之前，只标记过一次已处理。
    if (firstConfirm >= 0 && history.slice(0, firstConfirm).filter((c) => c.to === 'awaiting_confirmation').length === 1) add(r, 'report.first_time_resolved')
    const response = history.find((c) => c.from === 'pending' && RESPONDING_STATUSES.includes(c.to))
    if (response) {
      const minutes = minutesBetween(r.createdAt, response.at)
      add(r, `report.response.${r.kind}`, minutes)
      add(r, `report.response_bin.${r.kind}.${durationBin(minutes)}`)
    }
    const handled = history.find((c) => c.to === 'awaiting_confirmation')
    if (handled) {
      const minutes = minutesBetween(r.createdAt, handled.at)
      add(r, `report.handling.${r.kind}`, minutes)
      add(r, `report.handling_bin.${r.kind}.${durationBin(minutes)}`)
      add(r, `report.handling_urgency.${r.urgency}`, minutes)
      add(r, `report.handling_urgency_bin.${r.urgency}.${durationBin(minutes)}`)
    }
  }
  // mergeDeltas 在这里只负责按键排序（键已唯一、都不为零），与写入时的增量无关。
  return mergeDeltas([...buckets.values()])
}

// —— 从期间合计读出报事的数字 ——

export interface DurationFigure {
  /** 有多少条报事有这个时长（例如已响应的条数）。 */
  count: number
  totalMinutes: number
  /** 平均分钟数（取整）；没有数据为 null。 */
  meanMinutes: number | null
  bins: Record<DurationBin, number>
  /** 中位数所在的箱；没有数据为 null。 */
  medianBin: DurationBin | null
}

export interface ReportFigures {
  received: number
  byKind: Record<ReportKind, number>
  byCategory: Record<CategoryId, number>
  byStatus: Record<ReportStatus, number>
  byGroup: Record<StatusGroup, number>
  /** 办结率：已办结 /（收到 − 已隐藏 − 重复）。 */
  completion: Rate
  /** 解决率：居民确认已解决 / 已办结。 */
  resolution: Rate
  response: DurationFigure
  handling: DurationFigure
  /** 按紧急程度的处理时长（紧急 24 小时、一般 72 小时的界限正好是箱边，可读出按时办结的条数）。 */
  handlingByUrgency: Record<Urgency, DurationFigure>
  byUrgency: Record<Urgency, number>
  /** 每个动作做了几次（受理、开始处理、已处理、确认、重新打开、不予受理、合并、隐藏）。 */
  actions: Record<ReportAction, number>
  /** 关注者人次（我也遇到、合并转来），只算没有隐藏、不是重复的报事上的。 */
  followers: number
  /** 受影响的居民：报事人 + 关注者；重复的报事人与关注者已转去关注目标，隐藏的报事人与关注者都不计。 */
  affected: number
  /** 一次解决率：一次解决（第一次标记已处理就被确认）/ 标记过已处理的报事。 */
  firstTime: Rate
  ratings: Record<RatingDimension, RatingFigure>
}

export interface RatingFigure {
  count: number
  /** 平均分，保留一位小数；没有评价为 null。 */
  mean: number | null
  /** 1–5 分各几次（下标 0 是 1 分）。 */
  distribution: number[]
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

function durationFigure<K extends string>(
  t: Totals,
  kinds: readonly K[],
  metric: (k: K) => string,
  binMetric: (k: K, b: DurationBin) => string,
): DurationFigure {
  let count = 0
  let totalMinutes = 0
  const bins = zeros(DURATION_BINS)
  for (const k of kinds) {
    count += t.count(metric(k))
    totalMinutes += t.sum(metric(k))
    for (const b of DURATION_BINS) bins[b] += t.count(binMetric(k, b))
  }
  const median = medianBin(DURATION_BINS.map((b) => bins[b]))
  return {
    count,
    totalMinutes,
    meanMinutes: count === 0 ? null : Math.round(totalMinutes / count),
    bins,
    medianBin: median === null ? null : DURATION_BINS[median],
  }
}

/** 一段期间（若干月、若干范围的合计）里报事的全部数字；kinds 限定类型时只算这些类型（如只看报修）。 */
export function reportFigures(t: Totals, kinds: readonly ReportKind[] = REPORT_KINDS): ReportFigures {
  const all = kinds.length === REPORT_KINDS.length
  const byStatus = zeros(REPORT_STATUSES)
  for (const s of REPORT_STATUSES) {
    byStatus[s] = all ? t.count(REPORT_METRICS.status(s)) : kinds.reduce((n, k) => n + t.count(REPORT_METRICS.kindStatus(k, s)), 0)
  }
  const byGroup = zeros(STATUS_GROUPS)
  for (const s of REPORT_STATUSES) byGroup[STATUS_GROUP[s]] += byStatus[s]
  const byKind = zeros(REPORT_KINDS)
  for (const k of kinds) byKind[k] = t.count(REPORT_METRICS.kind(k))
  const byCategory = zeros(CATEGORY_IDS)
  // 限定类型时按"类型 × 分类"数（只看报修时，分类分布里只有报修）。
  for (const c of CATEGORY_IDS)
    byCategory[c] = all ? t.count(REPORT_METRICS.category(c)) : kinds.reduce((n, k) => n + t.count(REPORT_METRICS.kindCategory(k, c)), 0)
  const received = all ? t.count(REPORT_METRICS.received) : kinds.reduce((n, k) => n + byKind[k], 0)
  const outcome = {
    received,
    hidden: byStatus.hidden,
    duplicate: byStatus.duplicate,
    awaitingConfirmation: byStatus.awaiting_confirmation,
    resolved: byStatus.resolved,
  }
  const handling = durationFigure(t, kinds, REPORT_METRICS.handling, REPORT_METRICS.handlingBin)
  const followers = t.count(REPORT_METRICS.followers)
  const byUrgency = zeros(URGENCIES)
  for (const u of URGENCIES) byUrgency[u] = t.count(REPORT_METRICS.urgency(u))
  const actions = zeros(REPORT_ACTIONS)
  for (const a of REPORT_ACTIONS) actions[a] = t.count(REPORT_METRICS.action(a))
  const ratings = Object.fromEntries(
    RATING_DIMENSIONS.map((d) => {
      const count = t.count(REPORT_METRICS.rating(d))
      const mean = count === 0 ? null : Math.round((t.sum(REPORT_METRICS.rating(d)) / count) * 10) / 10
      return [d, { count, mean, distribution: [1, 2, 3, 4, 5].map((score) => t.count(REPORT_METRICS.ratingScore(d, score))) }]
    }),
  ) as Record<RatingDimension, RatingFigure>
  const single = (u: Urgency) => durationFigure(t, [u], REPORT_METRICS.handlingByUrgency, REPORT_METRICS.handlingByUrgencyBin)
  return {
    received,
    byKind,
    byCategory,
    byStatus,
    byGroup,
    completion: completionRate(outcome),
    resolution: resolutionRate(outcome),
    response: durationFigure(t, kinds, REPORT_METRICS.response, REPORT_METRICS.responseBin),
    handling,
    handlingByUrgency: { urgent: single('urgent'), normal: single('normal') },
    byUrgency,
    actions,
    followers,
    affected: received - byStatus.duplicate - byStatus.hidden + followers,
    firstTime: rate(t.count(REPORT_METRICS.firstTimeResolved), handling.count),
    ratings,
  }
}

/**
 * 按时办结率：第一次标记已处理在时限之内的 / 标记过已处理的。时长只按分箱记，所以时限须正好落在箱边
 * （1、4、24、72、168 小时；默认的紧急 24 小时、一般 72 小时都是）；不落在箱边时答 null，页面不显示，而不是估一个数。
 */
export function handledWithin(figure: DurationFigure, limitHours: number): Rate | null {
  const edge = DURATION_BIN_EDGES.indexOf((limitHours * 60) as (typeof DURATION_BIN_EDGES)[number])
  if (edge < 0) return null
  const within = DURATION_BINS.slice(0, edge + 1).reduce((n, b) => n + figure.bins[b], 0)
  return rate(within, figure.count)
}

/** 某个分类在期间里的办结率（总结里"某类问题办结率偏低"用）。 */
export function categoryCompletion(t: Totals, category: CategoryId): Rate {
  const n = (s: ReportStatus) => t.count(REPORT_METRICS.categoryStatus(category, s))
  return completionRate({
    received: t.count(REPORT_METRICS.category(category)),
    hidden: n('hidden'),
    duplicate: n('duplicate'),
    awaitingConfirmation: n('awaiting_confirmation'),
    resolved: n('resolved'),
  })
}
