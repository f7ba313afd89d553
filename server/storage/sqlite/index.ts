/**
 * SQLite 存储适配器（better-sqlite3,WAL）：本地宿主、测试与小型自托管小区的默认存储。
 * 统计桶的增量与被统计的写入在同一个事务里，要么都生效，要么都不生效。每个端口一个文件，这里把它们组装起来。
 */
import type Database from 'better-sqlite3'
import type { DirectoryStore, InviteStore } from '../../../src/core/directory'
import type { NoticeStore } from '../../../src/core/notices'
import type { PhotoCheckStore, ReportStore } from '../../../src/core/reports'
import type { SummaryStore } from '../../../src/core/summaryDocument'
import type { SurveyStore } from '../../../src/core/surveys'
import type { TallyFolder, TallyReader } from '../../../src/core/tally'
import type { TallyMaintenance } from '../../../src/core/recount'
import type { WorkLogStore } from '../../../src/core/worklog'
import type { SqliteContext } from './context'
import { openDatabase } from './db'
import { sqliteDirectory } from './directory'
import { sqliteInvites } from './invites'
import { sqliteHourlyLimits } from './limits'
import { sqliteNotices } from './notices'
import { sqlitePhotoChecks } from './photoChecks'
import { sqliteReports } from './reports'
import { sqliteSummary } from './summary'
import { sqliteSurveys } from './surveys'
import { sqliteTally, tallyDeltaRecorder } from './tally'
import { sqliteWorkLog } from './workLog'

/** SQLite 一个文件实现全部存储端口；用例只拿到它们各自用的那几个。 */
export interface SqliteStore
  extends
    DirectoryStore,
    InviteStore,
    NoticeStore,
    WorkLogStore,
    SurveyStore,
    SummaryStore,
    ReportStore,
    PhotoCheckStore,
    TallyReader,
    TallyMaintenance,
    TallyFolder {
  readonly db: Database.Database
  close(): void
}

export function openSqliteStore(file: string): SqliteStore {
  const db = openDatabase(file)
  const ctx: SqliteContext = { db, limits: sqliteHourlyLimits(db), recordTallyDeltas: tallyDeltaRecorder(db) }
  return {
    ...sqliteSummary(ctx),
    db,
    close: () => db.close(),
    ...sqliteDirectory(ctx),
    ...sqliteInvites(ctx),
    ...sqliteNotices(ctx),
    ...sqliteWorkLog(ctx),
    ...sqliteSurveys(ctx),
    ...sqliteReports(ctx),
    ...sqlitePhotoChecks(ctx),
    ...sqliteTally(db),
  }
}
