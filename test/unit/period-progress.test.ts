/** 看板上还没过完的期间（src/core/dashboard/progress.ts）：按北京时间算到哪天，月初、月末、跨年的边上。 */
import { periodProgress, progressLabel } from '../../src/core/dashboard'
import { periodContaining } from '../../src/core/shared/time'

describe('periodProgress', () => {
  it('12 月 7 日：本月、本年没过完，上月、上年过完了', () => {
    const now = '2026-12-07T02:00:00.000Z'
    expect(periodProgress(periodContaining('2026-12', 'month'), now)).toEqual({ partial: true, through: '2026-12-07' })
    expect(periodProgress(periodContaining('2026-11', 'month'), now)).toEqual({ partial: false, through: null })
    expect(periodProgress(periodContaining('2026-12', 'year'), now)).toEqual({ partial: true, through: '2026-12-07' })
    expect(periodProgress(periodContaining('2025-12', 'year'), now)).toEqual({ partial: false, through: null })
  })

  it('按北京时间：UTC 11 月 30 日 16:30 已是北京的 12 月 1 日', () => {
    const now = '2026-11-30T16:30:00.000Z'
    expect(periodProgress(periodContaining('2026-11', 'month'), now)).toEqual({ partial: false, through: null })
    expect(periodProgress(periodContaining('2026-12', 'month'), now)).toEqual({ partial: true, through: '2026-12-01' })
  })

  it('名字：本月至今（12月1–7日）、本年至今（1月1日–12月7日）；过完的原样', () => {
    const now = '2026-12-07T02:00:00.000Z'
    const month = periodContaining('2026-12', 'month')
    expect(progressLabel('month', '2026年12月', periodProgress(month, now), month.start)).toBe('本月至今（12月1–7日）')
    const year = periodContaining('2026-12', 'year')
    expect(progressLabel('year', '2026年', periodProgress(year, now), year.start)).toBe('本年至今（1月1日–12月7日）')
    const last = periodContaining('2026-11', 'month')
    expect(progressLabel('month', '2026年11月', periodProgress(last, now), last.start)).toBe('2026年11月')
  })
})
