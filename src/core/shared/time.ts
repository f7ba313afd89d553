/**
 * 时间的纯函数。领域里不读时钟："现在"总是由调用方传入。
 * 统计按北京时间（UTC+8，无夏令时）分月，与居民的直觉一致。
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** 一小时的毫秒数（限额窗口、超时、邀请有效期都按它算）。 */
export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
/** 北京时间比 UTC 早 8 小时。 */
export const CHINA_OFFSET_MS = 8 * HOUR_MS
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

/** ISO 时间点 → 北京时间所在月份 'YYYY-MM'。 */
export function monthOf(isoInstant: string): string {
  const ms = Date.parse(isoInstant)
  if (Number.isNaN(ms)) throw new Error(`无效的时间：${isoInstant}`)
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 7)
}

/** ISO 时间点 → 北京时间的日期 'YYYY-MM-DD'。 */
export function dateOf(isoInstant: string): string {
  const ms = Date.parse(isoInstant)
  if (Number.isNaN(ms)) throw new Error(`无效的时间：${isoInstant}`)
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD' 且是日历上真有的一天（2026-02-30 不算）。 */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const ms = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value
}

/** 北京时间某日开始的时刻（当天 0 点，ISO UTC）。 */
export function startOfChinaDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString()
}

/** 北京时间某月（'YYYY-MM'）第一天开始的时刻（ISO UTC）。 */
export function startOfChinaMonth(month: string): string {
  return startOfChinaDay(`${month}-01`)
}

/** endOfChinaDay 的反面：截止、过期时刻（次日 0 点）所在的"最后一天"，按 pattern 显示（页面上写"截止 11月28日"）。 */
export function lastDayOf(endInstant: string, pattern = 'M月D日'): string {
  return formatChinaTime(new Date(Date.parse(endInstant) - 1).toISOString(), pattern)
}

/** 北京时间某日结束的时刻（次日 0 点，ISO UTC）：过期日"含当天"。 */
export function endOfChinaDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 3600_000 - CHINA_OFFSET_MS).toISOString()
}

export function isMonth(value: string): boolean {
  return MONTH_RE.test(value)
}

/** 'YYYY-MM' 加减 n 个月。 */
export function addMonths(month: string, n: number): string {
  const m = MONTH_RE.exec(month)
  if (!m) throw new Error(`无效的月份：${month}`)
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n
  const year = Math.floor(index / 12)
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`
}

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year'
export interface Period {
  kind: PeriodKind
  /** 期末所在的月份，例如 2026 年第三季度为 '2026-09'。 */
  start: string
  end: string
}

/** 包含某月的自然月/季度/半年/年度。 */
export function periodContaining(month: string, kind: PeriodKind): Period {
  const [y, mo] = month.split('-').map(Number)
  const size = { month: 1, quarter: 3, half: 6, year: 12 }[kind]
  const startMonthIndex = Math.floor((mo - 1) / size) * size
  const start = `${y}-${String(startMonthIndex + 1).padStart(2, '0')}`
  return { kind, start, end: addMonths(start, size - 1) }
}

/** 期间内的所有月份，按时间顺序；一个期间最多 12 个月。 */
export function monthsIn(period: Pick<Period, 'start' | 'end'>): string[] {
  const months: string[] = []
  for (let m = period.start; m <= period.end && months.length < 12; m = addMonths(m, 1)) months.push(m)
  return months
}

/** 上一个同样长度的期间（环比）。 */
export function previousPeriod(period: Period): Period {
  const length = monthsIn(period).length
  return { kind: period.kind, start: addMonths(period.start, -length), end: addMonths(period.start, -1) }
}

export function periodLabel(period: Period): string {
  const [y, m] = period.start.split('-').map(Number)
  switch (period.kind) {
    case 'month':
      return `${y}年${m}月`
    case 'quarter':
      return `${y}年第${Math.floor((m - 1) / 3) + 1}季度`
    case 'half':
      return `${y}年${m <= 6 ? '上' : '下'}半年`
    case 'year':
      return `${y}年`
  }
}

/** 界面显示用：'2026-11-21T02:03:04Z' → '11月21日 10:03'（北京时间，不受设备时区影响）。 */
export function formatChinaTime(isoInstant: string, pattern = 'M月D日 HH:mm'): string {
  return dayjs
    .utc(isoInstant)
    .utcOffset(8 * 60)
    .format(pattern)
}

/**
 * 北京时间的"2026年11月21日 09:30"（订阅消息的 time 字段）：与 formatChinaTime(x, 'YYYY年M月D日 HH:mm') 逐字相同，
 * 只是不经 dayjs——每条报事都要给每位代表生成一次提醒，dayjs 的解析与格式化是提交里数得着的一块 CPU。
 */
export function formatChinaLongTime(isoInstant: string): string {
  const ms = Date.parse(isoInstant)
  if (Number.isNaN(ms)) return 'Invalid Date'
  const t = new Date(ms + CHINA_OFFSET_MS)
  const hh = t.getUTCHours()
  const mm = t.getUTCMinutes()
  return `${String(t.getUTCFullYear()).padStart(4, '0')}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`
}

/** 时长（分钟）→ 中文："35 分钟"、"5.5 小时"、"2.3 天"。总结与页面共用，口径一致。 */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`
  if (minutes < 48 * 60) return `${Math.round((minutes / 60) * 10) / 10} 小时`
  return `${Math.round((minutes / 1440) * 10) / 10} 天`
}

/** 两个月份之间（含两端）的月数；end 早于 start 为 0。 */
export function monthCount(start: string, end: string): number {
  if (!isMonth(start) || !isMonth(end)) throw new Error(`无效的月份：${start}–${end}`)
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))
  return Math.max(0, index(end) - index(start) + 1)
}

/** 自定义期间的上限：统计按月桶求和，一个期间最多 12 个月。 */
export const MAX_RANGE_MONTHS = 12

/** 自定义期间（起止月份，含两端）。 */
export interface MonthRange {
  start: string
  end: string
}

/** 核对自定义期间：月份有效、不倒置、不超过 12 个月；不合格时给出中文原因。 */
export function checkRange(range: MonthRange): string | null {
  if (!isMonth(range.start) || !isMonth(range.end)) return '请选择有效的起止月份'
  const n = monthCount(range.start, range.end)
  if (n === 0) return '结束月份不能早于开始月份'
  if (n > MAX_RANGE_MONTHS) return `自定义期间最多 ${MAX_RANGE_MONTHS} 个月`
  return null
}

/** 上一个同样长度的期间（环比），对任意起止月份都成立。 */
export function previousRange(range: MonthRange): MonthRange {
  const length = monthCount(range.start, range.end)
  return { start: addMonths(range.start, -length), end: addMonths(range.start, -1) }
}

/** 去年的同样几个月（同比）。 */
export function rangeYearBefore(range: MonthRange): MonthRange {
  return { start: addMonths(range.start, -12), end: addMonths(range.end, -12) }
}

/** 自定义期间的名称："2026年3月至7月"、"2025年11月至2026年2月"；只有一个月时同月度。 */
export function rangeLabel(range: MonthRange): string {
  const [y1, m1] = range.start.split('-').map(Number)
  const [y2, m2] = range.end.split('-').map(Number)
  if (range.start === range.end) return `${y1}年${m1}月`
  return y1 === y2 ? `${y1}年${m1}月至${m2}月` : `${y1}年${m1}月至${y2}年${m2}月`
}
