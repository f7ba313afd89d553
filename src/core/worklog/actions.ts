/**
 * 工作台账的用例：代表与业委会记下巡查（隐患与整改）、会议、活动、调解、志愿服务、沟通协调。
 * 代表记自己负责的楼；整个小区的事要业委会（居委会、物业）或管理员。
 * 改与删：仍管着那栋楼的记录人本人（整个小区的台账：仍代表整个小区），或这个小区的业委会与管理员。每次写入与统计增量在同一个事务里（见 tallySource.ts）。
 */
import { defaultCommunityOf, scopeInCommunity, type CommunityScope, roleTitle, type Building, type Member, type DirectoryStore } from '../directory'
import { CATEGORY_LABELS } from '../shared/catalog'
import { hourlyLimit, LIMITED, limitMessage } from '../shared/hourlyLimit'
import type { Hazard, WorkLogDetails, WorkLogEntry } from './model'
import type { Clock, IdGenerator, Logger, Platform } from '../shared/ports'
import type { ReportStore } from '../reports'
import type { WorkLogCursor, WorkLogStore } from './ports'
import { fail, ok, type Result } from '../shared/result'
import type { AddWorkLogInput, EditWorkLogInput, FixHazardInput, WorkLogDetailsInput, WorkLogFormInput, WorkLogListInput, WorkLogRefInput } from './schema'
import { deltasForNewWorkLog, deltasForWorkLogChange } from './tallySource'
import { dateOf, DAY_MS } from '../shared/time'
import { checkTexts } from '../shared/contentCheck'
import { checkPhotoFiles } from '../shared/photoFiles'
import { type WorkLogListView, type WorkLogView, WorkLogFormView } from './views'

export interface WorkLogDeps {
  directory: DirectoryStore
  worklog: WorkLogStore
  reports: Pick<ReportStore, 'reportById'>
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'files' | 'content'>
  logger: Logger
}

export const WORKLOG_PAGE_SIZE = 20
/** 台账可以补记多久以前的事（天）：补记上一年的也够。 */
export const WORKLOG_BACKFILL_DAYS = 400
/** 数未整改隐患时最多看多少次巡查（台账页与统计看板共用）。 */
export const OPEN_HAZARD_SCAN = 200
/** 这些台账里还没有整改日期的隐患处数（删除了的台账不在查询结果里）。 */
export const countOpenHazards = (entries: readonly WorkLogEntry[]): number =>
  entries.reduce((n, e) => n + (e.details.kind === 'inspection' ? e.details.hazards.filter((h) => !h.fixedOn).length : 0), 0)
const NOT_FOUND = '没有找到这条台账'
const CONFLICT = '这条台账刚被别人改过，请刷新后再改'

function parseCursor(cursor: string | undefined): Result<WorkLogCursor | undefined> {
  if (!cursor) return ok(undefined)
  const [date, id] = cursor.split('|')
  if (!date || !id) return fail('INVALID', '翻页位置无效，请下拉刷新')
  return ok({ date, id })
}

/**
 * 新的 updatedAt：至少比旧的晚 1 毫秒。乐观锁比的是 updatedAt，同一毫秒里的两次修改也必须写出不同的值，
 * 否则后到的一次会拿旧值比对成功、覆盖前一次。
 */
export function nextStamp(previous: string, now: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString()
}

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10)

type Scope = CommunityScope

/** 一条台账里人写的每一段文字（备注与各种台账的文字栏）。 */
export function freeTextOf(input: { note: string; details: WorkLogDetailsInput }): string[] {
  const d = input.details
  const texts = [input.note]
  switch (d.kind) {
    case 'inspection':
      texts.push(d.area, ...d.hazards.map((h) => h.text))
      break
    case 'meeting':
      texts.push(d.topics, d.decisions)
      break
    case 'activity':
      texts.push(d.name)
      break
    case 'mediation':
      texts.push(d.parties)
      break
    case 'coordination':
      texts.push(d.counterpart, d.subject, d.outcome)
      break
    case 'volunteer':
      break
  }
  return texts.filter(Boolean)
}

const NOT_MEMBER = '只有业主代表、业委会或管理员可以查看工作台账'

export function createWorkLogActions(deps: WorkLogDeps) {
  const { directory, worklog, reports, clock, ids, platform, logger } = deps

  const scopeIn = (openid: string, communityId: string) => scopeInCommunity(directory, openid, communityId)

  const canSee = (scope: Scope, e: Pick<WorkLogEntry, 'buildingId'>) =>
    scope.memberships.length > 0 && (e.buildingId === null || scope.wholeCommunity || scope.buildings.some((b) => b.id === e.buildingId))
  /**
   * 业委会与管理员改得了这个小区的每一条；记录人本人只在仍管着这条的楼时改得了
   * （整个小区的台账要仍代表整个小区，那已包含在前一条里）。记过台账的身份本身不给权利。
   */
  const canEdit = (scope: Scope, e: Pick<WorkLogEntry, 'authorId' | 'buildingId'>, openid: string) =>
    scope.wholeCommunity || (e.authorId === openid && e.buildingId !== null && scope.buildings.some((b) => b.id === e.buildingId))

  /** members：这个小区的成员（列表一页只读一次，传进来；单条时不传就读）。 */
  async function view(e: WorkLogEntry, scope: Scope, openid: string, members?: Member[]): Promise<WorkLogView> {
    const building = e.buildingId ? await directory.buildingById(e.buildingId) : null
    const urls = e.photos.length ? await platform.files.temporaryUrls(e.photos) : {}
    const linked = []
    for (const id of e.reportIds) {
      const r = await reports.reportById(id)
      if (!r) continue
      // 报事的开头只给管它那栋楼的人看，且没隐藏时才给：小区层面的台账别的楼的代表也看得到，隐藏的内容谁都不该再看到。
      const manages = scope.wholeCommunity || scope.buildings.some((b) => b.id === r.buildingId)
      const label =
        r.status === 'hidden'
          ? '（一条已隐藏的报事）'
          : manages
            ? `${CATEGORY_LABELS[r.category]}：${Array.from(r.text).slice(0, 16).join('')}`
            : '（别的楼栋的报事）'
      linked.push({ id: r.id, label, status: r.status })
    }
    const author = (members ?? (await directory.membersOf(e.communityId))).find((m) => m.openid === e.authorId)
    const authorBuilding = author?.buildingId ? await directory.buildingById(author.buildingId) : null
    return {
      id: e.id,
      kind: e.kind,
      date: e.date,
      buildingCode: building?.code ?? null,
      buildingName: building?.name ?? '全小区',
      note: e.note,
      photos: e.photos.map((fileId) => ({ fileId, url: urls[fileId] ?? '' })),
      reports: linked,
      details: e.details,
      signedAs: author
        ? [roleTitle(author, authorBuilding?.name ?? null), author.role === 'admin' ? '' : author.name].filter(Boolean).join(' ')
        : '已离任的成员',
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      canEdit: canEdit(scope, e, openid),
    }
  }

  /** 台账落在哪：楼栋码须是自己能管的楼；不填是整个小区（须业委会或管理员）。 */
  function placeOf(scope: Scope, buildingCode: string | null): Result<Building | null> {
    if (buildingCode === null)
      return scope.wholeCommunity ? ok(null) : fail('FORBIDDEN', '整个小区的台账要由业委会、居委会、物业或管理员记录；请选择你负责的楼栋')
    const b = scope.buildings.find((x) => x.code.toUpperCase() === buildingCode.toUpperCase())
    return b ? ok(b) : fail('FORBIDDEN', '你不负责这栋楼，不能为它记台账')
  }

  /** 日期不在将来、不太久远；整改日期不早于巡查、不在将来。 */
  function checkDates(date: string, hazards: readonly { fixedOn?: string | null }[], today: string): string | null {
    if (date > today) return '日期：不能是将来的日子'
    if (date < daysBefore(today, WORKLOG_BACKFILL_DAYS)) return `日期：只能补记 ${WORKLOG_BACKFILL_DAYS} 天以内的事`
    for (const h of hazards) {
      if (h.fixedOn && (h.fixedOn < date || h.fixedOn > today)) return '整改日期：应在巡查日期与今天之间'
    }
    return null
  }

  /** 关联的报事须在自己能管的楼里。 */
  async function checkReports(scope: Scope, ids: readonly string[]): Promise<string | null> {
    for (const id of ids) {
      const r = await reports.reportById(id)
      if (!r || !scope.buildings.some((b) => b.id === r.buildingId)) return '关联报事：只能关联你负责的楼栋里的报事'
    }
    return null
  }

  /** 载荷里的内容 → 存下的内容。巡查的隐患：带 id 的沿用原来的（没给整改日期就保留原来的），新的接着编号。 */
  function detailsFrom(input: WorkLogDetailsInput, previous: WorkLogDetails | null): WorkLogDetails {
    if (input.kind !== 'inspection') return input
    const old = previous?.kind === 'inspection' ? previous.hazards : []
    let next = old.reduce((max, h) => Math.max(max, Number(h.id.slice(1))), 0)
    const hazards: Hazard[] = input.hazards.map((h) => {
      const kept = h.id ? old.find((o) => o.id === h.id) : undefined
      const fixedOn = h.fixedOn === undefined ? (kept?.fixedOn ?? null) : h.fixedOn
      return { id: kept ? kept.id : `h${++next}`, text: h.text, fixedOn }
    })
    return { kind: 'inspection', area: input.area, hazards }
  }

  async function validate(openid: string, scope: Scope, input: AddWorkLogInput | EditWorkLogInput, today: string): Promise<Result<Building | null>> {
    const place = placeOf(scope, input.buildingCode)
    if (!place.ok) return place
    const dates = checkDates(input.date, input.details.kind === 'inspection' ? input.details.hazards : [], today)
    if (dates) return fail('INVALID', dates)
    const linked = await checkReports(scope, input.reportIds)
    if (linked) return fail('INVALID', linked)
    const photos = await checkPhotoFiles(platform.files, input.photos)
    if (photos) return fail('INVALID', photos)
    // 台账的文字会被抄进总结、随【征求意见】公告给居民看：与公告一样过内容检测。
    const verdict = await checkTexts(platform.content, freeTextOf(input), openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    return place
  }

  const add = async (openid: string, input: AddWorkLogInput): Promise<Result<WorkLogView>> => {
    const scope = await scopeIn(openid, input.communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以记工作台账')
    const now = clock.now()
    const place = await validate(openid, scope, input, dateOf(now))
    if (!place.ok) return place
    const entry: WorkLogEntry = {
      id: ids.newId(),
      communityId: input.communityId,
      buildingId: place.data?.id ?? null,
      kind: input.details.kind,
      date: input.date,
      month: input.date.slice(0, 7),
      note: input.note,
      photos: input.photos,
      reportIds: input.reportIds,
      details: detailsFrom(input.details, null),
      authorId: openid,
      requestId: input.requestId,
      createdAt: now,
      updatedAt: now,
      removedAt: null,
    }
    const inserted = await worklog.insertWorkLog(entry, deltasForNewWorkLog(entry), hourlyLimit('worklog', openid, now))
    if (inserted === LIMITED) return fail('RATE_LIMITED', limitMessage('worklog'))
    const { entry: stored } = inserted
    return ok(await view(stored, scope, openid))
  }

  /** 读出一条能改的台账（没删、看得到、改得了）。 */
  async function editable(openid: string, entryId: string): Promise<Result<{ entry: WorkLogEntry; scope: Scope }>> {
    const entry = await worklog.workLogById(entryId)
    if (!entry || entry.removedAt) return fail('NOT_FOUND', NOT_FOUND)
    const scope = await scopeIn(openid, entry.communityId)
    if (!canSee(scope, entry) || !canEdit(scope, entry, openid)) return fail('FORBIDDEN', '只有记录人本人或业委会、管理员可以修改这条台账')
    return ok({ entry, scope })
  }

  async function replace(before: WorkLogEntry, after: WorkLogEntry): Promise<Result<WorkLogEntry>> {
    const replaced = await worklog.replaceWorkLog(after, before.updatedAt, deltasForWorkLogChange(before, after))
    return replaced ? ok(after) : fail('CONFLICT', CONFLICT)
  }

  const edit = async (openid: string, input: EditWorkLogInput): Promise<Result<WorkLogView>> => {
    const found = await editable(openid, input.entryId)
    if (!found.ok) return found
    const { entry, scope } = found.data
    if (input.details.kind !== entry.kind) return fail('INVALID', '台账种类不能修改；请删掉这条再记一条')
    const now = clock.now()
    const place = await validate(openid, scope, input, dateOf(now))
    if (!place.ok) return place
    const after: WorkLogEntry = {
      ...entry,
      buildingId: place.data?.id ?? null,
      date: input.date,
      month: input.date.slice(0, 7),
      note: input.note,
      photos: input.photos,
      reportIds: input.reportIds,
      details: detailsFrom(input.details, entry.details),
      updatedAt: nextStamp(entry.updatedAt, now),
    }
    const done = await replace(entry, after)
    return done.ok ? ok(await view(done.data, scope, openid)) : done
  }

  /** 整改一处隐患：记下整改日期（统计记在整改月）。同一日期的重试答同样的结果。 */
  const fixHazard = async (openid: string, input: FixHazardInput): Promise<Result<WorkLogView>> => {
    const found = await editable(openid, input.entryId)
    if (!found.ok) return found
    const { entry, scope } = found.data
    if (entry.details.kind !== 'inspection') return fail('INVALID', '只有巡查台账有隐患')
    const hazard = entry.details.hazards.find((h) => h.id === input.hazardId)
    if (!hazard) return fail('NOT_FOUND', '这条巡查里没有这处隐患')
    if (hazard.fixedOn === input.fixedOn) return ok(await view(entry, scope, openid))
    if (hazard.fixedOn) return fail('INVALID', `这处隐患已在 ${hazard.fixedOn} 整改；要改日期请编辑这条台账`)
    const problem = checkDates(entry.date, [{ fixedOn: input.fixedOn }], dateOf(clock.now()))
    if (problem) return fail('INVALID', problem)
    const hazards = entry.details.hazards.map((h) => (h.id === hazard.id ? { ...h, fixedOn: input.fixedOn } : h))
    const done = await replace(entry, { ...entry, details: { ...entry.details, hazards }, updatedAt: nextStamp(entry.updatedAt, clock.now()) })
    return done.ok ? ok(await view(done.data, scope, openid)) : done
  }

  /** 删除留痕：记下删除时刻，不再显示、不再计数。已删除的重试答 removed。 */
  const remove = async (openid: string, input: WorkLogRefInput): Promise<Result<{ removed: boolean }>> => {
    const entry = await worklog.workLogById(input.entryId)
    if (entry?.removedAt) {
      const scope = await scopeIn(openid, entry.communityId)
      return canEdit(scope, entry, openid) ? ok({ removed: true }) : fail('NOT_FOUND', NOT_FOUND)
    }
    const found = await editable(openid, input.entryId)
    if (!found.ok) return found
    const now = clock.now()
    const done = await replace(found.data.entry, { ...found.data.entry, removedAt: now, updatedAt: nextStamp(found.data.entry.updatedAt, now) })
    return done.ok ? ok({ removed: true }) : done
  }

  const detail = async (openid: string, input: WorkLogRefInput): Promise<Result<WorkLogView>> => {
    const entry = await worklog.workLogById(input.entryId)
    if (!entry || entry.removedAt) return fail('NOT_FOUND', NOT_FOUND)
    const scope = await scopeIn(openid, entry.communityId)
    if (!canSee(scope, entry)) return fail('FORBIDDEN', '你不负责这栋楼，看不到它的台账')
    return ok(await view(entry, scope, openid))
  }

  /** 没带小区：取我第一个代表、业委会或管理员身份所在的小区。 */
  const communityOf = async (openid: string, communityId: string | undefined) => communityId ?? defaultCommunityOf(await directory.membershipsOf(openid))

  const form = async (openid: string, input: WorkLogFormInput): Promise<Result<WorkLogFormView>> => {
    let entry: WorkLogEntry | null = null
    if (input.entryId) {
      entry = await worklog.workLogById(input.entryId)
      if (!entry || entry.removedAt) return fail('NOT_FOUND', NOT_FOUND)
    }
    // 修改时小区就是这条台账的小区。
    const communityId = entry ? entry.communityId : await communityOf(openid, input.communityId)
    if (!communityId) return fail('FORBIDDEN', NOT_MEMBER)
    const scope = await scopeIn(openid, communityId)
    if (entry && !canSee(scope, entry)) return fail('FORBIDDEN', '你不负责这栋楼，看不到它的台账')
    if (scope.memberships.length === 0) return fail('FORBIDDEN', NOT_MEMBER)
    return ok({
      communityId,
      buildings: scope.buildings.map((b) => ({ code: b.code, name: b.name })),
      canLogCommunity: scope.wholeCommunity,
      entry: entry ? await view(entry, scope, openid) : null,
    })
  }

  const list = async (openid: string, input: WorkLogListInput): Promise<Result<WorkLogListView>> => {
    const communityId = await communityOf(openid, input.communityId)
    if (!communityId) return fail('FORBIDDEN', NOT_MEMBER)
    const scope = await scopeIn(openid, communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', NOT_MEMBER)
    const before = parseCursor(input.cursor)
    if (!before.ok) return before
    let buildingIds = scope.buildings.map((b) => b.id)
    let includeCommunity = true
    if (input.buildingCode === 'community') buildingIds = []
    else if (input.buildingCode) {
      const b = scope.buildings.find((x) => x.code.toUpperCase() === input.buildingCode?.toUpperCase())
      if (!b) return fail('FORBIDDEN', '你不负责这栋楼，看不到它的台账')
      buildingIds = [b.id]
      includeCommunity = false
    }
    const query = { communityId, buildingIds, includeCommunity, kind: input.kind }
    const page = await worklog.workLog(query, WORKLOG_PAGE_SIZE + 1, before.data)
    const inspections = await worklog.workLog({ ...query, kind: 'inspection' }, OPEN_HAZARD_SCAN)
    const openHazards = countOpenHazards(inspections)
    const items = []
    const members = await directory.membersOf(communityId)
    for (const e of page.slice(0, WORKLOG_PAGE_SIZE)) items.push(await view(e, scope, openid, members))
    const last = page[WORKLOG_PAGE_SIZE - 1]
    return ok({
      items,
      nextCursor: page.length > WORKLOG_PAGE_SIZE ? `${last.date}|${last.id}` : null,
      buildings: scope.buildings.map((b) => ({ code: b.code, name: b.name })),
      canLogCommunity: scope.wholeCommunity,
      openHazards,
      communityId,
    })
  }

  return { add, edit, fixHazard, remove, detail, list, form }
}
