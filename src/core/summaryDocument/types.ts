/**
 * 工作总结起草器的输入与输出。起草器是纯函数：同样的输入，逐字相同的文档。
 *
 * 文档的段落文字里，每个数字都以占位符 `{{f:<数字 id>}}` 出现，数字本身在 figures 里
 * （数值、显示文字、比率的分子分母、背后记录的查询方式 trace）。页面把占位符做成可点的数字，
 * 点开按 trace 列出背后的记录；Word 导出与纯文本用 render.ts 把占位符换成显示文字。
 */
import type { CategoryId, CommitteeBody, ReportKind, SatisfactionDimension, Urgency, WorkLogKind } from '../shared/catalog'
import type { OverdueLimits } from '../directory'
import type { WorkLogEntry } from '../worklog'
import type { Rate } from '../shared/rates'
import type { Totals } from '../tally'
import type { QuestionResult } from '../surveys'
import type { Period } from '../shared/time'
import type { ReportStatus } from '../reports'

export const SUMMARY_KINDS = ['representative', 'joint', 'noProperty', 'property', 'oldEstate'] as const
export type SummaryKind = (typeof SUMMARY_KINDS)[number]
export const SUMMARY_KIND_LABELS: Record<SummaryKind, string> = {
  representative: '业主代表工作总结',
  joint: '居委会与物业联合工作总结',
  noProperty: '无物业社区居民服务工作总结',
  property: '物业服务工作总结',
  oldEstate: '老旧小区物业工作总结',
}

/** 总结的期间：自然月、季度、半年、年度，或自定义的起止月份（最多 12 个月）。 */
export type SummaryPeriod = Period | { kind: 'custom'; start: string; end: string }

/** 起草人：决定默认种类、落款与"个人计划"的口吻。 */
export interface SummaryAuthor {
  role: 'representative' | 'committee' | 'admin'
  /** 业委会 / 居委会 / 物业（只对 committee 有意义）。 */
  body: CommitteeBody | null
  /** 落款用的称呼，如"李老师"；可为空串。 */
  name: string
}

/** 总结覆盖的范围：一栋楼（代表）或整个小区（业委会、居委会、物业）。 */
export interface SummaryScope {
  communityId: string
  communityName: string
  /** 一栋楼的总结为这栋楼；整个小区为 null。 */
  building: { id: string; name: string; households: number } | null
  /** 范围里的楼栋（一栋楼的总结只有它）。trace 里据此查记录。 */
  buildingIds: string[]
  /** 小区的户数合计（整个小区的总结写进引言）。 */
  households: number
  /** 是否含小区范围的桶与台账（整个小区的事）：整个小区的总结为 true。 */
  includesCommunity: boolean
}

/** 三个期间的通用统计：本期、上期（环比）、去年同期（同比）。没有的为 null。 */
export interface SummaryTallies {
  current: Totals
  previous: Totals | null
  yearAgo: Totals | null
}

/** 典型案例的候选：用例按规则从报事里挑出的少数几条（已经在范围与期间里）。 */
export interface CaseCandidate {
  id: string
  kind: ReportKind
  category: CategoryId
  /** 报事文字去掉个人信息后的摘要（用例截短）：只在代表选了"引用居民原话"时进正文。 */
  excerpt: string
  /** 在哪：公共区域的名称，或"住户家中"（从不写单元、楼层、房号）。 */
  place: string
  urgency: Urgency
  /** 关注者人数（"我也遇到"与合并转来的）。 */
  followers: number
  receivedAt: string
  /** 第一次标记已处理的时刻；没有为 null。 */
  handledAt: string | null
  /** 居民确认已解决的时刻；没有为 null。 */
  resolvedAt: string | null
  status: ReportStatus
}

export type CaseReason = 'mostFollowed' | 'fastestUrgent' | 'longestOpen'
export interface TypicalCase {
  reason: CaseReason
  candidate: CaseCandidate
}

/** 起草的全部输入。 */
export interface SummaryFacts {
  /** 要起草的种类；不给时按小区与起草人取默认（kinds.ts 的 defaultKind）。 */
  kind?: SummaryKind
  community: { hasPropertyCompany: boolean; oldEstate: boolean; overdueHours: OverdueLimits }
  scope: SummaryScope
  author: SummaryAuthor
  period: SummaryPeriod
  tallies: SummaryTallies
  /** 本期、本范围的工作台账（删除了的会被略过）：巡查区域、活动名称、会议议题与隐患的整改状态从这里读。 */
  workLog: WorkLogEntry[]
  /** 典型案例的候选（chooseTypicalCases 从中挑）。 */
  caseCandidates: CaseCandidate[]
  /** "截至"的时刻（ISO）：未办结案例已开多久按它算；由调用方给出（领域不读时钟）。 */
  asOf: string
  /** 三期（去年同期、上期、本期）里最早提交的一条报事（用例按提交时间取第一条）：报事记录从期间中途才开始时照实说从哪天起。 */
  firstReport?: { id: string; receivedAt: string } | null
  /** 起草人本人在本期发布、面向本范围的公告条数（只在业主代表的总结里给：用例从这期的公告记录数出）。 */
  ownNotices?: number
  /** 本期的问卷（在 trace 里指明问卷；份数与答卷率取自通用统计）。 */
  surveys?: { id: string; title: string }[]
  /**
   * 各期开始的问卷在本范围公布的各题合计（surveys/rules.ts 的 releasedOver：已结束、按各自的门槛与补充隐藏；不公布为 null）。
   * 均分与 NPS 只从这里来，不从统计桶：桶里跨问卷的和随每一份答卷变动，也不认各问卷的门槛。没有时不说分项。
   */
  surveyReleases?: Partial<Record<'current' | 'previous' | 'yearAgo', { id: string; title?: string; month?: string; questions: QuestionResult[] | null }[]>>
}

// —— 输出 ——

/** 数字背后的记录：一个后续用例可以照着查的条件。 */
export type FigureTrace =
  | {
      source: 'reports'
      buildingIds: string[]
      months: string[]
      filter?: {
        kind?: ReportKind
        /** 属于这些分类之一。 */
        categories?: CategoryId[]
        urgency?: Urgency
        /** 只要当前处于这些状态的报事。 */
        statuses?: ReportStatus[]
        /** 只要有这项记录的：第一次响应、第一次标记已处理、评价、关注者、一次解决。 */
        has?: 'response' | 'handling' | 'rating' | 'followers' | 'firstTimeResolved'
      }
    }
  | {
      source: 'worklog'
      communityId: string
      buildingIds: string[]
      /** 是否含整个小区的台账（buildingId 为 null 的）。 */
      includesCommunity: boolean
      months: string[]
      kind?: WorkLogKind
      filter?: {
        meetingType?: string
        mediationOutcome?: string
        /** 只要已有结果的调解（成功与未成功）：调解成功率的分母。 */
        mediationConcluded?: boolean
        /** 只要名称含"演练"的活动（应急演练）。 */
        drill?: boolean
        hazard?: 'found' | 'fixed' | 'open'
      }
    }
  | {
      source: 'notices'
      communityId: string
      buildingIds: string[]
      months: string[]
      what: 'published' | 'reads'
      /** 只要起草人本人发布的（存下的总结按建它的人查；文档里不记任何人的身份）。 */
      author?: 'drafter'
    }
  | {
      source: 'survey'
      buildingIds: string[]
      months: string[]
      surveyIds: string[]
      dimension?: SatisfactionDimension
      what: 'respondents' | 'dimension' | 'nps'
    }
  | { source: 'report'; reportId: string; field: 'receivedAt' | 'handledAt' | 'resolvedAt' | 'followers' | 'handlingMinutes' | 'openDays' }
  | { source: 'facts'; field: 'households' | 'asOf'; buildingIds: string[] }
  | { source: 'derived'; from: string[] }
  /** 建议里的下一期目标：按规则由门槛或上期的数得出（rule 说明是哪条规则）。 */
  | { source: 'target'; figureId: string; rule: string }

export interface Figure {
  id: string
  /** 这个数是什么："办结率"、"上期办结率"、"电梯类报事"…… */
  label: string
  /** 文中显示的样子："86%（43/50）"、"12 件"、"4.2 分"。 */
  display: string
  /** 数值：次数、整数百分比、分钟、一位小数的均分；分母为 0 或没有数据为 null。中位数为所在分箱的下标。 */
  value: number | null
  rate?: Rate
  trace: FigureTrace
}

/** 留给代表填的空：系统里没有这项数据，起草器不编造。 */
export interface Gap {
  label: string
  hint: string
}

export interface Paragraph {
  id: string
  /** 带占位符 {{f:<id>}} 的文字。 */
  text: string
  figureIds: string[]
  gap?: Gap
  /** 这一段是对哪项不足的建议（weaknesses 里的 id）。 */
  weaknessId?: string
  /**
   * 典型案例可引的居民原话（已去掉个人信息）。默认不引（shown 为 false），代表逐件选了才接在段落后面；
   * 这个选择存在每一版的文档里，随版本保留。
   */
  quote?: { text: string; shown: boolean }
}

export interface Section {
  id: string
  heading: string
  paragraphs: Paragraph[]
  children: Section[]
}

/** 数据里发现的一项不足，以及针对它的建议（展望里有一段 weaknessId 指向它）。 */
export interface Weakness {
  id: string
  /** 不足的对象，建议里必须点到它：如"电梯类报事办结率"、"保洁满意度"。 */
  subject: string
  figureIds: string[]
}

export interface KeyFigureRow {
  label: string
  figureId: string
  /** 上期、去年同期对应的数字（没有为 null）。 */
  previousId: string | null
  yearAgoId: string | null
}

export interface SummaryDocument {
  kind: SummaryKind
  kindLabel: string
  title: string
  periodLabel: string
  scopeLabel: string
  sections: Section[]
  figures: Record<string, Figure>
  keyFigures: KeyFigureRow[]
  weaknesses: Weakness[]
  gaps: Gap[]
}
