/**
 * 全部来源的原始记录与独立重算。新的来源（公告、台账、问卷）加在这里：记录类型一项、重算一行。
 */
import type { Follow, Notice, NoticeRead, Report, StatusChange, Survey, SurveyAnswer, WorkLogEntry } from '../model'
import { mergeDeltas, type TallyBucket } from '../tally'
import { recountNotices } from './notices'
import { recountReports } from './reports'
import { recountSurveys } from './surveys'
import { recountWorkLog } from './worklog'

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
