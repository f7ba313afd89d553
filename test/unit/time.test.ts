import fc from 'fast-check'
import { LONG_TIME } from '../../src/core/shared/subscribeMessage'
import {
  addMonths,
  formatChinaLongTime,
  formatChinaTime,
  monthOf,
  monthsIn,
  periodContaining,
  periodLabel,
  previousPeriod,
  startOfChinaMonth,
} from '../../src/core/shared/time'

describe('北京时间分月与期间', () => {
  it('UTC 16:00 之后已是北京时间的第二天，跨月也按北京时间算', () => {
    expect(monthOf('2026-10-31T15:59:59Z')).toBe('2026-10')
    expect(monthOf('2026-10-31T16:00:00Z')).toBe('2026-11')
    expect(() => monthOf('昨天')).toThrow('无效的时间')
  })

  it('月份加减跨年', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-11', 14)).toBe('2028-01')
  })

  it('某月开始的时刻是北京时间该月 1 日 0 点，这一刻起 monthOf 才是该月', () => {
    expect(startOfChinaMonth('2026-01')).toBe('2025-12-31T16:00:00.000Z')
    expect(monthOf(startOfChinaMonth('2026-11'))).toBe('2026-11')
    expect(monthOf(new Date(Date.parse(startOfChinaMonth('2026-11')) - 1).toISOString())).toBe('2026-10')
  })

  it('季度、半年、年度及其上一期', () => {
    const q3 = periodContaining('2026-08', 'quarter')
    expect(q3).toEqual({ kind: 'quarter', start: '2026-07', end: '2026-09' })
    expect(periodLabel(q3)).toBe('2026年第3季度')
    expect(previousPeriod(q3)).toEqual({ kind: 'quarter', start: '2026-04', end: '2026-06' })
    expect(periodLabel(periodContaining('2026-08', 'half'))).toBe('2026年下半年')
    expect(monthsIn(periodContaining('2026-08', 'year'))).toHaveLength(12)
  })

  it('显示时间不受设备时区影响', () => {
    expect(formatChinaTime('2026-11-21T02:03:04Z')).toBe('11月21日 10:03')
  })

  it('订阅消息的时间（不经 dayjs）与 dayjs 按"YYYY年M月D日 HH:mm"格式化的逐字相同：北京时间的日、月、年边界前后与任意时刻', () => {
    const same = (iso: string) => expect(formatChinaLongTime(iso)).toBe(formatChinaTime(iso, LONG_TIME))
    // 北京时间 0 点是 UTC 16:00：每个边界的前一毫秒、当刻、后一分钟；含闰日、年末、个位数的月日时分。
    for (const day of ['2026-12-31', '2027-01-31', '2028-02-28', '2028-02-29', '2026-06-30', '2026-09-09', '1999-12-31', '2099-12-31']) {
      const midnight = Date.parse(`${day}T16:00:00.000Z`)
      for (const offset of [-60_001, -1, 0, 1, 59_999, 60_000, 9 * 3_600_000 + 5 * 60_000]) same(new Date(midnight + offset).toISOString())
    }
    same('2026-11-21T02:03:04Z')
    same('2026-11-21T02:03:04+08:00')
    same('不是时间')
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2100-12-31T00:00:00Z') }), (ms) => {
        same(new Date(ms).toISOString())
      }),
      { numRuns: 5_000 },
    )
  })
})
