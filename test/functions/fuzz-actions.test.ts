/**
 * 模糊测试：每个云函数的每个动作（按 FUNCTION_ACTIONS 枚举，新动作自动纳入）各收 1000 份畸形或恶意载荷，
 * 以居民、代表、业委会等身份调用。种子固定、写在测试名里，失败可原样重放。
 * 每一次调用：不抛出；答 { code, message, data }；不成功时 message 是中文、data 为 null、存储一行未变；
 * Object.prototype 没被污染。每个动作跑完：没有成功的调用则存储与开头逐条相同；统计桶与重算相同；
 * 存下的文字里没有零宽字符、双向控制符与落单的代理项，都是 NFC（存下的就是检测过的）。
 */
import fc from 'fast-check'
import net from 'node:net'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTION_ACTIONS, type FunctionName } from '../../src/core/api'
import { startTestHost, type TestHost } from '../support/testHost'
import { createFixture, type Reply } from './fixture'

const RUNS = 1000
const BASE_SEED = 20261120
const IDENTITIES = ['wang', 'rep_li', 'committee_zhang', 'rep_chen', 'admin_zhou'] as const
const CHINESE = /[\u4e00-\u9fa5]/

// 固定的报事编号（夹具的 id 按序生成）：r0001 王的，1 号楼；r0002 赵的，2 号楼（别人的楼）；r0003 王的，1 号楼，已处理待确认。
const MINE = 'r0001'
const OTHER_BUILDING = 'r0002'
const AWAITING = 'r0003'
// 准备时再造的：r0004 李代表发给 1 号楼的公告，r0005 他记的巡查（一处隐患 h1）；一个还没用的邀请码。
const NOTICE = 'r0004'
const ENTRY = 'r0005'
const INVITE = 'FUZZNVW2'
// r0006：李代表发给 1 号楼的满意度问卷。
const SURVEY = 'r0006'
// r0007：李代表存下的 1 号楼本月工作总结；r0008：它的征求意见公告（总结在征求意见中）。
const SUMMARY = 'r0007'
const PERIOD = { kind: 'month', start: '2026-11', end: '2026-11' }
const DRAFT = { communityId: 'c1', buildingCode: 'CHY1', period: PERIOD, kind: null }

/** 每个动作一份合法载荷：变异从它出发，逐个字段换成恶意值、删掉或多加字段。 */
const SAMPLES: Record<string, Record<string, unknown>> = {
  'reports.submit': {
    requestId: 'fuzz-submit-0001',
    buildingCode: 'CHY1',
    kind: 'repair',
    category: 'elevator',
    text: '3单元电梯按钮失灵，已经两天了',
    location: { scope: 'unit', unit: '3', floor: 7, room: '702' },
    anonymous: false,
    urgency: 'normal',
    contactPhone: '13800138000',
    photos: ['local://uploads/reports/2026-11/abcdefgh.png'],
  },
  'reports.listMine': { cursor: '', withRoles: true },
  'reports.listFollowed': { cursor: '', withRoles: false },
  'reports.similar': { buildingCode: 'CHY1', category: 'elevator' },
  'reports.follow': { reportId: OTHER_BUILDING },
  'reports.track': { reportId: MINE },
  'reports.answer': {
    reportId: AWAITING,
    requestId: 'fuzz-answer-0001',
    expectedStatus: 'awaiting_confirmation',
    solved: true,
    rating: { speed: 4, attitude: 5, effect: 4 },
    words: '',
  },
  'handling.queue': { buildingCode: 'CHY1', group: 'open', category: 'elevator', urgency: 'normal', overdue: false, order: 'oldest', withCounts: true },
  'handling.counts': { buildingCode: 'CHY1' },
  'handling.detail': { reportId: MINE },
  'handling.act': {
    reportId: MINE,
    requestId: 'fuzz-act-0001',
    action: 'accept',
    expectedStatus: 'pending',
    note: '',
    assignee: { party: 'property', name: '' },
  },
  'stats.building': { buildingCode: 'CHY1', month: '2026-11' },
  'stats.workbook': { communityId: 'c1', buildingCode: 'CHY1', period: { kind: 'month', start: '2026-11', end: '2026-11' } },
  'account.me': {},
  'account.landing': { buildingCode: 'CHY1' },
  'account.building': { buildingCode: 'CHY1' },
  'account.buildingQr': { buildingCode: 'CHY1' },
  'account.inviteInfo': { code: INVITE },
  'account.join': { code: INVITE, name: '王老师' },
  'admin.createCommunity': { requestId: 'fuzz-community-01', name: '新城家园', hasPropertyCompany: false, oldEstate: true },
  'admin.overview': { communityId: 'c1' },
  'admin.updateCommunity': { communityId: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } },
  'admin.saveBuilding': { communityId: 'c1', buildingCode: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 },
  'admin.invite': { communityId: 'c1', role: 'representative', buildingCode: 'CHY1' },
  'admin.revokeInvite': { communityId: 'c1', code: INVITE },
  'admin.removeMember': { communityId: 'c1', memberId: 'm_rep_chen' },
  'notices.list': { buildingCode: 'CHY1', cursor: '' },
  'notices.read': { noticeId: NOTICE, buildingCode: 'CHY1', fromShare: true },
  'notices.subscribe': { buildingCode: 'CHY1' },
  'notices.publish': {
    requestId: 'fuzz-notice-0001',
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '停水通知',
    body: '11 月 25 日上午停水，请提前储水',
    images: ['local://uploads/notices/2026-11/abcdefgh.png'],
    pinned: true,
    expiresOn: '2026-12-31',
  },
  'notices.withdraw': { noticeId: NOTICE },
  'notices.managed': { communityId: 'c1', cursor: '' },
  'worklog.add': {
    requestId: 'fuzz-worklog-0001',
    communityId: 'c1',
    buildingCode: 'CHY1',
    date: '2026-11-19',
    note: '与物业一起巡查',
    photos: ['local://uploads/worklog/2026-11/abcdefgh.png'],
    reportIds: [MINE],
    details: { kind: 'inspection', area: '地下车库', hazards: [{ text: '消防通道堆物' }, { text: '应急灯不亮', fixedOn: null }] },
  },
  'worklog.edit': {
    entryId: ENTRY,
    buildingCode: 'CHY1',
    date: '2026-11-18',
    note: '',
    photos: [],
    reportIds: [],
    details: { kind: 'meeting', type: 'joint', attendees: 9, topics: '停车难', decisions: '划线' },
  },
  'worklog.fixHazard': { entryId: ENTRY, hazardId: 'h1', fixedOn: '2026-11-20' },
  'worklog.remove': { entryId: ENTRY },
  'worklog.detail': { entryId: ENTRY },
  'worklog.list': { communityId: 'c1', buildingCode: 'CHY1', kind: 'inspection', cursor: '' },
  'worklog.form': { communityId: 'c1', entryId: ENTRY },
  'surveys.open': { buildingCode: 'CHY1' },
  'surveys.form': { surveyId: SURVEY, buildingCode: 'CHY1' },
  'surveys.answer': {
    surveyId: SURVEY,
    buildingCode: 'CHY1',
    requestId: 'fuzz-answer-survey-01',
    unit: '2',
    room: '702',
    values: { q1: 4, q2: 5, q3: 3, q4: 4, q5: 2, q6: 4, q7: 4, q8: 9, q9: '希望增加保洁频次' },
    fromShare: true,
  },
  'surveys.create': {
    requestId: 'fuzz-survey-0001',
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '电梯加装意向',
    template: null,
    questions: [
      { type: 'single', title: '是否支持加装电梯', required: true, options: ['支持', '不支持'] },
      { type: 'rating', title: '对现状的满意度', required: false, options: [] },
    ],
    opensOn: null,
    closesOn: '2026-12-31',
    minAnswers: 3,
  },
  'surveys.close': { surveyId: SURVEY },
  'surveys.managed': { communityId: 'c1' },
  'surveys.results': { surveyId: SURVEY },
  'summary.draft': DRAFT,
  'summary.trace': { summaryId: SUMMARY, version: null, draft: null, figureId: 'received', cursor: null },
  'summary.save': {
    requestId: 'fuzz-save-0001',
    summaryId: SUMMARY,
    baseVersion: 1,
    draft: null,
    title: '1号楼工作总结',
    edits: [{ paragraphId: 'intro', text: '本月共收到 3 件报事。' }],
    quotes: [{ paragraphId: 'case1', quoted: true }],
  },
  'summary.restore': { requestId: 'fuzz-restore-0001', summaryId: SUMMARY, version: 1 },
  'summary.detail': { summaryId: SUMMARY, version: null },
  'summary.list': { communityId: 'c1' },
  'summary.publish': { requestId: 'fuzz-publish-0001', summaryId: SUMMARY, closesOn: '2026-11-30' },
  'summary.comment': { requestId: 'fuzz-comment-0001', summaryId: SUMMARY, buildingCode: 'CHY1', text: '建议多巡查地下车库' },
  'summary.finalize': { requestId: 'fuzz-finalize-0001', summaryId: SUMMARY },
  'summary.export': { summaryId: SUMMARY, version: null, format: 'text' },
}

// —— 恶意值 ——

const deep = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown => {
  let v = leaf
  for (let i = 0; i < depth; i++) v = wrap(v)
  return v
}
/** 以自有属性带 __proto__、constructor、prototype 的对象（只能经 JSON.parse 造出来）。 */
const PROTO_JSON = [
  '"__proto__":{"polluted":"yes"}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"prototype":{"polluted":"yes"},"__proto__":{"isAdmin":true}',
  '"__proto__":{"__proto__":{"polluted":"yes"}},"toString":"x","hasOwnProperty":"x","valueOf":1',
]
const protoObjects = PROTO_JSON.map((s) => JSON.parse(`{${s}}`) as unknown)
/** 样本的字段都在，外加以自有属性出现的 __proto__ 等键。 */
const withProtoKeys = (sample: Record<string, unknown>, keys: string) => {
  const body = JSON.stringify(sample).slice(1, -1)
  return JSON.parse(`{${keys}${body ? `,${body}` : ''}}`) as unknown
}

const SQL = [
  "'; DROP TABLE reports; --",
  '" OR 1=1 --',
  "CHY1' OR '1'='1",
  'r0001; DELETE FROM tally_buckets',
  "') UNION SELECT * FROM memberships --",
  '%',
  '_',
  '\\',
]
const SCRIPT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
]
const OTHER_IDS = [
  OTHER_BUILDING,
  MINE,
  AWAITING,
  NOTICE,
  ENTRY,
  SURVEY,
  'q1',
  INVITE,
  INVITE.toLowerCase(),
  'ABCDEFGH',
  'h1',
  'm0002',
  'rep_li',
  'committee_zhang',
  'rep_chen',
  'b1',
  'b2',
  'c1',
  'CHY2',
  'local://uploads/qr/CHY1.png',
  'cloud://env/qr/CHY1.png',
  '../../etc/passwd',
]
const UNICODE = [
  '\uD800',
  '\uDFFF',
  'a\uD800b',
  '\u202Egnp.exe',
  '\u200B',
  'CHY\u200B1',
  '\u0000',
  'CHY1\u0000',
  '\uFEFF',
  '😀👍🏽👨‍👩‍👧',
  '𠀀𪚥𰻞',
  '\u0301\u0301\u0301',
  'ＣＨＹ１',
  '\r\n',
  '\t',
  // 夹在像样的文字里：半个 emoji、零宽字符、倒着显示的签名、两种写法的"é"。
  '电梯按钮失灵\uD83D，已经两天了',
  '\uDE00楼道灯坏了好几天',
  '王\u200B\u200C\u200D\u2060老师',
  '\u200B\u200B\u2066\uFEFF',
  '1号楼业主代表\u202E师老李\u202C',
  '\u2067停水通知\u2069\u200E\u200F',
  'Cafe\u0301 门口的路灯不亮了',
]
const NUMBERS = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -1, 1.5, 3.0000000001]

const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 100_000 }), fc.constantFrom('x', '字', '😀', "'", '<', '\u0000', 'CHY1', '\uD800'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)))

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom(...protoObjects) },
  { weight: 2, arbitrary: fc.constantFrom(...SQL, ...SCRIPT) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_IDS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}, [{}], [null], ['CHY1']) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue(), { maxLength: 5 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      deep(1000, {}, (v) => ({ a: v })),
      deep(1000, [], (v) => [v]),
      deep(1000, 'CHY1', (v) => ({ buildingCode: v })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
    }),
  },
)

// —— 载荷的变异 ——

type Path = (string | number)[]
/** 样本里每个字段的路径（含嵌套对象与数组元素）。 */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return []
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
/** 按路径改写克隆（路径上的键都来自样本，不会经赋值改原型）；remove 时删掉该字段。 */
function edit(sample: Record<string, unknown>, path: Path, remove: boolean, value?: unknown): unknown {
  const root = clone(sample)
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else node[last] = value
  return root
}
/** 多加一个字段；键可以是 __proto__ 等，用 defineProperty 做成自有属性（赋值会改原型）。 */
function addKey(sample: Record<string, unknown>, path: Path, key: string, value: unknown): unknown {
  const root = clone(sample)
  let node = root as Record<string | number, unknown>
  for (const k of path) {
    const next = node[k]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) break
    node = next as Record<string | number, unknown>
  }
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
  return root
}
const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'openid',
    'OPENID',
    'userInfo',
    'reporterId',
    'role',
    'buildingId',
    'status',
    'isAdmin',
    '',
    ' ',
    'reportId',
    'buildingCode',
  ),
  fc.string({ maxLength: 12 }),
  hugeString.map((s) => s.slice(0, 10_000)),
)

function payloads(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = paths(sample)
  const containers: Path[] = [[], ...fields.filter((p) => paths(sample).some((q) => q.length === p.length + 1 && p.every((k, i) => q[i] === k)))]
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant(null)
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(field, hostileValue).map(([p, v]) => (p ? edit(sample, p, false, v) : v)) },
    { weight: 2, arbitrary: field.map((p) => (p ? edit(sample, p, true) : undefined)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...containers), extraKey, hostileValue).map(([p, k, v]) => addKey(sample, p, k, v)) },
    // 整个载荷换成原型污染的 JSON（样本字段都在，外加 __proto__ / constructor）。
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_JSON).map((keys) => withProtoKeys(sample, keys)) },
    // 非对象、空、数组、深嵌套的载荷。
    { weight: 2, arbitrary: hostileValue },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        null,
        undefined,
        [sample],
        [],
        'payload',
        0,
        deep(1000, sample, (v) => ({ ...sample, location: v })),
      ),
    },
  )
}

// —— 存储的快照 ——

type Fixture = ReturnType<typeof createFixture>
/** 便宜的快照：连接上累计改动的行数（任何 INSERT/UPDATE/DELETE 都会让它变）、各表行数、统计桶的合计。 */
/**
 * 查邀请码与接受邀请即使不成功也要记一次尝试（挡住逐个猜码，见 InviteStore.recordInviteAttempt）：
 * 这两个动作的快照不看尝试次数表，也就不能用连接上的累计改动数；改为逐行比较它们会写的邀请与成员表，其余表比行数。
 */
const RECORDS_ATTEMPTS = new Set(['account.inviteInfo', 'account.join'])
/** 载荷带楼栋码的动作答"没有找到"（码不是哪栋楼）时也记一次试错（与邀请码合计，见 router.ts 的守卫）。 */
const recordsAttempts = (key: string, sample: unknown) =>
  RECORDS_ATTEMPTS.has(key) || (sample !== null && typeof sample === 'object' && typeof (sample as { buildingCode?: unknown }).buildingCode === 'string')
/** 每个库的计数语句只编译一次：每份载荷前后各拍一次快照，1000 份 × 每个动作，编译占了这个文件大半的时间。 */
const snapshotStatements = new WeakMap<Fixture['store']['db'], { plain: () => string; besidesAttempts: () => string }>()
function cheapSnapshot(fx: Fixture, besidesAttempts = false): string {
  const db = fx.store.db
  let take = snapshotStatements.get(db)
  if (!take) {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
    const counts = tables.map((t) => [t, db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`)] as const)
    const totals = db.prepare('SELECT total(count) AS c, total(sum) AS s FROM tally_buckets')
    const changes = db.prepare('SELECT total_changes() AS n')
    const invites = db.prepare('SELECT * FROM invites ORDER BY code')
    const members = db.prepare('SELECT * FROM memberships ORDER BY id')
    const rowCounts = (skip: string) =>
      counts
        .filter(([name]) => name !== skip)
        .map(([name, q]) => `${name}=${(q.get() as { n: number }).n}`)
        .join(',')
    const tally = () => {
      const t = totals.get() as { c: number; s: number }
      return `${t.c}/${t.s}`
    }
    take = {
      plain: () => `${(changes.get() as { n: number }).n}|${rowCounts('')}|${tally()}`,
      besidesAttempts: () => `${JSON.stringify(invites.all())}|${JSON.stringify(members.all())}|${rowCounts('invite_attempts')}|${tally()}`,
    }
    snapshotStatements.set(db, take)
  }
  return besidesAttempts ? take.besidesAttempts() : take.plain()
}
async function fullSnapshot(fx: Fixture) {
  const photoChecks = (fx.store.db.prepare('SELECT COUNT(*) AS n FROM photo_checks').get() as { n: number }).n
  return { records: await fx.store.rawRecords(), buckets: await fx.store.allBuckets(), photoChecks }
}

/** 存下的文字里不该有的：零宽字符、双向控制符、落单的代理项（SQLite 把它存成 U+FFFD，JSON 列里是转义），也都应是 NFC。 */
const UNCLEAN = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/
function uncleanStrings(value: unknown, where: string, out: string[]) {
  if (typeof value === 'string') {
    if (/^[[{]/.test(value)) {
      try {
        return uncleanStrings(JSON.parse(value) as unknown, where, out)
      } catch {
        // 不是 JSON：按文字查。
      }
    }
    if (UNCLEAN.test(value) || value !== value.normalize('NFC')) out.push(`${where}: ${JSON.stringify(value).slice(0, 80)}`)
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) uncleanStrings(v, `${where}.${k}`, out)
  }
}
/** 存储里每张表每行每个文字值（JSON 列展开）都干净：存下的就是内容检测看过的那串。 */
function expectStoredTextClean(fx: Fixture) {
  const db = fx.store.db
  const found: string[] = []
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) uncleanStrings(row, name, found)
  }
  expect(found).toEqual([])
}

const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|')
const PROTOTYPE_KEYS = prototypeKeys()
function expectNoPollution() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const probe = {} as any
  expect(probe.polluted).toBeUndefined()
  expect(probe.isAdmin).toBeUndefined()
  expect(prototypeKeys()).toBe(PROTOTYPE_KEYS)
}

/** 种子按"函数.动作"的名字算：新加的动作不会改变已有动作的种子。 */
const seedOf = (key: string) => [...key].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, BASE_SEED)

const ACTIONS = (Object.entries(FUNCTION_ACTIONS) as [FunctionName, readonly string[]][]).flatMap(([name, actions]) =>
  actions.map((action) => [name, action] as const),
)

describe('云函数动作的模糊测试', () => {
  it('每个动作都有合法样本（新动作要在 SAMPLES 里补一份）', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(ACTIONS.map(([n, a]) => `${n}.${a}`).sort())
  })

  it.each(ACTIONS.map(([name, action]) => [`${name}.${action}`, seedOf(`${name}.${action}`), name, action] as const))(
    '%s：1000 份恶意载荷（种子 %i）',
    async (key, seed, name, action) => {
      const fx = createFixture()
      try {
        await fx.ready
        expect(await fx.file('wang')).toBe(MINE)
        expect(await fx.file('zhao', { buildingCode: 'CHY2', category: 'sanitation' })).toBe(OTHER_BUILDING)
        expect(await fx.file('wang', { category: 'security' })).toBe(AWAITING)
        for (const [step, expectedStatus] of [
          ['accept', 'pending'],
          ['handle', 'accepted'],
        ]) {
          const r = (await fx.call('handling', 'rep_li', 'act', {
            reportId: AWAITING,
            requestId: `setup-${step}-01`,
            action: step,
            expectedStatus,
            note: '',
          })) as Reply
          expect(r.code).toBe('OK')
        }
        const notice = (await fx.call('notices', 'rep_li', 'publish', { ...SAMPLES['notices.publish'], requestId: 'setup-notice-01', images: [] })) as Reply
        expect(notice.data?.id).toBe(NOTICE)
        const entry = (await fx.call('worklog', 'rep_li', 'add', { ...SAMPLES['worklog.add'], requestId: 'setup-worklog-01', photos: [] })) as Reply
        expect(entry.data?.id).toBe(ENTRY)
        const survey = (await fx.call('surveys', 'rep_li', 'create', {
          requestId: 'setup-survey-01',
          communityId: 'c1',
          target: { scope: 'buildings', buildingCodes: ['CHY1'] },
          title: '满意度调查',
          template: 'property_satisfaction',
          questions: [],
          opensOn: null,
          closesOn: '2026-12-31',
          minAnswers: 3,
        })) as Reply
        expect(survey.data?.id).toBe(SURVEY)
        const summary = (await fx.call('summary', 'rep_li', 'save', {
          requestId: 'setup-summary-01',
          summaryId: null,
          baseVersion: null,
          draft: DRAFT,
          title: null,
          edits: [],
        })) as Reply
        expect(summary.data?.id).toBe(SUMMARY)
        const consulting = (await fx.call('summary', 'rep_li', 'publish', {
          requestId: 'setup-summary-02',
          summaryId: SUMMARY,
          closesOn: '2026-11-30',
        })) as Reply
        expect(consulting.code).toBe('OK')
        await fx.store.addMember({
          id: 'm_admin_zhou',
          openid: 'admin_zhou',
          communityId: 'c1',
          buildingId: null,
          role: 'admin',
          name: '周',
          body: null,
          since: '2026-01-01T00:00:00.000Z',
        })
        await fx.store.saveInvite({
          code: INVITE,
          communityId: 'c1',
          role: 'representative',
          buildingId: 'b1',
          body: null,
          createdBy: 'admin_zhou',
          createdAt: '2026-11-20T00:00:00.000Z',
          expiresAt: '2026-11-22T00:00:00.000Z',
          acceptedBy: null,
          acceptedAt: null,
          revokedAt: null,
        })
        const before = await fullSnapshot(fx)
        const sample = SAMPLES[key]
        const codes: Record<string, number> = {}
        let anyOk = false

        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...IDENTITIES), payloads(sample), async (openid, payload) => {
            const besidesAttempts = recordsAttempts(key, sample)
            const snap = cheapSnapshot(fx, besidesAttempts)
            let reply: Reply
            try {
              reply = (await fx.call(name, openid, action, payload)) as Reply
            } catch (error) {
              throw new Error(`${key} 以 ${openid} 调用时抛出：${String(error)}`)
            }
            expect(Object.keys(reply).sort()).toEqual(['code', 'data', 'message'])
            expect(typeof reply.code).toBe('string')
            expect(typeof reply.message).toBe('string')
            // 内部错误说明用例被畸形输入弄坏了（校验本该先拦下）。
            expect(reply.code).not.toBe('INTERNAL')
            codes[reply.code] = (codes[reply.code] ?? 0) + 1
            if (reply.code === 'OK') anyOk = true
            else {
              expect(reply.message).toMatch(CHINESE)
              expect(reply.data).toBeNull()
              expect(cheapSnapshot(fx, besidesAttempts)).toBe(snap)
            }
            expectNoPollution()
          }),
          { seed, numRuns: RUNS },
        )

        if (!anyOk) expect(await fullSnapshot(fx)).toEqual(before)
        await fx.expectTalliesMatchRecount()
        expectStoredTextClean(fx)
        expectNoPollution()
        // 不只在校验层打转：有的变异仍合法，走到了用例（成功、越权或找不到）。
        expect(Object.keys(codes).length).toBeGreaterThan(1)
      } finally {
        fx.cleanup()
      }
    },
    60_000,
  )
})

// —— 载荷点名的键：只按自有属性查 ——

/** Object.prototype 上的名字（constructor、toString、__proto__……）不是任何一份总结里的数字。 */
const PROTOTYPE_NAMES = [...new Set(['constructor', '__proto__', 'toString', ...Object.getOwnPropertyNames(Object.prototype)])]

describe('载荷点名的键只按自有属性查', () => {
  const fx = createFixture()
  beforeAll(async () => {
    await fx.ready
    await fx.file('wang')
    const saved = (await fx.call('summary', 'rep_li', 'save', {
      requestId: 'proto-save-01',
      summaryId: null,
      baseVersion: null,
      draft: DRAFT,
      title: null,
      edits: [],
    })) as Reply
    expect(saved.data?.id).toBe('r0002')
  })
  afterAll(() => fx.cleanup())

  it.each(['constructor', '__proto__', 'toString'])('summary.trace 的数字编号 %s：答 INVALID（不是 INTERNAL），什么都不改', async (figureId) => {
    for (const payload of [
      { summaryId: 'r0002', version: null, draft: null, figureId, cursor: null },
      { summaryId: null, version: null, draft: DRAFT, figureId, cursor: null },
    ]) {
      const snap = cheapSnapshot(fx)
      const reply = (await fx.call('summary', 'rep_li', 'trace', payload)) as Reply
      expect({ code: reply.code, message: reply.message, data: reply.data }).toEqual({ code: 'INVALID', message: '数字编号无效', data: null })
      expect(cheapSnapshot(fx)).toBe(snap)
    }
    expectNoPollution()
  })

  it('summary.trace：Object.prototype 上的每个名字、以任何身份，都不答 INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IDENTITIES), fc.constantFrom(...PROTOTYPE_NAMES), fc.boolean(), async (openid, figureId, saved) => {
        const payload = saved
          ? { summaryId: 'r0002', version: null, draft: null, figureId, cursor: null }
          : { summaryId: null, version: null, draft: DRAFT, figureId, cursor: null }
        const reply = (await fx.call('summary', openid, 'trace', payload)) as Reply
        expect(reply.code).not.toBe('INTERNAL')
        expect(reply.code).not.toBe('OK')
        expect(reply.message).toMatch(CHINESE)
      }),
      { seed: seedOf('summary.trace:prototype'), numRuns: 100 },
    )
    expectNoPollution()
  })
})

// —— 本地宿主的 HTTP 路由 ——

type RawResponse = { status: number; headers: Record<string, string>; body: Buffer } | null

/** 经裸 TCP 发一个请求（方法、请求行里的路径、头都原样），读到连接关闭；连接被掐断、没有答复时答 null。 */
function rawRequest(port: number, head: string, body: Buffer = Buffer.alloc(0)): Promise<RawResponse> {
  return new Promise((resolve) => {
    // 只写不半关：宿主对已半关的连接不再写出流式的答复（静态文件）。Connection: close 让宿主答完就关。
    const socket = net.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body])))
    const chunks: Buffer[] = []
    socket.setTimeout(5_000, () => socket.destroy())
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      const all = Buffer.concat(chunks)
      const end = all.indexOf('\r\n\r\n')
      if (end < 0) return resolve(null)
      const [statusLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n')
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      const rest = all.subarray(end + 4)
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest })
    })
  })
}
/** 拆开 Transfer-Encoding: chunked 的答复体。 */
function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol < 0) break
    const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16)
    if (!(size > 0)) break
    parts.push(raw.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}
const request = (
  port: number,
  method: string,
  target: string,
  { body = Buffer.alloc(0), cookie, type }: { body?: Buffer; cookie?: string; type?: string } = {},
) =>
  rawRequest(
    port,
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${cookie === undefined ? '' : `Cookie: ${cookie}\r\n`}${type ? `Content-Type: ${type}\r\n` : ''}${method === 'GET' || method === 'HEAD' ? '' : `Content-Length: ${body.length}\r\n`}\r\n`,
    body,
  )

describe('本地宿主 HTTP 路由的模糊测试', () => {
  const SECRET = 'SECRET-MARKER-5b1f'
  let port: number
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => void unhandled.push(reason)

  let host: TestHost

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    host = await startTestHost({
      prefix: 'loushi-fuzz-host-',
      staticDir: 'h5',
      // 静态目录有 index.html（不然所有页面都是 503"尚未构建"）；目录外放一个不该被送出的文件。
      prepare: (d: string) => {
        mkdirSync(path.join(d, 'h5'))
        writeFileSync(path.join(d, 'h5', 'index.html'), '<!doctype html><title>楼事通</title>')
        writeFileSync(path.join(d, 'secret.txt'), SECRET)
      },
    })
    port = host.port
  })

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    await host.stop()
  })

  const ROUTES = [
    '/api/fn/reports',
    '/api/fn/handling',
    '/api/fn/stats',
    '/api/fn/account',
    '/api/fn/nope',
    '/api/fn/',
    '/api/fn/REPORTS',
    '/api/local/identity',
    '/api/local/identities',
    '/api/local/upload',
    '/api/local/outbox',
    '/api/local/files/reports/2026-11/x.png',
    '/api/local/files/',
    '/b/CHY1',
    '/b/x',
    '/healthz',
    '/',
    '/pages/index/index',
    '/index.html',
  ]
  const SUFFIXES = [
    '',
    '/',
    '/..%2f..%2fsecret.txt',
    '/../secret.txt',
    '/..%2f..%2fetc/passwd',
    '%2e%2e/%2e%2e/secret.txt',
    '/%00',
    '?x=%E0%A4%A',
    '?__proto__[polluted]=1',
    '#frag',
    '/%F0%9F%98%80',
    '/%E6%A5%BC',
    "/'%20OR%201=1%20--",
    '/%3Cscript%3E',
    '//',
    '/.',
    '/..',
  ]
  const HOSTILE_BODIES = [
    '',
    '{',
    '{"action":',
    'null',
    '[]',
    '"me"',
    '0',
    'NaN',
    '{"__proto__":{"polluted":"yes"},"action":"me"}',
    '{"action":"me","payload":{"constructor":{"prototype":{"polluted":"yes"}}}}',
    '{"key":"resident"}',
    '{"key":"visitor"}',
    '{"key":{"__proto__":1}}',
    '{"action":"submit","payload":"\'; DROP TABLE reports; --"}',
    '\uD800',
    '\u0000',
    '<script>alert(1)</script>',
  ]
  const target = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...ROUTES), fc.constantFrom(...SUFFIXES)).map(([r, s]) => r + s) },
    { weight: 1, arbitrary: fc.webPath().map((p) => p || '/') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ROUTES), fc.integer({ min: 1_000, max: 12_000 })).map(([r, n]) => `${r}/${'a'.repeat(n)}`) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: fc.constantFrom('/', '%', '.', 'a', 'E0', 'A4', '2f', '?', '#', '~', '*', ':', '@', '[', ']'), maxLength: 30 })
        .map((p) => `/${p}`),
    },
  )
  const body = fc.oneof(
    fc.constantFrom(...HOSTILE_BODIES).map((s) => Buffer.from(s, 'utf8')),
    fc
      .record({
        action: fc.oneof(fc.constantFrom('me', 'submit', 'queue', 'act', 'building', '__proto__', 'constructor', 'hasOwnProperty', 'toString'), fc.string()),
        payload: hostileValue.filter((v) => {
          try {
            return JSON.stringify(v) !== undefined && JSON.stringify(v).length < 60_000
          } catch {
            return false
          }
        }),
      })
      .map((e) => Buffer.from(JSON.stringify(e), 'utf8')),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '', 'utf8')),
    fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)),
    fc.integer({ min: 60_000, max: 64 * 1024 }).map((n) => Buffer.from(`{"action":"me","payload":{"x":"${'x'.repeat(n - 34)}"}}`, 'utf8')),
  )
  const cookie = fc.option(
    fc.oneof(
      fc.constantFrom(
        'loushi_sid=',
        'loushi_sid=nope',
        'loushi_sid=%E0%A4%A',
        '__proto__=x; constructor=y; loushi_sid=z',
        "loushi_sid=' OR 1=1 --",
        'loushi_sid=<script>',
        '=',
        ';;;',
        'a=b=c',
        'loushi_sid=%00',
        `loushi_sid=${'x'.repeat(4_000)}`,
      ),
      fc.string({ unit: fc.constantFrom('a', '=', ';', '%', ' ', 'loushi_sid', '2', 'E0', '"'), maxLength: 20 }),
    ),
    { nil: undefined },
  )
  const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'FOO']
  const HOST_SEED = 20261121

  it(`1000 个恶意请求（方法、路径、请求体、Cookie；种子 ${HOST_SEED}）：都答 < 500 的 JSON 或文本，不送出静态目录外的文件，宿主一直在`, async () => {
    const seen: Record<number, number> = {}
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        target,
        body,
        cookie,
        fc.constantFrom(undefined, 'application/json', 'text/plain', 'image/png'),
        async (method, path_, payload, cookie_, type) => {
          const res = await request(port, method, path_, { body: payload, cookie: cookie_, type })
          expect(res).not.toBeNull()
          const { status, headers, body: got } = res!
          seen[status] = (seen[status] ?? 0) + 1
          expect(status).toBeGreaterThanOrEqual(200)
          expect(status).toBeLessThan(500)
          expect(got.toString('utf8')).not.toContain(SECRET)
          const type_ = headers['content-type'] ?? ''
          if (type_.startsWith('application/json') && method !== 'HEAD') expect(() => JSON.parse(got.toString('utf8'))).not.toThrow()
          else if (got.length > 0 && method !== 'HEAD') expect(type_).toMatch(/^(text\/|image\/|application\/json)/)
          expectNoPollution()
          const health = await request(port, 'GET', '/healthz')
          expect(health?.status).toBe(200)
        },
      ),
      { seed: HOST_SEED, numRuns: 1000 },
    )
    expect(unhandled).toEqual([])
    expect(Object.keys(seen).length).toBeGreaterThan(3)
  }, 60_000)

  // —— 模糊测试找到过的问题，各留一条回归 ——

  it('/api/fn 的请求体超过 64 KB：答 413 和中文原因，不掐断连接', async () => {
    const res = await request(port, 'POST', '/api/fn/account', { body: Buffer.from(`{"action":"me","payload":{"x":"${'x'.repeat(70_000)}"}}`) })
    expect(res?.status).toBe(413)
  })

  it('/api/local/identity 的请求体超过 64 KB：同样答 413', async () => {
    const res = await request(port, 'POST', '/api/local/identity', { body: Buffer.from(`{"key":"${'x'.repeat(70_000)}"}`) })
    expect(res?.status).toBe(413)
  })

  it('静态页面的路径百分号编码坏了（/%E0%A4%A）：答 400，不是 500', async () => {
    for (const bad of ['/%E0%A4%A', '/%zz', '/pages/%C0']) {
      const res = await request(port, 'GET', bad)
      expect(res?.status).toBeLessThan(500)
    }
  })

  it('/api/local/identity 的请求体不是 JSON 对象（或是 null）：答 400', async () => {
    for (const bad of ['{', 'null', '']) {
      const res = await request(port, 'POST', '/api/local/identity', { body: Buffer.from(bad) })
      expect(res?.status).toBe(400)
    }
  })

  it('Cookie 里的百分号编码坏了（loushi_sid=%E0%A4%A）：当作没有会话，照常答复', async () => {
    const res = await request(port, 'POST', '/api/fn/account', { body: Buffer.from('{"action":"me"}'), cookie: 'loushi_sid=%E0%A4%A' })
    expect(res?.status).toBe(200)
  })

  it('请求行里解析不了的地址（"//["、"http://a:99999/"）：答 400，宿主继续服务（曾让 npm start 的进程退出）', async () => {
    for (const bad of ['//[', 'http://[', 'http://a:99999/']) {
      const res = await request(port, 'GET', bad)
      expect(res?.status).toBe(400)
    }
    expect((await request(port, 'GET', '/healthz'))?.status).toBe(200)
  })
})
