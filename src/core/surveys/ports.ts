/** 问卷的存储端口。 */
import type { Survey, SurveyAnswer } from './model'
import type { SurveyTemplate } from '../shared/catalog'
import type { TallyDelta } from '../tally'
import type { HourlyLimit, LimitedIf } from '../shared/hourlyLimit'
import { PageCursor } from '../shared/ports'

/** 问卷的查询：某小区、面向这些楼栋之一的问卷。 */
export interface SurveyQuery {
  communityId: string
  /** 只要面向其中任一楼栋的；不填为小区的全部问卷。 */
  buildingIds?: readonly string[]
  /** 只要此刻开着的：已开始（opensAt ≤ openAt）、没到截止（closesAt > openAt）、没提前结束。 */
  openAt?: string
  /** 只要还没结束的（开着的与没开始的）：截止晚于此刻、没提前结束。每楼没结束的问卷有上限。 */
  unfinishedAt?: string
  /** true 只要面向整个小区的，false 只要面向所选楼栋的（两种各有各的上限，谁也挤不掉谁）。 */
  wholeCommunity?: boolean
}

export interface SurveyStore {
  /** 原子地插入问卷并累加统计（各楼的户数）；同一发起人用同一请求编号重试时返回第一次的那份（created = false）。 */
  insertSurvey(survey: Survey, deltas: TallyDelta[]): Promise<{ survey: Survey; created: boolean }>
  surveyById(id: string): Promise<Survey | null>
  /** 按创建时间新的在前；before 为上一页最后一条（createdAt|id）。 */
  surveys(query: SurveyQuery, limit: number, before?: PageCursor): Promise<Survey[]>
  /** 提前结束：只对还没结束的生效，返回是否改了。 */
  closeSurvey(id: string, at: string): Promise<boolean>
  /** 同一模板、在 before 之前开始的问卷里最近的一份（环比用）；没有为 null。 */
  previousSurvey(communityId: string, template: SurveyTemplate, before: string): Promise<Survey | null>
  answerOf(surveyId: string, openid: string): Promise<SurveyAnswer | null>
  /**
   * 原子地存一份答卷并调整统计。每人每卷只有一份，由存储保证：
   *   previous 为 null 时，只有此人还没有答卷才插入（并发的两次提交只有一次生效，另一次返回 false）；
   *   previous 不为 null 时，只有存储里那份仍是 previous（同一请求编号与时刻）才替换，否则返回 false。
   * 返回 false 时什么都不改。给出 limit 时插入与替换都占一次额度（同 insertNotice），已满答 'limited'。
   */
  saveAnswer<L extends HourlyLimit | undefined = undefined>(
    answer: SurveyAnswer,
    previous: SurveyAnswer | null,
    deltas: TallyDelta[],
    limit?: L,
  ): Promise<boolean | LimitedIf<L>>
  /** 一份问卷的全部答卷（结果页在用例里汇总，不带出身份）。 */
  answersOf(surveyId: string): Promise<SurveyAnswer[]>
}
