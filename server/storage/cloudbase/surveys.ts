/**
 * 云开发：问卷与答卷（SurveyStore）。问卷同公告（唯一索引 + 另存 targetIds）；答卷的 _id 为 问卷|openid：
 * 每人每卷一份由 _id 保证，同一人同时交两份时两个事务写同一个 _id，后写的冲突、重试时读到已有那份，答 false。
 */
import { limitedFor } from '../../../src/core/shared/hourlyLimit'
import type { SurveyQuery, SurveyStore } from '../../../src/core/surveys'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { byAnswerOrder, surveyAnswerDoc, surveyAnswerId, toSurvey, toSurveyAnswer } from './documents'
import { insertOnce } from './insertOnce'
import { HOUR_FULL, useHourlyLimit } from './limits'
import type { Data } from './sdk'
import { recordTallyDeltas } from './tally'

export function cloudbaseSurveys(ctx: StoreContext): SurveyStore {
  const { _, coll, readAll, newestFirst, transact } = ctx

  /** 问卷列表的条件；null 表示必然为空。 */
  function surveyCondition(query: SurveyQuery): Data[] | null {
    const parts: Data[] = [{ communityId: query.communityId }]
    if (query.buildingIds) {
      if (query.buildingIds.length === 0) return null
      parts.push({ targetIds: _().in([...query.buildingIds]) })
    }
    // 此刻开着的：已开始、没到截止、没提前结束。
    if (query.openAt !== undefined) parts.push({ opensAt: _().lte(query.openAt), closesAt: _().gt(query.openAt), closedAt: null })
    if (query.unfinishedAt !== undefined) parts.push({ closesAt: _().gt(query.unfinishedAt), closedAt: null })
    if (query.wholeCommunity !== undefined) parts.push({ wholeCommunity: query.wholeCommunity })
    return parts
  }

  return {
    async insertSurvey(survey, deltas) {
      const { id, ...fields } = survey
      return insertOnce(ctx, {
        collection: 'surveys',
        id,
        fields: { ...fields, targetIds: survey.targets.map((t) => t.buildingId) },
        request: { authorId: survey.authorId, requestId: survey.requestId },
        item: survey,
        toItem: toSurvey,
        result: (s, created) => ({ survey: s, created }),
        deltas,
        limit: undefined,
      })
    },
    async surveyById(id) {
      const { data } = await coll('surveys').doc(id).get()
      return data ? toSurvey(data) : null
    },
    async surveys(query, limit, before) {
      const parts = surveyCondition(query)
      if (!parts || limit <= 0) return []
      const docs = await newestFirst('surveys', parts, 'createdAt', limit, before && { value: before.createdAt, id: before.id })
      return docs.map(toSurvey)
    },
    async closeSurvey(id, at) {
      let closed = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.surveys).doc(id)
        const { data } = await ref.get()
        // 还没结束：没提前结束，也没到截止。
        closed = Boolean(data && data.closedAt === null && at < (data.closesAt as string))
        if (closed) await ref.update({ data: { closedAt: at } })
      })
      return closed
    },
    async previousSurvey(communityId, template, before) {
      const { data } = await coll('surveys')
        .where({ communityId, template, opensAt: _().lt(before) })
        .orderBy('opensAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(1)
        .get()
      return data.length ? toSurvey(data[0]) : null
    },
    async answerOf(surveyId, openid) {
      const { data } = await coll('surveyAnswers').doc(surveyAnswerId(surveyId, openid)).get()
      return data ? toSurveyAnswer(data) : null
    },
    async saveAnswer(answer, previous, deltas, limit) {
      const STALE = Symbol('已有答卷或已被替换')
      try {
        await transact(async (tx) => {
          const ref = tx.collection(COLLECTIONS.surveyAnswers).doc(surveyAnswerId(answer.surveyId, answer.openid))
          const { data: current } = await ref.get()
          const expected = previous ? Boolean(current && current.requestId === previous.requestId && current.at === previous.at) : !current
          if (!expected) throw STALE
          // 同一人同时交两份：两个事务写同一个 _id，后写的冲突、退避重试，重试时读到已有的那份，答 false。
          await ref.set({ data: surveyAnswerDoc(answer) })
          await useHourlyLimit(tx, limit)
          await recordTallyDeltas(ctx, tx, deltas)
        })
        return true
      } catch (error) {
        if (error === STALE) return false
        if (error === HOUR_FULL) return limitedFor(limit)
        throw error
      }
    },
    async answersOf(surveyId) {
      return (await readAll('surveyAnswers', { surveyId })).map(toSurveyAnswer).sort(byAnswerOrder)
    },
  }
}
