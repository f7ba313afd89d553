/**
 * 代表与业委会处理报事：待办队列（筛选、排序、翻页）、首页待办数、详情（含联系电话与时间线）、
 * 受理 / 开始处理（可派给某方）/ 已处理 / 不予受理 / 重复 / 隐藏 / 重新打开。
 * 谁能管哪栋楼只看平台身份对应的成员关系（canManageBuilding），从不看载荷。
 */
import { canManageBuilding, managedBuildings, representsBuilding, DEFAULT_OVERDUE_HOURS, type Building, type OverdueLimits } from '../directory'
import {
  type Report,
  type StatusChange,
  overdueCutoffs,
  deltasForFollow,
  availableActions,
  STATUS_GROUP,
  type ReportStatus,
  applyChange,
  notifyProgress,
  photoViews,
  type ChangeDeps,
  timelineOf,
  toQueueItem,
  type ReportQuery,
  type ActInput,
  type QueueCountsInput,
  type QueueInput,
  type ReportRefInput,
  type ReportDeps,
} from '../reports'
import { fail, ok, type Result } from '../shared/result'
import type { Urgency } from '../shared/catalog'
import { QueueView, QueueCountsView, ManagedReportView, type TriageCountsView } from './views'

export type HandlingDeps = ChangeDeps & Pick<ReportDeps, 'clock'>

export const QUEUE_PAGE_SIZE = 20
const OPEN: readonly ReportStatus[] = ['pending', 'accepted', 'processing']

/** 队列的范围：指定了楼栋码就是那栋（须有权管），否则是能管的全部。 */
async function scopeOf(
  deps: Pick<HandlingDeps, 'directory'>,
  openid: string,
  buildingCode: string | undefined,
): Promise<Result<{ buildings: Building[]; all: Building[] }>> {
  const all = await managedBuildings(deps.directory, await deps.directory.membershipsOf(openid))
  if (all.length === 0) return fail('FORBIDDEN', '只有业主代表或业委会可以处理报事')
  if (!buildingCode) return ok({ buildings: all, all })
  const one = all.find((b) => b.code.toUpperCase() === buildingCode.toUpperCase())
  if (!one) return fail('FORBIDDEN', '你不负责这栋楼的报事')
  return ok({ buildings: [one], all })
}

async function limitsOf(deps: Pick<HandlingDeps, 'directory'>, building: Building | undefined): Promise<OverdueLimits> {
  if (!building) return DEFAULT_OVERDUE_HOURS
  return (await deps.directory.community(building.communityId))?.overdueHours ?? DEFAULT_OVERDUE_HOURS
}

/**
 * 默认排序（priority）的分段，段内最新在前：待受理·紧急、待受理·一般、已受理或处理中·紧急、已受理或处理中·一般、其余。
 * 筛选与分段取交集；翻页位置带着段号。
 */
const PRIORITY_SEGMENTS: readonly { statuses: readonly ReportStatus[]; urgency?: Urgency }[] = [
  { statuses: ['pending'], urgency: 'urgent' },
  { statuses: ['pending'], urgency: 'normal' },
  { statuses: ['accepted', 'processing'], urgency: 'urgent' },
  { statuses: ['accepted', 'processing'], urgency: 'normal' },
  { statuses: (Object.keys(STATUS_GROUP) as ReportStatus[]).filter((s) => !OPEN.includes(s)) },
]

type Cursor = { createdAt: string; id: string }
type Paged = { reports: Report[]; nextCursor: string | null }

function parseQueueCursor(cursor: string | undefined, priority: boolean): Result<{ segment: number; after?: Cursor }> {
  if (!cursor) return ok({ segment: 0 })
  const parts = cursor.split('|')
  const [segment, createdAt, id] = priority ? [Number(parts[0]), parts[1], parts[2]] : [0, parts[0], parts[1]]
  const valid = createdAt && id && parts.length === (priority ? 3 : 2) && Number.isInteger(segment) && segment >= 0 && segment < PRIORITY_SEGMENTS.length
  if (!valid) return fail('INVALID', '翻页位置无效，请下拉刷新')
  return ok({ segment, after: { createdAt, id } })
}

/** 待受理与紧急在前：按段依次读，凑够一页（多读一条判断有没有下一页）。 */
async function priorityPage(deps: Pick<HandlingDeps, 'reports'>, query: ReportQuery, start: { segment: number; after?: Cursor }): Promise<Paged> {
  const found: { report: Report; segment: number }[] = []
  for (let i = start.segment; i < PRIORITY_SEGMENTS.length && found.length <= QUEUE_PAGE_SIZE; i++) {
    const segment = PRIORITY_SEGMENTS[i]
    const statuses = query.statuses.length ? segment.statuses.filter((s) => query.statuses.includes(s)) : segment.statuses
    if (statuses.length === 0 || (segment.urgency && query.urgency && segment.urgency !== query.urgency)) continue
    const rows = await deps.reports.queueReports(
      { ...query, statuses, urgency: segment.urgency ?? query.urgency, order: 'desc' },
      QUEUE_PAGE_SIZE + 1 - found.length,
      i === start.segment ? start.after : undefined,
    )
    found.push(...rows.map((report) => ({ report, segment: i })))
  }
  const page = found.slice(0, QUEUE_PAGE_SIZE)
  const last = page[page.length - 1]
  return {
    reports: page.map((f) => f.report),
    nextCursor: found.length > QUEUE_PAGE_SIZE && last ? `${last.segment}|${last.report.createdAt}|${last.report.id}` : null,
  }
}

export function createQueue(deps: HandlingDeps) {
  return async (openid: string, input: QueueInput): Promise<Result<QueueView>> => {
    const scope = await scopeOf(deps, openid, input.buildingCode)
    if (!scope.ok) return scope
    const { buildings, all } = scope.data
    const order = input.order ?? 'priority'
    const position = parseQueueCursor(input.cursor, order === 'priority')
    if (!position.ok) return position
    const now = deps.clock.now()
    // 一个人管的楼都在同一个小区（代表一栋、业委会一个小区），超时界限取这个小区的。
    const limits = await limitsOf(deps, buildings[0])
    const statuses = input.status
      ? [input.status]
      : input.group
        ? (Object.keys(STATUS_GROUP) as ReportStatus[]).filter((s) => STATUS_GROUP[s] === input.group)
        : []
    const query: ReportQuery = {
      buildingIds: buildings.map((b) => b.id),
      statuses: input.overdue ? (statuses.length ? statuses.filter((s) => OPEN.includes(s)) : OPEN) : statuses,
      category: input.category,
      urgency: input.urgency,
      createdBefore: input.overdue ? overdueCutoffs(limits, now) : undefined,
      order: order === 'newest' ? 'desc' : 'asc',
    }
    // 超时只看未办结的；筛了"已处理"又要"超时"，结果为空。
    const paged: Paged =
      query.statuses.length === 0 && input.overdue
        ? { reports: [], nextCursor: null }
        : order === 'priority'
          ? await priorityPage(deps, query, position.data)
          : await plainPage(deps, query, position.data.after)
    const byId = new Map(all.map((b) => [b.id, b]))
    return ok({
      items: paged.reports.map((r) => toQueueItem(r, byId.get(r.buildingId) ?? { code: '', name: '' }, limits, now)),
      nextCursor: paged.nextCursor,
      buildings: all.map((b) => ({ code: b.code, name: b.name })),
      ...(input.withCounts && { counts: await countsOf(deps, scope.data, limits, now) }),
    })
  }
}

/** 最早或最新在前：一次查询。 */
async function plainPage(deps: Pick<HandlingDeps, 'reports'>, query: ReportQuery, after: Cursor | undefined): Promise<Paged> {
  const page = await deps.reports.queueReports(query, QUEUE_PAGE_SIZE + 1, after)
  const reports = page.slice(0, QUEUE_PAGE_SIZE)
  const last = reports[reports.length - 1]
  return { reports, nextCursor: page.length > QUEUE_PAGE_SIZE && last ? `${last.createdAt}|${last.id}` : null }
}

async function countsOf(deps: HandlingDeps, scope: { buildings: Building[]; all: Building[] }, limits: OverdueLimits, now: string): Promise<QueueCountsView> {
  const buildingIds = scope.buildings.map((b) => b.id)
  const count = (statuses: readonly ReportStatus[], createdBefore?: ReportQuery['createdBefore']) =>
    deps.reports.countReports({ buildingIds, statuses, createdBefore, order: 'asc' })
  return {
    pending: await count(['pending']),
    open: await count(OPEN),
    overdue: await count(OPEN, overdueCutoffs(limits, now)),
    awaitingConfirmation: await count(['awaiting_confirmation']),
    overdueHours: limits,
    buildings: scope.all.map((b) => ({ code: b.code, name: b.name })),
  }
}

/**
 * 落地页"处理报事"入口上的两个数（待受理 · 超时）。调用方已按平台身份确认此人管这栋楼（落地页看 me.managedBuildingCodes），
 * 这里不再读成员关系：落地页每多一次读，云开发上就多一次请求。
 */
export function createTriageCounts(deps: Pick<HandlingDeps, 'directory' | 'reports' | 'clock'>) {
  return async (buildingCode: string): Promise<TriageCountsView | null> => {
    const building = await deps.directory.buildingByCode(buildingCode)
    if (!building) return null
    const limits = await limitsOf(deps, building)
    const count = (statuses: readonly ReportStatus[], createdBefore?: ReportQuery['createdBefore']) =>
      deps.reports.countReports({ buildingIds: [building.id], statuses, createdBefore, order: 'asc' })
    return { pending: await count(['pending']), overdue: await count(OPEN, overdueCutoffs(limits, deps.clock.now())) }
  }
}

export function createQueueCounts(deps: HandlingDeps) {
  return async (openid: string, input: QueueCountsInput): Promise<Result<QueueCountsView>> => {
    const scope = await scopeOf(deps, openid, input.buildingCode)
    if (!scope.ok) return scope
    const limits = await limitsOf(deps, scope.data.buildings[0])
    return ok(await countsOf(deps, scope.data, limits, deps.clock.now()))
  }
}

/** 能管这条报事的人读它；seesPhone：是这栋楼的业主代表。 */
interface ManagedRead {
  report: Report
  building: Building
  seesPhone: boolean
}

async function readManaged(deps: HandlingDeps, openid: string, reportId: string): Promise<Result<ManagedRead>> {
  const report = await deps.reports.reportById(reportId)
  if (!report) return fail('NOT_FOUND', '没有找到这条报事')
  const building = await deps.directory.buildingById(report.buildingId)
  const memberships = await deps.directory.membershipsOf(openid)
  if (!building || !canManageBuilding(memberships, building)) return fail('FORBIDDEN', '你不负责这栋楼的报事')
  return ok({ report, building, seesPhone: representsBuilding(memberships, building) })
}

/** changes 是调用方刚读到（或刚写下）的留痕，给了就不再读一遍。 */
async function managedView(
  deps: HandlingDeps,
  { report, building, seesPhone }: ManagedRead,
  openid: string,
  changes?: readonly StatusChange[],
): Promise<ManagedReportView> {
  const now = deps.clock.now()
  const limits = await limitsOf(deps, building)
  changes ??= await deps.reports.statusChangesOf(report.id)
  const canMerge = availableActions(report.status, 'handler').includes('merge')
  const candidates = canMerge
    ? await deps.reports.queueReports({ buildingIds: [building.id], statuses: OPEN, category: report.category, order: 'desc' }, 11)
    : []
  return {
    ...toQueueItem(report, building, limits, now),
    photos: await photoViews(deps, report, openid, now),
    contactPhone: seesPhone ? report.contactPhone || null : null,
    phoneLeftForRepresentative: !seesPhone && report.contactPhone !== '',
    timeline: timelineOf(report, changes, openid, true),
    actions: availableActions(report.status, 'handler'),
    mergedInto: report.mergedInto,
    mergeTargets: candidates
      .filter((r) => r.id !== report.id)
      .slice(0, 10)
      .map((r) => toQueueItem(r, building, limits, now)),
  }
}

export function createManageReport(deps: HandlingDeps) {
  return async (openid: string, input: ReportRefInput): Promise<Result<ManagedReportView>> => {
    const read = await readManaged(deps, openid, input.reportId)
    if (!read.ok) return read
    return ok(await managedView(deps, read.data, openid))
  }
}

const REASON_REQUIRED: Partial<Record<ActInput['action'], string>> = {
  close: '不予受理要写明原因，报事人会看到',
  hide: '隐藏要写明原因（例如含有个人信息或不当内容）',
  reopen: '重新打开要写明原因',
}

/** 合并为重复：原报事的报事人与关注者转去关注目标报事（已在关注的、目标的报事人除外）。可重跑。 */
async function transferFollowers(deps: HandlingDeps, source: Report, target: Report, at: string) {
  const people = [source.reporterId, ...(await deps.reports.followersOf(source.id))]
  for (const openid of people) {
    if (openid === target.reporterId) continue
    await deps.reports.addFollower({ reportId: target.id, openid, at, via: 'merge' }, deltasForFollow(target))
  }
}

export function createActOnReport(deps: HandlingDeps) {
  return async (openid: string, input: ActInput): Promise<Result<ManagedReportView>> => {
    const read = await readManaged(deps, openid, input.reportId)
    if (!read.ok) return read
    const { report } = read.data
    const history = await deps.reports.statusChangesOf(report.id)
    const replayed = history.find((c) => c.requestId === input.requestId && c.actorId === openid)
    if (replayed) {
      // 重试：已经做过。合并的转关注可能在上次中断，再做一遍（加关注本身只生效一次）。
      const target = replayed.details.mergedInto ? await deps.reports.reportById(replayed.details.mergedInto) : null
      if (target) await transferFollowers(deps, report, target, replayed.at)
      return ok(await managedView(deps, read.data, openid, history))
    }
    const reasonMissing = REASON_REQUIRED[input.action]
    if (reasonMissing && input.note.length < 2) return fail('INVALID', reasonMissing)
    if (input.assignee && input.action !== 'start') return fail('INVALID', '只有"开始处理"时可以派给某方')
    let target: Report | null = null
    if (input.action === 'merge') {
      if (!input.mergeInto) return fail('INVALID', '请选择与哪条报事重复')
      if (input.mergeInto === report.id) return fail('INVALID', '不能与自己重复')
      target = await deps.reports.reportById(input.mergeInto)
      if (!target || target.buildingId !== report.buildingId) return fail('INVALID', '只能并入同一栋楼的另一条报事')
      if (!OPEN.includes(target.status) && STATUS_GROUP[target.status] !== 'fixed') return fail('INVALID', '只能并入还在处理或已处理的报事')
    } else if (input.mergeInto) return fail('INVALID', '只有"合并为重复"时可以选择并入的报事')
    const now = deps.clock.now()
    const details = { ...(input.assignee && { assignee: input.assignee }), ...(target && { mergedInto: target.id }) }
    const patch = { ...(input.assignee && { assignee: input.assignee }), ...(target && { mergedInto: target.id }) }
    const applied = await applyChange(
      deps,
      report,
      history,
      {
        action: input.action,
        decidedOn: input.expectedStatus,
        actor: 'handler',
        actorId: openid,
        requestId: input.requestId,
        note: input.note,
        details,
        at: now,
      },
      patch,
    )
    if (!applied.ok) return applied
    if (target) await transferFollowers(deps, report, target, now)
    const after = { ...read.data, report: applied.data.report }
    if (applied.data.replayed) return ok(await managedView(deps, after, openid))
    await notifyProgress(deps, applied.data.report, applied.data.change, openid)
    return ok(await managedView(deps, after, openid, [...history, applied.data.change]))
  }
}
