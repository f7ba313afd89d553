/** 工作总结的存储端口：版本、意见、典型案例候选与数字背后的记录。 */
import type { Report } from '../reports'
import type { HourlyLimit, LimitedIf } from '../shared/hourlyLimit'
import type { CaseCandidateRow, ReportTraceQuery, SummaryComment, SummaryRecord, SummaryVersion, SummaryVersionMeta } from './records'
import { PageCursor } from '../shared/ports'

/**
 * 工作总结的存储：总结与各版、居民意见；以及起草与"数字背后的记录"要的两种报事查询
 * （都走索引、有上限，与报事总条数无关）。
 */
export interface SummaryStore {
  /**
   * 典型案例的候选：这些楼、这些提交月里，三条规则——关注最多的已办结（待确认、已解决）、第一次标记已处理最快的紧急报事、
   * 提交最早的未办结——各自在整个范围里排前 perRule 的一定在内；适配器可以多给（SQLite 按楼按月、按状态各取 perRule 条，
   * 云开发每条规则一个查询）。读取量只随楼数、月数与 perRule 变，与报事条数无关。
   */
  caseCandidates(buildingIds: readonly string[], months: readonly string[], perRule: number): Promise<CaseCandidateRow[]>
  /** 按条件列报事，提交早的在前；after 为上一页最后一条。 */
  traceReports(query: ReportTraceQuery, limit: number, after?: PageCursor): Promise<Report[]>
  countTraceReports(query: ReportTraceQuery): Promise<number>
  /** 新总结连同第 1 版一起存下；同一起草人用同一请求编号重试时答第一次的（created = false）。 */
  insertSummary(summary: SummaryRecord, first: SummaryVersion): Promise<{ summary: SummaryRecord; created: boolean }>
  /**
   * 存下一版：同一份总结里已有同一人同一请求编号的那版时答它（created = false，什么都不改）；
   * 否则只有总结仍是 expectedLatest 版、且不是定稿时才存（latestVersion、标题、更新时刻跟着改），不然答 null。
   */
  appendSummaryVersion(version: SummaryVersion, expectedLatest: number): Promise<{ version: SummaryVersion; created: boolean } | null>
  summaryById(id: string): Promise<SummaryRecord | null>
  summaryVersion(summaryId: string, version: number): Promise<SummaryVersion | null>
  /** 各版的说明（不含文档），按版本号。 */
  summaryVersions(summaryId: string): Promise<SummaryVersionMeta[]>
  /** 小区里的总结，更新晚的在前；buildingIds 给出时只要这些楼的（不含整个小区的）。 */
  summariesOf(communityId: string, buildingIds: readonly string[] | null, limit: number): Promise<SummaryRecord[]>
  /** 改状态（征求意见、公示）：只有存储里的状态仍为 from、最新版仍为 latestVersion 时才改，答是否改了。 */
  updateSummaryStatus(
    id: string,
    from: SummaryRecord['status'],
    latestVersion: number,
    patch: Partial<Pick<SummaryRecord, 'status' | 'noticeId' | 'finalNoticeId' | 'consultUntil' | 'finalizedAt' | 'updatedAt'>>,
  ): Promise<boolean>
  /** 存一条意见；同一人同一请求编号重试答第一次的（created = false）。limit 同 insertNotice。 */
  insertSummaryComment<L extends HourlyLimit | undefined = undefined>(
    comment: SummaryComment,
    limit?: L,
  ): Promise<{ comment: SummaryComment; created: boolean } | LimitedIf<L>>
  /** 一份总结的意见，早的在前，至多 limit 条。 */
  summaryComments(summaryId: string, limit: number): Promise<SummaryComment[]>
  summaryCommentsBy(summaryId: string, openid: string): Promise<SummaryComment[]>
  countSummaryComments(summaryId: string): Promise<number>
}
