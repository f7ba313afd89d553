/**
 * 全部来源的原始记录与独立重算。新的来源（公告、台账、问卷）加在这里：记录类型一项、重算一行。
 */
import { type TallyBucket, type TallyDiff, mergeDeltas } from './tally'
import { type Follow, type Report, type StatusChange, recountReports } from './reports'
import { type Notice, type NoticeRead, recountNotices } from './notices'
import { type Survey, type SurveyAnswer, recountSurveys } from './surveys'
import { type WorkLogEntry, recountWorkLog } from './worklog'

/**
 * 管理工具用的统计维护（npm run tally:check），与用例看到的端口分开：用例不能重写统计。
 * 全部读取都分页（云开发每次最多读 100 条），从不一次读整个集合。
 */
export interface TallyMaintenance {
  /** 全部桶。 */
  allBuckets(): Promise<TallyBucket[]>
  /** 统计所依据的全部原始记录。 */
  rawRecords(): Promise<TallyRecords>
  /**
   * 用重算结果改正桶：只写有差异的桶，返回改正前的差异。
   * SQLite 在一个写事务里读记录、重算、改正，期间的写入排队等待；
   * 云开发做不到跨集合读的事务，应在无人写入时执行，执行后再核对一次。
   */
  rebuild(recount: (records: TallyRecords) => TallyBucket[]): Promise<TallyDiff>
  /** 还没归并进桶的统计事件数（云开发；SQLite 同步累加，总是 0）。读统计时已把它们算上。 */
  pendingTallyEvents(): Promise<number>
}

/** 统计所依据的全部原始记录（管理工具分页读出）。 */
export interface TallyRecords {
  reports: Report[]
  /** 按每条报事内的先后顺序。 */
  statusChanges: StatusChange[]
  follows: Follow[]
  notices: Notice[]
  noticeReads: NoticeRead[]
  /** 含已删除的（重算时跳过）。 */
  workLog: WorkLogEntry[]
  /** 含提前结束的。 */
  surveys: Survey[]
  /** 每人每卷一份（被替换的旧答卷不在内）。 */
  surveyAnswers: SurveyAnswer[]
}

/** 从原始记录重算全部桶，不经过写入时的增量。 */
export function recountAll(records: TallyRecords): TallyBucket[] {
  // 各来源的桶键不相交；合并后统一排序。
  return mergeDeltas([
    ...recountReports(records.reports, records.statusChanges, records.follows),
    ...recountNotices(records.notices, records.noticeReads),
    ...recountWorkLog(records.workLog),
    ...recountSurveys(records.surveys, records.surveyAnswers),
  ])
}
