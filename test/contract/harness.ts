/**
 * 存储端口的契约测试共用的东西：每个适配器提供一个 harness，同一组断言跑在每个适配器上
 * （SQLite 临时文件；真 wx-server-sdk 接执行器的云开发适配器）。每个端口一组契约。
 */
import { DEFAULT_OVERDUE_HOURS, type Report, type StatusChange } from '../../src/core/model'
import type { DirectoryStore, InviteStore, NoticeStore, PhotoCheckStore, ReportStore, TallyMaintenance, TallyReader, WorkLogStore } from '../../src/core/ports'
import type { TallyBucket } from '../../src/core/tally'

export type AllPorts = DirectoryStore & InviteStore & NoticeStore & WorkLogStore & ReportStore & PhotoCheckStore & TallyReader & TallyMaintenance

export interface StoreHarness {
  store: AllPorts
  /** 绕过端口直接改坏一个桶（count 为 null 即删掉），用来检验重算能发现并改正。 */
  corruptBucket(bucket: Omit<TallyBucket, 'count' | 'sum'> & { count: number | null; sum?: number }): Promise<void>
  dispose(): Promise<void> | void
}
export type OpenHarness = () => Promise<StoreHarness>

let serial = 0
export const aReport = (over: Partial<Report> = {}): Report => {
  serial++
  const createdAt = over.createdAt ?? `2026-11-${String(1 + (serial % 28)).padStart(2, '0')}T02:00:00.000Z`
  return {
    id: `rep${String(serial).padStart(6, '0')}`,
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'repair',
    category: 'elevator',
    text: '电梯按钮失灵',
    location: { scope: 'public', area: '电梯轿厢', detail: '' },
    anonymous: false,
    urgency: 'normal',
    contactPhone: '',
    photos: [],
    status: 'pending',
    assignee: null,
    mergedInto: null,
    followers: 0,
    reporterId: 'wang',
    requestId: `req-${serial}`,
    createdAt,
    updatedAt: createdAt,
    month: createdAt.slice(0, 7),
    ...over,
  }
}

/** 一次流转（没有请求编号、没有附带信息的，即代表的普通操作）。 */
export const aChange = (change: Omit<StatusChange, 'requestId' | 'details'> & Partial<Pick<StatusChange, 'requestId' | 'details'>>): StatusChange => ({
  requestId: '',
  details: {},
  ...change,
})

/** 每组契约开始时的小区与楼栋。 */
export async function seedDirectory(store: DirectoryStore) {
  await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
  await store.saveBuilding({ id: 'b2', communityId: 'c1', code: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 })
  await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
}

export const bucketLine = (b: Pick<TallyBucket, 'scope' | 'month' | 'metric' | 'count' | 'sum'>) => `${b.scope}|${b.month}|${b.metric}=${b.count}/${b.sum}`
export const sortedLines = (bs: TallyBucket[]) => bs.map(bucketLine).sort()

/**
 * 每个测试一个新的存储，放好小区与楼栋，测试后释放。返回的对象在每个 beforeEach 里换成新的 harness，
 * 所以契约里直接写 h.store；需要更多准备的契约在其后再注册自己的 beforeEach。
 */
export function freshStorePerTest(open: OpenHarness): StoreHarness {
  const h = {} as StoreHarness
  beforeEach(async () => {
    Object.assign(h, await open())
    await seedDirectory(h.store)
  })
  afterEach(() => h.dispose())
  return h
}
