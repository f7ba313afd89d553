/** 云开发数据库的集合名与分页大小（集合与索引的定义见 cloudbase/database.json）。 */
import { HOURLY_LIMITS_COLLECTION } from './limits'

/** 每页读取条数：云开发未指定 limit 时的默认值，也是文档建议的上限。 */
export const PAGE_SIZE = 100

export const COLLECTIONS = {
  communities: 'communities',
  buildings: 'buildings',
  memberships: 'memberships',
  reports: 'reports',
  statusChanges: 'statusChanges',
  tallies: 'tallies',
  follows: 'follows',
  photoChecks: 'photoChecks',
  invites: 'invites',
  notices: 'notices',
  noticeReads: 'noticeReads',
  noticeCredits: 'noticeCredits',
  workLog: 'workLog',
  surveys: 'surveys',
  surveyAnswers: 'surveyAnswers',
  summaries: 'summaries',
  summaryVersions: 'summaryVersions',
  summaryComments: 'summaryComments',
  communityCreations: 'communityCreations',
  communityCreators: 'communityCreators',
  inviteAttempts: 'inviteAttempts',
  hourlyLimits: HOURLY_LIMITS_COLLECTION,
  /** 统计事件（写入时记下、等归并的增量）与归并的状态（租约、代数），见 tallyLog.ts。 */
  tallyEvents: 'tallyEvents',
  tallyState: 'tallyState',
  migrations: 'migrations',
} as const

export type CollectionName = keyof typeof COLLECTIONS
