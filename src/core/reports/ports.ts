/** 报事与照片检测的存储端口。 */
import type { CategoryId, Urgency } from '../shared/catalog'
import type { Follow, Report, StatusChange } from './model'
import type { TallyDelta } from '../tally'
import type { ReportStatus } from './workflow'
import type { HourlyLimit, LimitedIf } from '../shared/hourlyLimit'
import { PageCursor } from '../shared/ports'

export interface ReportStore {
  /**
   * 原子地插入报事并累加统计。同一报事人用同一请求编号重试时，不再插入，
   * 返回第一次存下的那条（created = false），统计也不再累加，也不占额度。limit 同 insertNotice。
   */
  insertReport<L extends HourlyLimit | undefined = undefined>(
    report: Report,
    deltas: TallyDelta[],
    limit?: L,
  ): Promise<{ report: Report; created: boolean } | LimitedIf<L>>
  /**
   * 原子地改变状态、留痕并调整统计；只有当前状态仍为 expected 时才生效（防并发覆盖），
   * 否则返回 false、什么都不改。
   */
  changeStatus(change: StatusChange, expected: ReportStatus, deltas: StatusChangeDeltas, patch?: ReportPatch): Promise<boolean>
  reportById(id: string): Promise<Report | null>
  /** 某人提交的报事，新的在前；before 为上一页最后一条的 createdAt|id。 */
  reportsByReporter(openid: string, limit: number, before?: PageCursor): Promise<Report[]>
  /** 某人提交的、此刻待确认的报事（全部，新的在前）：落地页与"我的报事"据此提示"解决了吗？"在等他回答。 */
  awaitingConfirmationOf(openid: string): Promise<Report[]>
  /** 一条报事的流转留痕，按先后。 */
  statusChangesOf(reportId: string): Promise<StatusChange[]>
  /** 代表的队列：按条件筛选，按提交时间排序，after 为上一页最后一条。 */
  queueReports(query: ReportQuery, limit: number, after?: PageCursor): Promise<Report[]>
  /** 符合条件的报事条数（代表首页的待办数）。 */
  countReports(query: ReportQuery): Promise<number>
  /**
   * 原子地加一位关注者：记下关注、报事的关注人数加一、累加统计。已经关注过的返回 false，什么都不改。
   * 只在报事此刻仍留着（不是已隐藏、不是重复，见 keepsFollowers）时写下：用例读到报事之后它才被隐藏或并为重复的，
   * 返回 REPORT_DROPPED，什么都不改（否则隐藏的报事上多出一位关注、统计多加一）。
   * 报事不存在时抛错（用例先读到报事才会调用）。limit 同 insertNotice（已关注的不占额度）。
   */
  addFollower<L extends HourlyLimit | undefined = undefined>(
    follow: Follow,
    deltas: TallyDelta[],
    limit?: L,
  ): Promise<boolean | typeof REPORT_DROPPED | LimitedIf<L>>
  /** 一条报事的关注者（openid），按关注先后。 */
  followersOf(reportId: string): Promise<string[]>
  /** 某人关注的报事，新的在前（按报事提交时间）。 */
  reportsFollowedBy(openid: string, limit: number, before?: PageCursor): Promise<Report[]>
}

/** addFollower 的答复：报事在写入的那一刻已隐藏或并为重复，关注没有写下。 */
export const REPORT_DROPPED = 'dropped' as const

/**
 * 一次流转的统计增量。给函数时，存储在写入的事务里按报事此刻的关注人数算出：隐藏或合并要减去的关注者，
 * 可能在用例读到报事之后又多了一位（同时点了"我也遇到"）。
 */
export type StatusChangeDeltas = TallyDelta[] | ((current: Pick<Report, 'followers'>) => TallyDelta[])

/** 流转时一并改在报事上的字段（派给谁、并入哪条）。 */
export type ReportPatch = Partial<Pick<Report, 'assignee' | 'mergedInto'>>

/** 报事查询条件；空数组的 statuses 表示不限状态。 */
export interface ReportQuery {
  buildingIds: readonly string[]
  statuses: readonly ReportStatus[]
  category?: CategoryId
  urgency?: Urgency
  /** 超时筛选：各紧急程度只要提交早于这个时刻的；没列出的紧急程度不要。 */
  createdBefore?: Partial<Record<Urgency, string>>
  order: 'asc' | 'desc'
}

/** 照片的内容安全检测：提交时每张一条（pending），平台推送结论后改为 pass 或 risky。 */
export type PhotoVerdict = 'pending' | 'pass' | 'risky'
export interface PhotoCheck {
  traceId: string
  fileId: string
  reportId: string
  uploaderId: string
  verdict: PhotoVerdict
  at: string
}

export interface PhotoCheckStore {
  /** 同一追踪号再记一次是覆盖。 */
  recordPhotoChecks(checks: PhotoCheck[]): Promise<void>
  /** 按追踪号记下结论，只改还在待检的（重放的推送不能把有风险改回通过）；找不到这个追踪号返回 false。 */
  setPhotoVerdict(traceId: string, verdict: PhotoVerdict): Promise<boolean>
  /**
   * 一条报事里还不能给别人看的照片（fileID，按送检先后）：判为有风险的，与送检时刻不早于 pendingSince、还没有结论的。
   * 只给上传者本人看。
   */
  withheldPhotosOf(reportId: string, pendingSince: string): Promise<string[]>
}
