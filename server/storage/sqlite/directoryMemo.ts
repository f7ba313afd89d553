/**
 * 目录读结果的记忆（SQLite）：每条报事都要按楼栋码找楼、给本楼代表发提醒前读代表名单，这些几乎不变。
 * 记到有写为止，不按时间：
 * - 这个连接写小区、楼栋、成员表（directory.ts 的写、接受邀请加成员）时 clear()：移除成员在下一次调用就生效；
 * - 别的连接（另一个进程、脚本）提交过任何写时 PRAGMA data_version 会变，读之前比一下，变了就清空。
 * 成员关系本身（membershipsOf，决定谁能做什么）不记，每次都读。
 */
import type Database from 'better-sqlite3'

export interface DirectoryMemo {
  /** 按键记住 read 的结果；记忆作废之前同一个键不再读库。 */
  remember<T>(key: string, read: () => T): T
  clear(): void
  /** 看一眼别的连接提交过没有，提交过就清空（成组提交开组、拿到写锁之后调一次，见 index.ts）。 */
  sync(): void
}

/**
 * holdsWriteLock：这个连接此刻拿着写锁（成组提交开着的一组，BEGIN IMMEDIATE）。拿着写锁时别的连接提交不了，
 * 开组时已经 sync() 过，所以组里的读不再每次查 data_version（每条报事两次）。
 */
export function createDirectoryMemo(db: Database.Database, holdsWriteLock: () => boolean = () => false): DirectoryMemo {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  const memo = new Map<string, unknown>()
  let seenVersion = dataVersion.get()
  const sync = () => {
    const version = dataVersion.get()
    if (version !== seenVersion) {
      memo.clear()
      seenVersion = version
    }
  }
  return {
    sync,
    remember<T>(key: string, read: () => T): T {
      if (!holdsWriteLock()) sync()
      if (memo.has(key)) return memo.get(key) as T
      const value = read()
      memo.set(key, value)
      return value
    },
    clear() {
      memo.clear()
    },
  }
}
