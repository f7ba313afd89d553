/** 报事在页面上的样子：居民看到的、代表看到的，以及两边共用的时间线。页面只显示，不再拼装。 */
import { ASSIGNEE_PARTY_LABELS, CATEGORY_LABELS, REPORT_KIND_LABELS, URGENCY_LABELS, type PublicArea, type Urgency } from '../shared/catalog'
import type { Assignee, Rating, Report, ReportLocation, StatusChange } from './model'
import { isOverdue } from './overdue'
import type { OverdueLimits } from '../directory'
import { ACTION_LABELS, actionOf, STATUS_GROUP, STATUS_LABELS, type ReportAction, type ReportStatus, type StatusGroup } from './workflow'

export function locationLabel(location: ReportLocation): string {
  if (location.scope === 'public') return location.detail ? `${location.area} · ${location.detail}` : location.area
  const floor = location.floor < 0 ? `地下${-location.floor}层` : `${location.floor}层`
  return [location.unit, floor, location.room].filter(Boolean).join(' ')
}

/**
 * 别的居民看到的位置（同类列表、关注者）：公共区域只到区域（具体位置常写着门牌），住户家中只说"住户家中"。
 * 单元、楼层、房号与具体位置只给管这栋楼的人（代表、业委会、管理员）与报事人自己：二维码贴在大堂，拿到楼栋码的谁都算"居民"。
 */
export type SharedLocation = { scope: 'public'; area: PublicArea } | { scope: 'unit' } | { scope: 'hidden' }
export const HOME_LOCATION_LABEL = '住户家中'
/** 隐藏的报事在报事人与管这栋楼的人以外的人眼里：只剩分类与状态，描述换成这句。 */
export const HIDDEN_REPORT_TEXT = '这条报事已被代表隐藏'

export const sharedLocation = (location: ReportLocation): SharedLocation =>
  location.scope === 'public' ? { scope: 'public', area: location.area } : { scope: 'unit' }

export const sharedLocationLabel = (location: SharedLocation): string =>
  location.scope === 'public' ? location.area : location.scope === 'unit' ? HOME_LOCATION_LABEL : '已隐藏'

export const assigneeLabel = (a: Assignee | null): string | null => (a ? [ASSIGNEE_PARTY_LABELS[a.party], a.name].filter(Boolean).join(' · ') : null)

/** 一张照片：fileID 与可以直接显示的地址（拿不到临时地址时为空串，页面显示占位）。 */
export interface PhotoView {
  fileId: string
  url: string
}

/** 报事列表与详情共有的部分。Location 是完整位置（管这栋楼的人、报事人），或别的居民看到的 SharedLocation。 */
export interface ReportSummaryView<Location = ReportLocation> {
  id: string
  buildingName: string
  kind: Report['kind']
  kindLabel: string
  category: Report['category']
  categoryLabel: string
  text: string
  location: Location
  locationLabel: string
  anonymous: boolean
  urgency: Urgency
  urgencyLabel: string
  status: ReportStatus
  statusLabel: string
  statusGroup: StatusGroup
  followers: number
  photoCount: number
  assigneeLabel: string | null
  createdAt: string
  updatedAt: string
}

export function toSummaryView(report: Report, buildingName: string): ReportSummaryView {
  return {
    id: report.id,
    buildingName,
    kind: report.kind,
    kindLabel: REPORT_KIND_LABELS[report.kind],
    category: report.category,
    categoryLabel: CATEGORY_LABELS[report.category],
    text: report.text,
    location: report.location,
    locationLabel: locationLabel(report.location),
    anonymous: report.anonymous,
    urgency: report.urgency,
    urgencyLabel: URGENCY_LABELS[report.urgency],
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    statusGroup: STATUS_GROUP[report.status],
    followers: report.followers,
    photoCount: report.photos.length,
    assigneeLabel: assigneeLabel(report.assignee),
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
  }
}

/** 别的居民看到的一条报事：位置只到公共区域或"住户家中"（联系电话与报事人本来就不在摘要里）。 */
export function toSharedSummaryView(report: Report, buildingName: string): ReportSummaryView<SharedLocation> {
  const location = sharedLocation(report.location)
  return { ...toSummaryView(report, buildingName), location, locationLabel: sharedLocationLabel(location) }
}

/**
 * 关注者看到的隐藏报事：隐藏正是因为内容不该给人看（个人信息、不当内容），所以描述、位置、照片、派给谁都不给，
 * 只留分类与"已隐藏"，让关注过的人知道它去哪了。
 */
export function toHiddenSummaryView(report: Report, buildingName: string): ReportSummaryView<SharedLocation> {
  const location = { scope: 'hidden' } as const
  return {
    ...toSummaryView(report, buildingName),
    text: HIDDEN_REPORT_TEXT,
    location,
    locationLabel: sharedLocationLabel(location),
    photoCount: 0,
    assigneeLabel: null,
  }
}

/** 时间线的一条：提交，或一次流转。 */
export interface TimelineEntry {
  at: string
  /** submit 是提交；其余是流转动作。 */
  action: ReportAction | 'submit'
  title: string
  statusLabel: string
  /** 谁做的：报事人 / 代表（对报事人本人显示"你"）。 */
  actorLabel: string
  note: string
  assigneeLabel: string | null
  rating: Rating | null
  mergedInto: string | null
}

/**
 * 时间线。viewerId 是看的人：他自己做的显示"你"。代表的身份不外露（只写"业主代表"），
 * 报事人在别人眼里是"报事人"（匿名与否都不出现名字）。
 * withNotes 为 false 时（关注者）只给状态、时间、谁做的与派给谁：代表写的说明与报事人的原因、评价的话常提到门牌与家里的情况，
 * 只给报事人与管这栋楼的人。
 */
export function timelineOf(report: Report, changes: readonly StatusChange[], viewerId: string, withNotes: boolean): TimelineEntry[] {
  const who = (actorId: string) => (actorId === viewerId ? '你' : actorId === report.reporterId ? '报事人' : '业主代表')
  return [
    {
      at: report.createdAt,
      action: 'submit',
      title: '提交报事',
      statusLabel: STATUS_LABELS.pending,
      actorLabel: who(report.reporterId),
      note: '',
      assigneeLabel: null,
      rating: null,
      mergedInto: null,
    },
    ...changes.map((c): TimelineEntry => {
      const action = actionOf(c.from, c.to)
      return {
        at: c.at,
        action,
        title:
          action === 'start' && c.from === 'processing'
            ? '改派'
            : action === 'confirm'
              ? '确认解决了'
              : action === 'reopen' && c.actorId === report.reporterId
                ? '没解决'
                : ACTION_LABELS[action],
        statusLabel: STATUS_LABELS[c.to],
        actorLabel: who(c.actorId),
        note: withNotes ? c.note : '',
        assigneeLabel: assigneeLabel(c.details.assignee ?? null),
        rating: c.details.rating ? (withNotes ? c.details.rating : { ...c.details.rating, words: '' }) : null,
        mergedInto: c.details.mergedInto ?? null,
      }
    }),
  ]
}

/** 代表队列里的一条。 */
export interface QueueItemView extends ReportSummaryView {
  buildingCode: string
  overdue: boolean
}

export function toQueueItem(report: Report, building: { code: string; name: string }, limits: OverdueLimits, now: string): QueueItemView {
  return { ...toSummaryView(report, building.name), buildingCode: building.code, overdue: isOverdue(report, limits, now) }
}

/** 居民列表里的一条：自己报的（完整位置），或关注的（位置只到公共区域或"住户家中"）。 */
export interface MyReportView extends ReportSummaryView<ReportLocation | SharedLocation> {
  relation: 'reporter' | 'follower'
}

/**
 * 提交的答复里的报事：页面只看答没答 OK（随后转去"我的报事"，那里再读完整的），所以只带编号、状态与提交时刻，
 * 给要接着用这条报事的调用方（关注、跟踪、测试与脚本）。整份摘要每次提交都要生成、序列化、发送，却没有人读。
 */
export interface SubmittedReportView {
  id: string
  status: ReportStatus
  createdAt: string
}

export const toSubmittedView = (report: Report): SubmittedReportView => ({ id: report.id, status: report.status, createdAt: report.createdAt })

/** "我的报事"列表里的一条：awaitsAnswer 为真时卡片上提示"解决了吗？"在等报事人回答（待确认、7 天之内）。 */
export interface MyReportListItemView extends MyReportView {
  awaitsAnswer: boolean
}

/** 居民看一条报事：照片、时间线、能否回答"解决了吗？"。 */
export interface TrackedReportView extends MyReportView {
  photos: PhotoView[]
  timeline: TimelineEntry[]
  /** 看的人不是报事人：时间线里没有说明与评价的话（见 timelineOf）。 */
  notesForReporterOnly: boolean
  /** 报事人本人、待确认、还在 7 天之内。 */
  canAnswer: boolean
  /** 回答"解决了"时给不给星级：管这栋楼的人不给本楼打分；一条报事只在第一次确认时打分。 */
  canRate: boolean
  /** 报事人本人、已解决或不予受理、还在 30 天之内（过后页面请他重新报事）。 */
  canReopen: boolean
  /** 报事人的待确认报事过了 7 天没回答：停在待确认（计入办结、不计入解决），不能再回答。 */
  answerWindowClosed: boolean
  /** 报事人的已解决或不予受理的报事过了 30 天，或待确认过了 7 天：页面请他重新报事，这是那栋楼的楼栋码；否则为 null。 */
  reportAgainBuildingCode: string | null
  /** 回答截止时刻（待确认时）。 */
  answerDeadline: string | null
  mergedInto: string | null
}

/** "是否是同一个问题？"里的一条：给拿到楼栋码的任何人看，别人的报事位置只到公共区域或"住户家中"。 */
export interface SimilarReportView extends ReportSummaryView<ReportLocation | SharedLocation> {
  mine: boolean
  following: boolean
}
