/**
 * 公告与工作台账写进统计的数字：写入时的增量（累加）与直接从原始记录的重算，必须逐桶相同。
 * 台账会被编辑、整改、删除，每一步的增量是"减旧加新"；性质测试在任意这样的交错之后比对。
 */
import fc from 'fast-check'
import { MEDIATION_OUTCOMES, MEETING_TYPES } from '../../src/core/shared/catalog'
import type { Notice, NoticeRead } from '../../src/core/notices'
import type { Survey, SurveyAnswer } from '../../src/core/surveys'
import type { WorkLogDetails, WorkLogEntry } from '../../src/core/worklog'
import { recountAll } from '../../src/core/recount'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { deltasForNewWorkLog, deltasForWorkLogChange } from '../../src/core/worklog'
import { applyDeltas, Totals, type TallyBucket } from '../../src/core/tally'

const lines = (bs: TallyBucket[]) => bs.map((b) => `${b.scope}|${b.month}|${b.metric}=${b.count}/${b.sum}`).sort()

const aNotice = (over: Partial<Notice> = {}): Notice => ({
  id: 'n1',
  communityId: 'c1',
  wholeCommunity: false,
  targets: [{ buildingId: 'b1', households: 108 }],
  title: '停水通知',
  body: '11 月 25 日 9:00–12:00 停水',
  images: [],
  pinned: false,
  expiresAt: null,
  status: 'published',
  signedAs: '1号楼业主代表 李老师',
  authorId: 'rep_li',
  requestId: 'req-n1',
  publishedAt: '2026-11-20T02:00:00.000Z',
  withdrawnAt: null,
  month: '2026-11',
  ...over,
})

const anEntry = (details: WorkLogDetails, over: Partial<WorkLogEntry> = {}): WorkLogEntry => ({
  id: 'w1',
  communityId: 'c1',
  buildingId: 'b1',
  kind: details.kind,
  date: '2026-11-03',
  month: '2026-11',
  note: '',
  photos: [],
  reportIds: [],
  details,
  authorId: 'rep_li',
  requestId: 'req-w1',
  createdAt: '2026-11-03T02:00:00.000Z',
  updatedAt: '2026-11-03T02:00:00.000Z',
  removedAt: null,
  ...over,
})

const noRecords = {
  reports: [],
  statusChanges: [],
  follows: [],
  notices: [] as Notice[],
  noticeReads: [] as NoticeRead[],
  workLog: [] as WorkLogEntry[],
  surveys: [] as Survey[],
  surveyAnswers: [] as SurveyAnswer[],
}

describe('公告的统计', () => {
  it('发布：小区记一次公开，每栋目标楼记一次、总量为发布时的户数；阅读记在读者的楼、公告的发布月', () => {
    const n = aNotice({
      targets: [
        { buildingId: 'b1', households: 108 },
        { buildingId: 'b2', households: 44 },
      ],
    })
    expect(lines(deltasForNotice(n))).toEqual([
      'building:b1|2026-11|notice.targeted=1/108',
      'building:b2|2026-11|notice.targeted=1/44',
      'community:c1|2026-11|notice.published=1/0',
    ])
    expect(lines(deltasForNoticeRead(n, { buildingId: 'b2', viaShare: false }))).toEqual(['building:b2|2026-11|notice.read=1/0'])
    // 第一次打开来自群分享：另记一次"其中经群分享打开"，知晓率的分子不变。
    expect(lines(deltasForNoticeRead(n, { buildingId: 'b2', viaShare: true }))).toEqual([
      'building:b2|2026-11|notice.read=1/0',
      'building:b2|2026-11|notice.sharedRead=1/0',
    ])
  })

  it('知晓率 = 阅读人次 ÷ 应知户次：两条公告、一栋 108 户，3 人读了第一条、1 人读了第二条 → 4/216', () => {
    const notices = [aNotice(), aNotice({ id: 'n2', requestId: 'req-n2' })]
    const reads: NoticeRead[] = ['a', 'b', 'c'].map((o) => ({
      noticeId: 'n1',
      openid: o,
      buildingId: 'b1',
      at: '2026-12-01T00:00:00.000Z',
      viaShare: o === 'b',
    }))
    reads.push({ noticeId: 'n2', openid: 'a', buildingId: 'b1', at: '2026-11-21T00:00:00.000Z', viaShare: false })
    const totals = new Totals(recountAll({ ...noRecords, notices, noticeReads: reads }), ['2026-11'])
    expect(totals.count('notice.read')).toBe(4)
    expect(totals.count('notice.sharedRead')).toBe(1)
    expect(totals.sum('notice.targeted')).toBe(216)
    // 12 月才读的也记在 11 月（公告的发布月）。
    expect(new Totals(recountAll({ ...noRecords, notices, noticeReads: reads }), ['2026-12']).count('notice.read')).toBe(0)
  })
})

describe('台账的统计', () => {
  it('巡查：次数一次、每处隐患一次；整改记在整改月', () => {
    const e = anEntry({
      kind: 'inspection',
      area: '地下车库',
      hazards: [
        { id: 'h1', text: '消防通道堆物', fixedOn: '2026-12-02' },
        { id: 'h2', text: '应急灯不亮', fixedOn: null },
      ],
    })
    expect(lines(deltasForNewWorkLog(e))).toEqual([
      'building:b1|2026-11|worklog.entry.inspection=1/0',
      'building:b1|2026-11|worklog.hazard.found=2/0',
      'building:b1|2026-12|worklog.hazard.fixed=1/0',
    ])
  })

  it('整个小区的事记在小区范围；会议记人数、志愿服务按分钟记时长', () => {
    expect(
      lines(deltasForNewWorkLog(anEntry({ kind: 'meeting', type: 'joint', attendees: 12, topics: '电梯更新', decisions: '' }, { buildingId: null }))),
    ).toEqual(['community:c1|2026-11|worklog.entry.meeting=1/0', 'community:c1|2026-11|worklog.meeting.joint=1/12'])
    expect(lines(deltasForNewWorkLog(anEntry({ kind: 'volunteer', volunteers: 8, hours: 2.5 })))).toEqual([
      'building:b1|2026-11|worklog.entry.volunteer=1/0',
      'building:b1|2026-11|worklog.volunteer.minutes=1/150',
      'building:b1|2026-11|worklog.volunteer.people=1/8',
    ])
  })

  it('编辑只留下变了的桶；删除把它的贡献全部减掉', () => {
    const before = anEntry({ kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'ongoing' })
    const after = { ...before, details: { ...before.details, outcome: 'success' as const } }
    expect(lines(deltasForWorkLogChange(before, after))).toEqual([
      'building:b1|2026-11|worklog.mediation.ongoing=-1/0',
      'building:b1|2026-11|worklog.mediation.success=1/0',
    ])
    expect(applyDeltas(deltasForNewWorkLog(after), deltasForWorkLogChange(after, { ...after, removedAt: '2026-11-21T00:00:00.000Z' }))).toEqual([])
  })

  const arbDetails: fc.Arbitrary<WorkLogDetails> = fc.oneof(
    fc.record({
      kind: fc.constant('inspection' as const),
      area: fc.constant('大堂'),
      hazards: fc
        .array(fc.record({ text: fc.constant('隐患'), fixedOn: fc.option(fc.constantFrom('2026-11-20', '2026-12-05', '2027-01-02'), { nil: null }) }), {
          maxLength: 4,
        })
        .map((hs) => hs.map((h, i) => ({ id: `h${i + 1}`, ...h }))),
    }),
    fc.record({
      kind: fc.constant('meeting' as const),
      type: fc.constantFrom(...MEETING_TYPES),
      attendees: fc.integer({ min: 1, max: 50 }),
      topics: fc.constant('议题'),
      decisions: fc.constant(''),
    }),
    fc.record({ kind: fc.constant('activity' as const), name: fc.constant('义诊'), participants: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant('mediation' as const), parties: fc.constant('两户'), outcome: fc.constantFrom(...MEDIATION_OUTCOMES) }),
    fc.record({
      kind: fc.constant('volunteer' as const),
      volunteers: fc.integer({ min: 1, max: 40 }),
      hours: fc.integer({ min: 5, max: 400 }).map((t) => t / 10),
    }),
    fc.record({ kind: fc.constant('coordination' as const), counterpart: fc.constant('物业'), subject: fc.constant('电梯'), outcome: fc.constant('') }),
  )
  const arbPlace = fc.record({ buildingId: fc.constantFrom<string | null>('b1', 'b2', null), date: fc.constantFrom('2026-10-31', '2026-11-15', '2026-12-01') })
  const arbStep = fc.oneof(
    fc.record({ type: fc.constant('add' as const), details: arbDetails, place: arbPlace }),
    fc.record({ type: fc.constant('edit' as const), target: fc.nat(), details: arbDetails, place: arbPlace }),
    fc.record({ type: fc.constant('remove' as const), target: fc.nat() }),
    fc.record({
      type: fc.constant('publish' as const),
      households: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 3 }),
      month: fc.constantFrom('2026-10', '2026-11'),
    }),
    fc.record({ type: fc.constant('read' as const), target: fc.nat(), who: fc.constantFrom('a', 'b', 'c'), building: fc.constantFrom('b1', 'b2', 'b3') }),
  )

  it('任意记、改（含换楼、换日期、整改）、删与公告发布、阅读交错之后，累加的增量与重算逐桶相同', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 80 }), (steps) => {
        let buckets: TallyBucket[] = []
        const entries: WorkLogEntry[] = []
        const notices: Notice[] = []
        const reads: NoticeRead[] = []
        for (const step of steps) {
          if (step.type === 'add') {
            const e = anEntry(step.details, {
              id: `w${entries.length}`,
              buildingId: step.place.buildingId,
              date: step.place.date,
              month: step.place.date.slice(0, 7),
            })
            entries.push(e)
            buckets = applyDeltas(buckets, deltasForNewWorkLog(e))
          } else if (step.type === 'edit' || step.type === 'remove') {
            const live = entries.filter((e) => !e.removedAt)
            if (live.length === 0) continue
            const before = live[step.target % live.length]
            const after: WorkLogEntry =
              step.type === 'remove'
                ? { ...before, removedAt: '2026-12-31T00:00:00.000Z' }
                : {
                    ...before,
                    buildingId: step.place.buildingId,
                    date: step.place.date,
                    month: step.place.date.slice(0, 7),
                    details: step.details.kind === before.kind ? step.details : before.details,
                  }
            entries[entries.indexOf(before)] = after
            buckets = applyDeltas(buckets, deltasForWorkLogChange(before, after))
          } else if (step.type === 'publish') {
            const n = aNotice({
              id: `n${notices.length}`,
              month: step.month,
              targets: step.households.map((h, i) => ({ buildingId: `b${i + 1}`, households: h })),
            })
            notices.push(n)
            buckets = applyDeltas(buckets, deltasForNotice(n))
          } else {
            if (notices.length === 0) continue
            const n = notices[step.target % notices.length]
            // 每人每条一次，且只读面向自己楼的（用例保证，这里照做）。
            if (!n.targets.some((t) => t.buildingId === step.building) || reads.some((r) => r.noticeId === n.id && r.openid === step.who)) continue
            const read = { noticeId: n.id, openid: step.who, buildingId: step.building, at: '2026-12-01T00:00:00.000Z', viaShare: step.who === 'b' }
            reads.push(read)
            buckets = applyDeltas(buckets, deltasForNoticeRead(n, read))
          }
        }
        expect(lines(buckets)).toEqual(lines(recountAll({ ...noRecords, notices, noticeReads: reads, workLog: entries })))
      }),
      { numRuns: 300, seed: 20261121 },
    )
  })
})
