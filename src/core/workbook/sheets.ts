/**
 * 办公室的 Excel 里每张表写什么（纯函数）：报事登记、台账（每种一张，隐患逐处一行）、公告与知晓率、问卷合计。
 * 居委会、物业每月把这些表交给街道，所以只写办事要的：没有报事人、电话、房号、原话，也没有任何人的 openid；
 * 问卷只写公布了的合计（与结果页同一个发布函数、同一个门槛）。
 */
import {
  ASSIGNEE_PARTY_LABELS,
  CATEGORY_LABELS,
  MEDIATION_OUTCOME_LABELS,
  MEETING_TYPE_LABELS,
  QUESTION_TYPE_LABELS,
  REPORT_KIND_LABELS,
  URGENCY_LABELS,
  WORKLOG_KIND_LABELS,
} from '../shared/catalog'
import type { WorkLogKind } from '../shared/catalog'
import { scrubPersonalData } from '../shared/privacy'
import { readRate } from '../shared/rates'
import type { Notice } from '../notices'
import { STATUS_LABELS, type Report, type StatusChange } from '../reports'
import { milestonesFrom } from '../summaryDocument'
import type { QuestionResult, Survey } from '../surveys'
import type { WorkLogEntry } from '../worklog'
import type { Cell, SheetColumn, SheetSpec, WorkbookSpec } from './model'

/** 一条报事与它按先后的流转（登记表的各个时刻从流转里取）。 */
export interface RegisterEntry {
  report: Report
  changes: readonly StatusChange[]
}

export interface NoticeEntry {
  notice: Notice
  /** 范围里的楼的户数与读过的人数（发布人、管理者不算，同知晓率）。 */
  households: number
  readers: number
  /** 范围里它面向的楼名。 */
  buildings: string[]
}

export interface SurveyEntry {
  survey: Survey
  /** 范围里的楼收到的答卷与户数。 */
  respondents: number
  households: number
  /** 在范围里的楼上公布的合计；不公布时为 null，reason 说为什么。 */
  released: QuestionResult[] | null
  reason: string | null
}

export interface WorkbookFacts {
  scopeLabel: string
  periodLabel: string
  exportedAt: string
  buildingNames: ReadonlyMap<string, string>
  reports: RegisterEntry[]
  /** 本期、范围里没删除的台账（文字已去掉个人信息：见 summary 的 scrubbedWorkLog）。 */
  workLog: WorkLogEntry[]
  notices: NoticeEntry[]
  surveys: SurveyEntry[]
}

const col = (header: string, width: number): SheetColumn => ({ header, width })
const when = (iso: string | null): Cell => (iso ? { datetime: iso } : null)
const day = (date: string | null): Cell => (date ? { date } : null)
const COMMUNITY = '全小区'

/** Excel 的表名最长 31 个字符、不能含 []:*?/\。 */
export const SHEET_NAMES = {
  about: '说明',
  register: '报事登记',
  hazards: '隐患整改',
  notices: '公告与知晓率',
  surveys: '问卷结果',
} as const
export const workLogSheetName = (kind: WorkLogKind) => `台账-${WORKLOG_KIND_LABELS[kind]}`

/** 报事登记：一条报事一行，提交早的在前。 */
export function registerSheet(entries: readonly RegisterEntry[], names: ReadonlyMap<string, string>): SheetSpec {
  const rows = [...entries]
    .sort((a, b) => (a.report.createdAt === b.report.createdAt ? (a.report.id < b.report.id ? -1 : 1) : a.report.createdAt < b.report.createdAt ? -1 : 1))
    .map(({ report: r, changes }): Cell[] => {
      const m = milestonesFrom(
        r.createdAt,
        changes.map((c) => ({ from: c.from, to: c.to, at: c.at, rated: Boolean(c.details.rating) })),
      )
      // 一条报事只算第一次确认的评价（同统计与总结）。
      const rating = changes.find((c) => c.to === 'resolved' && c.details.rating)?.details.rating ?? null
      const closing =
        r.status === 'closed' || r.status === 'duplicate' || r.status === 'hidden' ? ([...changes].reverse().find((c) => c.to === r.status)?.at ?? null) : null
      const assignee = r.assignee ? `${ASSIGNEE_PARTY_LABELS[r.assignee.party]}${r.assignee.name ? ` ${scrubPersonalData(r.assignee.name)}` : ''}` : null
      return [
        r.id,
        names.get(r.buildingId) ?? '',
        when(r.createdAt),
        REPORT_KIND_LABELS[r.kind],
        CATEGORY_LABELS[r.category],
        URGENCY_LABELS[r.urgency],
        // 位置只到区域：住户家中的不写单元、楼层、房号，公共区域不写居民补的说明。
        r.location.scope === 'public' ? r.location.area : '住户家中',
        when(m.respondedAt),
        when(m.handledAt),
        when(m.resolvedAt),
        when(closing),
        STATUS_LABELS[r.status],
        assignee,
        rating?.speed ?? null,
        rating?.attitude ?? null,
        rating?.effect ?? null,
        r.followers,
      ]
    })
  return {
    name: SHEET_NAMES.register,
    columns: [
      col('报事编号', 24),
      col('楼栋', 12),
      col('提交时间', 18),
      col('类型', 10),
      col('分类', 16),
      col('紧急程度', 10),
      col('位置', 16),
      col('首次响应', 18),
      col('标记已处理', 18),
      col('居民确认解决', 18),
      col('关闭时间', 18),
      col('当前状态', 10),
      col('处理单位', 20),
      col('评价-速度', 10),
      col('评价-态度', 10),
      col('评价-效果', 10),
      col('关注人数', 10),
    ],
    rows,
  }
}

const byDate = (a: WorkLogEntry, b: WorkLogEntry) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1)

/** 台账：每种一张（有记录的才有），巡查另有"隐患整改"逐处一行。 */
export function workLogSheets(entries: readonly WorkLogEntry[], names: ReadonlyMap<string, string>): SheetSpec[] {
  const place = (e: WorkLogEntry) => (e.buildingId ? (names.get(e.buildingId) ?? '') : COMMUNITY)
  const sorted = [...entries].sort(byDate)
  const sheets: SheetSpec[] = []
  const ofKind = <K extends WorkLogEntry['details']['kind']>(kind: K) =>
    sorted.filter((e): e is WorkLogEntry & { details: Extract<WorkLogEntry['details'], { kind: K }> } => e.details.kind === kind)
  const head = [col('日期', 12), col('楼栋', 12)]
  const add = (kind: WorkLogKind, columns: SheetColumn[], rows: Cell[][]) => {
    if (rows.length) sheets.push({ name: workLogSheetName(kind), columns: [...head, ...columns, col('备注', 30)], rows })
  }

  const inspections = ofKind('inspection')
  add(
    'inspection',
    [col('巡查区域', 20), col('发现隐患', 10), col('已整改', 10)],
    inspections.map((e) => [day(e.date), place(e), e.details.area, e.details.hazards.length, e.details.hazards.filter((h) => h.fixedOn).length, e.note]),
  )
  const hazardRows = inspections.flatMap((e) =>
    e.details.hazards.map((h): Cell[] => [day(e.date), place(e), e.details.area, h.text, day(h.fixedOn), h.fixedOn ? '已整改' : '未整改']),
  )
  if (hazardRows.length)
    sheets.push({
      name: SHEET_NAMES.hazards,
      columns: [col('发现日期', 12), col('楼栋', 12), col('巡查区域', 20), col('隐患', 30), col('整改日期', 12), col('状态', 10)],
      rows: hazardRows,
    })
  add(
    'meeting',
    [col('会议', 12), col('参会人数', 10), col('议题', 30), col('决定', 30)],
    ofKind('meeting').map((e) => [
      day(e.date),
      place(e),
      MEETING_TYPE_LABELS[e.details.type],
      e.details.attendees,
      e.details.topics,
      e.details.decisions,
      e.note,
    ]),
  )
  add(
    'activity',
    [col('活动', 24), col('参与人次', 10)],
    ofKind('activity').map((e) => [day(e.date), place(e), e.details.name, e.details.participants, e.note]),
  )
  add(
    'mediation',
    [col('当事方（匿名）', 24), col('结果', 10)],
    ofKind('mediation').map((e) => [day(e.date), place(e), e.details.parties, MEDIATION_OUTCOME_LABELS[e.details.outcome], e.note]),
  )
  add(
    'volunteer',
    [col('志愿者人次', 12), col('时长（小时）', 12)],
    ofKind('volunteer').map((e) => [day(e.date), place(e), e.details.volunteers, e.details.hours, e.note]),
  )
  add(
    'coordination',
    [col('对象', 16), col('事由', 30), col('结果', 30)],
    ofKind('coordination').map((e) => [day(e.date), place(e), e.details.counterpart, e.details.subject, e.details.outcome, e.note]),
  )
  return sheets
}

/** 公告与知晓率：读过的人多于户数时不写百分比（一户可能多人读，同页面）。 */
export function noticesSheet(entries: readonly NoticeEntry[]): SheetSpec {
  const rows = [...entries]
    .sort((a, b) => (a.notice.publishedAt < b.notice.publishedAt ? -1 : 1))
    .map(({ notice: n, households, readers, buildings }): Cell[] => {
      const r = readRate(readers, households)
      const rateText = r.percent === null ? '—' : readers > households ? `读过多于户数（一户可能多人读）` : `${r.percent}%`
      return [
        when(n.publishedAt),
        n.title,
        n.wholeCommunity ? COMMUNITY : buildings.join('、'),
        n.signedAs,
        households,
        readers,
        rateText,
        n.status === 'withdrawn' ? '已撤回' : '有效',
      ]
    })
  return {
    name: SHEET_NAMES.notices,
    columns: [
      col('发布时间', 18),
      col('标题', 36),
      col('面向', 16),
      col('落款', 20),
      col('面向户数', 10),
      col('读过人数', 10),
      col('知晓率', 12),
      col('状态', 8),
    ],
    rows,
  }
}

function resultText(q: QuestionResult): string {
  switch (q.type) {
    case 'rating':
      return q.mean === null ? '没人答' : `平均 ${q.mean.toFixed(1)} 分`
    case 'nps':
      return q.nps === null ? '没人答' : `净推荐值 ${q.nps}（推荐 ${q.promoters}、中立 ${q.passives}、贬损 ${q.detractors}）`
    case 'single':
    case 'multiple':
      return q.options.map((o) => `${o.label} ${o.count}`).join('；')
    case 'text':
      // 文字建议只在结果页匿名地看，不进交出去的文件。
      return `${q.count} 条文字建议（原文不导出）`
  }
}

/** 问卷结果：一份问卷一题一行；没公布的问卷只有一行，说为什么。 */
export function surveysSheet(entries: readonly SurveyEntry[]): SheetSpec {
  const rows: Cell[][] = []
  for (const e of [...entries].sort((a, b) => (a.survey.opensAt < b.survey.opensAt ? -1 : 1))) {
    const s = e.survey
    const base: Cell[] = [s.title, when(s.opensAt), when(s.closedAt ?? s.closesAt), e.households, e.respondents]
    if (!e.released) {
      rows.push([...base, null, null, null, e.reason ?? '不公布'])
      continue
    }
    for (const q of e.released) rows.push([...base, q.title, QUESTION_TYPE_LABELS[q.type], q.count, resultText(q)])
  }
  return {
    name: SHEET_NAMES.surveys,
    columns: [
      col('问卷', 28),
      col('开始', 18),
      col('结束', 18),
      col('面向户数', 10),
      col('答卷份数', 10),
      col('题目', 30),
      col('题型', 10),
      col('答题人数', 10),
      col('结果', 40),
    ],
    rows,
  }
}

function aboutSheet(f: WorkbookFacts, counts: { name: string; rows: number }[]): SheetSpec {
  const rows: Cell[][] = [
    ['范围', f.scopeLabel],
    ['期间', f.periodLabel],
    ['导出时间', { datetime: f.exportedAt }],
    ...counts.map((c): Cell[] => [`${c.name}（行数）`, c.rows]),
    ['说明', '报事按提交月、台账按发生日期、公告按发布月、问卷按开始月计入期间。'],
    ['个人信息', '不含报事人、联系电话、房号与居民的原话；住户家中的报事只写"住户家中"。'],
    ['问卷', '只写问卷结束后、达到门槛公布的合计，不写任何一份答卷。'],
  ]
  return { name: SHEET_NAMES.about, columns: [col('项目', 16), col('内容', 60)], rows }
}

/** 整本：说明、报事登记、台账各表、公告、问卷（没有记录的台账种类不出表，其余表总在，空表只有表头）。 */
export function workbookOf(f: WorkbookFacts): WorkbookSpec {
  const data = [registerSheet(f.reports, f.buildingNames), ...workLogSheets(f.workLog, f.buildingNames), noticesSheet(f.notices), surveysSheet(f.surveys)]
  const counts = data.map((s) => ({ name: s.name, rows: s.rows.length }))
  return {
    title: `${f.scopeLabel}${f.periodLabel}报事与台账`.replace(/[\\/:*?"<>|\s]+/g, ''),
    sheets: [aboutSheet(f, counts), ...data],
  }
}
