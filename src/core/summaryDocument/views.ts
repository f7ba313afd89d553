/** 工作总结各动作答回的数据（页面与云函数共用的类型）。 */
import type { CommitteeBody } from '../shared/catalog'
import type { SummaryDocument, SummaryKind } from './types'
import type { SummaryPeriodInput } from './period'

export type SummaryStatus = 'draft' | 'consulting' | 'final'

/** 起草（不保存）：文档，以及这位起草人能选的种类与默认种类。 */
export interface SummaryDraftView {
  document: SummaryDocument
  defaultKind: SummaryKind
  /** 所选种类与小区、起草人的实情对不上时的一句提示（页面显示在草稿上方）；对得上为 null。 */
  kindMismatch: string | null
  /** 范围：楼栋总结为那栋楼的楼栋码与名称，整个小区为 null。 */
  building: { code: string; name: string } | null
  communityId: string
  communityName: string
  period: SummaryPeriodInput
}

/** 一个数字背后的一条记录（只有页面要显示的；没有任何居民的身份）。 */
export type TraceRecordView =
  | { type: 'report'; id: string; buildingName: string; categoryLabel: string; excerpt: string; statusLabel: string; receivedAt: string; urgent: boolean }
  | { type: 'worklog'; id: string; kindLabel: string; date: string; buildingName: string | null; title: string }
  | { type: 'survey'; id: string; title: string; respondents: number; detail: string }
  | { type: 'notice'; id: string; title: string; publishedAt: string; detail: string }
  | { type: 'fact'; label: string; detail: string }

export interface TraceView {
  figure: { id: string; label: string; display: string }
  /** 说明这些记录怎么数出这个数，如"2026年1–12月 1号楼 收到的报事里，现在为已解决的"。 */
  explanation: string
  records: TraceRecordView[]
  /** 记录总数（可能多于这一页）。 */
  total: number
  nextCursor: string | null
}

export interface SummaryVersionView {
  version: number
  savedAt: string
  /** 保存人的称呼（成员名；不是 openid）。 */
  savedBy: string
  /** 这一版是从哪一版恢复来的；不是恢复的为 null。 */
  restoredFrom: number | null
}

export interface SummaryListItemView {
  id: string
  title: string
  kind: SummaryKind
  kindLabel: string
  periodLabel: string
  scopeLabel: string
  status: SummaryStatus
  latestVersion: number
  updatedAt: string
  comments: number
}

export interface SummaryListView {
  communityId: string
  communityName: string
  items: SummaryListItemView[]
  /** 起草人能起草的范围：楼栋（代表是自己的楼）与能否起草整个小区。 */
  buildings: { code: string; name: string }[]
  canDraftCommunity: boolean
  /** 起草人的身份（决定默认种类）。 */
  author: { role: 'representative' | 'committee' | 'admin'; body: CommitteeBody | null }
  /**
   * 每个能选的范围（'community' 或楼栋码）的默认种类，以及各种类与实情不符时的提示（与起草答回的 kindMismatch 同一个函数）：
   * 页面在点选种类时就显示，不等起草回来。
   */
  kindFit: { scope: string; defaultKind: SummaryKind; mismatch: Partial<Record<SummaryKind, string>> }[]
}

export interface SummaryCommentView {
  id: string
  buildingName: string
  text: string
  at: string
}

export interface SummaryView {
  id: string
  communityId: string
  building: { code: string; name: string } | null
  period: SummaryPeriodInput
  kind: SummaryKind
  status: SummaryStatus
  /** 显示的这一版的文档（标题可能改过）。 */
  document: SummaryDocument
  version: number
  latestVersion: number
  versions: SummaryVersionView[]
  /** 征求意见的公告与截止时刻（征求意见之后才有）。 */
  noticeId: string | null
  consultUntil: string | null
  finalizedAt: string | null
  comments: SummaryCommentView[]
  canEdit: boolean
  canPublish: boolean
  canFinalize: boolean
}

/** 居民在公告里看到的总结：征求意见稿或公示的定稿（纯文字段落），以及能不能提意见、自己提过的意见。 */
export interface ResidentSummaryView {
  id: string
  status: 'consulting' | 'final'
  title: string
  sections: { heading: string; paragraphs: string[] }[]
  consultUntil: string | null
  canComment: boolean
  /** 我提过的意见（只有我自己看得到）。 */
  myComments: { text: string; at: string }[]
}

export type SummaryExportView = { format: 'docx'; fileName: string; fileId: string; url: string | null } | { format: 'text'; text: string }
