/**
 * 总结测试的共用部分（不是测试文件）：
 *   - 一个可复现的合成小区（种子随机数写出原始记录：报事与流转、关注、台账、公告与阅读、问卷与答卷）；
 *   - 把原始记录按生产的增量函数逐条重放成统计桶（写入时那条路）；
 *   - 由桶与记录组装起草器的输入；
 *   - 独立的核对器（oracle）：对文档里的每个数字，直接从原始记录数出应有的值，不经过桶与 Totals。
 */
import {
  CATEGORY_IDS,
  MEDIATION_OUTCOMES,
  type CategoryId,
  type MeetingType,
  type ReportKind,
  type SatisfactionDimension,
  type Urgency,
} from '../../src/core/shared/catalog'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import {
  type Follow,
  type Report,
  type StatusChange,
  deltasForFollow,
  deltasForNewReport,
  deltasForStatusChange,
  transition,
  type ReportAction,
  type ReportStatus,
} from '../../src/core/reports'
import { type Notice, type NoticeRead, deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { type Survey, type SurveyAnswer, deltasForAnswer, deltasForSurvey, releasedOver, satisfactionTemplate, surveyResults } from '../../src/core/surveys'
import { type WorkLogDetails, type WorkLogEntry, deltasForNewWorkLog, deltasForWorkLogChange } from '../../src/core/worklog'
import { recountAll } from '../../src/core/recount'
import type { CaseCandidate, SummaryFacts, SummaryKind, SummaryPeriod } from '../../src/core/summaryDocument'
import { applyDeltas, buildingScope, communityScope, Totals, type Scope, type TallyBucket } from '../../src/core/tally'
import { addMonths } from '../../src/core/shared/time'

export interface World {
  reports: Report[]
  changes: StatusChange[]
  follows: Follow[]
  notices: Notice[]
  reads: NoticeRead[]
  workLog: WorkLogEntry[]
  surveys: Survey[]
  answers: SurveyAnswer[]
}
export const emptyWorld = (): World => ({ reports: [], changes: [], follows: [], notices: [], reads: [], workLog: [], surveys: [], answers: [] })

export const COMMUNITY = 'c1'
export const BUILDINGS = [
  { id: 'b1', name: '1号楼', households: 108 },
  { id: 'b2', name: '2号楼', households: 44 },
  { id: 'b3', name: '3号楼', households: 60 },
]

/** mulberry32：小而可复现的随机数。 */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
const MIN = 60_000

// —— 原始记录的构造 ——

let serial = 0
export function newReport(w: World, over: Partial<Report> & { createdAt: string }): Report {
  serial++
  const r: Report = {
    id: `r${String(serial).padStart(5, '0')}`,
    communityId: COMMUNITY,
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
    reporterId: `u${serial}`,
    requestId: `req-${serial}`,
    updatedAt: over.createdAt,
    month: over.createdAt.slice(0, 7),
    ...over,
  }
  w.reports.push(r)
  return r
}

/** 做一个动作（经 workflow 核准）；at 为分钟偏移。不允许的动作直接报错，免得测试数据悄悄不对。 */
export function act(w: World, r: Report, action: ReportAction, afterMinutes: number, rating?: { speed: number; attitude: number; effect: number }) {
  const last = w.changes.filter((c) => c.reportId === r.id).at(-1)
  const from = Date.parse(last ? last.at : r.createdAt)
  const actor = action === 'confirm' ? 'reporter' : 'handler'
  const t = transition(r.status, action, actor)
  if (!t.ok) throw new Error(`${r.id} ${r.status} 不能 ${action}`)
  const details = t.to === 'resolved' && rating ? { rating: { ...rating, words: '' } } : {}
  w.changes.push({
    reportId: r.id,
    from: r.status,
    to: t.to,
    note: '',
    actorId: 'rep',
    at: iso(from + afterMinutes * MIN),
    requestId: `c${w.changes.length}`,
    details,
  })
  r.status = t.to
}

export function follow(w: World, r: Report, who: string) {
  w.follows.push({ reportId: r.id, openid: who, at: r.createdAt, via: 'follow' })
  r.followers++
}

export function entry(w: World, details: WorkLogDetails, over: Partial<WorkLogEntry> & { date: string }): WorkLogEntry {
  const e: WorkLogEntry = {
    id: `w${w.workLog.length + 1}`,
    communityId: COMMUNITY,
    buildingId: 'b1',
    kind: details.kind,
    month: over.date.slice(0, 7),
    note: '',
    photos: [],
    reportIds: [],
    details,
    authorId: 'rep',
    requestId: `wreq${w.workLog.length + 1}`,
    createdAt: `${over.date}T02:00:00.000Z`,
    updatedAt: `${over.date}T02:00:00.000Z`,
    removedAt: null,
    ...over,
  }
  w.workLog.push(e)
  return e
}

/** 一栋楼的代表在种子里的 openid（他发的公告只面向他的楼）。 */
export const repOf = (buildingId: string) => `rep-${buildingId}`

export function notice(w: World, month: string, buildingIds: string[], authorId = 'c'): Notice {
  const n: Notice = {
    id: `n${w.notices.length + 1}`,
    communityId: COMMUNITY,
    wholeCommunity: buildingIds.length === BUILDINGS.length,
    targets: buildingIds.map((b) => ({ buildingId: b, households: BUILDINGS.find((x) => x.id === b)!.households })),
    title: '通知',
    body: '停水通知',
    images: [],
    pinned: false,
    expiresAt: null,
    status: 'published',
    signedAs: authorId === 'c' ? '业委会' : '业主代表',
    authorId,
    requestId: `nreq${w.notices.length + 1}`,
    publishedAt: `${month}-05T02:00:00.000Z`,
    withdrawnAt: null,
    month,
  }
  w.notices.push(n)
  return n
}

export function survey(w: World, month: string): Survey {
  const s: Survey = {
    id: `s${w.surveys.length + 1}`,
    communityId: COMMUNITY,
    wholeCommunity: true,
    targets: BUILDINGS.map((b) => ({ buildingId: b.id, households: b.households })),
    title: `${month} 满意度调查`,
    template: 'property_satisfaction',
    questions: satisfactionTemplate(),
    opensAt: `${month}-01T00:00:00.000Z`,
    closesAt: `${month}-25T00:00:00.000Z`,
    closedAt: null,
    minAnswers: 3,
    authorId: 'c',
    requestId: `sreq${w.surveys.length + 1}`,
    createdAt: `${month}-01T00:00:00.000Z`,
    month,
  }
  w.surveys.push(s)
  return s
}

const DIMS: SatisfactionDimension[] = ['cleaning', 'security', 'repair', 'greenery', 'parking', 'service', 'overall']
export function answer(w: World, s: Survey, buildingId: string, scores: Partial<Record<SatisfactionDimension, number>>, nps: number | null) {
  const values: SurveyAnswer['values'] = {}
  DIMS.forEach((d, i) => {
    if (scores[d] !== undefined) values[`q${i + 1}`] = scores[d]!
  })
  if (nps !== null) values.q8 = nps
  w.answers.push({
    surveyId: s.id,
    openid: `o${w.answers.length + 1}`,
    buildingId,
    unit: '',
    room: '',
    values,
    requestId: `a${w.answers.length}`,
    at: s.opensAt,
    viaShare: false,
  })
}

// —— 合成小区 ——

const KINDS: ReportKind[] = ['repair', 'repair', 'repair', 'complaint', 'suggestion']
const CATS: CategoryId[] = [
  'elevator',
  'elevator',
  'facilities',
  'facilities',
  'sanitation',
  'security',
  'fire',
  'greenery',
  'parking',
  'noise',
  'service',
  'other',
]
const DELAYS = [15, 45, 120, 200, 600, 1000, 1800, 2500, 5000, 9000, 12000]

/**
 * 从 2025-01 到 2026-12 的合成数据。quality(month) 是报事被处理的概率：给 2026 年第三季度一个较低的值，
 * 于是本期办结率偏低、且低于上期；电梯类更难办（分类办结率偏低）；2026-09 的问卷里保洁得分低、且低于 2026-06。
 */
export function seededWorld(seed = 20261121): World {
  const w = emptyWorld()
  const R = rng(seed)
  const months: string[] = []
  for (let m = '2025-01'; m <= '2026-12'; m = addMonths(m, 1)) months.push(m)
  const quality = (m: string) => (m >= '2026-07' && m <= '2026-09' ? 0.55 : m >= '2026-04' && m <= '2026-06' ? 0.92 : 0.8)
  for (const m of months) {
    for (const b of BUILDINGS) {
      const n = R.int(4, 10)
      for (let i = 0; i < n; i++) {
        const created = Date.parse(
          `${m}-${String(R.int(1, 28)).padStart(2, '0')}T${String(R.int(0, 12)).padStart(2, '0')}:${String(R.int(0, 59)).padStart(2, '0')}:00.000Z`,
        )
        const category = R.pick(CATS)
        const r = newReport(w, {
          buildingId: b.id,
          createdAt: iso(created),
          kind: R.pick(KINDS),
          category,
          urgency: (R.chance(0.25) ? 'urgent' : 'normal') as Urgency,
          text: `${category} 问题 ${i}`,
        })
        for (let f = R.int(0, 5) - 2; f > 0; f--) follow(w, r, `f${f}`)
        const roll = R.next()
        const q = quality(m) * (category === 'elevator' ? 0.6 : 1)
        if (roll < 0.04) act(w, r, 'hide', R.pick(DELAYS))
        else if (roll < 0.08) act(w, r, 'merge', R.pick(DELAYS))
        else if (roll < 0.12) act(w, r, 'close', R.pick(DELAYS))
        else if (R.chance(q)) {
          act(w, r, R.chance(0.5) ? 'accept' : 'start', R.pick(DELAYS))
          if (r.status === 'accepted') act(w, r, 'start', R.pick(DELAYS))
          act(w, r, 'handle', R.pick(DELAYS))
          const after = R.next()
          const rating = () => ({ speed: R.int(2, 5), attitude: R.int(3, 5), effect: R.int(2, 5) })
          if (after < 0.65) act(w, r, 'confirm', R.pick(DELAYS), rating())
          else if (after < 0.8) {
            act(w, r, 'reopen', R.pick(DELAYS))
            act(w, r, 'handle', R.pick(DELAYS))
            if (R.chance(0.7)) act(w, r, 'confirm', R.pick(DELAYS), rating())
          }
        } else if (R.chance(0.5)) act(w, r, R.chance(0.5) ? 'accept' : 'start', R.pick(DELAYS))
      }
      // 台账：巡查（隐患，部分整改，整改可能在下个月）、会议、活动、调解、志愿服务、沟通协调；偶有删除。
      const day = () => `${m}-${String(R.int(1, 28)).padStart(2, '0')}`
      for (let k = R.int(0, 2); k > 0; k--) {
        const hazards = Array.from({ length: R.int(0, 3) }, (_, h) => ({
          id: `h${h}`,
          text: R.pick(['消防通道堆物', '应急灯不亮', '楼道扶手松动', '井盖缺失']),
          fixedOn: R.chance(0.6) ? `${R.chance(0.7) ? m : addMonths(m, 1)}-${String(R.int(1, 28)).padStart(2, '0')}` : null,
        }))
        entry(w, { kind: 'inspection', area: R.pick(['地下车库', '楼道', '屋面', '电梯机房']), hazards }, { buildingId: b.id, date: day() })
      }
      if (R.chance(0.4))
        entry(
          w,
          { kind: 'coordination', counterpart: '物业', subject: R.pick(['电梯维保', '楼道照明', '垃圾清运']), outcome: '' },
          { buildingId: b.id, date: day() },
        )
      if (R.chance(0.3)) entry(w, { kind: 'mediation', parties: '邻居', outcome: R.pick(MEDIATION_OUTCOMES) }, { buildingId: b.id, date: day() })
      if (R.chance(0.3)) entry(w, { kind: 'volunteer', volunteers: R.int(2, 12), hours: R.int(5, 60) / 10 }, { buildingId: b.id, date: day() })
      if (R.chance(0.05))
        entry(w, { kind: 'activity', name: '楼道清扫', participants: R.int(5, 30) }, { buildingId: b.id, date: day(), removedAt: `${m}-28T00:00:00.000Z` })
    }
    const cday = () => `${m}-${String(R.int(1, 28)).padStart(2, '0')}`
    if (R.chance(0.6))
      entry(
        w,
        {
          kind: 'meeting',
          type: R.pick<MeetingType>(['joint', 'council', 'council', 'owners_assembly']),
          attendees: R.int(5, 40),
          topics: R.pick(['加装电梯', '停车收费', '垃圾分类']),
          decisions: '',
        },
        { buildingId: null, date: cday() },
      )
    if (R.chance(0.5))
      entry(w, { kind: 'activity', name: R.pick(['义诊', '邻里节', '消防演练']), participants: R.int(10, 120) }, { buildingId: null, date: cday() })
    if (R.chance(0.4)) entry(w, { kind: 'volunteer', volunteers: R.int(3, 20), hours: R.int(10, 200) / 10 }, { buildingId: null, date: cday() })
    if (R.chance(0.3))
      entry(
        w,
        { kind: 'inspection', area: '小区大门', hazards: [{ id: 'h1', text: '消防栓漏水', fixedOn: R.chance(0.5) ? `${m}-28` : null }] },
        { buildingId: null, date: cday() },
      )
    // 公告：全小区一条，偶尔只发某栋楼；阅读人数随机。
    const ns = [
      notice(
        w,
        m,
        BUILDINGS.map((b) => b.id),
      ),
    ]
    if (R.chance(0.5)) {
      const b = R.pick(BUILDINGS).id
      ns.push(notice(w, m, [b], repOf(b)))
    }
    for (const n of ns) {
      for (const t of n.targets) {
        for (let k = R.int(0, Math.floor(t.households * 0.7)); k > 0; k--)
          w.reads.push({ noticeId: n.id, openid: `${t.buildingId}-reader${k}`, buildingId: t.buildingId, at: n.publishedAt, viaShare: false })
      }
    }
  }
  // 问卷：2025-09、2026-06、2026-09。2026-09 保洁偏低，且低于 2026-06。
  for (const [m, cleaning] of [
    ['2025-09', [3, 5]],
    ['2026-06', [3, 5]],
    ['2026-09', [1, 4]],
  ] as const) {
    const s = survey(w, m)
    for (const b of BUILDINGS) {
      for (let k = R.int(3, 20); k > 0; k--) {
        const score = () => R.int(3, 5)
        answer(
          w,
          s,
          b.id,
          {
            cleaning: R.int(cleaning[0], cleaning[1]),
            security: score(),
            repair: score(),
            greenery: score(),
            parking: R.int(2, 5),
            service: score(),
            overall: score(),
          },
          R.int(0, 10),
        )
      }
    }
  }
  return w
}

// —— 生产的增量路径：逐条重放 ——

/** 把原始记录按写入时的顺序重放成桶：每条报事先以待受理提交，再按流转逐条加增量；台账先以未整改的样子记，再改成现在的样子；部分答卷先交一份旧的再替换。 */
export function replay(w: World): TallyBucket[] {
  // 增量先收集、最后一次加到空桶上：加法可交换，结果与逐条 applyDeltas 相同，只是快得多。
  const deltas: TallyBucket[] = []
  const apply = (ds: TallyBucket[]) => {
    for (const d of ds) deltas.push(d)
  }
  const historyOf = new Map<string, StatusChange[]>()
  for (const c of w.changes) historyOf.set(c.reportId, [...(historyOf.get(c.reportId) ?? []), c])
  const followsOf = new Map<string, number>()
  for (const f of w.follows) followsOf.set(f.reportId, (followsOf.get(f.reportId) ?? 0) + 1)
  for (const r of w.reports) {
    const live = { ...r, status: 'pending' as ReportStatus, followers: 0 }
    apply(deltasForNewReport(live))
    // 关注在报事还开着时发生（产品只许关注开着的报事），所以先于流转重放。
    for (let i = followsOf.get(r.id) ?? 0; i > 0; i--) {
      apply(deltasForFollow(live))
      live.followers += 1
    }
    const history = historyOf.get(r.id) ?? []
    history.forEach((c, i) => {
      apply(deltasForStatusChange(live, c, history.slice(0, i)))
      live.status = c.to
    })
  }
  for (const e of w.workLog) {
    const first: WorkLogEntry = {
      ...e,
      removedAt: null,
      details: e.details.kind === 'inspection' ? { ...e.details, hazards: e.details.hazards.map((h) => ({ ...h, fixedOn: null })) } : e.details,
    }
    apply(deltasForNewWorkLog(first))
    apply(deltasForWorkLogChange(first, e))
  }
  for (const n of w.notices) apply(deltasForNotice(n))
  const noticeById = new Map(w.notices.map((n) => [n.id, n]))
  for (const rd of w.reads) apply(deltasForNoticeRead(noticeById.get(rd.noticeId)!, rd))
  for (const s of w.surveys) apply(deltasForSurvey(s))
  w.answers.forEach((a, i) => {
    const s = w.surveys.find((x) => x.id === a.surveyId)!
    if (i % 7 === 0) {
      const older = { ...a, values: { ...a.values, q1: 5, q8: 10 } }
      apply(deltasForAnswer(s, older))
      apply(deltasForAnswer(s, a, older))
    } else apply(deltasForAnswer(s, a))
  })
  return applyDeltas([], deltas)
}

export const recount = (w: World) =>
  recountAll({
    reports: w.reports,
    statusChanges: w.changes,
    follows: w.follows,
    notices: w.notices,
    noticeReads: w.reads,
    workLog: w.workLog,
    surveys: w.surveys,
    surveyAnswers: w.answers,
  })

// —— 起草器的输入 ——

export interface Target {
  /** 一栋楼（代表的总结）或整个小区。 */
  buildingId: string | null
  period: SummaryPeriod
  kind?: SummaryKind
  hasPropertyCompany?: boolean
  oldEstate?: boolean
  asOf?: string
}

export function monthsOf(p: { start: string; end: string }): string[] {
  const out: string[] = []
  for (let m = p.start; m <= p.end; m = addMonths(m, 1)) out.push(m)
  return out
}
export function sidesOf(p: { start: string; end: string }) {
  const current = monthsOf(p)
  return { current, previous: current.map((m) => addMonths(m, -current.length)), yearAgo: current.map((m) => addMonths(m, -12)) }
}

export function factsFor(w: World, buckets: TallyBucket[], t: Target): SummaryFacts {
  const buildingIds = t.buildingId ? [t.buildingId] : BUILDINGS.map((b) => b.id)
  const includesCommunity = t.buildingId === null
  const scopes: Scope[] = [...buildingIds.map(buildingScope), ...(includesCommunity ? [communityScope(COMMUNITY)] : [])]
  const sides = sidesOf(t.period)
  const building = t.buildingId ? BUILDINGS.find((b) => b.id === t.buildingId)! : null
  const inScope = (b: string | null) => (b === null ? includesCommunity : buildingIds.includes(b))
  const candidates: CaseCandidate[] = w.reports
    .filter((r) => buildingIds.includes(r.buildingId) && sides.current.includes(r.month))
    .map((r) => {
      const h = w.changes.filter((c) => c.reportId === r.id)
      return {
        id: r.id,
        kind: r.kind,
        category: r.category,
        excerpt: r.text,
        place: r.location.scope === 'public' ? r.location.area : '住户家中',
        urgency: r.urgency,
        followers: w.follows.filter((f) => f.reportId === r.id).length,
        receivedAt: r.createdAt,
        handledAt: h.find((c) => c.to === 'awaiting_confirmation')?.at ?? null,
        resolvedAt: h.find((c) => c.to === 'resolved')?.at ?? null,
        status: r.status,
      }
    })
  return {
    kind: t.kind,
    community: { hasPropertyCompany: t.hasPropertyCompany ?? true, oldEstate: t.oldEstate ?? false, overdueHours: DEFAULT_OVERDUE_HOURS },
    scope: {
      communityId: COMMUNITY,
      communityName: '朝阳小区',
      building: building ? { id: building.id, name: building.name, households: building.households } : null,
      buildingIds,
      households: BUILDINGS.reduce((n, b) => n + b.households, 0),
      includesCommunity,
    },
    author: t.buildingId ? { role: 'representative', body: null, name: '李老师' } : { role: 'committee', body: 'owners_committee', name: '' },
    period: t.period,
    tallies: {
      current: new Totals(buckets, sides.current, scopes),
      previous: new Totals(buckets, sides.previous, scopes),
      yearAgo: new Totals(buckets, sides.yearAgo, scopes),
    },
    workLog: w.workLog.filter((e) => inScope(e.buildingId) && sides.current.includes(e.month)),
    caseCandidates: candidates,
    asOf: t.asOf ?? AS_OF,
    firstReport: firstReportIn(w, buildingIds, [...sides.yearAgo, ...sides.previous, ...sides.current]),
    // 代表的总结：本期本人发给本楼的公告（用例从公告记录数）。
    ...(t.buildingId
      ? {
          ownNotices: w.notices.filter(
            (n) => sides.current.includes(n.month) && n.authorId === repOf(t.buildingId!) && n.targets.some((x) => x.buildingId === t.buildingId),
          ).length,
        }
      : {}),
    surveys: w.surveys.filter((s) => sides.current.includes(s.month)).map((s) => ({ id: s.id, title: s.title })),
    surveyReleases: {
      current: releasesIn(w, sides.current, buildingIds, t.asOf ?? AS_OF),
      previous: releasesIn(w, sides.previous, buildingIds, t.asOf ?? AS_OF),
      yearAgo: releasesIn(w, sides.yearAgo, buildingIds, t.asOf ?? AS_OF),
    },
  }
}

/** 这些楼、这些月份里最早提交的一条报事（与用例同样按提交时间、再按 id）。 */
function firstReportIn(w: World, buildingIds: string[], months: string[]) {
  const first = w.reports
    .filter((r) => buildingIds.includes(r.buildingId) && months.includes(r.month))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))[0]
  return first ? { id: first.id, receivedAt: first.createdAt } : null
}

const AS_OF = '2026-12-31T00:00:00.000Z'
/** 与用例一样：这些月份开始的问卷，已结束的按它公布的结果取这些楼上的合计。 */
function releasesIn(w: World, months: string[], buildingIds: string[], asOf: string) {
  return w.surveys
    .filter((s) => months.includes(s.month))
    .map((s) => {
      const closed = (s.closedAt ?? s.closesAt) <= asOf
      return {
        id: s.id,
        questions: closed
          ? releasedOver(
              surveyResults(
                s,
                w.answers.filter((a) => a.surveyId === s.id),
                { closed },
              ),
              buildingIds,
            )
          : null,
      }
    })
}

// —— 独立的核对器 ——

export interface Expected {
  value: number | null
  rate?: { numerator: number; denominator: number }
}

const round1 = (x: number) => Math.round(x * 10) / 10
/** 建议里目标的规则（与 docs/SUMMARY.md 的门槛表一致，这里独立写一遍）。 */
const TARGETS: Record<string, number> = {
  completion: 80,
  resolution: 70,
  firstTime: 70,
  category: 80,
  onTime: 80,
  mean: 3.5,
  'survey.responseRate': 30,
  'notices.readRate': 50,
  'mediation.rate': 60,
}
const pct = (n: number, d: number): Expected => ({ value: d === 0 ? null : Math.round((n / d) * 100), rate: { numerator: n, denominator: d } })
const EDGES = [60, 240, 1440, 4320, 10080]
const binIndex = (minutes: number) => {
  const i = EDGES.findIndex((e) => minutes < e)
  return i === -1 ? EDGES.length : i
}
const minutesFrom = (a: string, b: string) => Math.max(0, Math.floor((Date.parse(b) - Date.parse(a)) / MIN))
const FIXED = ['awaiting_confirmation', 'resolved']
const RESPONDING = ['accepted', 'processing', 'awaiting_confirmation', 'closed', 'duplicate']

/** 服务方面对应的分类（与各总结的章节一致，这里独立写一遍）。 */
export const AREAS: Record<string, CategoryId[]> = {
  sanitation: ['sanitation', 'greenery'],
  facilities: ['facilities', 'elevator'],
  safety: ['fire', 'security'],
  convenience: ['service', 'parking', 'other'],
  cleaning: ['sanitation'],
  security: ['security', 'fire'],
  greenery: ['greenery'],
  parking: ['parking'],
  publicOrder: ['security', 'fire', 'parking', 'noise'],
}

/**
 * 文档里一个数字应有的值，直接从原始记录数出来。id 的约定见 src/core/summary/facts.ts（@prev 上期、@yoy 去年同期、~prev/~yoy 变化）。
 * 认不出的 id 报错：文档里不许有核对不了的数字。
 */
export function expected(w: World, t: Target, id: string): Expected {
  const change = /^(.*)~(prev|yoy)$/.exec(id)
  if (change) {
    const a = expected(w, t, change[1]).value
    const b = expected(w, t, `${change[1]}@${change[2]}`).value
    return { value: a === null || b === null ? null : round1(a - b) }
  }
  const side = /@(prev|yoy)$/.exec(id)
  const base = side ? id.slice(0, -side[0].length) : id
  const sides = sidesOf(t.period)
  const months = side ? (side[1] === 'prev' ? sides.previous : sides.yearAgo) : sides.current
  const buildingIds = t.buildingId ? [t.buildingId] : BUILDINGS.map((b) => b.id)
  const includesCommunity = t.buildingId === null
  const inScope = (b: string | null) => (b === null ? includesCommunity : buildingIds.includes(b))

  // 建议里的目标：按规则（偏低的门槛，或回到上期的数），不从记录数。
  const target = /^target:(low|late|drop):(.+)$/.exec(id)
  if (target) {
    const [, type, what] = target
    if (type === 'drop') return { value: expected(w, t, what.replace(/@(prev|yoy)$/, '') + what.match(/@(prev|yoy)$/)![0]).value }
    if (type === 'late') return { value: TARGETS.onTime }
    if (what === 'survey.nps') return { value: 0 }
    if (/^(survey\.dim|rating)\./.test(what)) return { value: TARGETS.mean }
    return { value: TARGETS[what.replace(/^category\..*/, 'category')] }
  }
  if (base === 'asOf') return { value: Date.parse(`${new Date(Date.parse(t.asOf ?? AS_OF) + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`) }
  if (base === 'households')
    return { value: t.buildingId ? BUILDINGS.find((b) => b.id === t.buildingId)!.households : BUILDINGS.reduce((n, b) => n + b.households, 0) }

  // 典型案例：按报事 id 找原始记录（id 只用来找是哪一条，数值从记录算）。
  const caseMatch = /^case\d+\.(\w+)$/.exec(base)
  if (caseMatch) throw new Error('典型案例的数字用 expectedCase 核对')

  // 报事
  const reports = w.reports.filter((r) => buildingIds.includes(r.buildingId) && months.includes(r.month))
  const historyOf = (r: Report) => w.changes.filter((c) => c.reportId === r.id)
  const outcome = (rs: Report[]) => ({
    completion: pct(rs.filter((r) => FIXED.includes(r.status)).length, rs.filter((r) => r.status !== 'hidden' && r.status !== 'duplicate').length),
    resolution: pct(rs.filter((r) => r.status === 'resolved').length, rs.filter((r) => FIXED.includes(r.status)).length),
    firstTime: pct(
      rs.filter((r) => {
        const h = historyOf(r)
        const i = h.findIndex((c) => c.to === 'resolved')
        return i >= 0 && h.slice(0, i).filter((c) => c.to === 'awaiting_confirmation').length === 1
      }).length,
      rs.filter((r) => historyOf(r).some((c) => c.to === 'awaiting_confirmation')).length,
    ),
    completed: { value: rs.filter((r) => FIXED.includes(r.status)).length },
  })
  const durations = (rs: Report[], which: 'response' | 'handling') =>
    rs.flatMap((r) => {
      const c = historyOf(r).find((x) => (which === 'response' ? x.from === 'pending' && RESPONDING.includes(x.to) : x.to === 'awaiting_confirmation'))
      return c ? [minutesFrom(r.createdAt, c.at)] : []
    })
  const durationStat = (ms: number[], stat: string): Expected => {
    if (stat === 'count') return { value: ms.length }
    if (ms.length === 0) return { value: null }
    if (stat === 'mean') return { value: Math.round(ms.reduce((a, b) => a + b, 0) / ms.length) }
    const sorted = [...ms].sort((a, b) => a - b)
    return { value: binIndex(sorted[Math.ceil(sorted.length / 2) - 1]) }
  }
  const ratings = reports.flatMap((r) => historyOf(r).flatMap((c) => (c.to === 'resolved' && c.details.rating ? [c.details.rating] : [])))
  const byKind = (k: string) => reports.filter((r) => r.kind === k)
  const byCats = (cs: string[]) => reports.filter((r) => cs.includes(r.category))
  // 关注人次只算留着的报事（隐藏与重复的关注者已离开或转去目标报事）。
  const followers = w.follows.filter((f) => reports.some((r) => r.id === f.reportId && r.status !== 'hidden' && r.status !== 'duplicate')).length

  let m: RegExpExecArray | null
  switch (base) {
    case 'received':
      return { value: reports.length }
    case 'completion':
    case 'resolution':
    case 'firstTime':
    case 'completed':
      return outcome(reports)[base]
    case 'resolved':
      return { value: reports.filter((r) => r.status === 'resolved').length }
    case 'resolvedOfRegistered':
      return pct(reports.filter((r) => r.status === 'resolved').length, reports.filter((r) => r.status !== 'hidden' && r.status !== 'duplicate').length)
    case 'open':
      return { value: reports.filter((r) => ['pending', 'accepted', 'processing'].includes(r.status)).length }
    case 'followers':
      return { value: followers }
    case 'affected':
      return { value: reports.filter((r) => r.status !== 'duplicate' && r.status !== 'hidden').length + followers }
    case 'rating.count':
      return { value: ratings.length }
  }
  if ((m = /^rating\.(speed|attitude|effect)$/.exec(base))) {
    const d = m[1] as 'speed' | 'attitude' | 'effect'
    return { value: ratings.length ? round1(ratings.reduce((s, r) => s + r[d], 0) / ratings.length) : null }
  }
  if ((m = /^kind\.(\w+)$/.exec(base))) return { value: byKind(m[1]).length }
  if ((m = /^category\.(\w+)$/.exec(base))) return { value: byCats([m[1]]).length }
  if ((m = /^category\.(\w+)\.completion$/.exec(base))) return outcome(byCats([m[1]])).completion
  if ((m = /^urgency\.(\w+)$/.exec(base))) return { value: reports.filter((r) => r.urgency === m![1]).length }
  if ((m = /^area\.(\w+)$/.exec(base))) return { value: byCats(AREAS[m[1]]).length }
  if ((m = /^area\.(\w+)\.completion$/.exec(base))) return outcome(byCats(AREAS[m[1]])).completion
  if ((m = /^(repair|complaint|suggestion)\.(completion|resolution|firstTime|completed)$/.exec(base))) return outcome(byKind(m[1]))[m[2] as 'completion']
  if ((m = /^(repair|complaint)\.category\.(\w+)$/.exec(base))) return { value: byKind(m[1]).filter((r) => r.category === m![2]).length }
  if ((m = /^(repair|complaint|suggestion)\.resolved$/.exec(base))) return { value: byKind(m[1]).filter((r) => r.status === 'resolved').length }
  if ((m = /^(?:(repair|complaint|suggestion)\.)?(response|handling)\.(mean|median|count)$/.exec(base)))
    return durationStat(durations(m[1] ? byKind(m[1]) : reports, m[2] as 'response'), m[3])
  if ((m = /^onTime\.(urgent|normal)$/.exec(base))) {
    const u = m[1] as Urgency
    const ms = durations(
      reports.filter((r) => r.urgency === u),
      'handling',
    )
    return pct(ms.filter((x) => x < DEFAULT_OVERDUE_HOURS[u] * 60).length, ms.length)
  }

  // 台账
  const entries = w.workLog.filter((e) => !e.removedAt && inScope(e.buildingId))
  const inMonths = entries.filter((e) => months.includes(e.month))
  const details = <K extends WorkLogDetails['kind']>(k: K) =>
    inMonths.flatMap((e) => (e.details.kind === k ? [e.details as Extract<WorkLogDetails, { kind: K }>] : []))
  const hazardsFound = details('inspection').flatMap((x) => x.hazards)
  const mediations = details('mediation')
  if ((m = /^worklog\.(\w+)$/.exec(base))) return { value: inMonths.filter((e) => e.kind === m![1]).length }
  if ((m = /^meeting\.(\w+)$/.exec(base))) return { value: details('meeting').filter((x) => x.type === m![1]).length }
  if ((m = /^meeting\.(\w+)\.attendees$/.exec(base)))
    return {
      value: details('meeting')
        .filter((x) => x.type === m![1])
        .reduce((s, x) => s + x.attendees, 0),
    }
  switch (base) {
    case 'hazards.found':
      return { value: hazardsFound.length }
    case 'hazards.fixedInPeriod':
      return {
        value: entries
          .flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards : []))
          .filter((h) => h.fixedOn && months.includes(h.fixedOn.slice(0, 7))).length,
      }
    case 'hazards.open':
      return { value: hazardsFound.filter((h) => !h.fixedOn).length }
    case 'hazards.fixedOfFound':
      return { value: hazardsFound.filter((h) => h.fixedOn).length }
    case 'hazards.rate':
      return pct(hazardsFound.filter((h) => h.fixedOn).length, hazardsFound.length)
    case 'activity.participants':
      return { value: details('activity').reduce((s, x) => s + x.participants, 0) }
    case 'mediation.success':
    case 'mediation.ongoing':
    case 'mediation.failed':
      return { value: mediations.filter((x) => x.outcome === base.slice(10)).length }
    case 'mediation.rate':
      // 只算已有结果的：进行中的不进分母。
      return pct(mediations.filter((x) => x.outcome === 'success').length, mediations.filter((x) => x.outcome !== 'ongoing').length)
    case 'drills':
      return { value: details('activity').filter((x) => x.name.includes('演练')).length }
    case 'volunteer.people':
      return { value: details('volunteer').reduce((s, x) => s + x.volunteers, 0) }
    case 'volunteer.hours':
      return { value: round1(details('volunteer').reduce((s, x) => s + x.hours, 0)) }
  }

  // 公告
  const ns = w.notices.filter((n) => months.includes(n.month))
  switch (base) {
    case 'notices.published':
      return { value: includesCommunity ? ns.length : ns.filter((n) => n.targets.some((x) => buildingIds.includes(x.buildingId))).length }
    case 'notices.own':
      return { value: ns.filter((n) => n.authorId === repOf(buildingIds[0]) && n.targets.some((x) => buildingIds.includes(x.buildingId))).length }
    case 'notices.readRate': {
      const reads = w.reads.filter((r) => buildingIds.includes(r.buildingId) && ns.some((n) => n.id === r.noticeId)).length
      const households = ns
        .flatMap((n) => n.targets)
        .filter((x) => buildingIds.includes(x.buildingId))
        .reduce((s, x) => s + x.households, 0)
      return pct(reads, households)
    }
  }

  // 问卷
  const ss = w.surveys.filter((s) => months.includes(s.month))
  const answers = w.answers.filter((a) => buildingIds.includes(a.buildingId) && ss.some((s) => s.id === a.surveyId))
  // 均分与 NPS 只数公布了的问卷：已结束，且范围含它的全部楼时合计不少于门槛、否则范围里每栋楼都不少于门槛
  // （这里的合成数据里每栋楼要么没有答卷、要么至少 3 份，不会触发补充隐藏；补充隐藏由 survey-anonymity 的性质测试守着）。
  const asOf = t.asOf ?? AS_OF
  const releasedAnswers = answers.filter((a) => {
    const s = ss.find((x) => x.id === a.surveyId)!
    if ((s.closedAt ?? s.closesAt) > asOf) return false
    const k = Math.max(3, s.minAnswers)
    const mine = w.answers.filter((x) => x.surveyId === s.id)
    const inScope = s.targets.filter((x) => buildingIds.includes(x.buildingId))
    if (inScope.length === s.targets.length) return mine.length >= k
    return inScope.every((x) => mine.filter((y) => y.buildingId === x.buildingId).length >= k)
  })
  const questionOf = (dim: string) => `q${DIMS.indexOf(dim as SatisfactionDimension) + 1}`
  // 满意度按轮：最近一轮（开始月最晚，同月按 id）与它前一轮，不把几轮合成一个分（issue 21）。
  const rounds = [...new Set(releasedAnswers.map((a) => a.surveyId))]
    .map((sid) => ss.find((x) => x.id === sid)!)
    .sort((a, b) => (a.month === b.month ? (a.id < b.id ? -1 : 1) : a.month < b.month ? -1 : 1))
  const roundAnswers = (back: number) => {
    const r = rounds[rounds.length - 1 - back]
    return r ? releasedAnswers.filter((a) => a.surveyId === r.id) : []
  }
  const npsOf = (as: typeof answers): Expected => {
    const v = as.flatMap((a) => (typeof a.values.q8 === 'number' ? [a.values.q8] : []))
    if (!v.length) return { value: null }
    return { value: Math.round(((v.filter((x) => x >= 9).length - v.filter((x) => x <= 6).length) / v.length) * 100) }
  }
  const earlierRe = /^survey\.earlier\.(.*)$/.exec(base)
  const roundBack = earlierRe ? 1 : 0
  const roundBase = earlierRe ? `survey.${earlierRe[1]}` : base
  if (roundBase === 'survey.nps.count') return { value: roundAnswers(roundBack).filter((a) => typeof a.values.q8 === 'number').length }
  switch (roundBase) {
    case 'survey.respondents':
      return { value: answers.length }
    case 'survey.responseRate':
      return pct(
        answers.length,
        ss
          .flatMap((s) => s.targets)
          .filter((x) => buildingIds.includes(x.buildingId))
          .reduce((s, x) => s + x.households, 0),
      )
    case 'survey.nps':
      return npsOf(roundAnswers(roundBack))
  }
  if ((m = /^survey\.dim\.(\w+)(\.count)?$/.exec(roundBase))) {
    const v = roundAnswers(roundBack).flatMap((a) => {
      const x = a.values[questionOf(m![1])]
      return typeof x === 'number' ? [x] : []
    })
    if (m[2]) return { value: v.length }
    return { value: v.length ? round1(v.reduce((s, x) => s + x, 0) / v.length) : null }
  }
  throw new Error(`核对器不认识这个数字：${id}`)
}

/** 典型案例的数字：按报事 id 找到原始记录，从记录算。 */
export function expectedCase(w: World, reportId: string, field: string, asOf: string): Expected {
  const r = w.reports.find((x) => x.id === reportId)!
  const h = w.changes.filter((c) => c.reportId === r.id)
  switch (field) {
    case 'receivedAt':
      return { value: Date.parse(r.createdAt) }
    case 'followers':
      return { value: w.follows.filter((f) => f.reportId === r.id).length }
    case 'handlingMinutes':
      return { value: minutesFrom(r.createdAt, h.find((c) => c.to === 'awaiting_confirmation')!.at) }
    case 'resolvedAt':
      return { value: Date.parse(h.find((c) => c.to === 'resolved')!.at) }
    case 'openDays':
      return { value: Math.floor((Date.parse(asOf) - Date.parse(r.createdAt)) / 86_400_000) }
  }
  throw new Error(`不认识的案例数字：${field}`)
}

export const CATEGORY_COUNT = CATEGORY_IDS.length
