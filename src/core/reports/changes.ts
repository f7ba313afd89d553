/** 居民与代表共用的流转步骤：按规则推进状态（并发时只有一方生效）、发进度消息、取照片地址。 */
import type { ChangeDetails, Report, StatusChange } from './model'
import type { DirectoryStore } from '../directory'
import type { Logger, Platform } from '../shared/ports'
import type { PhotoCheckStore, ReportPatch, ReportStore } from './ports'
import { fail, ok, type Result } from '../shared/result'
import { deltasForStatusChange } from './tallySource'
import { reportProgressMessage } from './messages'
import { STATUS_LABELS, transition, type Actor, type ReportAction, type ReportStatus } from './workflow'
import { HIDDEN_REPORT_TEXT, type PhotoView } from './views'
import { HOUR_MS } from '../shared/time'

export interface ChangeDeps {
  reports: ReportStore
  photos: PhotoCheckStore
  directory: DirectoryStore
  platform: Pick<Platform, 'notifier' | 'files'>
  templates?: { reportProgress?: string }
  logger: Logger
}

export interface ChangeRequest {
  action: ReportAction
  /** 做这一步的人决定时看到的状态（页面显示的）：报事已经不在这个状态就不做，免得几次点击连成一串。 */
  decidedOn: ReportStatus
  actor: Actor
  actorId: string
  requestId: string
  note: string
  details: ChangeDetails
  at: string
}

/**
 * 推进一步。report 与 history 是刚读到的当前状态。动作是照着 request.decidedOn（客户端看到的状态）决定的：
 * 刚读到的已经不是它，或存储写入时已不是它（比较并设置用的正是 decidedOn，不是服务端重读的状态），
 * 都答 CONFLICT 和现在的状态。所以同时点下的几个动作只有一个生效，不会 待受理→已受理→不予受理→已隐藏 连成一串。
 */
export async function applyChange(
  deps: Pick<ChangeDeps, 'reports'>,
  report: Report,
  history: readonly StatusChange[],
  request: ChangeRequest,
  patch?: ReportPatch,
): Promise<Result<{ report: Report; change: StatusChange; replayed: boolean }>> {
  if (report.status !== request.decidedOn) return conflictOrReplay(deps, report.id, request)
  const allowed = transition(request.decidedOn, request.action, request.actor)
  if (!allowed.ok) return fail('INVALID', allowed.message)
  const change: StatusChange = {
    reportId: report.id,
    from: request.decidedOn,
    to: allowed.to,
    note: request.note,
    actorId: request.actorId,
    at: request.at,
    requestId: request.requestId,
    details: request.details,
  }
  // 增量按写入那一刻的关注人数算：读到报事之后又有人关注的，隐藏与合并也把他减去。
  const deltas = (current: Pick<Report, 'followers'>) => deltasForStatusChange({ ...report, followers: current.followers }, change, history)
  const stored = await deps.reports.changeStatus(change, request.decidedOn, deltas, patch)
  if (!stored) return conflictOrReplay(deps, report.id, request)
  return ok({ report: { ...report, ...patch, status: allowed.to, updatedAt: request.at }, change, replayed: false })
}

/** 报事已不在决定时的状态：是同一请求的并发重试（另一份已经做成）就答同样的结果，否则 CONFLICT。 */
async function conflictOrReplay(
  deps: Pick<ChangeDeps, 'reports'>,
  reportId: string,
  request: ChangeRequest,
): Promise<Result<{ report: Report; change: StatusChange; replayed: boolean }>> {
  const now = await deps.reports.reportById(reportId)
  const done = (await deps.reports.statusChangesOf(reportId)).find((c) => c.requestId === request.requestId && c.actorId === request.actorId)
  if (now && done) return ok({ report: now, change: done, replayed: true })
  return fail('CONFLICT', `这条报事刚刚有了变化，现在是"${now ? STATUS_LABELS[now.status] : '已删除'}"，请刷新后再操作`)
}

/** 报事进度消息：发给报事人与每位关注者（做这一步的人除外）。发不出去从不让流转失败。 */
export async function notifyProgress(deps: ChangeDeps, report: Report, change: StatusChange, actorId: string): Promise<void> {
  const templateId = deps.templates?.reportProgress
  if (!templateId) return
  try {
    const recipients = new Set([report.reporterId, ...(await deps.reports.followersOf(report.id))])
    recipients.delete(actorId)
    for (const touser of recipients) {
      // 说明只给报事人：关注者在时间线里也看不到它（见 timelineOf）。隐藏了的报事，关注者的消息里也不再带描述。
      const reporter = touser === report.reporterId
      const shown = !reporter && report.status === 'hidden' ? { ...report, text: HIDDEN_REPORT_TEXT } : report
      const message = reportProgressMessage(templateId, touser, shown, reporter ? change.note : '', change.at)
      if (!message.ok) {
        deps.logger.error('报事进度消息无法生成', { details: { reason: message.message, templateId } })
        return
      }
      const outcome = await deps.platform.notifier.send(message.data)
      if (outcome === 'failed') deps.logger.warn('报事进度消息未送达', { details: { reportId: report.id } })
    }
  } catch (error) {
    deps.logger.error('报事进度消息发送失败', { error, details: { reportId: report.id } })
  }
}

/**
 * 检测结论最多等多久：送检后这么久还没推来（平台漏推、推送没配好），照片照常给别人看，免得代表永远看不到；
 * 微信的异步检测一般几分钟内推来结论。
 */
export const PHOTO_VERDICT_WAIT_MS = HOUR_MS

/**
 * 看得到的照片与地址：被判为有风险的、还在检测的（送检一小时内）只给上传者（报事人）看，
 * 别人（关注者、代表、业委会）要等检测通过：别人的照片在结论推来之前不出现在他们的手机上。
 */
export async function photoViews(
  deps: Pick<ChangeDeps, 'photos' | 'platform' | 'logger'>,
  report: Report,
  viewerId: string,
  now: string,
): Promise<PhotoView[]> {
  if (report.photos.length === 0) return []
  const pendingSince = new Date(Date.parse(now) - PHOTO_VERDICT_WAIT_MS).toISOString()
  const withheld = viewerId === report.reporterId ? [] : await deps.photos.withheldPhotosOf(report.id, pendingSince)
  const visible = report.photos.filter((f) => !withheld.includes(f))
  let urls: Record<string, string> = {}
  try {
    urls = await deps.platform.files.temporaryUrls(visible)
  } catch (error) {
    deps.logger.warn('照片临时地址获取失败', { error, details: { reportId: report.id } })
  }
  return visible.map((fileId) => ({ fileId, url: urls[fileId] ?? '' }))
}
