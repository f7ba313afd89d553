/**
 * 报事表的索引只留查询用得到的：每条报事要写每一个索引（它是本地宿主报事最大的一块写入）。
 * 这里列出存储里对报事表的每一种查询（与 server/storage/sqlite 的 reports.ts、summary.ts 同样的 SQL 形状），
 * 用 EXPLAIN QUERY PLAN 看它们走哪个索引：每个索引至少有一条查询用到，每条按键查的查询都走索引（只有全表重算是扫描）；
 * 再经真实的提交用例存一条报事，数它写进了几个索引（部分索引按它自己的条件判断这一行在不在里面）。
 */
import { createFixture } from './fixture'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'

const QUERIES: Record<string, string> = {
  按请求编号读回: 'SELECT * FROM reports WHERE reporter_id = ? AND request_id = ?',
  按编号: 'SELECT * FROM reports WHERE id = ?',
  报事的每小时额度: 'SELECT COUNT(*) AS n FROM reports WHERE reporter_id = ? AND created_at >= ?',
  我报的: 'SELECT * FROM reports WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  我报的下一页: 'SELECT * FROM reports WHERE reporter_id = ? AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?',
  我关注的: 'SELECT r.* FROM follows f JOIN reports r ON r.id = f.report_id WHERE f.openid = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?',
  队列: 'SELECT * FROM reports INDEXED BY reports_by_building_status WHERE building_id IN (?) AND status IN (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?',
  超时计数:
    'SELECT COUNT(*) AS n FROM reports INDEXED BY reports_by_building_status WHERE building_id IN (?) AND status IN (?, ?) AND ((urgency = ? AND created_at < ?) OR (urgency = ? AND created_at < ?))',
  典型案例_关注最多:
    'SELECT * FROM reports INDEXED BY reports_case_followed WHERE building_id = ? AND month = ? AND status = ? AND followers > 0 ORDER BY followers DESC, created_at LIMIT ?',
  典型案例_最快:
    "SELECT * FROM reports INDEXED BY reports_case_fastest WHERE building_id = ? AND month = ? AND urgency = 'urgent' AND handling_minutes IS NOT NULL ORDER BY handling_minutes, created_at LIMIT ?",
  典型案例_最久未办:
    'SELECT * FROM reports INDEXED BY reports_by_building_status WHERE building_id = ? AND status = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT ?',
  数字背后的报事: 'SELECT * FROM reports INDEXED BY reports_trace WHERE building_id IN (?) AND month IN (?) ORDER BY created_at, id LIMIT ?',
}

let store: SqliteStore
beforeAll(() => {
  store = openSqliteStore(':memory:')
})
afterAll(() => store.close())

const planOf = (sql: string) =>
  store.db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x'))
    .map((r) => r.detail)

describe('报事表的索引', () => {
  it('每条按键的查询都走索引，不扫全表', () => {
    const scans = Object.entries(QUERIES).filter(([, sql]) => planOf(sql).some((d) => /^SCAN reports\b|^SCAN r\b/.test(d)))
    expect(scans).toEqual([])
  })

  it('每个索引都有查询用到；没有查询用到的两个（按报事人与时间、按楼栋与月份）由迁移 11 删掉', () => {
    const indexes = store.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports' ORDER BY name")
      .all()
      .map((r) => r.name)
    expect(indexes).not.toContain('reports_by_reporter_time')
    expect(indexes).not.toContain('reports_by_building_month')
    // 按报事人查的都走（报事人，请求编号）的唯一索引（迁移 16）。
    expect(indexes).not.toContain('reports_by_reporter')
    const used = new Set(Object.values(QUERIES).flatMap((sql) => planOf(sql).flatMap((d) => /USING (?:COVERING )?INDEX (\S+)/.exec(d)?.[1] ?? [])))
    expect(indexes.filter((name) => !used.has(name))).toEqual([])
  })

  it('刚提交的报事只写 4 个索引：主键、（报事人，请求编号）、队列与计数、数字背后（迁移 14 之前是 7 个，迁移 16 之前是 5 个）', async () => {
    const fx = createFixture()
    try {
      await fx.ready
      const id = await fx.file('resident_wang')
      const db = fx.store.db
      const indexes = db.prepare<[], { name: string; partial: number }>("SELECT name, partial FROM pragma_index_list('reports')").all()
      const holdsRow = (name: string, partial: number) => {
        if (!partial) return true
        const sql = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name)!.sql
        const where = /\bWHERE\b([\s\S]*)$/i.exec(sql)![1]
        return db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM reports WHERE id = ? AND (${where})`).get(id)!.n === 1
      }
      const written = indexes.filter((i) => holdsRow(i.name, i.partial)).map((i) => i.name)
      expect(written.filter((n) => !n.startsWith('sqlite_autoindex')).sort()).toEqual(['reports_by_building_status', 'reports_trace'])
      expect(written.filter((n) => n.startsWith('sqlite_autoindex'))).toHaveLength(2)
    } finally {
      fx.cleanup()
    }
  })
})
