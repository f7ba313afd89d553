/** 工作台账的存储端口。 */
import type { WorkLogEntry } from './model'
import type { TallyDelta } from '../tally'
import type { HourlyLimit, LimitedIf } from '../shared/hourlyLimit'

/** 台账的查询：这些楼栋的，和（若给出）整个小区的。 */
export interface WorkLogQuery {
  communityId: string
  buildingIds: readonly string[]
  /** 是否也要面向整个小区（buildingId 为 null）的台账。 */
  includeCommunity: boolean
  kind?: WorkLogEntry['kind']
}

export interface WorkLogStore {
  /** 原子地插入台账并累加统计；同一人用同一请求编号重试时返回第一次的那条（created = false）。limit 同 insertNotice。 */
  insertWorkLog<L extends HourlyLimit | undefined = undefined>(
    entry: WorkLogEntry,
    deltas: TallyDelta[],
    limit?: L,
  ): Promise<{ entry: WorkLogEntry; created: boolean } | LimitedIf<L>>
  /**
   * 原子地整条替换并调整统计（编辑、整改隐患、删除都走这里）；只有存储里的 updatedAt 仍为 expectedUpdatedAt 时才生效，
   * 否则返回 false、什么都不改（两人同时改，后到的重读再改）。
   */
  replaceWorkLog(entry: WorkLogEntry, expectedUpdatedAt: string, deltas: TallyDelta[]): Promise<boolean>
  workLogById(id: string): Promise<WorkLogEntry | null>
  /** 没删除的台账，按日期新的在前（同日按 id）；before 为上一页最后一条。 */
  workLog(query: WorkLogQuery, limit: number, before?: WorkLogCursor): Promise<WorkLogEntry[]>
}

export interface WorkLogCursor {
  date: string
  id: string
}
