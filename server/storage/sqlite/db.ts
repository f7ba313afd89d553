/** SQLite：打开数据库文件（WAL），并执行尚未执行的迁移。 */
import Database from 'better-sqlite3'
import { migrate } from './migrations'

export function openDatabase(file: string): Database.Database {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  migrate(db)
  return db
}
