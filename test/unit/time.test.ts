import { addMonths, formatChinaTime, monthOf, monthsIn, periodContaining, periodLabel, previousPeriod, startOfChinaMonth } from '../../src/core/shared/time'

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
})
