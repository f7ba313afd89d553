/** SQLite：问卷与答卷（SurveyStore）。问卷面向的楼栋另存在 survey_targets；(survey_id, openid) 是答卷的主键。 */
import type { HourlyLimit } from '../../../src/core/shared/hourlyLimit'
import type { Survey, SurveyAnswer, SurveyQuery, SurveyStore } from '../../../src/core/surveys'
import type { PageCursor } from '../../../src/core/shared/ports'
import type { TallyDelta } from '../../../src/core/tally'
import { marksFor, type SqliteContext } from './context'
import { insertOnce } from './insertOnce'
import { toSurvey, toSurveyAnswer, type SurveyAnswerRow, type SurveyRow } from './rows'

export function sqliteSurveys(ctx: SqliteContext): SurveyStore {
  const { db, limits } = ctx
  const q = {
    insertSurvey: db.prepare(
      `INSERT INTO surveys (id, community_id, whole_community, targets, title, template, questions, opens_at, closes_at, closed_at, min_answers, author_id,
         request_id, created_at, month)
       VALUES (@id, @communityId, @wholeCommunity, @targets, @title, @template, @questions, @opensAt, @closesAt, @closedAt, @minAnswers, @authorId,
         @requestId, @createdAt, @month)
       ON CONFLICT(author_id, request_id) DO NOTHING`,
    ),
    addSurveyTarget: db.prepare('INSERT INTO survey_targets (survey_id, building_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    surveyByRequest: db.prepare<[string, string], SurveyRow>('SELECT * FROM surveys WHERE author_id = ? AND request_id = ?'),
    surveyById: db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ?'),
    // 还没结束：没提前结束，也没到截止。
    closeSurvey: db.prepare('UPDATE surveys SET closed_at = @at WHERE id = @id AND closed_at IS NULL AND closes_at > @at'),
    previousSurvey: db.prepare<[string, string, string], SurveyRow>(
      'SELECT * FROM surveys WHERE community_id = ? AND template = ? AND opens_at < ? ORDER BY opens_at DESC, id DESC LIMIT 1',
    ),
    answerOf: db.prepare<[string, string], SurveyAnswerRow>('SELECT * FROM survey_answers WHERE survey_id = ? AND openid = ?'),
    // 第一份答卷：(survey_id, openid) 是主键，已有一份时什么都不插（changes = 0）。
    insertAnswer: db.prepare(
      `INSERT INTO survey_answers (survey_id, openid, building_id, unit, room, answer_values, request_id, at, via_share)
       VALUES (@surveyId, @openid, @buildingId, @unit, @room, @values, @requestId, @at, @viaShare)
       ON CONFLICT(survey_id, openid) DO NOTHING`,
    ),
    // 替换：只有存储里那份仍是 previous（同一请求编号与时刻）才改。
    replaceAnswer: db.prepare(
      `UPDATE survey_answers SET building_id = @buildingId, unit = @unit, room = @room, answer_values = @values, request_id = @requestId, at = @at,
         via_share = @viaShare
       WHERE survey_id = @surveyId AND openid = @openid AND request_id = @previousRequestId AND at = @previousAt`,
    ),
    answersOf: db.prepare<[string], SurveyAnswerRow>('SELECT * FROM survey_answers WHERE survey_id = ? ORDER BY at, openid'),
  }

  const insertSurveyOnce = insertOnce(ctx, {
    noun: '问卷',
    insert: (survey: Survey) =>
      q.insertSurvey.run({
        ...survey,
        wholeCommunity: survey.wholeCommunity ? 1 : 0,
        targets: JSON.stringify(survey.targets),
        questions: JSON.stringify(survey.questions),
      }).changes,
    existing: (survey) => {
      const row = q.surveyByRequest.get(survey.authorId, survey.requestId)
      return row && toSurvey(row)
    },
    afterInsert: (survey) => {
      for (const t of survey.targets) q.addSurveyTarget.run(survey.id, t.buildingId)
    },
    result: (survey, created) => ({ survey, created }),
  })

  const saveAnswerTx = ctx.transaction((answer: SurveyAnswer, previous: SurveyAnswer | null, deltas: TallyDelta[], limit?: HourlyLimit) => {
    const params = { ...answer, values: JSON.stringify(answer.values), viaShare: answer.viaShare ? 1 : 0 }
    const info = previous ? q.replaceAnswer.run({ ...params, previousRequestId: previous.requestId, previousAt: previous.at }) : q.insertAnswer.run(params)
    if (info.changes === 0) return false
    limits.use(limit)
    ctx.recordTallyDeltas(deltas)
    return true
  })

  /** 问卷列表的 WHERE 子句与参数。 */
  const surveyWhere = (query: SurveyQuery, before?: PageCursor) => {
    const clauses = ['community_id = ?']
    const params: unknown[] = [query.communityId]
    if (query.buildingIds) {
      clauses.push(`id IN (SELECT survey_id FROM survey_targets WHERE building_id IN (${marksFor(query.buildingIds)}))`)
      params.push(...query.buildingIds)
    }
    if (query.openAt !== undefined) {
      clauses.push('opens_at <= ? AND closes_at > ? AND closed_at IS NULL')
      params.push(query.openAt, query.openAt)
    }
    if (query.unfinishedAt !== undefined) {
      clauses.push('closes_at > ? AND closed_at IS NULL')
      params.push(query.unfinishedAt)
    }
    if (query.wholeCommunity !== undefined) {
      clauses.push('whole_community = ?')
      params.push(query.wholeCommunity ? 1 : 0)
    }
    if (before) {
      clauses.push('(created_at < ? OR (created_at = ? AND id < ?))')
      params.push(before.createdAt, before.createdAt, before.id)
    }
    return { sql: clauses.join(' AND '), params }
  }

  return {
    async insertSurvey(survey, deltas) {
      return insertSurveyOnce(survey, deltas, undefined)
    },
    async surveyById(id) {
      const row = q.surveyById.get(id)
      return row ? toSurvey(row) : null
    },
    async surveys(query, limit, before) {
      if ((query.buildingIds && query.buildingIds.length === 0) || limit <= 0) return []
      const { sql, params } = surveyWhere(query, before)
      return db
        .prepare<unknown[], SurveyRow>(`SELECT * FROM surveys WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, limit)
        .map(toSurvey)
    },
    async closeSurvey(id, at) {
      return q.closeSurvey.run({ id, at }).changes > 0
    },
    async previousSurvey(communityId, template, before) {
      const row = q.previousSurvey.get(communityId, template, before)
      return row ? toSurvey(row) : null
    },
    async answerOf(surveyId, openid) {
      const row = q.answerOf.get(surveyId, openid)
      return row ? toSurveyAnswer(row) : null
    },
    async saveAnswer(answer, previous, deltas, limit) {
      return limits.unlessFull(limit, () => saveAnswerTx(answer, previous, deltas, limit))
    },
    async answersOf(surveyId) {
      return q.answersOf.all(surveyId).map(toSurveyAnswer)
    },
  }
}
