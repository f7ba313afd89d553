/**
 * 工作总结的用例：起草（读三期统计桶、本期台账与问卷、有上限的典型案例候选，交给纯函数 draftSummary）、
 * 看数字背后的记录、存版本（改过的段落按显示文字重新连回数字；以 baseVersion 防并发覆盖）、回到某一版、
 * 征求意见（发一条公告，居民在公告里看全文、提意见）、公示（定稿）、导出 Word 或纯文字。
 *
 * 谁能做什么：代表起草、查看自己那栋楼的总结；业委会、居委会、物业与管理员可起草整个小区的，也能看、改小区里每栋楼的。
 * 改、征求意见、公示：起草人本人，或这个小区的业委会与管理员。居民只在公告里看，只能提意见（匿名：代表看到楼栋、时间与文字）。
 * 数字从不取自客户端：新总结在服务端重新起草，已存的总结用存下的那一版。
 */
import { defaultCommunityOf, scopeInCommunity, type CommunityScope, signatureOf } from '../directory'
import {
  CATEGORY_LABELS,
  MEDIATION_OUTCOME_LABELS,
  MEETING_TYPE_LABELS,
  SATISFACTION_DIMENSION_LABELS,
  WORKLOG_KIND_LABELS,
  type CommitteeBody,
} from '../shared/catalog'
import type { Building, Community, Member, DirectoryStore } from '../directory'
import type { Notice, NoticeStore } from '../notices'
import type { Report, ReportStore } from '../reports'
import { workLogIn, type WorkLogEntry, type WorkLogQuery, type WorkLogStore } from '../worklog'
import type { Clock, IdGenerator, Logger, Platform } from '../shared/ports'
import type {
  SummaryStore,
  CaseCandidateRow,
  ReportTraceQuery,
  SummaryComment,
  SummaryRecord,
  SummaryVersion,
  ResidentSummaryView,
  SummaryDraftView,
  SummaryExportView,
  SummaryListView,
  SummaryView,
  TraceRecordView,
  TraceView,
} from '../summaryDocument'
import type { SurveyStore } from '../surveys'
import type { TallyReader } from '../tally'
import { scrubPersonalData } from '../shared/privacy'
import { fail, ok, type Result } from '../shared/result'
import { deltasForNotice, noticesPublishedIn } from '../notices'
import { applyEdits } from './relink'
import { defaultKind, kindMismatch } from './kinds'
import { draftSummary, summaryPeriodLabel } from './draft'
import { isDrill, periodMonths, scrubbedWorkLog } from './facts'
import {
  render,
  type CaseCandidate,
  type Figure,
  type FigureTrace,
  type SummaryAuthor,
  type SummaryDocument,
  type SummaryKind,
  SUMMARY_KIND_LABELS,
  SUMMARY_KINDS,
  canCommentOn,
} from '../summaryDocument'
import type {
  CommentSummaryInput,
  DraftSummaryInput,
  ExportSummaryInput,
  FinalizeSummaryInput,
  ListSummariesInput,
  PublishSummaryInput,
  RestoreSummaryInput,
  SaveSummaryInput,
  SummaryDetailInput,
  TraceFigureInput,
} from './schema'
import { buildingScope, scopesOfCommunity, Totals, type Scope } from '../tally'
import { DAY_MS, endOfChinaDay, lastDayOf, monthOf } from '../shared/time'
import { hourlyLimit, LIMITED, limitMessage } from '../shared/hourlyLimit'
import { STATUS_LABELS } from '../reports'
import { releasedOver, surveyResults, surveyReleasesFor, statusOf } from '../surveys'
import { checkText, checkTexts } from '../shared/contentCheck'

export interface SummaryDeps {
  directory: DirectoryStore
  tallies: TallyReader
  worklog: WorkLogStore
  surveys: SurveyStore
  notices: NoticeStore
  summaries: SummaryStore
  reports: Pick<ReportStore, 'reportById'>
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'content' | 'files'>
  logger: Logger
  /** 文档 → .docx 的字节（服务端用 docx 库生成；领域不依赖它）。 */
  toDocx: (doc: SummaryDocument) => Promise<Uint8Array>
}

export const TRACE_PAGE_SIZE = 20
/** 征求意见最长多少天。 */
export const CONSULT_MAX_DAYS = 60
/** 典型案例候选：每楼每月每条规则取几条。 */
export const CASE_CANDIDATES_PER_RULE = 3
const NOT_FOUND = '没有找到这份总结'
const FINAL = '这份总结已经公示，不能再改'
const CONFLICT = '这份总结刚被别人改过，请刷新后再改'

/** 报事文字的摘要：先去掉个人信息（截短前去，免得电话被截成认不出的半截），再取一行、不超过 30 个字。 */
export function caseExcerpt(text: string): string {
  const line = scrubPersonalData(text).replace(/\s+/g, ' ').trim()
  const chars = Array.from(line)
  return chars.length > 30 ? `${chars.slice(0, 29).join('')}…` : line
}

const toCandidate = ({ report: r, milestones: m }: CaseCandidateRow): CaseCandidate => ({
  id: r.id,
  kind: r.kind,
  category: r.category,
  excerpt: caseExcerpt(r.text),
  // 住户家中的只说"住户家中"：单元、楼层、房号都不进总结。
  place: r.location.scope === 'public' ? r.location.area : '住户家中',
  urgency: r.urgency,
  followers: r.followers,
  receivedAt: r.createdAt,
  handledAt: m.handledAt,
  resolvedAt: m.resolvedAt,
  status: r.status,
})

interface Target {
  community: Community
  building: Building | null
  buildings: Building[]
  scope: CommunityScope
}

export function createSummaryActions(deps: SummaryDeps) {
  const { directory, tallies, worklog, surveys, notices, summaries, reports, clock, ids, platform, logger } = deps

  const memberScope = (openid: string, communityId: string) => scopeInCommunity(directory, openid, communityId)
  const manages = (scope: CommunityScope, buildingId: string | null) =>
    buildingId === null ? scope.wholeCommunity : scope.buildings.some((b) => b.id === buildingId)

  /** 起草对象：小区、楼（或整个小区）与起草人的范围；管不到时答拒绝。 */
  async function target(openid: string, communityId: string, buildingCode: string | null): Promise<Result<Target>> {
    // 先看成员关系、再找小区：不存在的小区与别人的小区答同样的拒绝，不让人借此探测小区 id（同 admin.ts 的 asAdmin）。
    const scope = await memberScope(openid, communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以起草工作总结')
    const community = await directory.community(communityId)
    if (!community) return fail('NOT_FOUND', '没有找到这个小区')
    let building: Building | null = null
    if (buildingCode !== null) {
      building = await directory.buildingByCode(buildingCode)
      if (!building || building.communityId !== communityId) return fail('NOT_FOUND', '没有找到这栋楼')
      if (!manages(scope, building.id)) return fail('FORBIDDEN', '只能起草你负责的楼栋的总结')
    } else if (!scope.wholeCommunity) return fail('FORBIDDEN', '整个小区的总结要由业委会、居委会、物业或管理员起草')
    const buildings = building ? [building] : await directory.buildingsOfCommunity(communityId)
    return ok({ community, building, buildings, scope })
  }

  /** 起草人的身份：整个小区的总结以业委会（居委会、物业）或管理员的名义，一栋楼的以代表（没有代表身份时同上）。 */
  function authorOf(scope: CommunityScope, building: Building | null): { member: Member; author: SummaryAuthor } {
    const rep = building ? scope.memberships.find((m) => m.role === 'representative' && m.buildingId === building.id) : undefined
    const member = rep ?? scope.memberships.find((m) => m.role === 'committee') ?? scope.memberships.find((m) => m.role === 'admin') ?? scope.memberships[0]
    const role = member.role === 'representative' ? 'representative' : member.role === 'committee' ? 'committee' : 'admin'
    return { member, author: { role, body: member.role === 'committee' ? member.body : null, name: member.name } }
  }

  /** 本期、本范围的台账（含已删除的，用到时再去掉）。 */
  const workLogOf = (t: WorkLogQuery, months: readonly string[], fromMonth = months[0]) => workLogIn(worklog, t, months, fromMonth)

  /** 读齐起草要的输入并起草。读取量与报事条数无关：三期的桶、本期台账与问卷、每楼每月至多几条候选。 */
  async function draftFor(
    t: Target,
    input: DraftSummaryInput,
    drafter: string,
  ): Promise<{ document: SummaryDocument; defaultKind: SummaryKind; author: SummaryAuthor; member: Member }> {
    const { community, building, buildings, scope } = t
    const buildingIds = buildings.map((b) => b.id)
    const scopes: Scope[] = building ? [buildingScope(building.id)] : scopesOfCommunity(community.id, buildingIds)
    const months = periodMonths(input.period)
    const { member, author } = authorOf(scope, building)
    const [current, previous, yearAgo, log, released, candidates, ownNotices, first] = await Promise.all([
      tallies.bucketsOf(scopes, months.current),
      tallies.bucketsOf(scopes, months.previous),
      tallies.bucketsOf(scopes, months.yearAgo),
      workLogOf({ communityId: community.id, buildingIds, includeCommunity: building === null }, months.current),
      // 三期开始的问卷各自公布的结果（读取量见 surveyReleases.ts 的上限）。
      surveyReleasesFor(surveys, clock.now(), { communityId: community.id, buildingIds }, [...months.current, ...months.previous, ...months.yearAgo]),
      summaries.caseCandidates(buildingIds, months.current, CASE_CANDIDATES_PER_RULE),
      // 业主代表的总结分开说本人发的公告：面向本楼的公告里有业委会发给全小区的，不能都算作他的（从这期的公告记录数，与 trace 同一个函数）。
      author.role === 'representative'
        ? noticesPublishedIn(notices, { communityId: community.id, buildingIds }, months.current).then((ns) => ns.filter((n) => n.authorId === drafter).length)
        : Promise.resolve(undefined),
      // 三期里最早的一条报事（按提交时间的第一条，与 trace 同一个查询与索引）：记录从期间中途才开始时照实说。
      summaries.traceReports({ buildingIds, months: [...new Set([...months.yearAgo, ...months.previous, ...months.current])].sort() }, 1),
    ])
    const kind = defaultKind(community, author.role, author.body)
    const document = draftSummary({
      kind: input.kind ?? kind,
      community: { hasPropertyCompany: community.hasPropertyCompany, oldEstate: community.oldEstate, overdueHours: community.overdueHours },
      scope: {
        communityId: community.id,
        communityName: community.name,
        building: building ? { id: building.id, name: building.name, households: building.households } : null,
        buildingIds,
        households: buildings.reduce((n, b) => n + b.households, 0),
        includesCommunity: building === null,
      },
      author,
      period: input.period,
      tallies: {
        current: new Totals(current, months.current, scopes),
        previous: new Totals(previous, months.previous, scopes),
        yearAgo: new Totals(yearAgo, months.yearAgo, scopes),
      },
      workLog: log,
      caseCandidates: candidates.map(toCandidate),
      asOf: clock.now(),
      ...(ownNotices === undefined ? {} : { ownNotices }),
      firstReport: first[0] ? { id: first[0].id, receivedAt: first[0].createdAt } : null,
      surveys: released.filter((s) => months.current.includes(s.month)).map((s) => ({ id: s.id, title: s.title })),
      surveyReleases: {
        current: released.filter((s) => months.current.includes(s.month)),
        previous: released.filter((s) => months.previous.includes(s.month)),
        yearAgo: released.filter((s) => months.yearAgo.includes(s.month)),
      },
    })
    return { document, defaultKind: kind, author, member }
  }

  const draft = async (openid: string, input: DraftSummaryInput): Promise<Result<SummaryDraftView>> => {
    const t = await target(openid, input.communityId, input.buildingCode)
    if (!t.ok) return t
    const d = await draftFor(t.data, input, openid)
    return ok({
      document: d.document,
      defaultKind: d.defaultKind,
      kindMismatch: kindMismatch(d.document.kind, t.data.community, d.author, t.data.building === null),
      building: t.data.building ? { code: t.data.building.code, name: t.data.building.name } : null,
      communityId: t.data.community.id,
      communityName: t.data.community.name,
      period: input.period,
    })
  }

  // —— 已存的总结：看、改的权限 ——

  interface Loaded {
    summary: SummaryRecord
    scope: CommunityScope
    canEdit: boolean
  }

  async function load(openid: string, summaryId: string): Promise<Result<Loaded>> {
    const summary = await summaries.summaryById(summaryId)
    if (!summary) return fail('NOT_FOUND', NOT_FOUND)
    const scope = await memberScope(openid, summary.communityId)
    if (!manages(scope, summary.buildingId))
      return fail('FORBIDDEN', summary.buildingId ? '你不负责这份总结的楼栋' : '整个小区的总结只有业委会、居委会、物业与管理员可以看')
    return ok({ summary, scope, canEdit: summary.authorId === openid || scope.wholeCommunity })
  }

  async function buildingRef(id: string | null): Promise<{ code: string; name: string } | null> {
    if (id === null) return null
    const b = await directory.buildingById(id)
    return { code: b?.code ?? '', name: b?.name ?? '（已删除的楼）' }
  }

  async function view(l: Loaded, version?: SummaryVersion): Promise<SummaryView> {
    const s = l.summary
    const shown = version ?? (await summaries.summaryVersion(s.id, s.latestVersion))
    if (!shown) throw new Error(`总结 ${s.id} 缺少第 ${s.latestVersion} 版`)
    const [versions, comments, buildings] = await Promise.all([
      summaries.summaryVersions(s.id),
      summaries.summaryComments(s.id, 500),
      directory.buildingsOfCommunity(s.communityId),
    ])
    const names = new Map(buildings.map((b) => [b.id, b.name]))
    const editable = l.canEdit && s.status !== 'final'
    return {
      id: s.id,
      communityId: s.communityId,
      building: await buildingRef(s.buildingId),
      period: s.period,
      kind: s.kind,
      status: s.status,
      document: shown.document,
      version: shown.version,
      latestVersion: s.latestVersion,
      versions: versions.map((v) => ({ version: v.version, savedAt: v.savedAt, savedBy: v.savedBy, restoredFrom: v.restoredFrom })),
      noticeId: s.noticeId,
      consultUntil: s.consultUntil,
      finalizedAt: s.finalizedAt,
      // 意见是匿名的：楼栋、时间与文字，没有任何身份。
      comments: comments.map((c) => ({ id: c.id, buildingName: names.get(c.buildingId) ?? '（已删除的楼）', text: c.text, at: c.at })),
      canEdit: editable,
      canPublish: editable && s.status === 'draft',
      canFinalize: editable,
    }
  }

  const savedByOf = (m: Member) => m.name || (m.role === 'representative' ? '业主代表' : m.role === 'committee' ? '业委会' : '管理员')

  /** 改过的段落过内容检测（它们会在征求意见时给居民看）。 */
  async function checkEdits(openid: string, title: string | null, edits: SaveSummaryInput['edits']): Promise<string | null> {
    const verdict = await checkTexts(
      platform.content,
      [title ?? '', ...edits.map((e) => e.text)].map((t) => t.trim()),
      openid,
      logger,
    )
    return verdict.ok ? null : verdict.reason
  }

  const save = async (openid: string, input: SaveSummaryInput): Promise<Result<SummaryView>> => {
    const problem = await checkEdits(openid, input.title, input.edits)
    if (problem) return fail('INVALID', problem)
    const now = clock.now()
    if (input.draft) {
      const t = await target(openid, input.draft.communityId, input.draft.buildingCode)
      if (!t.ok) return t
      const d = await draftFor(t.data, input.draft, openid)
      const edited = applyEdits(d.document, input.title, input.edits, input.quotes)
      if (edited.unknown.length) return fail('INVALID', '改动里有不存在的段落，请刷新后再改')
      const summary: SummaryRecord = {
        id: ids.newId(),
        communityId: t.data.community.id,
        buildingId: t.data.building?.id ?? null,
        period: input.draft.period,
        kind: d.document.kind,
        status: 'draft',
        authorId: openid,
        requestId: input.requestId,
        title: edited.document.title,
        latestVersion: 1,
        noticeId: null,
        finalNoticeId: null,
        consultUntil: null,
        finalizedAt: null,
        createdAt: now,
        updatedAt: now,
      }
      const first: SummaryVersion = {
        summaryId: summary.id,
        version: 1,
        document: edited.document,
        savedAt: now,
        savedBy: savedByOf(d.member),
        authorId: openid,
        requestId: input.requestId,
        restoredFrom: null,
      }
      const stored = await summaries.insertSummary(summary, first)
      return ok(await view({ summary: stored.summary, scope: t.data.scope, canEdit: true }))
    }
    const loaded = await load(openid, input.summaryId as string)
    if (!loaded.ok) return loaded
    const l = loaded.data
    if (!l.canEdit) return fail('FORBIDDEN', '只有起草人或业委会、管理员可以改这份总结')
    const base = await summaries.summaryVersion(l.summary.id, input.baseVersion as number)
    if (!base) return fail('CONFLICT', CONFLICT)
    const edited = applyEdits(base.document, input.title, input.edits, input.quotes)
    if (edited.unknown.length) return fail('INVALID', '改动里有不存在的段落，请刷新后再改')
    const me = l.scope.memberships.find((m) => m.role === 'representative' && m.buildingId === l.summary.buildingId) ?? l.scope.memberships[0]
    const version: SummaryVersion = {
      summaryId: l.summary.id,
      version: base.version + 1,
      document: edited.document,
      savedAt: now,
      savedBy: savedByOf(me),
      authorId: openid,
      requestId: input.requestId,
      restoredFrom: null,
    }
    // 定稿之后存储也拒收；同一请求编号的重试答第一次存下的那版。
    const stored = await summaries.appendSummaryVersion(version, base.version)
    if (!stored) return fail(l.summary.status === 'final' ? 'INVALID' : 'CONFLICT', l.summary.status === 'final' ? FINAL : CONFLICT)
    return ok(await view({ ...l, summary: (await summaries.summaryById(l.summary.id)) ?? l.summary }, stored.version))
  }

  const restore = async (openid: string, input: RestoreSummaryInput): Promise<Result<SummaryView>> => {
    const loaded = await load(openid, input.summaryId)
    if (!loaded.ok) return loaded
    const l = loaded.data
    if (!l.canEdit) return fail('FORBIDDEN', '只有起草人或业委会、管理员可以改这份总结')
    const old = await summaries.summaryVersion(l.summary.id, input.version)
    if (!old) return fail('NOT_FOUND', '没有这一版')
    const me = l.scope.memberships.find((m) => m.role === 'representative' && m.buildingId === l.summary.buildingId) ?? l.scope.memberships[0]
    const version: SummaryVersion = {
      summaryId: l.summary.id,
      version: l.summary.latestVersion + 1,
      document: old.document,
      savedAt: clock.now(),
      savedBy: savedByOf(me),
      authorId: openid,
      requestId: input.requestId,
      restoredFrom: old.version,
    }
    const stored = await summaries.appendSummaryVersion(version, l.summary.latestVersion)
    if (!stored) return fail(l.summary.status === 'final' ? 'INVALID' : 'CONFLICT', l.summary.status === 'final' ? FINAL : CONFLICT)
    return ok(await view({ ...l, summary: (await summaries.summaryById(l.summary.id)) ?? l.summary }, stored.version))
  }

  const detail = async (openid: string, input: SummaryDetailInput): Promise<Result<SummaryView>> => {
    const loaded = await load(openid, input.summaryId)
    if (!loaded.ok) return loaded
    if (input.version === null) return ok(await view(loaded.data))
    const v = await summaries.summaryVersion(input.summaryId, input.version)
    if (!v) return fail('NOT_FOUND', '没有这一版')
    return ok(await view(loaded.data, v))
  }

  const list = async (openid: string, input: ListSummariesInput): Promise<Result<SummaryListView>> => {
    const communityId = input.communityId ?? defaultCommunityOf(await directory.membershipsOf(openid))
    if (!communityId) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以看工作总结')
    // 同 target：先看成员关系。
    const scope = await memberScope(openid, communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以看工作总结')
    const community = await directory.community(communityId)
    if (!community) return fail('NOT_FOUND', '没有找到这个小区')
    const records = await summaries.summariesOf(communityId, scope.wholeCommunity ? null : scope.buildings.map((b) => b.id), 50)
    const names = new Map(scope.buildings.map((b) => [b.id, b.name]))
    const items = []
    for (const s of records) {
      items.push({
        id: s.id,
        title: s.title,
        kind: s.kind,
        kindLabel: SUMMARY_KIND_LABELS[s.kind],
        periodLabel: summaryPeriodLabel(s.period),
        scopeLabel: s.buildingId ? `${community.name}${names.get(s.buildingId) ?? ''}` : community.name,
        status: s.status,
        latestVersion: s.latestVersion,
        updatedAt: s.updatedAt,
        comments: await summaries.countSummaryComments(s.id),
      })
    }
    const { author } = authorOf(scope, scope.wholeCommunity ? null : (scope.buildings[0] ?? null))
    // 种类合不合实情只看小区的登记与起草人的名义：起草前就能说，页面点选种类时即显示。
    const fitOf = (building: Building | null) => {
      const a = authorOf(scope, building).author
      const mismatch: Partial<Record<SummaryKind, string>> = {}
      for (const k of SUMMARY_KINDS) {
        const note = kindMismatch(k, community, a, building === null)
        if (note) mismatch[k] = note
      }
      return { scope: building ? building.code : 'community', defaultKind: defaultKind(community, a.role, a.body), mismatch }
    }
    return ok({
      communityId: community.id,
      communityName: community.name,
      items,
      buildings: scope.buildings.map((b) => ({ code: b.code, name: b.name })),
      canDraftCommunity: scope.wholeCommunity,
      author: { role: author.role, body: author.body as CommitteeBody | null },
      kindFit: [...(scope.wholeCommunity ? [fitOf(null)] : []), ...scope.buildings.map(fitOf)],
    })
  }

  // —— 征求意见与公示：经公告的存储发给范围里的楼（算作信息公开一次）——

  /**
   * 总结的一版发出的公告的请求编号：由总结与版本定下（不取客户端的），同一人对同一版的重试、补发都只存一条。
   * 不同的人同时点，靠"先改状态、改成了才发"挡住。
   */
  const noticeRequestOf = (s: SummaryRecord, what: 'consult' | 'final') => `summary-${s.id}-v${s.latestVersion}-${what}`
  const consultBody = (s: SummaryRecord, until: string) =>
    `《${s.title}》现征求居民意见，全文见本公告。${lastDayOf(until)}（含）前可在本页提出意见；意见只给起草人看，不显示你的身份。`

  /**
   * 发总结的公告。与 notices.publish 占同一份"每人每小时公告"额度（同一个键）：否则发总结就成了绕过限额刷公告的路。
   * 额度已满答 LIMITED，什么都不存；同一请求编号的重试（补发）不占额度。
   */
  async function postNotice(
    openid: string,
    l: Loaded,
    requestId: string,
    title: string,
    body: string,
    id: string = ids.newId(),
  ): Promise<Notice | typeof LIMITED> {
    const s = l.summary
    const now = clock.now()
    const buildings = s.buildingId
      ? [await directory.buildingById(s.buildingId)].filter((b): b is Building => b !== null)
      : await directory.buildingsOfCommunity(s.communityId)
    const signer =
      l.scope.memberships.find((m) => m.role === 'representative' && m.buildingId === s.buildingId) ??
      l.scope.memberships.find((m) => m.role === 'admin') ??
      l.scope.memberships.find((m) => m.role === 'committee') ??
      l.scope.memberships[0]
    const notice: Notice = {
      id,
      communityId: s.communityId,
      wholeCommunity: s.buildingId === null,
      targets: buildings.map((b) => ({ buildingId: b.id, households: b.households })),
      title: Array.from(title).slice(0, 60).join(''),
      body,
      images: [],
      pinned: false,
      expiresAt: null,
      status: 'published',
      signedAs: signatureOf(signer, signer.buildingId ? await directory.buildingById(signer.buildingId) : null),
      authorId: openid,
      requestId,
      publishedAt: now,
      withdrawnAt: null,
      month: monthOf(now),
      summaryId: s.id,
    }
    const inserted = await notices.insertNotice(notice, deltasForNotice(notice), hourlyLimit('notice', openid, now))
    return inserted === LIMITED ? LIMITED : inserted.notice
  }
  const noticeLimited = () => fail('RATE_LIMITED', limitMessage('notice'))

  const publish = async (openid: string, input: PublishSummaryInput): Promise<Result<SummaryView>> => {
    const loaded = await load(openid, input.summaryId)
    if (!loaded.ok) return loaded
    const l = loaded.data
    if (!l.canEdit) return fail('FORBIDDEN', '只有起草人或业委会、管理员可以发布征求意见')
    const s = l.summary
    if (s.status === 'final') return fail('INVALID', FINAL)
    if (s.status === 'consulting') {
      const n = s.noticeId ? await notices.noticeById(s.noticeId) : null
      // 发布的人再点（重试）：公告已经发了，答现在的样子。
      if (n) return n.authorId === openid ? ok(await view(l)) : fail('CONFLICT', '这份总结已经在征求意见了')
      // 状态改了、公告没发出去（上次在两步之间中断）：按记下的公告编号补发。
      if (s.noticeId && s.consultUntil) {
        const posted = await postNotice(openid, l, noticeRequestOf(s, 'consult'), `【征求意见】${s.title}`, consultBody(s, s.consultUntil), s.noticeId)
        return posted === LIMITED ? noticeLimited() : ok(await view(l))
      }
      return fail('CONFLICT', '这份总结已经在征求意见了')
    }
    const now = clock.now()
    const until = endOfChinaDay(input.closesOn)
    if (until <= now) return fail('INVALID', '截止日期：不能早于今天')
    if (Date.parse(until) - Date.parse(now) > CONSULT_MAX_DAYS * DAY_MS) return fail('INVALID', `征求意见最长 ${CONSULT_MAX_DAYS} 天`)
    // 先改状态（条件：还是草稿、还是这一版），改成了才发公告：同时点的另一方、状态已经变了的，什么公告都不发。
    const noticeId = ids.newId()
    const changed = await summaries.updateSummaryStatus(s.id, 'draft', s.latestVersion, { status: 'consulting', noticeId, consultUntil: until, updatedAt: now })
    if (!changed) return fail('CONFLICT', CONFLICT)
    const posted = await postNotice(openid, l, noticeRequestOf(s, 'consult'), `【征求意见】${s.title}`, consultBody(s, until), noticeId)
    if (posted === LIMITED) {
      // 额度满了：把刚占住的状态还回去（条件仍是"征求意见、这一版"），总结与点之前一样还是草稿。
      await summaries.updateSummaryStatus(s.id, 'consulting', s.latestVersion, { status: 'draft', noticeId: null, consultUntil: null, updatedAt: s.updatedAt })
      return noticeLimited()
    }
    return ok(await view({ ...l, summary: (await summaries.summaryById(s.id)) ?? s }))
  }

  const finalize = async (openid: string, input: FinalizeSummaryInput): Promise<Result<SummaryView>> => {
    const loaded = await load(openid, input.summaryId)
    if (!loaded.ok) return loaded
    const l = loaded.data
    if (!l.canEdit) return fail('FORBIDDEN', '只有起草人或业委会、管理员可以公示这份总结')
    const before = l.summary
    let s = before
    const now = clock.now()
    if (s.status !== 'final') {
      if (!(await summaries.updateSummaryStatus(s.id, s.status, s.latestVersion, { status: 'final', finalizedAt: now, updatedAt: now })))
        return fail('CONFLICT', CONFLICT)
      s = (await summaries.summaryById(s.id)) ?? s
    }
    if (s.finalNoticeId === null) {
      const body = `《${s.title}》已定稿，现予公示，全文见本公告。`
      const notice = await postNotice(openid, { ...l, summary: s }, noticeRequestOf(s, 'final'), `【公示】${s.title}`, body)
      if (notice === LIMITED) {
        // 额度满了：这次刚定的稿还回去（之前已定稿、只差公告的，保持定稿，下次补发）。
        if (before.status !== 'final') {
          await summaries.updateSummaryStatus(s.id, 'final', s.latestVersion, {
            status: before.status,
            finalizedAt: before.finalizedAt,
            updatedAt: before.updatedAt,
          })
        }
        return noticeLimited()
      }
      await summaries.updateSummaryStatus(s.id, 'final', s.latestVersion, { finalNoticeId: notice.id })
      s = (await summaries.summaryById(s.id)) ?? s
    }
    return ok(await view({ ...l, summary: s }))
  }

  // —— 居民提意见 ——

  const comment = async (openid: string, input: CommentSummaryInput): Promise<Result<{ myComments: ResidentSummaryView['myComments'] }>> => {
    const [s, building] = await Promise.all([summaries.summaryById(input.summaryId), directory.buildingByCode(input.buildingCode)])
    // 没有这份总结、还是草稿、不是这栋楼的：答得一模一样，不让人借此探测总结 id 与别人的草稿。
    if (!s || s.status === 'draft' || !building || building.communityId !== s.communityId || (s.buildingId !== null && s.buildingId !== building.id)) {
      return fail('FORBIDDEN', '你所在的楼栋没有这份总结，不能提意见')
    }
    const mine = async () => (await summaries.summaryCommentsBy(s.id, openid)).map((c) => ({ text: c.text, at: c.at }))
    const existing = await summaries.summaryCommentsBy(s.id, openid)
    if (existing.some((c) => c.requestId === input.requestId)) return ok({ myComments: await mine() })
    const now = clock.now()
    if (!canCommentOn(s, now)) return fail('INVALID', s.status === 'final' ? '这份总结已经公示，不再收意见' : '征求意见已经截止，谢谢关注')
    const verdict = await checkText(platform.content, input.text, openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    const record: SummaryComment = { id: ids.newId(), summaryId: s.id, buildingId: building.id, openid, text: input.text, requestId: input.requestId, at: now }
    if ((await summaries.insertSummaryComment(record, hourlyLimit('summaryComment', openid, now))) === LIMITED)
      return fail('RATE_LIMITED', limitMessage('summaryComment'))
    return ok({ myComments: await mine() })
  }

  // —— 导出 ——

  const exportSummary = async (openid: string, input: ExportSummaryInput): Promise<Result<SummaryExportView>> => {
    const loaded = await load(openid, input.summaryId)
    if (!loaded.ok) return loaded
    const s = loaded.data.summary
    const v = await summaries.summaryVersion(s.id, input.version ?? s.latestVersion)
    if (!v) return fail('NOT_FOUND', '没有这一版')
    if (input.format === 'text') return ok({ format: 'text', text: render(v.document) })
    const bytes = await deps.toDocx(v.document)
    const fileId = await platform.files.upload(`summaries/${s.id}/v${v.version}.docx`, bytes)
    const url = (await platform.files.temporaryUrls([fileId]))[fileId] ?? null
    const fileName = `${v.document.title.replace(/[\\/:*?"<>|\s]+/g, '')}（第${v.version}版）.docx`
    return ok({ format: 'docx', fileName, fileId, url })
  }

  // —— 数字背后的记录 ——

  const trace = async (openid: string, input: TraceFigureInput): Promise<Result<TraceView>> => {
    let doc: SummaryDocument
    // 起草人：存下的总结是建它的人，草稿是此刻起草的人（"本人发布的公告"按他数）。
    let drafter = openid
    if (input.summaryId) {
      const loaded = await load(openid, input.summaryId)
      if (!loaded.ok) return loaded
      const v = await summaries.summaryVersion(input.summaryId, input.version ?? loaded.data.summary.latestVersion)
      if (!v) return fail('NOT_FOUND', '没有这一版')
      doc = v.document
      drafter = loaded.data.summary.authorId
    } else {
      const d = input.draft as DraftSummaryInput
      const t = await target(openid, d.communityId, d.buildingCode)
      if (!t.ok) return t
      doc = (await draftFor(t.data, d, openid)).document
    }
    // 只认自有属性：载荷点名的键不能摸到原型上的东西。
    const figure = Object.prototype.hasOwnProperty.call(doc.figures, input.figureId) ? doc.figures[input.figureId] : undefined
    if (!figure) return fail('NOT_FOUND', '这份总结里没有这个数字')
    return recordsOf(figure, doc, input.cursor, drafter)
  }

  const offsetOf = (cursor: string | null): number => {
    const n = cursor && /^o:\d{1,7}$/.test(cursor) ? Number(cursor.slice(2)) : 0
    return n
  }
  function pageOf(figure: Figure, explanation: string, all: TraceRecordView[], cursor: string | null): Result<TraceView> {
    if (cursor !== null && !/^o:\d{1,7}$/.test(cursor)) return fail('INVALID', '翻页位置无效，请重新打开')
    const from = offsetOf(cursor)
    const records = all.slice(from, from + TRACE_PAGE_SIZE)
    return ok({
      figure: figureRef(figure),
      explanation,
      records,
      total: all.length,
      nextCursor: from + TRACE_PAGE_SIZE < all.length ? `o:${from + TRACE_PAGE_SIZE}` : null,
    })
  }
  const figureRef = (f: Figure) => ({ id: f.id, label: f.label, display: f.display })

  async function buildingNames(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (const id of ids) out.set(id, (await directory.buildingById(id))?.name ?? '（已删除的楼）')
    return out
  }

  const monthsLabel = (months: readonly string[]) =>
    months.length ? summaryPeriodLabel({ kind: 'custom', start: months[0], end: months[months.length - 1] }) : ''
  const denominatorNote = (f: Figure) => (f.rate ? `；这个比率是 ${f.rate.numerator}/${f.rate.denominator}` : '')

  function reportRecord(r: Report, names: Map<string, string>): TraceRecordView {
    return {
      type: 'report',
      id: r.id,
      buildingName: names.get(r.buildingId) ?? '',
      categoryLabel: CATEGORY_LABELS[r.category],
      excerpt: caseExcerpt(r.text),
      statusLabel: STATUS_LABELS[r.status],
      receivedAt: r.createdAt,
      urgent: r.urgency === 'urgent',
    }
  }

  const HAS_LABELS: Record<NonNullable<ReportTraceQuery['has']>, string> = {
    response: '已得到首次响应的',
    handling: '标记过已处理的',
    rating: '居民评价过的',
    followers: '有人"我也遇到"的',
    firstTimeResolved: '一次解决的',
  }

  async function recordsOf(figure: Figure, doc: SummaryDocument, cursor: string | null, drafter: string): Promise<Result<TraceView>> {
    const tr: FigureTrace = figure.trace
    const scopeText = doc.scopeLabel
    switch (tr.source) {
      case 'reports': {
        const q: ReportTraceQuery = { buildingIds: tr.buildingIds, months: tr.months, ...(tr.filter ?? {}) }
        let after: { createdAt: string; id: string } | undefined
        if (cursor) {
          const [createdAt, id] = cursor.split('|')
          if (!createdAt || !id) return fail('INVALID', '翻页位置无效，请重新打开')
          after = { createdAt, id }
        }
        const [total, page, names] = await Promise.all([
          summaries.countTraceReports(q),
          summaries.traceReports(q, TRACE_PAGE_SIZE + 1, after),
          buildingNames(tr.buildingIds),
        ])
        const f = tr.filter ?? {}
        const parts = [
          f.kind ? `类型为${({ repair: '报修', complaint: '投诉', suggestion: '建议' } as const)[f.kind]}` : '',
          f.categories ? `分类为${f.categories.map((c) => CATEGORY_LABELS[c]).join('、')}` : '',
          f.urgency ? (f.urgency === 'urgent' ? '紧急' : '一般') : '',
          f.statuses ? `现在为${f.statuses.map((s) => STATUS_LABELS[s]).join('或')}` : '',
          f.has ? HAS_LABELS[f.has] : '',
        ].filter(Boolean)
        const shown = page.slice(0, TRACE_PAGE_SIZE)
        return ok({
          figure: figureRef(figure),
          explanation: `${monthsLabel(tr.months)} ${scopeText} 收到的报事${parts.length ? `里，${parts.join('、')}` : ''}，共 ${total} 件${denominatorNote(figure)}`,
          records: shown.map((r) => reportRecord(r, names)),
          total,
          nextCursor: page.length > TRACE_PAGE_SIZE ? `${shown[shown.length - 1].createdAt}|${shown[shown.length - 1].id}` : null,
        })
      }
      case 'report': {
        const found = await reports.reportById(tr.reportId)
        const records = found ? [reportRecord(found, await buildingNames([found.buildingId]))] : []
        return ok({ figure: figureRef(figure), explanation: `典型案例：这条报事的${figure.label}`, records, total: records.length, nextCursor: null })
      }
      case 'worklog':
        return pageOf(figure, ...(await worklogRecords(figure, tr, scopeText)), cursor)
      case 'notices': {
        const all = await noticesPublishedIn(notices, { communityId: tr.communityId, buildingIds: tr.buildingIds }, tr.months)
        const list = tr.author === 'drafter' ? all.filter((n) => n.authorId === drafter) : all
        const records: TraceRecordView[] = []
        for (const n of list) {
          // 已读人数从阅读回执数（公告文档上不再记计数：那是高峰时人人要写的热点）。
          const readers = Object.values(await notices.readersByBuilding(n.id)).reduce((a, b) => a + b, 0)
          records.push({
            type: 'notice',
            id: n.id,
            title: n.title,
            publishedAt: n.publishedAt,
            detail: `面向 ${n.targets.reduce((a, t) => a + t.households, 0)} 户，已读 ${readers} 人${n.status === 'withdrawn' ? '（已撤回）' : ''}`,
          })
        }
        const what = tr.author === 'drafter' ? '起草人本人发布的公告' : tr.what === 'published' ? '发布的公告' : '发布的公告与各自的阅读人数'
        return pageOf(figure, `${monthsLabel(tr.months)} ${scopeText} ${what}，共 ${records.length} 条${denominatorNote(figure)}`, records, cursor)
      }
      case 'survey': {
        const records: TraceRecordView[] = []
        for (const id of tr.surveyIds) {
          const s = await surveys.surveyById(id)
          if (!s) continue
          // 只数范围里的楼的答卷；不带出任何答卷人。分数只取这份问卷在这些楼上公布的合计（与结果页同一个发布函数），
          // 没结束、不到它的门槛或被补充隐藏的问卷只列份数。
          const all = await surveys.answersOf(s.id)
          const answers = all.filter((a) => tr.buildingIds.includes(a.buildingId))
          let detail = `答卷 ${answers.length} 份`
          if (tr.dimension || tr.what === 'nps') {
            const closed = statusOf(s, clock.now()) === 'closed'
            const released = closed ? releasedOver(surveyResults(s, all, { closed }), tr.buildingIds) : null
            const q = released?.find((x) => (tr.dimension ? x.type === 'rating' && x.dimension === tr.dimension : x.type === 'nps'))
            if (!released) detail += closed ? '；不到这份问卷的公布门槛，分项不公布' : '；问卷还没结束，分项不公布'
            else if (q?.type === 'rating' && q.mean !== null && tr.dimension)
              detail += `；${SATISFACTION_DIMENSION_LABELS[tr.dimension]}平均 ${q.mean.toFixed(1)} 分（${q.count} 人答）`
            else if (q?.type === 'nps' && q.nps !== null) detail += `；净推荐值 ${q.nps}（${q.count} 人答）`
          }
          records.push({ type: 'survey', id: s.id, title: s.title, respondents: answers.length, detail })
        }
        return pageOf(figure, `${monthsLabel(tr.months)} ${scopeText} 开始的问卷（只列合计，不列答卷人）${denominatorNote(figure)}`, records, cursor)
      }
      case 'facts': {
        if (tr.field === 'asOf') return pageOf(figure, '起草这份草稿的日期（北京时间）', [{ type: 'fact', label: '起草日期', detail: figure.display }], cursor)
        const records: TraceRecordView[] = []
        for (const id of tr.buildingIds) {
          const b = await directory.buildingById(id)
          if (b) records.push({ type: 'fact', label: b.name, detail: `${b.households} 户` })
        }
        return pageOf(figure, `${scopeText} 各楼登记的户数`, records, cursor)
      }
      case 'target': {
        const base = doc.figures[tr.figureId]
        const records: TraceRecordView[] = [{ type: 'fact', label: '规则', detail: tr.rule }]
        if (base) records.push({ type: 'fact', label: base.label, detail: base.display })
        return pageOf(figure, '建议里的目标，按规则得出（不是记录里数出来的）', records, cursor)
      }
      case 'derived': {
        const records: TraceRecordView[] = tr.from.flatMap((id) =>
          doc.figures[id] ? [{ type: 'fact' as const, label: doc.figures[id].label, detail: doc.figures[id].display }] : [],
        )
        return pageOf(figure, '由下面两个数相减得出', records, cursor)
      }
    }
  }

  async function worklogRecords(figure: Figure, tr: Extract<FigureTrace, { source: 'worklog' }>, scopeText: string): Promise<[string, TraceRecordView[]]> {
    const names = await buildingNames(tr.buildingIds)
    const place = (e: WorkLogEntry) => (e.buildingId ? (names.get(e.buildingId) ?? '') : null)
    const hazard = tr.filter?.hazard
    // "期内完成整改"按整改日期算：也要看期初之前发现的（往前多读一年）。
    const fixedInPeriod = hazard === 'fixed' && figure.id.startsWith('hazards.fixedInPeriod')
    const from = fixedInPeriod ? String(Number(tr.months[0].slice(0, 4)) - 1) + tr.months[0].slice(4) : tr.months[0]
    let entries = await workLogOf({ communityId: tr.communityId, buildingIds: tr.buildingIds, includeCommunity: tr.includesCommunity }, tr.months, from)
    // 与起草同一份清理：记录里给的是进了总结的样子（去掉个人信息的文字）。
    entries = entries
      .filter((e) => !e.removedAt && (!tr.kind || e.kind === tr.kind))
      .map(scrubbedWorkLog)
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
    const m = tr.months
    const label = tr.kind ? WORKLOG_KIND_LABELS[tr.kind] : '台账'
    if (hazard) {
      const records: TraceRecordView[] = []
      for (const e of entries) {
        if (e.details.kind !== 'inspection') continue
        const inPeriod = m.includes(e.month)
        for (const h of e.details.hazards) {
          const keep = fixedInPeriod
            ? h.fixedOn !== null && m.includes(h.fixedOn.slice(0, 7))
            : inPeriod && (hazard === 'found' || (hazard === 'fixed' ? h.fixedOn !== null : h.fixedOn === null))
          if (keep)
            records.push({
              type: 'worklog',
              id: e.id,
              kindLabel: WORKLOG_KIND_LABELS.inspection,
              date: e.date,
              buildingName: place(e),
              title: `${h.text}${h.fixedOn ? `（${h.fixedOn} 已整改）` : '（未整改）'}`,
            })
        }
      }
      const what = fixedInPeriod
        ? '期内完成整改的隐患（按整改日期）'
        : hazard === 'found'
          ? '巡查发现的隐患'
          : hazard === 'fixed'
            ? '本期发现、已经整改的隐患'
            : '本期发现、尚未整改的隐患'
      return [`${monthsLabel(m)} ${scopeText} ${what}，每处一条，共 ${records.length} 处${denominatorNote(figure)}`, records]
    }
    const f = tr.filter ?? {}
    const picked = entries.filter(
      (e) =>
        m.includes(e.month) &&
        (!f.meetingType || (e.details.kind === 'meeting' && e.details.type === f.meetingType)) &&
        (!f.mediationOutcome || (e.details.kind === 'mediation' && e.details.outcome === f.mediationOutcome)) &&
        (!f.mediationConcluded || (e.details.kind === 'mediation' && e.details.outcome !== 'ongoing')) &&
        (!f.drill || isDrill(e)),
    )
    const title = (e: WorkLogEntry) => {
      const x = e.details
      switch (x.kind) {
        case 'inspection':
          return `${x.area || '巡查'}（发现隐患 ${x.hazards.length} 处）`
        case 'meeting':
          return `${MEETING_TYPE_LABELS[x.type]}，参会 ${x.attendees} 人${x.topics ? `：${x.topics}` : ''}`
        case 'activity':
          return `${x.name}，参与 ${x.participants} 人次`
        case 'mediation':
          return `调解（${MEDIATION_OUTCOME_LABELS[x.outcome]}）`
        case 'volunteer':
          return `志愿服务 ${x.volunteers} 人次、${x.hours} 小时`
        case 'coordination':
          return x.subject || '沟通协调'
      }
    }
    const records: TraceRecordView[] = picked.map((e) => ({
      type: 'worklog',
      id: e.id,
      kindLabel: WORKLOG_KIND_LABELS[e.kind],
      date: e.date,
      buildingName: place(e),
      title: title(e),
    }))
    const sub = f.meetingType
      ? `（${MEETING_TYPE_LABELS[f.meetingType as keyof typeof MEETING_TYPE_LABELS]}）`
      : f.mediationOutcome
        ? `（${MEDIATION_OUTCOME_LABELS[f.mediationOutcome as keyof typeof MEDIATION_OUTCOME_LABELS]}）`
        : f.mediationConcluded
          ? '（已有结果的：成功与未成功）'
          : f.drill
            ? '（名称含"演练"的）'
            : ''
    return [`${monthsLabel(m)} ${scopeText} 记下的${label}${sub}，共 ${records.length} 条${denominatorNote(figure)}`, records]
  }

  return { draft, trace, save, restore, detail, list, publish, comment, finalize, export: exportSummary }
}
