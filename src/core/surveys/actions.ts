/**
 * 满意度问卷的用例：代表与业委会按模板或自建题目发问卷（面向自己负责的楼，或业委会面向整个小区）、提前结束、
 * 看结果（只有合计；问卷结束前只给份数；不到门槛的楼与补充隐藏的楼不显示；与同一模板上一次的环比）；居民看本楼开着的问卷、答卷（每人每卷一份，
 * 问卷开着时再答是替换，由存储保证，两次同时提交也只存一份）。
 * 代表看到的任何返回里都没有答卷人的身份。
 */
import { audienceBuildings, defaultCommunityOf, scopeInCommunity, type CommunityScope, type Building, type DirectoryStore } from '../directory'
import { SURVEY_TEMPLATE_LABELS } from '../shared/catalog'
import type { Survey, SurveyAnswer, SurveyQuestion } from './model'
import type { Clock, IdGenerator, Logger, PageCursor, Platform } from '../shared/ports'
import type { SurveyQuery, SurveyStore } from './ports'
import { readRate } from '../shared/rates'
import { fail, ok, type Result } from '../shared/result'
import { deltasForAnswer, deltasForSurvey } from './tallySource'
import type { AnswerSurveyInput } from './answerSchema'
import type { CreateSurveyInput, ManagedSurveysInput, OpenSurveysInput, SurveyFormInput, SurveyRefInput } from './schema'
import { checkAnswerValues, compareWithPrevious, releasedOver, satisfactionTemplate, surveyResults, surveyThreshold, statusOf } from './rules'
import { endOfChinaDay, monthOf, startOfChinaDay } from '../shared/time'
import { hourlyLimit, LIMITED, limitMessage } from '../shared/hourlyLimit'
import { checkTexts } from '../shared/contentCheck'
import { ManagedSurveyView, SurveyResultsView, OpenSurveyItemView, SurveyFormView } from './views'

export interface SurveyDeps {
  directory: DirectoryStore
  surveys: SurveyStore
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'content'>
  logger: Logger
}

export const SURVEY_PAGE_SIZE = 20
/** 每栋楼同时没结束（开着的与没开始的）的问卷最多几份：一栋楼的代表发再多，也挤不掉业委会给这栋楼的问卷。 */
export const UNFINISHED_SURVEYS_MAX = 5
const NOT_FOUND = '没有找到这份问卷'

function parseSurveyCursor(cursor: string | undefined): Result<PageCursor | undefined> {
  if (!cursor) return ok(undefined)
  const [createdAt, id] = cursor.split('|')
  if (!createdAt || !id) return fail('INVALID', '翻页位置无效，请下拉刷新')
  return ok({ createdAt, id })
}
const surveyCursorOf = (s: Survey) => `${s.createdAt}|${s.id}`

/** 按页读完一个查询：列表要"全部"时（每页一次存储读），不因一页的上限漏掉。 */
async function allSurveys(store: SurveyStore, query: SurveyQuery): Promise<Survey[]> {
  const out: Survey[] = []
  let before: PageCursor | undefined
  for (;;) {
    const page = await store.surveys(query, SURVEY_PAGE_SIZE, before)
    out.push(...page)
    if (page.length < SURVEY_PAGE_SIZE) return out
    before = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id }
  }
}

export function createSurveyActions(deps: SurveyDeps) {
  const { directory, surveys, clock, ids, platform, logger } = deps

  const memberScope = (openid: string, communityId: string) => scopeInCommunity(directory, openid, communityId)
  type Scope = CommunityScope
  const canSee = (scope: Scope, s: Survey) => scope.wholeCommunity || s.targets.some((t) => scope.buildings.some((b) => b.id === t.buildingId))
  // 同公告的撤回：发起人的身份本身不给权利，要仍管着问卷面向的每一栋楼（全小区的问卷要仍代表整个小区）。
  const canClose = (scope: Scope, s: Survey, openid: string) =>
    scope.wholeCommunity || (s.authorId === openid && !s.wholeCommunity && s.targets.every((t) => scope.buildings.some((b) => b.id === t.buildingId)))

  async function buildingsOf(s: Survey): Promise<Map<string, Building | null>> {
    const out = new Map<string, Building | null>()
    for (const t of s.targets) out.set(t.buildingId, await directory.buildingById(t.buildingId))
    return out
  }

  async function managedView(s: Survey, scope: Scope, openid: string, answers?: SurveyAnswer[]): Promise<ManagedSurveyView> {
    const now = clock.now()
    const names = await buildingsOf(s)
    const all = answers ?? (await surveys.answersOf(s.id))
    const respondents = all.length
    const status = statusOf(s, now)
    return {
      id: s.id,
      title: s.title,
      templateLabel: s.template ? SURVEY_TEMPLATE_LABELS[s.template] : null,
      status,
      opensAt: s.opensAt,
      closesAt: s.closesAt,
      closedAt: s.closedAt,
      wholeCommunity: s.wholeCommunity,
      buildings: s.targets.map((t) => ({ code: names.get(t.buildingId)?.code ?? '', name: names.get(t.buildingId)?.name ?? '（已删除的楼）' })),
      respondents,
      sharedRespondents: all.filter((a) => a.viaShare).length,
      responseRate: readRate(
        respondents,
        s.targets.reduce((n, t) => n + t.households, 0),
      ),
      minAnswers: surveyThreshold(s),
      canClose: status !== 'closed' && canClose(scope, s, openid),
    }
  }

  /**
   * 没结束的问卷的上限：面向选定楼栋的每楼至多 5 份，面向整个小区的（只有业委会、管理员能发）全小区至多 5 份，
   * 两种分开数，一栋楼的代表发满了也挤不掉业委会的问卷。在用例里数：发问卷是管理者的操作，
   * 同时发的几份至多越过上限几份（见 SECURITY.md）。超了答原因，没超答 null。
   */
  async function unfinishedFull(communityId: string, wholeCommunity: boolean, targets: Building[], now: string): Promise<string | null> {
    const message = wholeCommunity
      ? `全小区已有 ${UNFINISHED_SURVEYS_MAX} 份问卷还没结束，请先结束不用的`
      : `本楼已有 ${UNFINISHED_SURVEYS_MAX} 份问卷还没结束，请先结束不用的`
    if (wholeCommunity)
      return (await surveys.surveys({ communityId, wholeCommunity, unfinishedAt: now }, UNFINISHED_SURVEYS_MAX)).length >= UNFINISHED_SURVEYS_MAX
        ? message
        : null
    // 这种问卷每份至少面向一栋楼、每楼至多 5 份，所以这些楼上至多 5 × 楼数 份；读到更多说明已有楼超了。
    const cap = UNFINISHED_SURVEYS_MAX * targets.length
    const unfinished = await surveys.surveys({ communityId, buildingIds: targets.map((b) => b.id), wholeCommunity, unfinishedAt: now }, cap + 1)
    const onBuilding = (id: string) => unfinished.filter((s) => s.targets.some((t) => t.buildingId === id)).length
    return unfinished.length > cap || targets.some((b) => onBuilding(b.id) >= UNFINISHED_SURVEYS_MAX) ? message : null
  }

  const create = async (openid: string, input: CreateSurveyInput): Promise<Result<ManagedSurveyView>> => {
    const scope = await memberScope(openid, input.communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以发起问卷')
    const audience = await audienceBuildings(directory, scope, input.communityId, input.target, {
      wholeCommunity: '面向整个小区的问卷要由业委会、居委会、物业或管理员发起',
      otherBuildings: '只能面向你负责的楼栋发问卷',
    })
    if (!audience.ok) return audience
    const targets = audience.data
    const now = clock.now()
    const opensAt = input.opensOn ? startOfChinaDay(input.opensOn) : now
    const closesAt = endOfChinaDay(input.closesOn)
    if (closesAt <= now) return fail('INVALID', '截止日期：不能早于今天')
    if (closesAt <= opensAt) return fail('INVALID', '截止日期：应晚于开始日期')
    const full = await unfinishedFull(input.communityId, input.target.scope === 'community', targets, now)
    if (full) return fail('RATE_LIMITED', full)
    // 问卷的标题、题目与选项给拿到楼栋码的任何人看：与公告一样过内容检测（模板的题目是我们写的，不用检）。
    const written = input.template ? [input.title] : [input.title, ...input.questions.flatMap((q) => [q.title, ...q.options])]
    const verdict = await checkTexts(platform.content, written, openid, logger)
    if (!verdict.ok) return fail('INVALID', verdict.reason)
    const questions: SurveyQuestion[] = input.template
      ? satisfactionTemplate()
      : input.questions.map((q, i) => ({ id: `q${i + 1}`, type: q.type, title: q.title, required: q.required, options: q.options, dimension: null }))
    const survey: Survey = {
      id: ids.newId(),
      communityId: input.communityId,
      wholeCommunity: input.target.scope === 'community',
      targets: targets.map((b) => ({ buildingId: b.id, households: b.households })),
      title: input.title,
      template: input.template,
      questions,
      opensAt,
      closesAt,
      closedAt: null,
      minAnswers: input.minAnswers,
      authorId: openid,
      requestId: input.requestId,
      createdAt: now,
      month: monthOf(opensAt),
    }
    const { survey: stored } = await surveys.insertSurvey(survey, deltasForSurvey(survey))
    return ok(await managedView(stored, scope, openid, []))
  }

  const close = async (openid: string, input: SurveyRefInput): Promise<Result<ManagedSurveyView>> => {
    const survey = await surveys.surveyById(input.surveyId)
    if (!survey) return fail('NOT_FOUND', NOT_FOUND)
    const scope = await memberScope(openid, survey.communityId)
    if (!canSee(scope, survey) || !canClose(scope, survey, openid)) return fail('FORBIDDEN', '只有发起人或业委会、管理员可以结束这份问卷')
    if (!survey.closedAt) await surveys.closeSurvey(survey.id, clock.now())
    const after = (await surveys.surveyById(survey.id)) ?? survey
    return ok(await managedView(after, scope, openid))
  }

  const managed = async (
    openid: string,
    input: ManagedSurveysInput,
  ): Promise<
    Result<{
      items: ManagedSurveyView[]
      nextCursor: string | null
      buildings: { code: string; name: string }[]
      canTargetCommunity: boolean
      communityId: string
    }>
  > => {
    const communityId = input.communityId ?? defaultCommunityOf(await directory.membershipsOf(openid))
    if (!communityId) return fail('FORBIDDEN', '只有业主代表、业委会或管理员可以管理问卷')
    const scope = await memberScope(openid, communityId)
    if (scope.memberships.length === 0) return fail('FORBIDDEN', '你不是这个小区的业主代表、业委会或管理员')
    const before = parseSurveyCursor(input.cursor)
    if (!before.ok) return before
    const query = scope.wholeCommunity ? { communityId } : { communityId, buildingIds: scope.buildings.map((b) => b.id) }
    const page = await surveys.surveys(query, SURVEY_PAGE_SIZE + 1, before.data)
    const items = []
    for (const s of page.slice(0, SURVEY_PAGE_SIZE)) items.push(await managedView(s, scope, openid))
    return ok({
      items,
      nextCursor: page.length > SURVEY_PAGE_SIZE ? surveyCursorOf(page[SURVEY_PAGE_SIZE - 1]) : null,
      buildings: scope.buildings.map((b) => ({ code: b.code, name: b.name })),
      canTargetCommunity: scope.wholeCommunity,
      communityId,
    })
  }

  const results = async (openid: string, input: SurveyRefInput): Promise<Result<SurveyResultsView>> => {
    const survey = await surveys.surveyById(input.surveyId)
    if (!survey) return fail('NOT_FOUND', NOT_FOUND)
    const scope = await memberScope(openid, survey.communityId)
    if (!canSee(scope, survey)) return fail('FORBIDDEN', '你不负责这份问卷面向的楼栋')
    const answers = await surveys.answersOf(survey.id)
    const now = clock.now()
    const computed = surveyResults(survey, answers, { closed: statusOf(survey, now) === 'closed' })
    const names = await buildingsOf(survey)
    let comparison: SurveyResultsView['comparison'] = null
    // 环比也是从答卷取值算出的数：这次结束了才给；上一次那一边只用它公布了的格子（releasedOver）。
    if (survey.template && computed.scoresReleased) {
      const previous = await surveys.previousSurvey(survey.communityId, survey.template, survey.opensAt)
      if (previous) {
        const before = surveyResults(previous, await surveys.answersOf(previous.id), { closed: statusOf(previous, now) === 'closed' })
        // 只比同样的楼：上一次面向全小区、这次只问 1号楼时，用 1号楼 在上一次公布的格子（不公布就不比）。
        const same = releasedOver(
          before,
          survey.targets.map((t) => t.buildingId),
        )
        comparison = { previousTitle: previous.title, previousReleased: same !== null, ...compareWithPrevious(computed, same ? { questions: same } : null) }
      }
    }
    return ok({
      survey: await managedView(survey, scope, openid, answers),
      results: {
        ...computed,
        buildings: computed.buildings.map((b) => ({
          ...b,
          buildingCode: names.get(b.buildingId)?.code ?? '',
          buildingName: names.get(b.buildingId)?.name ?? '（已删除的楼）',
        })),
      },
      comparison,
    })
  }

  // —— 居民 ——

  /** 问卷面向这栋楼才算"本楼的问卷"；对别的楼的居民它不存在。 */
  async function surveyForBuilding(surveyId: string, buildingCode: string): Promise<Result<{ survey: Survey; building: Building }>> {
    const [survey, building] = await Promise.all([surveys.surveyById(surveyId), directory.buildingByCode(buildingCode)])
    if (!survey || !building || !survey.targets.some((t) => t.buildingId === building.id)) return fail('NOT_FOUND', NOT_FOUND)
    return ok({ survey, building })
  }

  const open = async (openid: string, input: OpenSurveysInput): Promise<Result<{ items: OpenSurveyItemView[] }>> => {
    const building = await directory.buildingByCode(input.buildingCode)
    if (!building) return fail('NOT_FOUND', '没有找到这栋楼，请重新扫描楼栋二维码')
    // 本楼开着的全部（每楼至多 5 份没结束的；规则之前的数据可能更多，也按页读完，一份不漏）。
    const list = await allSurveys(surveys, { communityId: building.communityId, buildingIds: [building.id], openAt: clock.now() })
    const items = []
    for (const s of list)
      items.push({
        id: s.id,
        title: s.title,
        closesAt: s.closesAt,
        questionCount: s.questions.length,
        answered: (await surveys.answerOf(s.id, openid)) !== null,
      })
    return ok({ items })
  }

  const form = async (openid: string, input: SurveyFormInput): Promise<Result<SurveyFormView>> => {
    const found = await surveyForBuilding(input.surveyId, input.buildingCode)
    if (!found.ok) return found
    const { survey, building } = found.data
    const [mine, community] = await Promise.all([surveys.answerOf(survey.id, openid), directory.community(building.communityId)])
    return ok({
      id: survey.id,
      title: survey.title,
      questions: survey.questions,
      opensAt: survey.opensAt,
      closesAt: survey.closesAt,
      status: statusOf(survey, clock.now()),
      mine: mine ? { values: mine.values, unit: mine.unit, room: mine.room } : null,
      place: { communityName: community?.name ?? '', buildingName: building.name },
    })
  }

  const answer = async (openid: string, input: AnswerSurveyInput): Promise<Result<{ replaced: boolean }>> => {
    const found = await surveyForBuilding(input.surveyId, input.buildingCode)
    if (!found.ok) return found
    const { survey, building } = found.data
    const now = clock.now()
    const status = statusOf(survey, now)
    if (status === 'scheduled') return fail('INVALID', '问卷还没开始')
    if (status === 'closed') return fail('INVALID', '问卷已经结束，谢谢关注')
    const checked = checkAnswerValues(survey, input.values)
    if (!checked.ok) return checked
    // 同一人同时交的几份互相替换：每输一次就重读再替换，几次之内总能存下（存储保证始终只有一份）。
    for (let attempt = 0; attempt < 5; attempt++) {
      const previous = await surveys.answerOf(survey.id, openid)
      // 同一次提交的重试（或同时到达的两次）：已经存下了，答同样的结果。
      if (previous?.requestId === input.requestId) return ok({ replaced: false })
      const record: SurveyAnswer = {
        surveyId: survey.id,
        openid,
        buildingId: building.id,
        unit: input.unit,
        room: input.room,
        values: checked.data,
        requestId: input.requestId,
        viaShare: input.fromShare === true,
        // 替换比对的是 (请求编号, 时刻)：新的时刻至少比旧的晚 1 毫秒。
        at: previous && previous.at >= now ? new Date(Date.parse(previous.at) + 1).toISOString() : now,
      }
      // 替换也占一次额度（shared/hourlyLimit.ts）；没存成的一次（答 false）不占。
      const saved = await surveys.saveAnswer(record, previous, deltasForAnswer(survey, record, previous), hourlyLimit('surveyAnswer', openid, record.at))
      if (saved === LIMITED) return fail('RATE_LIMITED', limitMessage('surveyAnswer'))
      if (saved) return ok({ replaced: previous !== null })
    }
    return fail('CONFLICT', '刚刚有另一份答卷同时提交，请刷新后再试')
  }

  return { create, close, managed, results, open, form, answer }
}
