/**
 * 领域需要的外部能力（端口）。适配器在边缘选择：本地用 SQLite，生产用云开发数据库。
 * 接口按领域的说法起名，而不是按表或集合。
 */
import type { Building, Community, Membership, Report, StatusChange } from './model'
import type { TallyBucket, TallyDelta } from './tally'
import type { ReportStatus } from './workflow'

export interface Clock {
  /** 当前时间，ISO 8601(UTC）。 */
  now(): string
}

export interface IdGenerator {
  newId(): string
}

export interface DirectoryStore {
  buildingByCode(code: string): Promise<Building | null>
  buildingById(id: string): Promise<Building | null>
  buildingsOfCommunity(communityId: string): Promise<Building[]>
  community(id: string): Promise<Community | null>
  membershipsOf(openid: string): Promise<Membership[]>
  saveCommunity(community: Community): Promise<void>
  saveBuilding(building: Building): Promise<void>
  addMembership(openid: string, membership: Membership): Promise<void>
}

export interface ReportStore {
  /**
   * 原子地插入报事并累加统计。同一报事人用同一请求编号重试时，不再插入，
   * 返回第一次存下的那条（created = false），统计也不再累加。
   */
  insertReport(report: Report, deltas: TallyDelta[]): Promise<{ report: Report; created: boolean }>
  /**
   * 原子地改变状态、留痕并调整统计；只有当前状态仍为 expected 时才生效（防并发覆盖），
   * 否则返回 false、什么都不改。
   */
  changeStatus(change: StatusChange, expected: ReportStatus, deltas: TallyDelta[]): Promise<boolean>
  reportById(id: string): Promise<Report | null>
  /** 某人提交的报事，新的在前；before 为上一页最后一条的 createdAt|id。 */
  reportsByReporter(openid: string, limit: number, before?: { createdAt: string; id: string }): Promise<Report[]>
  statusChangesOf(reportId: string): Promise<StatusChange[]>
}

export interface TallyStore {
  bucketsOf(buildingId: string, months: string[]): Promise<TallyBucket[]>
  /** 全部桶（用于与原始记录重算的结果比对）。 */
  allBuckets(): Promise<TallyBucket[]>
  allReports(): Promise<Report[]>
}

export interface Store extends DirectoryStore, ReportStore, TallyStore {}
