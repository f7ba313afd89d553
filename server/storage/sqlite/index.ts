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
import { createDirectoryMemo } from './directoryMemo'
import { createGroupCommit, type GroupCommit } from './groupCommit'
import { sqliteInvites } from './invites'
import { sqliteHourlyLimits } from './limits'
import { sqliteNotices } from './notices'
import { sqlitePhotoChecks } from './photoChecks'
import { sqliteReports } from './reports'
import { sqliteSummary } from './summary'
import { sqliteSurveys } from './surveys'
import { groupedTallyDeltas, sqliteTally, tallyDeltaRecorder, type GroupedTallyDeltas } from './tally'
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
  /** 已做的写都提交了才兑现（成组提交时等这一轮的那一组；否则立即兑现）。答复在它之后发出，见 groupCommit.ts。 */
  settled(): Promise<void>
  /** 先提交开着的一组，再关库。 */
  close(): void
}

export interface SqliteStoreOptions {
  /**
   * 成组提交（groupCommit.ts）：一轮事件循环的写事务合成一个事务提交。只给本地宿主这样把答复放在 settled() 之后的调用方；
   * onFailure 在一组提交失败时调用（宿主让进程退出）。不给时每个写事务各自提交（测试、脚本、播种的直接调用）。
   */
  groupCommit?: { onFailure(error: unknown): void }
}

/**
 * 各端口共用的上下文。成组提交时：写事务加入这一轮的那一组，统计增量在组里攒着、提交之前一起写（tally.ts 的 groupedTallyDeltas）；
 * 不成组时每个写事务各自提交、增量当场写。
 */
export function createSqliteContext(db: Database.Database, options: SqliteStoreOptions = {}) {
  const writeDeltas = tallyDeltaRecorder(db)
  const grouped = options.groupCommit ? groupedTallyDeltas(writeDeltas) : null
  let group: GroupCommit | null = null
  const directoryMemo = createDirectoryMemo(db, () => group?.isOpen() ?? false)
  if (options.groupCommit && grouped)
    group = createGroupCommit(db, options.groupCommit.onFailure, { afterBegin: directoryMemo.sync, beforeCommit: grouped.flush, onAbandon: grouped.discard })
  const ctx: SqliteContext = {
    db,
    transaction: (fn) => (group && grouped ? joiningGroup(db.transaction(fn), group, grouped) : db.transaction(fn)),
    limits: sqliteHourlyLimits(db),
    // 组开着时（事务函数都先加入了组）攒起来；别人开的事务里（没有组）当场写，随那个事务提交。
    recordTallyDeltas: group && grouped ? (deltas) => (group.isOpen() ? grouped.record(deltas) : writeDeltas(deltas)) : writeDeltas,
    directoryMemo,
  }
  return { ctx, group, flushTallies: grouped ? grouped.flush : () => undefined }
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(file)
  const { ctx, group, flushTallies } = createSqliteContext(db, options)
  return {
    ...sqliteSummary(ctx),
    db,
    settled: () => group?.settled() ?? Promise.resolve(),
    close: () => {
      group?.flush()
      db.close()
    },
    ...sqliteDirectory(ctx),
    ...sqliteInvites(ctx),
    ...sqliteNotices(ctx),
    ...sqliteWorkLog(ctx),
    ...sqliteSurveys(ctx),
    ...sqliteReports(ctx),
    ...sqlitePhotoChecks(ctx),
    ...sqliteTally(db, flushTallies),
  }
}

/**
 * 事务函数的成组版本：调用（含 immediate 等变体）之前先加入这一轮的那一组，事务本身就成了组里的保存点；
 * 它失败（保存点回滚）时，它在组里攒下的统计增量也丢掉。
 */
function joiningGroup<F extends (...args: any[]) => unknown>( // eslint-disable-line @typescript-eslint/no-explicit-any -- 与 better-sqlite3 的 Transaction<F> 同一个约束
  tx: Database.Transaction<F>,
  group: GroupCommit,
  grouped: GroupedTallyDeltas,
): Database.Transaction<F> {
  type Run = (...args: unknown[]) => unknown
  const joining =
    (run: Run): Run =>
    (...args) => {
      group.join()
      const mark = grouped.mark()
      try {
        return run(...args)
      } catch (error) {
        grouped.undo(mark)
        throw error
      }
    }
  return Object.assign(joining(tx as unknown as Run), {
    default: joining(tx.default as Run),
    deferred: joining(tx.deferred as Run),
    immediate: joining(tx.immediate as Run),
    exclusive: joining(tx.exclusive as Run),
  }) as unknown as Database.Transaction<F>
}
