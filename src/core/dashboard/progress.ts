/**
 * 还没过完的期间：本月（本年）到今天为止的数，与上月（上年）全月的数不是一回事——12 月 7 日的办结率
 * 是 7 天收到的报事、多数还在处理，拿去和上月 30 天的比，"较上月低 35 个百分点"是假警报。
 * 看板据此把这样的期间标成"本月至今（1–7 日）"，比较只列上期的数、不说升降（页面用中性色）。
 * 纯函数：此刻由调用方给（时钟端口）。
 */
import { dateOf, monthOf, type Period } from '../shared/time'

export interface PeriodProgress {
  /** 期间还没过完（此刻在期间之内）。 */
  partial: boolean
  /** 还没过完时算到哪天（北京时间 YYYY-MM-DD，含这天）；过完了为 null。 */
  through: string | null
}

export function periodProgress(period: Pick<Period, 'start' | 'end'>, now: string): PeriodProgress {
  const month = monthOf(now)
  const partial = period.start <= month && month <= period.end
  return { partial, through: partial ? dateOf(now) : null }
}

/** "本月至今（12月1–7日）"、"本年至今（1月1日–12月7日）"；过完了的期间原样用它的名字。 */
export function progressLabel(kind: Period['kind'], label: string, progress: PeriodProgress, startMonth: string): string {
  if (!progress.partial || !progress.through) return label
  const [, m, d] = progress.through.split('-').map(Number)
  const startM = Number(startMonth.slice(5))
  const range = kind === 'month' ? `${m}月1–${d}日` : `${startM}月1日–${m}月${d}日`
  return `${kind === 'month' ? '本月' : kind === 'year' ? '本年' : label}至今（${range}）`
}
