/**
 * 比率：总是带分子分母，分母小时标注"样本较少"。两个报事比率只在这里定义，页面与总结都用它们：
 *   - 办结率：已办结（待确认 + 已解决）/（收到 − 已隐藏 − 重复）。代表标记"已处理"就算办结；
 *     重复的并进了另一条，不是另一个问题；不予受理的留在分母里（没有办结）。
 *   - 解决率：居民确认已解决 / 已办结。只有报事人说"解决了"才算解决。
 */

/** 样本小于这个数时，比率要标注"样本较少"，避免 1/1 = 100% 这种误导。 */
export const SMALL_SAMPLE = 10

export interface Rate {
  numerator: number
  denominator: number
  /** 整数百分比；分母为 0 时为 null（显示为"—"，而不是 0%）。 */
  percent: number | null
  smallSample: boolean
}

export function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 100),
    smallSample: denominator < SMALL_SAMPLE,
  }
}

/** "办结率 86%（43/50）"，样本少时加注。 */
export function formatRate(label: string, r: Rate): string {
  if (r.percent === null) return `${label} —（暂无数据）`
  return `${label} ${r.percent}%（${r.numerator}/${r.denominator}）${r.smallSample ? '，样本较少' : ''}`
}

export const RATE_LABELS = {
  completion: '办结率',
  resolution: '解决率',
  firstTime: '一次解决率',
} as const

/** 计算两个报事比率需要的三个数。 */
export interface ReportOutcomeCounts {
  received: number
  hidden: number
  duplicate: number
  awaitingConfirmation: number
  resolved: number
}

/** 办结率：已办结（待确认 + 已解决）/（收到 − 已隐藏 − 重复）。 */
export function completionRate(c: ReportOutcomeCounts): Rate {
  return rate(c.awaitingConfirmation + c.resolved, c.received - c.hidden - c.duplicate)
}

/** 解决率：居民确认已解决 / 已办结（待确认 + 已解决）。 */
export function resolutionRate(c: ReportOutcomeCounts): Rate {
  return rate(c.resolved, c.awaitingConfirmation + c.resolved)
}

/**
 * 按户的比率：居民知晓率（读过公告的人 / 应知的户数）与问卷答卷率（答卷 / 户数）。一户可能几个人读、几个人答，
 * 分子可以多于户数：百分比封顶 100（评判与比较用它），文字里不写百分比而写人数（份数）与户数（见 readRateText）。
 */
export function readRate(readers: number, households: number): Rate {
  const r = rate(readers, households)
  return r.percent !== null && r.percent > 100 ? { ...r, percent: 100 } : r
}

/** 按户的比率数的是什么：公告数读过的人，问卷数收到的答卷。 */
export interface PerHouseholdWording {
  counted: string
  unit: string
  /** 多条公告（多份问卷）合计时的单位。 */
  summedUnit: string
  /** 合计时的分母："应知的 24 户次"。 */
  expected: string
  why: string
}
export const READ_WORDING: PerHouseholdWording = { counted: '读过', unit: '人', summedUnit: '人次', expected: '应知', why: '一户可能多人读' }
export const ANSWER_WORDING: PerHouseholdWording = { counted: '收到', unit: '份', summedUnit: '份', expected: '应答', why: '一户可能多人答' }

/**
 * 分子多于户数时的说法："读过 30 人（超过 24 户，一户可能多人读）"、"收到 30 份（超过 24 户，一户可能多人答）"；
 * 多条公告（多份问卷）的合计按户次说。没有多于户数为 null。
 */
export function overReadText(r: Rate, summed = false, wording: PerHouseholdWording = READ_WORDING): string | null {
  if (r.denominator === 0 || r.numerator <= r.denominator) return null
  const { counted, unit, summedUnit, expected, why } = wording
  return summed
    ? `${counted} ${r.numerator} ${summedUnit}（超过${expected}的 ${r.denominator} 户次，${why}）`
    : `${counted} ${r.numerator} ${unit}（超过 ${r.denominator} 户，${why}）`
}

/** 看板与总结里的知晓率、答卷率："公告知晓率 11%（12/108）"；分子多于户数时不写百分比。 */
export function formatReadRate(label: string, r: Rate, summed = false, wording: PerHouseholdWording = READ_WORDING): string {
  const over = overReadText(r, summed, wording)
  return over ? `${label} ${over}`.trim() : formatRate(label, r).trim()
}

/** 公告列表、问卷列表里一栋楼（或合计）的比率："12/108 户 11%"，样本少时加注；分子多于户数时不写百分比。 */
export function readRateText(r: Rate, wording: PerHouseholdWording = READ_WORDING): string {
  return overReadText(r, false, wording) ?? householdRateText(r)
}

/** "12/108 户 11%"，样本少时加注（分子可能多于户数的用 readRateText）。 */
export function householdRateText(r: Rate): string {
  const percent = r.percent === null ? '—' : `${r.percent}%`
  return `${r.numerator}/${r.denominator} 户 ${percent}${r.smallSample && r.denominator > 0 ? '（样本较少）' : ''}`
}
