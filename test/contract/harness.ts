/**
 * 存储端口的契约测试共用的东西：每个适配器提供一个 harness，同一组断言跑在每个适配器上
 * （SQLite 临时文件；真 wx-server-sdk 接执行器的云开发适配器）。每个端口一组契约。
 */
import { DEFAULT_OVERDUE_HOURS, type Invite } from '../../src/core/directory'
import { type Notice } from '../../src/core/notices'
import { type Report, type StatusChange } from '../../src/core/reports'
import { type Survey, type SurveyAnswer, satisfactionTemplate } from '../../src/core/surveys'
import { type WorkLogEntry } from '../../src/core/worklog'
import type { DirectoryStore, InviteStore } from '../../src/core/directory'
import type { NoticeStore } from '../../src/core/notices'
import type { PhotoCheckStore, ReportStore } from '../../src/core/reports'
import type { SummaryStore } from '../../src/core/summaryDocument'
import type { SurveyStore } from '../../src/core/surveys'
import type { TallyFolder, TallyReader, TallyBucket } from '../../src/core/tally'
import type { TallyMaintenance } from '../../src/core/recount'
import type { WorkLogStore } from '../../src/core/worklog'
import { recountAll } from '../../src/core/recount'

export type AllPorts = DirectoryStore &
  InviteStore &
  NoticeStore &
  WorkLogStore &
  SurveyStore &
  SummaryStore &
  ReportStore &
  PhotoCheckStore &
  TallyReader &
  TallyMaintenance &
  TallyFolder

export interface StoreHarness {
  store: AllPorts
  /** 绕过端口直接改坏一个桶（count 为 null 即删掉），用来检验重算能发现并改正。 */
  corruptBucket(bucket: Omit<TallyBucket, 'count' | 'sum'> & { count: number | null; sum?: number }): Promise<void>
  /** 只有先记事件、再归并的适配器有：让下一次归并在某一步被杀，和拨快时钟（租约、事务时限）。 */
  foldFaults?: {
    killAt(stage: 'beforeCommit' | 'afterCommit'): void
    /** 等到被杀的那个请求已经发出（之后它永远不返回）。 */
    untilStuck(): Promise<void>
    /** 下一次归并挑好一批事件后停住，直到 resume（一个慢了、租约过期还在跑的归并）。 */
    pauseAfterEventsRead(): { reached: Promise<void>; resume(): void }
    advance(ms: number): void
  }
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

/** 一条公告：默认面向 1 号楼、不置顶、不过期，发布于 2026-11-20。 */
export const aNotice = (over: Partial<Notice> = {}): Notice => {
  serial++
  const publishedAt = over.publishedAt ?? '2026-11-20T02:00:00.000Z'
  return {
    id: `not${String(serial).padStart(6, '0')}`,
    communityId: 'c1',
    wholeCommunity: false,
    targets: [{ buildingId: 'b1', households: 108 }],
    title: '停水通知',
    body: '本周六上午 9:00–12:00 停水检修，请提前储水。',
    images: [],
    pinned: false,
    expiresAt: null,
    status: 'published',
    signedAs: '1号楼业主代表 李老师',
    authorId: 'li',
    requestId: `nreq-${serial}`,
    publishedAt,
    withdrawnAt: null,
    month: publishedAt.slice(0, 7),
    ...over,
  }
}

/** 一条台账：默认 1 号楼的一次巡查，发现两处隐患、整改了一处。 */
export const anEntry = (over: Partial<WorkLogEntry> = {}): WorkLogEntry => {
  serial++
  const date = over.date ?? '2026-11-18'
  return {
    id: `wl${String(serial).padStart(6, '0')}`,
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'inspection',
    date,
    month: date.slice(0, 7),
    note: '楼道巡查',
    photos: [],
    reportIds: [],
    details: {
      kind: 'inspection',
      area: '楼道',
      hazards: [
        { id: 'h1', text: '灭火器过期', fixedOn: '2026-11-19' },
        { id: 'h2', text: '消防通道堆物', fixedOn: null },
      ],
    },
    authorId: 'li',
    requestId: `wreq-${serial}`,
    createdAt: '2026-11-18T06:00:00.000Z',
    updatedAt: '2026-11-18T06:00:00.000Z',
    removedAt: null,
    ...over,
  }
}

/** 一份问卷：默认按物业服务满意度模板、面向 1、2 号楼，11 月 10 日开始、11 月 24 日截止。 */
export const aSurvey = (over: Partial<Survey> = {}): Survey => {
  serial++
  const opensAt = over.opensAt ?? '2026-11-10T00:00:00.000Z'
  return {
    id: `sv${String(serial).padStart(6, '0')}`,
    communityId: 'c1',
    wholeCommunity: true,
    targets: [
      { buildingId: 'b1', households: 108 },
      { buildingId: 'b2', households: 44 },
    ],
    title: '2026 年 11 月物业服务满意度调查',
    template: 'property_satisfaction',
    questions: satisfactionTemplate(),
    opensAt,
    closesAt: '2026-11-24T00:00:00.000Z',
    closedAt: null,
    minAnswers: 5,
    authorId: 'li',
    requestId: `sreq-${serial}`,
    createdAt: opensAt,
    month: opensAt.slice(0, 7),
    ...over,
  }
}

/** 一份答卷：七个维度都打 score 分，推荐意愿 nps 分，写一条建议。 */
export const anAnswer = (survey: Pick<Survey, 'id'>, openid: string, over: Partial<SurveyAnswer> & { score?: number; nps?: number } = {}): SurveyAnswer => {
  serial++
  const { score = 4, nps = 9, ...rest } = over
  return {
    surveyId: survey.id,
    openid,
    buildingId: 'b1',
    unit: '2',
    room: '1302',
    values: { q1: score, q2: score, q3: score, q4: score, q5: score, q6: score, q7: score, q8: nps, q9: '楼道灯希望换成感应的' },
    requestId: `areq-${serial}`,
    at: '2026-11-12T02:00:00.000Z',
    viaShare: false,
    ...rest,
  }
}

/** 一张邀请码：默认邀请 1 号楼的代表，48 小时有效。 */
export const anInvite = (over: Partial<Invite> = {}): Invite => ({
  code: 'ABCD2345',
  communityId: 'c1',
  role: 'representative',
  buildingId: 'b1',
  body: null,
  createdBy: 'admin_zhou',
  createdAt: '2026-11-20T02:00:00.000Z',
  expiresAt: '2026-11-22T02:00:00.000Z',
  acceptedBy: null,
  acceptedAt: null,
  revokedAt: null,
  ...over,
})

/** 存储里的每个桶与从原始记录独立重算的桶逐一相同。 */
export async function expectTalliesMatchRecount(store: AllPorts) {
  expect(sortedLines(await store.allBuckets())).toEqual(sortedLines(recountAll(await store.rawRecords())))
}

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
