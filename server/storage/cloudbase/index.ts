/**
 * 云开发数据库存储适配器（wx-server-sdk 的 cloud.database()），实现与 SQLite 适配器相同的存储端口。
 * 集合与索引见 cloudbase/database.json（scripts/cloud-setup.ts 按它创建）。每个端口一个文件，这里把它们组装起来。
 *
 * 云开发与 SQLite 的差别，以及这里的对策：
 *   - 没有 "INSERT … ON CONFLICT"：报事、公告、台账、问卷的幂等靠 (作者, requestId) 的唯一索引；
 *     插入失败时再按这两个字段读回第一次存下的那条（insertOnce.ts）。
 *   - 统计不在用户的事务里累加：用户的事务只写自己的记录和一条统计事件，定时的归并把事件加进桶，
 *     读统计时把待归并的事件也算上（tally.ts、tallyLog.ts）。事务冲突时退避重试（transaction.ts）。
 *   - 一次读取最多返回有限条数：所有"读全部"都按 _id 或时间游标分页，每页 PAGE_SIZE 条（context.ts）。
 *   - 文档内只存领域字段，_id 即领域 id。
 *   - 没有迁移的旧文档缺后来加的字段：读出时补默认值（与 SQLite 的列默认值一致，documents.ts），查询靠迁移补齐的字段。
 *   - 事务里不能查询：关注用确定的 _id（报事|openid），"是否已关注"是按 _id 读一个文档；
 *     成员（openid|小区|楼|身份）、公告阅读（公告|openid）、提醒额度（openid|楼）同理。
 *   - 每小时限额：额度文档（_id 为 动作|人）与被限的写入在同一个事务里读写（见 limits.ts）。
 *   - 问卷同公告（唯一索引 + 另存 targetIds）；答卷的 _id 为 问卷|openid：每人每卷一份由 _id 保证，
 *     同一人同时交两份时两个事务写同一个 _id，后写的冲突、重试时读到已有那份，答 false。
 */
import type { DirectoryStore, InviteStore } from '../../../src/core/directory'
import type { NoticeStore } from '../../../src/core/notices'
import type { PhotoCheckStore, ReportStore } from '../../../src/core/reports'
import type { SummaryStore } from '../../../src/core/summaryDocument'
import type { SurveyStore } from '../../../src/core/surveys'
import type { TallyFolder, TallyReader } from '../../../src/core/tally'
import type { TallyMaintenance } from '../../../src/core/recount'
import type { WorkLogStore } from '../../../src/core/worklog'
import { createContext } from './context'
import { cloudbaseDirectory } from './directory'
import { cloudbaseInvites } from './invites'
import { cloudbaseNotices } from './notices'
import { cloudbasePhotoChecks } from './photoChecks'
import { cloudbaseReports } from './reports'
import type { CloudDatabase } from './sdk'
import { cloudbaseSummary } from './summary'
import { cloudbaseSurveys } from './surveys'
import { cloudbaseTally } from './tally'
import type { CloudbaseStoreOptions } from './transaction'
import { cloudbaseWorkLog } from './workLog'

export { COLLECTIONS, PAGE_SIZE } from './collections'
export { legacyMemberId } from './documents'
export type { CloudDatabase, Transaction } from './sdk'
export type { CloudbaseStoreOptions } from './transaction'

/** 云开发数据库实现全部存储端口；用例只拿到它们各自用的那几个。 */
export type CloudbaseStore = DirectoryStore &
  InviteStore &
  NoticeStore &
  WorkLogStore &
  SurveyStore &
  SummaryStore &
  ReportStore &
  PhotoCheckStore &
  TallyReader &
  TallyMaintenance &
  TallyFolder

export function createCloudbaseStore(db: CloudDatabase, options: CloudbaseStoreOptions = {}): CloudbaseStore {
  const ctx = createContext(db, options)
  return {
    ...cloudbaseSummary(ctx),
    ...cloudbaseDirectory(ctx),
    ...cloudbaseInvites(ctx),
    ...cloudbaseNotices(ctx),
    ...cloudbaseWorkLog(ctx),
    ...cloudbaseSurveys(ctx),
    ...cloudbaseReports(ctx),
    ...cloudbasePhotoChecks(ctx),
    ...cloudbaseTally(ctx),
  }
}
