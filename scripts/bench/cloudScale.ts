/**
 * 云开发规模（issue 19）：在执行器上（真 wx-server-sdk，请求层换成进程内执行器）重放居民一起行动的场景，
 * 每个请求 5–30 ms 往返，按一个套餐的配额拒绝超出的请求；每个操作都经部署后的入口（deployedMain）由函数运行器调用，
 * 带平台的函数超时与同时执行数上限；居民在窗口内均匀随机的时刻行动。
 *
 * 每个场景一套全新的数据（播种时无延迟、无配额），量完关掉延迟与配额，按统计维护端口核对桶与重算
 * （server/maintenance/tallyCheck.ts 的 checkTallies，与 npm run tally:check 同一条路）。
 *
 * 存储若有 foldTallies（事件日志：用户事务只写自己的记录，定时函数把事件汇进桶），场景中每 10 s 汇一次（像定时触发器），
 * 最后一个操作之后一直汇到没有待汇的事件：统计滞后 = 最后一个操作结束到待汇为 0 的时间；没有就是同步统计，滞后为 0。
 *
 * 一个"操作"是居民的一次完整动作（例如打开小程序的落地页再点开公告），其中任何一步没有得到 OK 即算失败。
 * 重试数 = 这次操作遇到的事务写冲突数（适配器每遇一次就退避重试一次）。
 * 进程是单线程的：负载重时事件循环本身会拖慢，每个场景报告事件循环延迟的 p99，数字大时延迟数字偏高。
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { FunctionName } from '../../src/core/api'
import { DEFAULT_OVERDUE_HOURS, type Building } from '../../src/core/directory'
import { isCleanDiff } from '../../src/core/tally'
import { checkTallies } from '../../server/maintenance/tallyCheck'
import { createCloudbaseStore, type CloudbaseStore } from '../../server/storage/cloudbase'
import type { PackageLimits } from '../../test/support/cloudbaseExecutor'
import { openCloudbaseHarness } from '../../test/support/cloudbaseHarness'
import { createCloudFunctionRunner, type CallOutcome, type CloudFunctionRunner } from '../../test/support/cloudFunctionRunner'
import { newInvocation, runInInvocation } from '../../test/support/invocationContext'
import { aReport, memberOf } from '../../test/samples'
import { log, percentile, round, type Figure, type Part } from './common'
import { tallyFoldMain } from '../../server/functions/tallyFold'
import { TIMEOUT_SECONDS_BY_FUNCTION } from '../../server/platform/wechat'
import type { TallyFolder } from '../../src/core/tally'

/** 每个数据库请求的往返：5–30 ms 均匀分布。 */
const LATENCY = () => 5 + Math.random() * 25

/**
 * 套餐：现行的基础套餐（个人版、入门版、初创版）每秒请求数都是 500，商用版 800，团队版 1000
 * （tencentyun/qcloud-documents 的 云开发 购买指南/价格文档.md）；基础套餐没有列同时连接数，取旧套餐专业版 1 成文的 100。
 * 超出的请求被拒（-501003/-501004），出处见 test/support/cloudbaseExecutor.ts 的 PackageLimits。
 */
const PACKAGE: PackageLimits = { name: '基础套餐（个人版/入门版/初创版）：每秒请求数 500；同时连接数 100（旧专业版 1）', qps: 500, connections: 100 }

/** 部署时每个函数的超时：与 cloudbaserc.json 同一张表（server/platform/wechat.ts）。 */
const FUNCTION_TIMEOUTS_MS: Partial<Record<FunctionName, number>> = Object.fromEntries(
  Object.entries(TIMEOUT_SECONDS_BY_FUNCTION).map(([name, seconds]) => [name, seconds * 1000]),
)

/** 定时触发器的间隔：cloudfunctions/tally/config.json 的每 5 分钟一次（TRIGGERS_BY_FUNCTION）。场景都短于它：滞后是最后一个操作之后归并完的时间。 */
const FOLD_EVERY_MS = 300_000

interface Step {
  name: FunctionName
  action: string
  payload: unknown
}

/** 一个居民的一次动作：依次调用的几步（后一步可以用前一步的回答）。 */
interface Journey {
  kind: string
  openid: string
  /** 下一步（可以看前一步的回答）；答 null 即结束。 */
  steps: (previous: unknown) => Step | null
}

interface JourneyResult {
  kind: string
  ok: boolean
  failure?: string
  ms: number
  requests: number
  conflicts: number
  endedAt: number
  calls: { step: string; outcome: CallOutcome['kind']; code?: string; requests: number; ms: number }[]
}

interface World {
  store: CloudbaseStore
  runner: CloudFunctionRunner
  /** 场景里要用的 id（公告、问卷、报事）。 */
  ids: Record<string, string>
  reportIds: string[]
}

interface Scenario {
  key: string
  title: string
  windowMs: number
  buildings: Building[]
  seed(world: World, call: SeedCall): Promise<void>
  journeys(world: World): Journey[]
}

type SeedCall = (name: FunctionName, openid: string, action: string, payload: unknown) => Promise<unknown>

const COMMUNITY = 'c_scale'
const REP = 'rep_scale'
const COMMITTEE = 'committee_scale'

const building = (n: number, households: number): Building => ({
  id: `b${n}`,
  communityId: COMMUNITY,
  code: `SCALE${n}`,
  name: `${n}号楼`,
  households,
  units: Math.max(1, Math.round(households / 36)),
  floors: 18,
})

const chinaDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)

/** 每栋楼的居民（按户，一户一人）。 */
const residentsOf = (b: Building) => Array.from({ length: b.households }, (_, i) => ({ openid: `r_${b.code.toLowerCase()}_${i + 1}`, building: b }))

/** 依次走完这几步。 */
const sequence = (...steps: Step[]): Journey['steps'] => {
  let i = 0
  return () => steps[i++] ?? null
}

async function publishNotice(call: SeedCall, author: string, target: unknown): Promise<string> {
  const notice = (await call('notices', author, 'publish', {
    requestId: 'scale-notice',
    communityId: COMMUNITY,
    target,
    title: '明天上午停水',
    body: '因管网维修，明天 9:00–12:00 停水，请提前储水。',
    images: [],
    pinned: false,
    expiresOn: null,
  })) as { id: string }
  return notice.id
}

async function createSurvey(call: SeedCall, codes: string[]): Promise<string> {
  const survey = (await call('surveys', REP, 'create', {
    requestId: 'scale-survey',
    communityId: COMMUNITY,
    target: { scope: 'buildings', buildingCodes: codes },
    title: '物业服务满意度调查',
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: chinaDate(7),
    minAnswers: 3,
  })) as { id: string }
  return survey.id
}

const surveyValues = () => {
  const values: Record<string, number> = {}
  for (let q = 1; q <= 7; q++) values[`q${q}`] = 1 + Math.floor(Math.random() * 5)
  values.q8 = Math.floor(Math.random() * 11)
  return values
}

/** 打开小程序落地页再点开公告（从群里的链接或楼栋码进来；订阅消息直接进公告页的少一步落地页）。 */
const noticeJourney = (openid: string, b: Building, noticeId: string): Journey => ({
  kind: '公告',
  openid,
  steps: sequence(
    { name: 'account', action: 'landing', payload: { buildingCode: b.code } },
    { name: 'notices', action: 'read', payload: { noticeId, buildingCode: b.code } },
  ),
})

/** 落地页上点问卷：表单，再交。 */
const surveyJourney = (openid: string, b: Building, surveyId: string): Journey => ({
  kind: '问卷',
  openid,
  steps: sequence(
    { name: 'account', action: 'landing', payload: { buildingCode: b.code } },
    { name: 'surveys', action: 'form', payload: { surveyId, buildingCode: b.code } },
    { name: 'surveys', action: 'answer', payload: { surveyId, buildingCode: b.code, requestId: `ans-${openid}`, unit: '', room: '', values: surveyValues() } },
  ),
})

const submitJourney = (openid: string, b: Building, text: string): Journey => ({
  kind: '报事',
  openid,
  steps: sequence({
    name: 'reports',
    action: 'submit',
    payload: aReport({
      requestId: `sub-${openid}`,
      buildingCode: b.code,
      kind: 'repair',
      category: 'facilities',
      text,
      location: { scope: 'public', area: '楼栋周边', detail: '' },
    }),
  }),
})

const shuffle = <T>(xs: T[]): T[] => {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const communityBuildings = Array.from({ length: 20 }, (_, i) => building(i + 1, 150))

const SCENARIOS: Scenario[] = [
  ...(
    [
      ['a', '108 户在 10 s 内打开新公告', [building(1, 108)], 10_000],
      ['b', '500 户在 10 s 内打开新公告', [building(1, 500)], 10_000],
      ['c60', '3,000 户的小区公告，60 s 内', communityBuildings, 60_000],
      ['c10', '3,000 户的小区公告，10 s 内', communityBuildings, 10_000],
    ] as const
  ).map(([key, title, buildings, windowMs]): Scenario => ({
    key,
    title,
    windowMs,
    buildings: [...buildings],
    async seed(world, call) {
      const target = buildings.length === 1 ? { scope: 'buildings', buildingCodes: [buildings[0].code] } : { scope: 'community' }
      world.ids.notice = await publishNotice(call, buildings.length === 1 ? REP : COMMITTEE, target)
    },
    journeys: (world) => buildings.flatMap((b) => residentsOf(b).map((r) => noticeJourney(r.openid, b, world.ids.notice))),
  })),
  {
    key: 'd',
    title: '108 户中 60 户在 30 s 内答问卷',
    windowMs: 30_000,
    buildings: [building(1, 108)],
    async seed(world, call) {
      world.ids.survey = await createSurvey(call, [building(1, 108).code])
    },
    journeys: (world) =>
      shuffle(residentsOf(building(1, 108)))
        .slice(0, 60)
        .map((r) => surveyJourney(r.openid, r.building, world.ids.survey)),
  },
  {
    key: 'e',
    title: '30 位居民在 2 s 内报停水',
    windowMs: 2_000,
    buildings: [building(1, 108)],
    async seed() {},
    journeys: () =>
      residentsOf(building(1, 108))
        .slice(0, 30)
        .map((r) => submitJourney(r.openid, r.building, '停水了，家里一滴水都没有')),
  },
  {
    key: 'f',
    title: '忙碌的一分钟（500 户的楼：开落地页、读公告、答问卷、报事、"我也遇到"、代表处理）',
    windowMs: 60_000,
    buildings: [building(1, 500)],
    async seed(world, call) {
      const b = building(1, 500)
      world.ids.notice = await publishNotice(call, REP, { scope: 'buildings', buildingCodes: [b.code] })
      world.ids.survey = await createSurvey(call, [b.code])
      // 一条大家都遇到的报事，和十条等代表受理的。
      const first = (await call(
        'reports',
        'r_seed_0',
        'submit',
        aReport({ requestId: 'seed-hot', buildingCode: b.code, text: '地下车库入口积水很深，车开不进去' }),
      )) as { report: { id: string } }
      world.ids.hot = first.report.id
      for (let i = 1; i <= 10; i++) {
        const r = (await call(
          'reports',
          `r_seed_${i}`,
          'submit',
          aReport({ requestId: `seed-pending-${i}`, buildingCode: b.code, text: `楼道声控灯不亮了（${i}）` }),
        )) as { report: { id: string } }
        world.reportIds.push(r.report.id)
      }
    },
    journeys(world) {
      const b = building(1, 500)
      const people = shuffle(residentsOf(b))
      const take = (n: number) => people.splice(0, n)
      const out: Journey[] = [
        ...take(150).map((r): Journey => ({
          kind: '落地页',
          openid: r.openid,
          steps: sequence({ name: 'account', action: 'landing', payload: { buildingCode: b.code } }),
        })),
        ...take(150).map((r) => noticeJourney(r.openid, b, world.ids.notice)),
        ...take(60).map((r) => surveyJourney(r.openid, b, world.ids.survey)),
        ...take(20).map((r) => submitJourney(r.openid, b, '单元门禁刷卡没反应')),
        ...take(40).map((r): Journey => ({
          kind: '我也遇到',
          openid: r.openid,
          steps: sequence(
            { name: 'reports', action: 'similar', payload: { buildingCode: b.code, category: 'elevator' } },
            { name: 'reports', action: 'follow', payload: { reportId: world.ids.hot } },
          ),
        })),
        ...world.reportIds.map((reportId, i): Journey => ({
          kind: '代表受理',
          openid: REP,
          steps: sequence(
            { name: 'handling', action: 'queue', payload: { buildingCode: b.code, withCounts: true } },
            { name: 'handling', action: 'act', payload: { reportId, requestId: `act-report-${i}`, action: 'accept', expectedStatus: 'pending', note: '' } },
          ),
        })),
      ]
      return out
    },
  },
]

type Foldable = TallyFolder
const canFold = (store: object): store is Foldable => typeof (store as Partial<Foldable>).foldTallies === 'function'

/** 定时触发的归并函数（部署的 tally 入口，来源是定时触发器）跑一次，在它自己的调用上下文里（请求照样有延迟与配额）。 */
async function foldOnce(store: Foldable): Promise<{ folded: number; pending: number }> {
  const main = tallyFoldMain({ folder: () => store, context: () => ({ SOURCE: 'wx_trigger' }), logger: { info() {}, warn() {}, error() {} } })
  const reply = await runInInvocation(newInvocation('timer', 'foldTallies'), () => main())
  if (reply.code !== 'OK') throw new Error(`归并失败：${reply.message}`)
  return reply.data
}

async function runJourney(runner: CloudFunctionRunner, journey: Journey): Promise<JourneyResult> {
  const started = performance.now()
  const result: JourneyResult = { kind: journey.kind, ok: true, ms: 0, requests: 0, conflicts: 0, endedAt: 0, calls: [] }
  let previous: unknown = undefined
  for (let step = journey.steps(previous); step; step = journey.steps(previous)) {
    const outcome = await runner.call(step.name, journey.openid, step.action, step.payload)
    result.requests += outcome.invocation.requests
    result.conflicts += outcome.invocation.conflicts
    const code = outcome.kind === 'replied' ? outcome.reply.code : undefined
    result.calls.push({ step: `${step.name}.${step.action}`, outcome: outcome.kind, code, requests: outcome.invocation.requests, ms: outcome.ms })
    if (outcome.kind !== 'replied' || outcome.reply.code !== 'OK') {
      result.ok = false
      const { refused, conflicts } = outcome.invocation
      // 用例把数据库错误都答成 INTERNAL：按这次调用遇到的事认出原因（有请求被配额拒绝的算配额）。
      const cause = refused > 0 ? '（请求被配额拒绝）' : conflicts > 14 ? '（冲突重试用完）' : ''
      result.failure =
        outcome.kind === 'replied'
          ? `${step.name}.${step.action} ${outcome.reply.code}${cause}`
          : `${step.name}.${step.action} ${outcome.kind === 'timeout' ? '超时' : '并发超限'}`
      break
    }
    previous = outcome.reply.data
  }
  result.ms = performance.now() - started
  result.endedAt = performance.now()
  return result
}

const pct = (n: number, of: number) => (of === 0 ? 0 : round((100 * n) / of, 1))

async function runScenario(scenario: Scenario) {
  const h = openCloudbaseHarness()
  const { executor } = h
  const store = createCloudbaseStore(h.db)
  const runner = createCloudFunctionRunner({ store, timeoutsMs: FUNCTION_TIMEOUTS_MS })
  const world: World = { store, runner, ids: {}, reportIds: [] }
  // —— 播种：无延迟、无配额 ——
  await store.saveCommunity({ id: COMMUNITY, name: '规模小区', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
  for (const b of scenario.buildings) await store.saveBuilding(b)
  await store.addMember(memberOf(REP, { communityId: COMMUNITY, buildingId: scenario.buildings[0].id, role: 'representative' }))
  await store.addMember(memberOf(COMMITTEE, { communityId: COMMUNITY, buildingId: null, role: 'committee' }, { body: 'owners_committee' }))
  const seedCall: SeedCall = async (name, openid, action, payload) => {
    const outcome = await runner.call(name, openid, action, payload)
    if (outcome.kind !== 'replied' || outcome.reply.code !== 'OK')
      throw new Error(`播种 ${name}.${action} 失败：${JSON.stringify(outcome.kind === 'replied' ? outcome.reply : outcome.error)}`)
    return outcome.reply.data
  }
  await scenario.seed(world, seedCall)
  const journeys = shuffle(scenario.journeys(world))

  // —— 场景：延迟与配额打开 ——
  executor.latencyMs = LATENCY
  executor.limits = PACKAGE
  executor.resetStats()
  runner.resetStats()
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const folding = canFold(store)
  let foldTimer: NodeJS.Timeout | undefined
  const foldErrors: string[] = []
  if (folding) {
    foldTimer = setInterval(() => void foldOnce(store).catch((e: Error) => foldErrors.push(e.message)), FOLD_EVERY_MS)
  }
  const started = performance.now()
  const results = await Promise.all(
    journeys.map(
      (journey) => new Promise<JourneyResult>((resolve) => setTimeout(() => resolve(runJourney(runner, journey)), Math.random() * scenario.windowMs)),
    ),
  )
  const lastEnded = Math.max(...results.map((r) => r.endedAt))
  let lagMs = 0
  let pendingAtEnd: number | null = null
  if (folding) {
    clearInterval(foldTimer)
    for (let rounds = 0; ; rounds++) {
      const { pending } = await foldOnce(store).catch((e: Error) => {
        foldErrors.push(e.message)
        return { folded: 0, pending: -1 }
      })
      pendingAtEnd = pending
      if (pending === 0 || rounds > 200) break
    }
    lagMs = performance.now() - lastEnded
  }
  const wallMs = performance.now() - started
  loop.disable()
  const dbStats = executor.stats()
  const perSecond = executor.requestsPerSecond()
  const fnStats = runner.stats()

  // —— 核对：延迟与配额关掉 ——
  executor.latencyMs = undefined
  executor.limits = undefined
  const check = await checkTallies(store)
  const tallyExact = isCleanDiff(check.diff)

  const ok = results.filter((r) => r.ok)
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const retries = sorted(results.map((r) => r.conflicts))
  const latency = sorted(results.map((r) => r.ms))
  const failures: Record<string, number> = {}
  for (const r of results) if (!r.ok) failures[r.failure ?? '?'] = (failures[r.failure ?? '?'] ?? 0) + 1
  const byStep: Record<string, { calls: number; okPercent: number; requestsMean: number; msP50: number }> = {}
  const steps = new Map<string, JourneyResult['calls']>()
  for (const r of results) for (const c of r.calls) steps.set(c.step, [...(steps.get(c.step) ?? []), c])
  for (const [step, calls] of steps) {
    byStep[step] = {
      calls: calls.length,
      okPercent: pct(calls.filter((c) => c.outcome === 'replied' && c.code === 'OK').length, calls.length),
      requestsMean: round(calls.reduce((s, c) => s + c.requests, 0) / calls.length, 1),
      msP50: round(percentile(sorted(calls.map((c) => c.ms)), 50)),
    }
  }
  const kinds: Record<string, { operations: number; succeededPercent: number }> = {}
  for (const kind of new Set(results.map((r) => r.kind))) {
    const of = results.filter((r) => r.kind === kind)
    kinds[kind] = { operations: of.length, succeededPercent: pct(of.filter((r) => r.ok).length, of.length) }
  }
  const succeeded = pct(ok.length, results.length)
  const p99 = round(percentile(latency, 99))
  const is108 = scenario.key === 'a'
  h.dispose()
  return {
    title: scenario.title,
    households: scenario.buildings.reduce((s, b) => s + b.households, 0),
    windowSeconds: scenario.windowMs / 1000,
    operations: results.length,
    kinds,
    succeeded: { value: succeeded, unit: '%', goal: 100, ok: succeeded === 100 } satisfies Figure,
    failures,
    retries: { p50: percentile(retries, 50), p99: percentile(retries, 99), max: retries.at(-1) ?? 0 },
    latencyMs: { p50: round(percentile(latency, 50)), p99: { value: p99, unit: 'ms', goal: 1000, ok: p99 <= 1000 } satisfies Figure },
    requestsPerOperation: round(dbStats.requests / Math.max(1, results.length), 1),
    peakRequestsPerSecond: {
      value: dbStats.peakPerSecond,
      unit: 'requests/s',
      ...(is108 && { limit: 500, ok: dbStats.peakPerSecond <= 500 }),
    } satisfies Figure,
    requestsPerSecond: perSecond,
    refused: { qps: dbStats.refusedQps, connections: dbStats.refusedConnections },
    conflicts: dbStats.conflicts,
    inFlightPeak: dbStats.inFlightPeak,
    peakConcurrentFunctions: fnStats.peakConcurrent,
    functions: { invocations: fnStats.invocations, timedOut: fnStats.timedOut, refused: fnStats.refused },
    tallyLagSeconds: {
      value: round(lagMs / 1000, 1),
      unit: 's',
      note: folding ? `每 ${FOLD_EVERY_MS / 1000} s 汇一次；最后待汇 ${pendingAtEnd}` : '同步统计（存储没有 foldTallies）',
    } satisfies Figure,
    ...(foldErrors.length > 0 && { foldErrors: foldErrors.slice(0, 5) }),
    talliesEqualRecount: { value: tallyExact, unit: 'bool', goal: true, ok: tallyExact } satisfies Figure,
    byStep,
    eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6),
    wallSeconds: round(wallMs / 1000, 1),
  }
}

type ScenarioResult = Awaited<ReturnType<typeof runScenario>>

function printTable(rows: [string, ScenarioResult][]) {
  const header = [
    '场景',
    '操作',
    '成功%',
    '重试 p50/p99/max',
    '延迟 p50/p99 ms',
    '请求/操作',
    '峰值 请求/s（含被拒）',
    '被拒(QPS)',
    '并发函数峰值',
    '超时',
    '统计滞后 s',
    '桶==重算',
    '事件循环 p99 ms',
  ]
  const lines = rows.map(([key, r]) => [
    `${key} ${r.title}`,
    String(r.operations),
    String(r.succeeded.value),
    `${r.retries.p50}/${r.retries.p99}/${r.retries.max}`,
    `${r.latencyMs.p50}/${r.latencyMs.p99.value}`,
    String(r.requestsPerOperation),
    String(r.peakRequestsPerSecond.value),
    String(r.refused.qps),
    String(r.peakConcurrentFunctions),
    String(r.functions.timedOut),
    String(r.tallyLagSeconds.value),
    r.talliesEqualRecount.value ? '是' : '否',
    String(r.eventLoopDelayP99Ms),
  ])
  log(`| ${header.join(' | ')} |`)
  log(`|${header.map(() => '---').join('|')}|`)
  for (const line of lines) log(`| ${line.join(' | ')} |`)
}

/**
 * 一个 1,000 户小区一个月的用量与费用：每个动作的请求数取忙碌一分钟（场景 f，没有被拒的请求）里量到的平均，
 * 次数是下面写明的假设。价格：现行基础套餐个人版 19.9 元/月，含调用次数 20 万次/月（数据库读写与函数调用都算一次）、
 * 云函数资源使用量 10 万 GBs/月；超出的调用 0.5 元/万次（tencentyun/qcloud-documents 云开发 购买指南/价格文档.md）。
 */
const MONTHLY_VOLUME: Record<string, { perMonth: number; why: string }> = {
  'account.landing': { perMonth: 12_000, why: '每户每月打开 12 次（含去读公告、去答卷时先开的首页）' },
  'notices.read': { perMonth: 6_000, why: '每月 12 条公告，每条一半的户读' },
  'surveys.form': { perMonth: 140, why: '每季度一次问卷，四成的户答' },
  'surveys.answer': { perMonth: 140, why: '同上' },
  'reports.submit': { perMonth: 150, why: '每百户每月 15 条报事' },
  'reports.follow': { perMonth: 50, why: '"我也遇到"' },
  'handling.act': { perMonth: 600, why: '每条报事约 4 步处理' },
}
/** 定时归并：每 5 分钟一次，空转两次读；每月的事件与回执按每批 500 条、每批约 100 个请求算。 */
const TIMER_RUNS_PER_MONTH = (30 * 24 * 60) / 5

function monthlyEstimate(byStep: ScenarioResult['byStep']) {
  const lines: string[] = []
  let invocations = 0
  let requests = 0
  let gbSeconds = 0
  for (const [step, { perMonth, why }] of Object.entries(MONTHLY_VOLUME)) {
    const measured = byStep[step]
    if (!measured) continue
    const stepRequests = perMonth * measured.requestsMean
    invocations += perMonth
    requests += stepRequests
    // 256 MB 的函数，按量到的 p50 时长计（不计冷启动）。
    gbSeconds += perMonth * 0.25 * (measured.msP50 / 1000)
    lines.push(`${step}：${perMonth.toLocaleString('en')} 次（${why}）× ${measured.requestsMean} 个请求 = ${Math.round(stepRequests).toLocaleString('en')}`)
  }
  // 每次写入一条事件（读公告是带增量的回执）。
  const events = ['notices.read', 'reports.submit', 'reports.follow', 'handling.act', 'surveys.answer'].reduce(
    (n, step) => n + MONTHLY_VOLUME[step].perMonth,
    0,
  )
  const foldRequests = TIMER_RUNS_PER_MONTH * 2 + Math.ceil(events / 500) * 100
  invocations += TIMER_RUNS_PER_MONTH
  requests += foldRequests
  gbSeconds += TIMER_RUNS_PER_MONTH * 0.25 * 0.1
  lines.push(
    `归并：${TIMER_RUNS_PER_MONTH.toLocaleString('en')} 次定时 × 2 次读 + 约 ${events.toLocaleString('en')} 条事件与回执 ÷ 500 × 100 = ${foldRequests.toLocaleString('en')}`,
  )
  const calls = Math.round(invocations + requests)
  const overCalls = Math.max(0, calls - 200_000)
  const yuan = 19.9 + (overCalls / 10_000) * 0.5
  lines.push(
    `调用次数 = 函数调用 ${Math.round(invocations).toLocaleString('en')} + 数据库请求 ${Math.round(requests).toLocaleString('en')} = ${calls.toLocaleString('en')}（个人版含 200,000）`,
  )
  lines.push(`资源使用量约 ${Math.round(gbSeconds).toLocaleString('en')} GBs（个人版含 100,000）`)
  lines.push(`每月约 ${yuan.toFixed(1)} 元（19.9 元套餐${overCalls ? ` + 超出 ${overCalls.toLocaleString('en')} 次 × 0.5 元/万次` : ''}）`)
  return {
    invocations: Math.round(invocations),
    databaseRequests: Math.round(requests),
    calls,
    gbSeconds: Math.round(gbSeconds),
    yuanPerMonth: Number(yuan.toFixed(1)),
    arithmetic: lines,
  }
}

export const cloudScale: Part = async () => {
  const only = process.env.LOUSHI_SCALE_ONLY?.split(',').filter(Boolean)
  log(`云开发规模：每个请求 5–30 ms；套餐 ${PACKAGE.name}；超出同时连接数${PACKAGE.overConnections === 'queue' ? '排队' : '拒绝'}`)
  log(
    `函数超时（ms）：${Object.entries(FUNCTION_TIMEOUTS_MS)
      .map(([n, ms]) => `${n} ${ms}`)
      .join('，')}；同时执行上限 1000`,
  )
  const rows: [string, ScenarioResult][] = []
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.key)) continue
    log(`场景 ${scenario.key}：${scenario.title}…`)
    const result = await runScenario(scenario)
    log(`  成功 ${result.succeeded.value}%（${result.operations} 个操作），失败：${JSON.stringify(result.failures)}，${result.wallSeconds} s`)
    rows.push([scenario.key, result])
  }
  printTable(rows)
  const mixed = rows.find(([key]) => key === 'f')?.[1]
  const cost = mixed && monthlyEstimate(mixed.byStep)
  if (cost) for (const line of cost.arithmetic) log(`成本：${line}`)
  return {
    ...(cost && { monthlyCost1000Households: cost }),
    method:
      '执行器（真 wx-server-sdk）+ 函数运行器（部署后的入口、函数超时、同时执行上限），每个请求 5–30 ms，按套餐配额拒绝超出的请求；每个场景重新播种，量完核对统计桶与重算',
    package: PACKAGE,
    functionTimeoutsMs: FUNCTION_TIMEOUTS_MS,
    latencyMs: '5–30 均匀',
    scenarios: Object.fromEntries(rows),
  }
}
