import {
  applyDeltas,
  binOf,
  bucketId,
  diffBuckets,
  isCleanDiff,
  medianBin,
  mergeDeltas,
  scopesOfCommunity,
  Totals,
  type TallyBucket,
} from '../../src/core/tally'

const b = (scope: TallyBucket['scope'], month: string, metric: string, count: number, sum = 0): TallyBucket => ({ scope, month, metric, count, sum })

describe('通用统计桶', () => {
  it('同一个桶的增量合并，次数与总量各自相加，归零的去掉', () => {
    const merged = mergeDeltas([
      b('building:b1', '2026-11', 'report.response.repair', 1, 90),
      b('building:b1', '2026-11', 'report.response.repair', 1, 30),
      b('building:b1', '2026-11', 'report.status.pending', 1),
      b('building:b1', '2026-11', 'report.status.pending', -1),
    ])
    expect(merged).toEqual([b('building:b1', '2026-11', 'report.response.repair', 2, 120)])
  })

  it('累加到已有的桶上；次数为零但总量不为零的桶保留', () => {
    const after = applyDeltas([b('community:c1', '2026-10', 'worklog.volunteer', 1, 120)], [b('community:c1', '2026-10', 'worklog.volunteer', -1, 0)])
    expect(after).toEqual([b('community:c1', '2026-10', 'worklog.volunteer', 0, 120)])
  })

  it('期间合计只算所给的月份与范围；小区 = 各楼栋 + 小区本身', () => {
    const buckets = [
      b('building:b1', '2026-10', 'report.received', 3),
      b('building:b2', '2026-10', 'report.received', 2),
      b('building:b1', '2026-09', 'report.received', 7),
      b('community:c1', '2026-10', 'worklog.patrol', 4),
      b('community:c2', '2026-10', 'worklog.patrol', 9),
      b('building:b1', '2026-10', 'report.category.elevator', 2),
      b('building:b1', '2026-10', 'report.category.parking', 1),
    ]
    const community = new Totals(buckets, ['2026-10'], scopesOfCommunity('c1', ['b1', 'b2']))
    expect(community.count('report.received')).toBe(5)
    expect(community.count('worklog.patrol')).toBe(4)
    expect(community.countsUnder('report.category.')).toEqual({ elevator: 2, parking: 1 })
    expect(new Totals(buckets, ['2026-09', '2026-10'], ['building:b1']).count('report.received')).toBe(10)
    expect(new Totals(buckets, ['2026-10']).measure('nothing')).toEqual({ count: 0, sum: 0 })
  })

  it('分箱：值落在第一个大于它的上界之前；中位数所在的箱', () => {
    expect([0, 59, 60, 239, 240, 100_000].map((v) => binOf(v, [60, 240]))).toEqual([0, 0, 1, 1, 2, 2])
    expect(medianBin([0, 0, 0])).toBeNull()
    expect(medianBin([1, 1, 1])).toBe(1)
    expect(medianBin([5, 0, 1])).toBe(0)
    expect(medianBin([1, 0, 5])).toBe(2)
  })

  it('差异：少了的、多了的、值不同的', () => {
    const expected = [b('building:b1', '2026-11', 'a', 1), b('building:b1', '2026-11', 'b', 2, 10)]
    const actual = [b('building:b1', '2026-11', 'b', 2, 11), b('building:b1', '2026-11', 'c', 1)]
    const diff = diffBuckets(actual, expected)
    expect(diff.missing.map(bucketId)).toEqual(['building:b1|2026-11|a'])
    expect(diff.extra.map(bucketId)).toEqual(['building:b1|2026-11|c'])
    expect(diff.different).toEqual([{ expected: expected[1], actual: actual[0] }])
    expect(isCleanDiff(diffBuckets(expected, [...expected].reverse()))).toBe(true)
  })
})
