/**
 * 成组提交（本地宿主打开库时用，见 openSqliteStore 的 groupCommit）：一轮事件循环里所有请求的写事务合成一个 SQLite 事务，
 * 这一轮结束（setImmediate）时提交一次。每个请求的写事务在组里是一个保存点（better-sqlite3 的事务函数在已开的事务里
 * 自动用 SAVEPOINT）：它失败只回滚它自己的保存点，同组别的请求照常提交。
 *
 * 确认在提交之后：宿主发答复之前等 settled()（这一组提交了才兑现）。同一连接上的读看得到同组还没提交的写，
 * 所以读的答复也要等——否则答复里可能有随后没能提交的东西。提交失败（磁盘满、I/O 错误，或 SQLite 自己回滚了整组）
 * 时 settled() 拒绝、交给 onFailure：宿主让进程退出，与被 SIGKILL 一样，没答的请求由客户端带同一个请求编号重试。
 *
 * 为什么值得：WAL + synchronous=NORMAL 下提交不刷盘，但每个事务的 BEGIN/COMMIT、取放写锁与写 WAL 帧仍是每条报事
 * 最大的一块 CPU；一组几十条时摊薄了，同一页（统计桶、额度）在组里只写一次。
 */
import type Database from 'better-sqlite3'

/** 组的两个时刻，给跟着组走的东西（成组记下的统计增量，见 tally.ts 的 groupedTallyDeltas）。 */
export interface GroupHooks {
  /** 开组（BEGIN IMMEDIATE，拿到写锁）之后调。 */
  afterBegin?(): void
  /** 提交之前、仍在这一组的事务里调；它抛出就按提交失败处理。 */
  beforeCommit?(): void
  /** 这一组没能提交（整组回滚、提交失败）时调。 */
  onAbandon?(): void
}

export interface GroupCommit {
  /** 写之前调：没有开着的一组就 BEGIN IMMEDIATE 开一组，并安排在这一轮事件循环末尾提交。 */
  join(): void
  /** 开着的一组提交之后兑现（没有开着的组时立即兑现）；提交失败时拒绝。 */
  settled(): Promise<void>
  /** 立即提交开着的一组（关库之前）。 */
  flush(): void
  /** 有开着的一组（写事务正在它里面）。 */
  isOpen(): boolean
}

interface Batch {
  done: Promise<void>
  resolve(): void
  reject(error: unknown): void
}

export function createGroupCommit(db: Database.Database, onFailure: (error: unknown) => void, hooks: GroupHooks = {}): GroupCommit {
  const begin = db.prepare('BEGIN IMMEDIATE')
  const commitStmt = db.prepare('COMMIT')
  const rollback = db.prepare('ROLLBACK')
  let open: Batch | null = null

  const commit = () => {
    const batch = open
    if (!batch) return
    open = null
    try {
      // 组里某条语句的错误（SQLITE_FULL、IOERR……）会让 SQLite 回滚整个事务：这一组里先前的写都没了，不能当作提交了。
      if (!db.inTransaction) throw new Error('这一组写入已被 SQLite 整体回滚，没有提交')
      hooks.beforeCommit?.()
      commitStmt.run()
      batch.resolve()
    } catch (error) {
      hooks.onAbandon?.()
      if (db.inTransaction) rollback.run()
      batch.reject(error)
      onFailure(error)
    }
  }

  return {
    join() {
      if (open && db.inTransaction) return
      // 别人开的事务（迁移、重算、脚本自己的 db.transaction）里：照常嵌套成保存点，随那个事务提交。
      if (!open && db.inTransaction) return
      if (open) commit() // 开着的组已被 SQLite 回滚：按失败了结，再开新的一组。
      begin.run()
      hooks.afterBegin?.()
      let resolve!: () => void
      let reject!: (error: unknown) => void
      const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
      // 没有人等这一组时，失败交给 onFailure，不算未处理的拒绝。
      done.catch(() => undefined)
      open = { done, resolve, reject }
      setImmediate(commit)
    },
    settled() {
      return open ? open.done : Promise.resolve()
    },
    flush: commit,
    isOpen: () => open !== null,
  }
}
