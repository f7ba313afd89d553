/**
 * 每小时限额在并发下也守得住：同一人同时发出的请求，存下的条数不超过限额（计数与写入是存储里的一步）；
 * 问卷的替换也算一次提交；已存下的请求编号重试答第一次的结果、不占额度。
 * 这里走 SQLite（真实文件）；同一规则在两种存储上的并发见 test/contract/rateLimitContract.ts。
 */
import { SATISFACTION_DIMENSIONS } from '../../src/core/shared/catalog'
import { aPng } from '../support/images'
import { aReport, createFixture, type Reply } from './fixture'

jest.setTimeout(60_000)

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const PNG = aPng()
const rows = (sql: string) => (fx.store.db.prepare(sql).get() as { n: number }).n
const codes = (replies: Reply[]) => replies.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.code]: (acc[r.code] ?? 0) + 1 }), {})

describe('并发的请求不突破每小时限额', () => {
  it('同一居民同时提交 50 条带照片的报事：存下 10 条，其余答一小时内最多 10 条；统计与重算相同', async () => {
    const photo = await fx.platform.files.upload('reports/t/a.png', PNG)
    const replies = (await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fx.call('reports', 'wang', 'submit', aReport({ requestId: `burst-${String(i).padStart(4, '0')}`, photos: [photo] })),
      ),
    )) as Reply[]
    expect(codes(replies)).toEqual({ OK: 10, RATE_LIMITED: 40 })
    expect(replies.find((r) => r.code === 'RATE_LIMITED')?.message).toContain('一小时内最多提交 10 条报事')
    expect(fx.rowCounts().reports).toBe(10)
    // 被拒的那些没有送检照片。
    expect(rows('SELECT COUNT(*) AS n FROM photo_checks')).toBe(10)
    await fx.expectTalliesMatchRecount()
  })

  it('已到限额时重试已存下的请求编号答第一次的报事，不占额度；一小时后又可以报', async () => {
    const first = (await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'again-0000' }))) as Reply
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => fx.call('reports', 'wang', 'submit', aReport({ requestId: `again-${String(i + 1).padStart(4, '0')}` }))),
    )
    expect(fx.rowCounts().reports).toBe(10)
    const retry = (await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'again-0000' }))) as Reply
    expect(retry).toMatchObject({ code: 'OK', data: { created: false, report: { id: first.data.report.id } } })
    fx.setNow('2026-11-20T03:00:00.001Z')
    expect((await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'again-0100' }))).code).toBe('OK')
  })

  it('报事的额度数的就是报事人一小时内的报事：不另存一行时刻；关库重开（宿主重启）之后照样精确', async () => {
    for (let i = 0; i < 7; i++)
      expect((await fx.call('reports', 'wang', 'submit', aReport({ requestId: `restart-${String(i).padStart(4, '0')}` }))).code).toBe('OK')
    expect(rows("SELECT COUNT(*) AS n FROM hourly_limits WHERE key LIKE 'report|%'")).toBe(0)
    fx.reopen()
    const replies = (await Promise.all(
      Array.from({ length: 5 }, (_, i) => fx.call('reports', 'wang', 'submit', aReport({ requestId: `restart-${String(i + 7).padStart(4, '0')}` }))),
    )) as Reply[]
    expect(codes(replies)).toEqual({ OK: 3, RATE_LIMITED: 2 })
    expect(rows("SELECT COUNT(*) AS n FROM reports WHERE reporter_id = 'wang'")).toBe(10)
    // 别人的额度不受影响；一小时（含两端）过去之后 wang 又可以报。
    expect((await fx.call('reports', 'zhao', 'submit', aReport({ requestId: 'restart-zhao-0' }))).code).toBe('OK')
    fx.setNow('2026-11-20T03:00:00.000Z')
    expect((await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'restart-0100' }))).code).toBe('RATE_LIMITED')
    fx.setNow('2026-11-20T03:00:00.001Z')
    expect((await fx.call('reports', 'wang', 'submit', aReport({ requestId: 'restart-0101' }))).code).toBe('OK')
    await fx.expectTalliesMatchRecount()
  })

  it('代表同时发 23 条公告：存下 20 条', async () => {
    const replies = (await Promise.all(
      Array.from({ length: 23 }, (_, i) =>
        fx.call('notices', 'rep_li', 'publish', {
          requestId: `notice-burst-${String(i).padStart(3, '0')}`,
          communityId: 'c1',
          target: { scope: 'buildings', buildingCodes: ['CHY1'] },
          title: `停水通知 ${i}`,
          body: '因管网检修，明天上午停水，请提前储水。',
          images: [],
          pinned: false,
          expiresOn: null,
        }),
      ),
    )) as Reply[]
    expect(codes(replies)).toEqual({ OK: 20, RATE_LIMITED: 3 })
    expect(rows('SELECT COUNT(*) AS n FROM notices')).toBe(20)
    await fx.expectTalliesMatchRecount()
  })

  it('代表同时记 63 条台账：存下 60 条', async () => {
    const replies = (await Promise.all(
      Array.from({ length: 63 }, (_, i) =>
        fx.call('worklog', 'rep_li', 'add', {
          requestId: `worklog-burst-${String(i).padStart(3, '0')}`,
          communityId: 'c1',
          buildingCode: 'CHY1',
          date: '2026-11-03',
          note: '',
          photos: [],
          reportIds: [],
          details: { kind: 'coordination', counterpart: '物业', subject: `电梯维保 ${i}`, outcome: '已约定下周检修' },
        }),
      ),
    )) as Reply[]
    expect(codes(replies)).toEqual({ OK: 60, RATE_LIMITED: 3 })
    expect(rows('SELECT COUNT(*) AS n FROM worklog')).toBe(60)
    await fx.expectTalliesMatchRecount()
  })

  it('同时点 40 次"我也遇到"（40 条不同的报事）：记下 30 次', async () => {
    const reportIds: string[] = []
    for (const reporter of ['r1', 'r2', 'r3', 'r4'])
      for (let i = 0; i < 10; i++) reportIds.push(await fx.file(reporter, { requestId: `follow-${reporter}-${String(i).padStart(4, '0')}` }))
    const replies = (await Promise.all(reportIds.map((reportId) => fx.call('reports', 'zhao', 'follow', { reportId })))) as Reply[]
    expect(codes(replies)).toEqual({ OK: 30, RATE_LIMITED: 10 })
    expect(rows("SELECT COUNT(*) AS n FROM follows WHERE openid = 'zhao'")).toBe(30)
    await fx.expectTalliesMatchRecount()
  })
})

describe('问卷的替换也算一次提交', () => {
  it('同一份问卷连续替换 40 次：前 30 次存下，之后答一小时内最多交 30 次；存下的是第 30 次的', async () => {
    const survey = (await fx.call('surveys', 'rep_li', 'create', {
      requestId: 'survey-limit-01',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY1'] },
      title: '2026 年下半年物业服务满意度调查',
      template: 'property_satisfaction',
      questions: [],
      opensOn: null,
      closesOn: '2026-11-30',
      minAnswers: 3,
    })) as Reply
    expect(survey.code).toBe('OK')
    const replies: Reply[] = []
    for (let i = 0; i < 40; i++) {
      fx.setNow(new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 1000).toISOString())
      replies.push(
        (await fx.call('surveys', 'wang', 'answer', {
          surveyId: survey.data.id,
          buildingCode: 'CHY1',
          requestId: `replace-${String(i).padStart(4, '0')}`,
          unit: '',
          room: '',
          values: { ...Object.fromEntries(SATISFACTION_DIMENSIONS.map((_, q) => [`q${q + 1}`, (i % 5) + 1])), q8: 9 },
        })) as Reply,
      )
    }
    expect(codes(replies)).toEqual({ OK: 30, RATE_LIMITED: 10 })
    expect(replies[30].message).toContain('一小时内最多交 30 次答卷')
    expect((await fx.store.answerOf(survey.data.id, 'wang'))?.requestId).toBe('replace-0029')
    await fx.expectTalliesMatchRecount()
  })
})
