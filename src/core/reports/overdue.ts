/**
 * 超时：提交后超过所在小区为该紧急程度定的小时数仍未办结（仍在待受理、已受理、处理中）。
 * 时刻由调用方给出（用例从时钟端口取），这里不读时钟。
 */
import { URGENCIES, type Urgency } from '../shared/catalog'
import type { OverdueLimits } from '../directory'
import type { Report } from './model'
import { HOUR_MS } from '../shared/time'
import { STATUS_GROUP } from './workflow'

/** 各紧急程度的界限时刻：提交早于它、仍未办结的就是超时。 */
export function overdueCutoffs(limits: OverdueLimits, now: string): Record<Urgency, string> {
  const at = Date.parse(now)
  return Object.fromEntries(URGENCIES.map((u) => [u, new Date(at - limits[u] * HOUR_MS).toISOString()])) as Record<Urgency, string>
}

export function isOverdue(report: Pick<Report, 'status' | 'urgency' | 'createdAt'>, limits: OverdueLimits, now: string): boolean {
  return STATUS_GROUP[report.status] === 'open' && Date.parse(report.createdAt) + limits[report.urgency] * HOUR_MS < Date.parse(now)
}
