/**
 * 统计看板与工作总结要的问卷数：一段时间里开始的、面向这些楼的问卷，逐份按它自己的门槛算公布的结果
 * （rules.ts 的 surveyResults），再取这些楼上公布的合计（releasedOver）。均分、NPS 只从这里来，
 * 不从统计桶里跨问卷合起来的和来：那个和随每一份答卷变动，也不认各问卷的门槛与补充隐藏。
 *
 * 读取量有上限：按创建时间新的在前最多列 SURVEY_SCAN_LIMIT 份问卷，只读其中在这些月份开始、且已结束的问卷的答卷
 * （一个小区一年也就几份问卷；没结束的不读答卷，它没有可公布的分数）。
 */
import type { PageCursor } from '../shared/ports'
import type { SurveyStore } from './ports'
import { releasedOver, surveyResults, type QuestionResult, statusOf } from './rules'

/** 最多列出的问卷份数（两页）。 */
export const SURVEY_SCAN_LIMIT = 200
const PAGE = 100

export interface SurveyRelease {
  id: string
  title: string
  /** 问卷的开始月。 */
  month: string
  /** 这些楼上公布的各题合计；问卷没结束、不到门槛或被补充隐藏时为 null。 */
  questions: QuestionResult[] | null
}

export async function surveyReleasesFor(
  store: SurveyStore,
  now: string,
  q: { communityId: string; buildingIds: string[] },
  months: readonly string[],
): Promise<SurveyRelease[]> {
  const wanted = new Set(months)
  const out: SurveyRelease[] = []
  let before: PageCursor | undefined
  for (let listed = 0; listed < SURVEY_SCAN_LIMIT; listed += PAGE) {
    const list = await store.surveys({ communityId: q.communityId, buildingIds: q.buildingIds }, PAGE, before)
    for (const s of list) {
      if (!wanted.has(s.month)) continue
      const closed = statusOf(s, now) === 'closed'
      const questions = closed ? releasedOver(surveyResults(s, await store.answersOf(s.id), { closed }), q.buildingIds) : null
      out.push({ id: s.id, title: s.title, month: s.month, questions })
    }
    if (list.length < PAGE) break
    before = { createdAt: list[list.length - 1].createdAt, id: list[list.length - 1].id }
  }
  return out
}
