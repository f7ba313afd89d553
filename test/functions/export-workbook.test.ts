/**
 * 导出给办公室的 Excel（演示数据，一整年）：用 SheetJS 读回 exceljs 写出的文件（写与读不是同一个库），核对
 *   - 表名与中文表头、冻结的首行；
 *   - 每张表的行数等于直接从原始记录数出来的条数（报事、每种台账、隐患、公告、问卷），不经统计桶；
 *   - 日期是真正的日期格（数字 + 日期格式），按北京时间；
 *   - 文件里没有任何人的 openid、居民的电话、房号与报事原文；
 *   - 问卷只写公布了的合计：公布的均分等于从答卷重算的均分。
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as XLSX from 'xlsx'
import { createFunctions, storePorts } from '../../server/functions'
import { seedDemo } from '../../server/host/seed'
import { createLocalPlatform, LOCAL_FILE_PREFIX } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'
import type { TallyRecords } from '../../src/core/recount'
import { WORKLOG_KINDS } from '../../src/core/shared/catalog'
import { workLogSheetName } from '../../src/core/workbook'
import { countingIds } from '../samples'
import type { Reply } from './fixture'

jest.setTimeout(180_000)

const NOW = '2026-11-20T02:00:00.000Z'
const YEAR = { kind: 'year', start: '2026-01', end: '2026-12' } as const
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
const REP = 'demo_rep_li'
const COMMITTEE = 'demo_committee_zhang'
const COMMUNITY = 'c_chunhui'

let dir: string
let store: SqliteStore
let fns: ReturnType<typeof createFunctions>
let raw: TallyRecords

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'loushi-xlsx-'))
  store = openSqliteStore(path.join(dir, 'demo.db'))
  const platform = createLocalPlatform({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false })
  await seedDemo(store, { now: NOW, files: platform.files })
  fns = createFunctions({ ...storePorts(store), clock: { now: () => NOW }, ids: countingIds('x'), platform, logger: createTextLogger(() => undefined) })
  raw = await store.rawRecords()
})

afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Exported {
  reply: Reply
  book: XLSX.WorkBook
  bytes: Buffer
}

async function exportAs(openid: string, buildingCode: string | null): Promise<Exported> {
  const reply = (await fns.stats({ action: 'workbook', payload: { communityId: COMMUNITY, buildingCode, period: YEAR } }, { openid })) as Reply
  expect(reply.code).toBe('OK')
  expect(reply.data.fileId.startsWith(`${LOCAL_FILE_PREFIX}exports/${COMMUNITY}/`)).toBe(true)
  expect(reply.data.url).toMatch(/\/api\/local\/files\/exports\/.+\.xlsx\?expires=\d+&sig=/)
  const bytes = readFileSync(path.join(dir, 'uploads', reply.data.fileId.slice(LOCAL_FILE_PREFIX.length)))
  return { reply, book: XLSX.read(bytes, { cellDates: false, cellNF: true, cellStyles: true }), bytes }
}

const rowsOf = (book: XLSX.WorkBook, name: string): unknown[][] => {
  const ws = book.Sheets[name]
  expect(ws).toBeDefined()
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null })
}

/** 北京时间的墙上时刻 → Excel 的日期序数（1900 日期系统，1970-01-01 = 25569）。 */
const serialOf = (iso: string) => (Date.parse(iso) + 8 * 3_600_000) / 86_400_000 + 25569

const buildingIdsOf = async (codes: string[]) => Promise.all(codes.map(async (c) => (await store.buildingByCode(c))!.id))

describe('导出 Excel：1 号楼代表导出本楼一年', () => {
  let out: Exported
  let ids: string[]
  beforeAll(async () => {
    out = await exportAs(REP, 'CHY1')
    ids = await buildingIdsOf(['CHY1'])
  })

  it('有说明、报事登记、台账各表、公告与问卷，表头是中文，首行冻结', () => {
    const names = out.book.SheetNames
    expect(names.slice(0, 2)).toEqual(['说明', '报事登记'])
    expect(names).toContain('公告与知晓率')
    expect(names).toContain('问卷结果')
    expect(names).toContain('隐患整改')
    expect(rowsOf(out.book, '报事登记')[0]).toEqual([
      '报事编号',
      '楼栋',
      '提交时间',
      '类型',
      '分类',
      '紧急程度',
      '位置',
      '首次响应',
      '标记已处理',
      '居民确认解决',
      '关闭时间',
      '当前状态',
      '处理单位',
      '评价-速度',
      '评价-态度',
      '评价-效果',
      '关注人数',
    ])
    // 冻结首行与列宽：SheetJS 不读视图，直接解开 zip 看每张工作表 XML 里的 pane；列宽从 !cols 读。
    const zip = XLSX.CFB.read(out.bytes, { type: 'buffer' })
    names.forEach((name, i) => {
      const entry = XLSX.CFB.find(zip, `/xl/worksheets/sheet${i + 1}.xml`)
      expect(entry).toBeTruthy()
      const xml = Buffer.from(entry!.content as Uint8Array).toString('utf8')
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
      expect((out.book.Sheets[name]['!cols'] ?? []).length).toBeGreaterThan(1)
    })
    expect(out.book.Sheets['报事登记']['!cols']![2].wch ?? out.book.Sheets['报事登记']['!cols']![2].width).toBeGreaterThanOrEqual(16)
  })

  it('报事登记的行数等于原始记录里本楼本年提交的报事条数，每条一行', () => {
    const expected = raw.reports.filter((r) => ids.includes(r.buildingId) && MONTHS.includes(r.month))
    const rows = rowsOf(out.book, '报事登记').slice(1)
    expect(expected.length).toBeGreaterThan(50)
    expect(rows).toHaveLength(expected.length)
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(expected.map((r) => r.id)))
    expect(out.reply.data.sheets.find((s: { name: string }) => s.name === '报事登记').rows).toBe(expected.length)
  })

  it('每种台账一张表、隐患逐处一行，行数等于原始记录（不含删除的）', () => {
    const entries = raw.workLog.filter((e) => !e.removedAt && e.buildingId !== null && ids.includes(e.buildingId) && MONTHS.includes(e.month))
    for (const kind of WORKLOG_KINDS) {
      const n = entries.filter((e) => e.kind === kind).length
      if (n === 0) expect(out.book.SheetNames).not.toContain(workLogSheetName(kind))
      else expect(rowsOf(out.book, workLogSheetName(kind)).slice(1)).toHaveLength(n)
    }
    const hazards = entries.flatMap((e) => (e.details.kind === 'inspection' ? e.details.hazards : []))
    const rows = rowsOf(out.book, '隐患整改').slice(1)
    expect(rows).toHaveLength(hazards.length)
    // 已整改的一行有整改日期（日期格），未整改的没有。
    const fixed = hazards.filter((h) => h.fixedOn).length
    expect(rows.filter((r) => r[5] === '已整改')).toHaveLength(fixed)
    expect(rows.filter((r) => typeof r[4] === 'number')).toHaveLength(fixed)
  })

  it('公告的行数与读过人数等于原始记录（发布人、管理者的阅读不算，同知晓率）', () => {
    const notices = raw.notices.filter((n) => MONTHS.includes(n.month) && n.targets.some((t) => ids.includes(t.buildingId)))
    const rows = rowsOf(out.book, '公告与知晓率').slice(1)
    expect(rows).toHaveLength(notices.length)
    const sheetReaders = rows.reduce((a: number, r) => a + Number(r[5]), 0)
    // 独立的重算：读过的居民（阅读回执里 counted 为真的），只数本楼的。
    const rawReaders = raw.noticeReads.filter((x) => notices.some((n) => n.id === x.noticeId) && ids.includes(x.buildingId)).length
    expect(sheetReaders).toBe(rawReaders)
  })

  it('日期是日期格：提交时间是按北京时间的日期序数，带日期格式', () => {
    const ws = out.book.Sheets['报事登记']
    const first = raw.reports
      .filter((r) => ids.includes(r.buildingId) && MONTHS.includes(r.month))
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))[0]
    const cell = ws['C2']
    expect(ws['A2'].v).toBe(first.id)
    expect(cell.t).toBe('n')
    expect(String(cell.z)).toMatch(/yyyy-mm-dd hh:mm/)
    expect(Math.abs(cell.v - serialOf(first.createdAt))).toBeLessThan(1 / 86_400)
  })

  it('文件里没有任何人的 openid、电话、房号与报事原文', () => {
    const text = JSON.stringify(out.book.SheetNames.map((n) => rowsOf(out.book, n)))
    const openids = new Set([
      ...raw.reports.map((r) => r.reporterId),
      ...raw.follows.map((f) => f.openid),
      ...raw.notices.map((n) => n.authorId),
      ...raw.noticeReads.map((x) => x.openid),
      ...raw.workLog.map((e) => e.authorId),
      ...raw.surveyAnswers.map((a) => a.openid),
      ...raw.statusChanges.map((c) => c.actorId),
    ])
    // 演示数据里确有留了电话、住户家中的报事：下面的检查查得到东西。
    expect(raw.reports.some((r) => r.contactPhone)).toBe(true)
    expect(raw.reports.some((r) => r.location.scope === 'unit')).toBe(true)
    expect(openids.size).toBeGreaterThan(50)
    for (const id of openids) expect(text).not.toContain(id)
    for (const r of raw.reports) {
      if (r.contactPhone) expect(text).not.toContain(r.contactPhone)
      if (r.location.scope === 'unit') expect(text).not.toContain(`"${r.location.room}"`)
      expect(text).not.toContain(r.text.slice(0, 12))
    }
  })
})

describe('导出 Excel：业委会导出整个小区一年', () => {
  it('报事、公告、问卷按全小区数；问卷公布的均分等于从答卷重算的均分', async () => {
    const out = await exportAs(COMMITTEE, null)
    const ids = raw.reports.length ? (await store.buildingsOfCommunity(COMMUNITY)).map((b) => b.id) : []
    expect(rowsOf(out.book, '报事登记').slice(1)).toHaveLength(raw.reports.filter((r) => ids.includes(r.buildingId) && MONTHS.includes(r.month)).length)
    const entries = raw.workLog.filter((e) => !e.removedAt && e.communityId === COMMUNITY && MONTHS.includes(e.month))
    for (const kind of WORKLOG_KINDS) {
      const n = entries.filter((e) => e.kind === kind).length
      if (n) expect(rowsOf(out.book, workLogSheetName(kind)).slice(1)).toHaveLength(n)
    }
    const surveys = raw.surveys.filter((s) => s.communityId === COMMUNITY && MONTHS.includes(s.month))
    const rows = rowsOf(out.book, '问卷结果').slice(1)
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(surveys.map((s) => s.title)))
    let checked = 0
    for (const s of surveys) {
      const answers = raw.surveyAnswers.filter((a) => a.surveyId === s.id)
      for (const q of s.questions.filter((x) => x.type === 'rating')) {
        const row = rows.find((r) => r[0] === s.title && r[5] === q.title)
        if (!row) continue
        const values = answers.map((a) => a.values[q.id]).filter((v): v is number => typeof v === 'number')
        expect(row[8]).toBe(`平均 ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(1)} 分`)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('代表不能导出整个小区，也不能导出别的楼', async () => {
    const whole = (await fns.stats({ action: 'workbook', payload: { communityId: COMMUNITY, buildingCode: null, period: YEAR } }, { openid: REP })) as Reply
    expect(whole.code).toBe('FORBIDDEN')
    const other = (await fns.stats({ action: 'workbook', payload: { communityId: COMMUNITY, buildingCode: 'CHY2', period: YEAR } }, { openid: REP })) as Reply
    expect(other.code).toBe('FORBIDDEN')
    expect(other.message).toMatch(/负责的楼栋/)
  })
})
