/**
 * 居民的报事用例：提交（带紧急程度、联系电话、照片）、提交前查同类（我也遇到）、关注、
 * 看自己报的与关注的、看时间线、回答"解决了吗？"。
 */
import { canManageBuilding, type Building, type DirectoryStore } from '../directory'
import { ANSWER_WINDOW_DAYS, REOPEN_WINDOW_DAYS } from '../shared/catalog'
import { hourlyLimit, LIMITED, limitMessage } from '../shared/hourlyLimit'
import type { Rating, Report, ReportLocation, StatusChange } from './model'
import type { Clock, IdGenerator, Logger, Platform } from '../shared/ports'
import { REPORT_DROPPED, type PhotoCheckStore, type ReportStore } from './ports'
import { checkText } from '../shared/contentCheck'
import { fail, ok, type Result } from '../shared/result'
import type { AnswerInput, ListMineInput, ReportRefInput, SimilarReportsInput, SubmitReportInput } from './schema'
import { deltasForFollow, deltasForNewReport } from './tallySource'
import { newReportMessage } from './messages'
import { DAY_MS, monthOf } from '../shared/time'
import { STATUS_LABELS, type ReportStatus } from './workflow'
import { applyChange, notifyProgress, photoViews, type ChangeDeps } from './changes'
import {
  timelineOf,
  toHiddenSummaryView,
  toSharedSummaryView,
  toSummaryView,
  type ReportSummaryView,
  type SharedLocation,
  MyReportView,
  type MyReportListItemView,
  SimilarReportView,
  TrackedReportView,
  toSubmittedView,
  type SubmittedReportView,
} from './views'
import { checkPhotoFiles } from '../shared/photoFiles'

export interface ReportDeps {
  directory: DirectoryStore
  reports: ReportStore
  photos: PhotoCheckStore
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'content' | 'notifier' | 'files'>
  templates?: { newReport?: string; reportProgress?: string }
  logger: Logger
}

async function buildingNames(directory: DirectoryStore, reports: readonly Report[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const r of reports) {
    if (!names.has(r.buildingId)) names.set(r.buildingId, (await directory.buildingById(r.buildingId))?.name ?? '')
  }
  return names
}

/**
 * 居民看到的一条报事：报事人自己看完整的，别人（关注者、同类列表里的任何人）看 toSharedSummaryView；
 * 隐藏了的，别人只看到分类与"已隐藏"（toHiddenSummaryView）。
 */
const residentSummary = (report: Report, buildingName: string, openid: string): ReportSummaryView<ReportLocation | SharedLocation> =>
  report.reporterId === openid
    ? toSummaryView(report, buildingName)
    : report.status === 'hidden'
      ? toHiddenSummaryView(report, buildingName)
      : toSharedSummaryView(report, buildingName)

const toMyView = (report: Report, buildingName: string, openid: string): MyReportView => ({
  ...residentSummary(report, buildingName, openid),
  relation: report.reporterId === openid ? 'reporter' : 'follower',
})

export function createSubmitReport(deps: ReportDeps) {
  const { directory, reports, photos, clock, ids, platform, templates, logger } = deps

  /**
   * 新报事提醒发给本楼代表；发不出去（没订阅、平台出错）不影响已经存下的报事。
   * 每位代表收到的内容相同，只有收件人不同：消息只生成一次（裁剪描述、格式化时间），再逐人换上收件人。
   */
  async function notifyRepresentatives(report: Report, building: Building) {
    if (!templates?.newReport) return
    const recipients = (await directory.representativesOf(building.id)).filter((representative) => representative !== report.reporterId)
    if (recipients.length === 0) return
    const message = newReportMessage(templates.newReport, recipients[0], report, building)
    if (!message.ok) {
      logger.error('新报事提醒无法生成', { details: { reason: message.message, templateId: templates.newReport } })
      return
    }
    for (const touser of recipients) await platform.notifier.send({ ...message.data, touser })
  }

  /** 照片送去异步检测；结论由平台推送（见 photoVerdicts.ts）。送检失败只记日志：报事已经存下。 */
  async function submitPhotoChecks(report: Report) {
    if (report.photos.length === 0) return
    const urls = await platform.files.temporaryUrls(report.photos)
    const checks = []
    for (const fileId of report.photos) {
      const url = urls[fileId]
      if (!url) continue
      const { traceId } = await platform.content.submitImage(url, report.reporterId, 'forum')
      checks.push({ traceId, fileId, reportId: report.id, uploaderId: report.reporterId, verdict: 'pending' as const, at: report.createdAt })
    }
    await photos.recordPhotoChecks(checks)
  }

  return async (openid: string, input: SubmitReportInput): Promise<Result<{ report: SubmittedReportView; created: boolean }>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    const now = clock.now()
    const photoProblem = await checkPhotoFiles(platform.files, input.photos)
    if (photoProblem) return fail('INVALID', photoProblem)
    const detail = input.location.scope === 'public' ? input.location.detail : input.location.room
    const verdict = await checkText(platform.content, [input.text, detail].filter(Boolean).join('\n'), openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    const report: Report = {
      id: ids.newId(),
      communityId: building.communityId,
      buildingId: building.id,
      kind: input.kind,
      category: input.category,
      text: input.text,
      location: input.location,
      anonymous: input.anonymous,
      urgency: input.urgency,
      contactPhone: input.contactPhone,
      photos: input.photos,
      status: 'pending',
      assignee: null,
      mergedInto: null,
      followers: 0,
      reporterId: openid,
      requestId: input.requestId,
      createdAt: now,
      updatedAt: now,
      month: monthOf(now),
    }
    // 限额在存储里与插入一起判断（shared/hourlyLimit.ts）：已存下的请求编号重试答第一次的那条，不占额度。
    const inserted = await reports.insertReport(report, deltasForNewReport(report), hourlyLimit('report', openid, now))
    if (inserted === LIMITED) return fail('RATE_LIMITED', limitMessage('report'))
    const { report: stored, created } = inserted
    if (created) {
      try {
        await submitPhotoChecks(stored)
      } catch (error) {
        logger.error('照片送检失败', { error, details: { reportId: stored.id } })
      }
      try {
        await notifyRepresentatives(stored, building)
      } catch (error) {
        logger.error('新报事提醒失败', { error, details: { reportId: stored.id } })
      }
    }
    return ok({ report: toSubmittedView(stored), created })
  }
}

export const MY_REPORTS_PAGE_SIZE = 20

function parseCursor(cursor: string | undefined): Result<{ createdAt: string; id: string } | undefined> {
  if (!cursor) return ok(undefined)
  const [createdAt, id] = cursor.split('|')
  if (!createdAt || !id) return fail('INVALID', '翻页位置无效，请下拉刷新')
  return ok({ createdAt, id })
}

type Page = { items: MyReportListItemView[]; nextCursor: string | null }

function createListing(
  directory: DirectoryStore,
  read: (openid: string, limit: number, before?: { createdAt: string; id: string }) => Promise<Report[]>,
  awaiting: (openid: string) => Promise<ReadonlySet<string>>,
) {
  return async (openid: string, input: ListMineInput): Promise<Result<Page>> => {
    const before = parseCursor(input.cursor)
    if (!before.ok) return before
    const page = await read(openid, MY_REPORTS_PAGE_SIZE + 1, before.data)
    const items = page.slice(0, MY_REPORTS_PAGE_SIZE)
    const names = await buildingNames(directory, items)
    const waiting = await awaiting(openid)
    const last = items[items.length - 1]
    return ok({
      items: items.map((r) => ({ ...toMyView(r, names.get(r.buildingId) ?? '', openid), awaitsAnswer: waiting.has(r.id) })),
      nextCursor: page.length > MY_REPORTS_PAGE_SIZE && last ? `${last.createdAt}|${last.id}` : null,
    })
  }
}

/**
 * 报事人此刻还能回答"解决了吗？"的报事（待确认、最近一次标记已处理后 7 天之内），新的在前。
 * 只有报事人回答，所以只数他自己报的；关注者不用回答。
 */
export function createAwaitingAnswers({ reports, clock }: Pick<ReportDeps, 'reports' | 'clock'>) {
  return async (openid: string): Promise<Report[]> => {
    const now = clock.now()
    const answerable: Report[] = []
    for (const report of await reports.awaitingConfirmationOf(openid)) {
      const deadline = answerDeadline(report, await reports.statusChangesOf(report.id))
      if (deadline !== null && now < deadline) answerable.push(report)
    }
    return answerable
  }
}

export function createListMyReports(deps: Pick<ReportDeps, 'directory' | 'reports' | 'clock'>) {
  const awaiting = createAwaitingAnswers(deps)
  return createListing(
    deps.directory,
    (openid, limit, before) => deps.reports.reportsByReporter(openid, limit, before),
    async (openid) => new Set((await awaiting(openid)).map((r) => r.id)),
  )
}

export function createListFollowedReports({ directory, reports }: Pick<ReportDeps, 'directory' | 'reports'>) {
  // 关注的报事由报事人回答，关注者不用答。
  return createListing(
    directory,
    (openid, limit, before) => reports.reportsFollowedBy(openid, limit, before),
    async () => new Set(),
  )
}

export const SIMILAR_LIMIT = 5

/** 同楼、同分类、还没办结的报事，新的在前：提交前问"是否是同一个问题？"。 */
export function createSimilarReports({ directory, reports }: Pick<ReportDeps, 'directory' | 'reports'>) {
  return async (openid: string, input: SimilarReportsInput): Promise<Result<{ items: SimilarReportView[] }>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    const found = await reports.queueReports(
      { buildingIds: [building.id], statuses: ['pending', 'accepted', 'processing'], category: input.category, order: 'desc' },
      SIMILAR_LIMIT,
    )
    const items: SimilarReportView[] = []
    for (const r of found) {
      const followers = await reports.followersOf(r.id)
      items.push({ ...residentSummary(r, building.name, openid), mine: r.reporterId === openid, following: followers.includes(openid) })
    }
    return ok({ items })
  }
}

/** 报事人与关注者才能看一条报事的详情。 */
async function readAsResident(reports: ReportStore, openid: string, reportId: string): Promise<Result<{ report: Report; follower: boolean }>> {
  const report = await reports.reportById(reportId)
  if (!report) return fail('NOT_FOUND', '没有找到这条报事')
  if (report.reporterId === openid) return ok({ report, follower: false })
  if ((await reports.followersOf(reportId)).includes(openid)) return ok({ report, follower: true })
  return fail('FORBIDDEN', '只能查看自己报的或关注的报事')
}

/** 待确认的报事回答"解决了吗？"的截止时刻：最近一次标记已处理之后 7 天；不在待确认时为 null。 */
function answerDeadline(report: Report, changes: readonly StatusChange[]): string | null {
  if (report.status !== 'awaiting_confirmation') return null
  const lastHandled = [...changes].reverse().find((c) => c.to === 'awaiting_confirmation')
  return lastHandled ? new Date(Date.parse(lastHandled.at) + ANSWER_WINDOW_DAYS * DAY_MS).toISOString() : null
}

/** 已解决或不予受理的报事，报事人重新打开的截止时刻：进入这个状态之后 30 天；不在这两个状态时为 null。 */
function reopenDeadline(report: Report, changes: readonly StatusChange[]): string | null {
  if (report.status !== 'resolved' && report.status !== 'closed') return null
  // 没有留痕的旧数据按最后更新的时刻算。
  const since = [...changes].reverse().find((c) => c.to === report.status)?.at ?? report.updatedAt
  return new Date(Date.parse(since) + REOPEN_WINDOW_DAYS * DAY_MS).toISOString()
}

/** 做过确认的报事：评价只算第一次确认的（tallySource.ts），之后再确认不打分。 */
const confirmedBefore = (changes: readonly StatusChange[]) => changes.some((c) => c.to === 'resolved')

/**
 * 居民看到的一条报事：隐藏的报事只给报事人看内容与原因，关注者只看到分类与"已隐藏"；有风险的照片只给上传者看。
 * changes 是调用方刚读到（或刚写下）的留痕，给了就不再读一遍。
 */
export async function trackedView(
  deps: Pick<ReportDeps, 'directory' | 'reports' | 'photos' | 'platform' | 'logger'>,
  report: Report,
  openid: string,
  now: string,
  changes?: readonly StatusChange[],
): Promise<TrackedReportView> {
  const building = await deps.directory.buildingById(report.buildingId)
  const buildingName = building?.name ?? ''
  const reporter = report.reporterId === openid
  if (!reporter && report.status === 'hidden') {
    const none = {
      photos: [],
      timeline: [],
      notesForReporterOnly: true,
      canAnswer: false,
      canRate: false,
      canReopen: false,
      answerWindowClosed: false,
      reportAgainBuildingCode: null,
      answerDeadline: null,
      mergedInto: null,
    }
    return { ...toMyView(report, buildingName, openid), ...none }
  }
  changes ??= await deps.reports.statusChangesOf(report.id)
  const deadline = answerDeadline(report, changes)
  const canAnswer = reporter && deadline !== null && now < deadline
  // 7 天没回答：报事停在待确认（计入办结、不计入解决），报事人不能再回答，问题还在就重新报事。
  const answerWindowClosed = reporter && deadline !== null && !canAnswer
  const reopenBy = reporter ? reopenDeadline(report, changes) : null
  return {
    ...toMyView(report, buildingName, openid),
    photos: await photoViews(deps, report, openid, now),
    timeline: timelineOf(report, changes, openid, reporter),
    notesForReporterOnly: !reporter,
    canAnswer,
    canRate: canAnswer && !confirmedBefore(changes) && !(building && canManageBuilding(await deps.directory.membershipsOf(openid), building)),
    canReopen: reopenBy !== null && now <= reopenBy,
    answerWindowClosed,
    reportAgainBuildingCode: (reopenBy !== null && now > reopenBy) || answerWindowClosed ? (building?.code ?? null) : null,
    answerDeadline: deadline,
    mergedInto: report.mergedInto,
  }
}

export function createTrackReport(deps: ReportDeps) {
  return async (openid: string, input: ReportRefInput): Promise<Result<TrackedReportView>> => {
    const read = await readAsResident(deps.reports, openid, input.reportId)
    if (!read.ok) return read
    return ok(await trackedView(deps, read.data.report, openid, deps.clock.now()))
  }
}

const followRefused = (status: ReportStatus) =>
  fail('INVALID', `这条报事${status === 'duplicate' ? '已合并为重复' : STATUS_LABELS[status]}，不能再关注；问题还在的话请重新报事`)

/** "我也遇到"：成为关注者，以后收到进度消息，也计入受影响的居民。 */
export function createFollowReport(deps: ReportDeps) {
  return async (openid: string, input: ReportRefInput): Promise<Result<{ report: TrackedReportView; created: boolean }>> => {
    const report = await deps.reports.reportById(input.reportId)
    if (!report) return fail('NOT_FOUND', '没有找到这条报事')
    if (report.reporterId === openid) return fail('INVALID', '这是你自己报的事，进展会直接通知你')
    // 管这栋楼的人不算"也遇到"的居民：他们的关注会抬高受影响居民与关注人次，而他们在处理报事里本来就看得到。
    const building = await deps.directory.buildingById(report.buildingId)
    if (building && canManageBuilding(await deps.directory.membershipsOf(openid), building)) {
      return fail('FORBIDDEN', '你负责这栋楼的报事，请在"处理报事"里跟进')
    }
    const following = (await deps.reports.followersOf(report.id)).includes(openid)
    if (!following && !['pending', 'accepted', 'processing'].includes(report.status)) return followRefused(report.status)
    const now = deps.clock.now()
    const created = following
      ? false
      : await deps.reports.addFollower({ reportId: report.id, openid, at: now, via: 'follow' }, deltasForFollow(report), hourlyLimit('follow', openid, now))
    if (created === LIMITED) return fail('RATE_LIMITED', limitMessage('follow'))
    if (created === REPORT_DROPPED) {
      // 读到报事之后、写下关注之前，代表把它隐藏或并为重复了：存储没有写下这次关注。
      return followRefused((await deps.reports.reportById(report.id))?.status ?? 'hidden')
    }
    const current = (await deps.reports.reportById(report.id)) ?? report
    return ok({ report: await trackedView(deps, current, openid, now), created })
  }
}

/** 报事人回答"解决了吗？"：解决了就确认并评价，没解决就重新打开并写明原因。 */
export function createAnswerReport(deps: ChangeDeps & ReportDeps) {
  return async (openid: string, input: AnswerInput): Promise<Result<TrackedReportView>> => {
    const report = await deps.reports.reportById(input.reportId)
    if (!report) return fail('NOT_FOUND', '没有找到这条报事')
    if (report.reporterId !== openid) return fail('FORBIDDEN', '只有报事人可以回答"解决了吗？"')
    const now = deps.clock.now()
    const history = await deps.reports.statusChangesOf(report.id)
    const replay = history.some((c) => c.requestId === input.requestId && c.actorId === openid)
    if (!replay) {
      const deadline = answerDeadline(report, history)
      if (deadline && now > deadline) {
        return fail('INVALID', `代表标记已处理已超过 ${ANSWER_WINDOW_DAYS} 天，不能再回答；问题还在的话请重新报事`)
      }
      // 只照着报事现在的状态判断窗口；页面显示的状态已经过时的，由 applyChange 答"刚刚有了变化"。
      const reopenBy = !input.solved && report.status === input.expectedStatus ? reopenDeadline(report, history) : null
      if (reopenBy && now > reopenBy) {
        // 旧月份的数字不该在很久以后还被改动；问题又出现就是一条新报事。
        return fail('INVALID', `已超过 ${REOPEN_WINDOW_DAYS} 天，不能重新打开；如问题又出现，请重新报事`)
      }
      let rating: Rating | undefined
      if (input.solved) {
        const building = await deps.directory.buildingById(report.buildingId)
        // 管这栋楼的人（本楼代表、业委会、管理员）给本楼的处理打分，就是给自己打分：可以确认，不能打分。
        const manages = building !== null && canManageBuilding(await deps.directory.membershipsOf(openid), building)
        if (manages && input.rating) return fail('INVALID', '你管理这栋楼，不能给本楼的处理打分')
        // 一条报事只在第一次确认时打分（统计也只算那一次）；之后再确认带来的分（旧页面总会带）不存下。
        if (!manages && !confirmedBefore(history)) {
          if (!input.rating) return fail('INVALID', '请给速度、态度、效果打分')
          rating = { ...input.rating, words: input.words }
        }
      }
      const applied = input.solved
        ? await applyChange(deps, report, history, {
            action: 'confirm',
            decidedOn: input.expectedStatus,
            actor: 'reporter',
            actorId: openid,
            requestId: input.requestId,
            note: '',
            details: rating ? { rating } : {},
            at: now,
          })
        : await applyChange(deps, report, history, {
            action: 'reopen',
            decidedOn: input.expectedStatus,
            actor: 'reporter',
            actorId: openid,
            requestId: input.requestId,
            note: input.reason,
            details: {},
            at: now,
          })
      if (!applied.ok) return applied
      if (!applied.data.replayed) {
        await notifyProgress(deps, applied.data.report, applied.data.change, openid)
        // 这一步自己写下的：报事与留痕都已知道，不再读回。
        return ok(await trackedView(deps, applied.data.report, openid, now, [...history, applied.data.change]))
      }
    }
    const current = (await deps.reports.reportById(report.id)) ?? report
    return ok(await trackedView(deps, current, openid, now))
  }
}
