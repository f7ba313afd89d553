/**
 * SQLite 的统计增量（server/storage/sqlite/tally.ts）：一次写入的增量是一条多行 upsert；减成 0 / 0 的桶删掉，存着的桶里没有空桶。
 * 对照是直接读表（不是同一段代码算出来的）。
 */
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import { tallyDeltaRecorder } from '../../server/storage/sqlite/tally'
import type { TallyDelta } from '../../src/core/tally'

let store: SqliteStore
let record: (deltas: TallyDelta[]) => void
const rows = () => store.db.prepare('SELECT scope, month, metric, count, sum FROM tally_buckets ORDER BY scope, month, metric').all()
const d = (metric: string, count: number, sum = 0): TallyDelta => ({ scope: 'building:b1', month: '2026-12', metric, count, sum })

beforeEach(() => {
  store = openSqliteStore(':memory:')
  record = tallyDeltaRecorder(store.db)
})
afterEach(() => store.close())

describe('统计增量的多行 upsert', () => {
  it('一次写入的几个桶各加各的；同一个桶的几个增量都加上', () => {
    record([d('a', 1), d('b', 1, 30), d('a', 1), d('c', 2, 7)])
    record([d('a', 1), d('b', 1, 10)])
    expect(rows()).toEqual([
      { scope: 'building:b1', month: '2026-12', metric: 'a', count: 3, sum: 0 },
      { scope: 'building:b1', month: '2026-12', metric: 'b', count: 2, sum: 40 },
      { scope: 'building:b1', month: '2026-12', metric: 'c', count: 2, sum: 7 },
    ])
  })

  it('减成 0 / 0 的桶删掉，没减空的留着；净增量为 0 的新桶不留', () => {
    record([d('a', 1), d('b', 2, 50)])
    record([d('a', -1), d('b', -1, -20), d('c', 1), d('c', -1)])
    expect(rows()).toEqual([{ scope: 'building:b1', month: '2026-12', metric: 'b', count: 1, sum: 30 }])
    record([d('b', -1, -30)])
    expect(rows()).toEqual([])
  })

  it('同一个桶的几个增量不先合并也对：件数与合计一正一负、合起来把桶减空时照样删掉', () => {
    record([d('a', 1, 5)])
    record([d('a', -2, 1), d('a', 1, -6)])
    expect(rows()).toEqual([])
    record([d('b', 2, 0), d('b', -1, 3), d('b', 0, 0)])
    expect(rows()).toEqual([{ scope: 'building:b1', month: '2026-12', metric: 'b', count: 1, sum: 3 }])
  })

  it('超过一条语句的桶数（50）时分几条写，一个不少', () => {
    record(Array.from({ length: 120 }, (_, i) => d(`m${String(i).padStart(3, '0')}`, 1, i)))
    const all = rows() as { count: number; sum: number }[]
    expect(all).toHaveLength(120)
    expect(all.reduce((s, r) => s + r.sum, 0)).toBe((119 * 120) / 2)
  })
})
