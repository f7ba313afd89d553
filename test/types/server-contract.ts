/**
 * 类型层面的测试：只由 tsc --noEmit 检查，不运行（jest 不收这个文件）。
 * 函数一侧的动作表必须与 src/core/api.ts 的契约一一对上。每条 @ts-expect-error 都证明一种错法过不了类型检查：
 * 要是哪天它不再报错，这条注释本身就成了 tsc 错误（TS2578）。
 * 开头两个正确的写法是对照：契约类型要是坏到什么都报错，它们会先失败。
 */
import { z } from 'zod/mini'
import { FUNCTION_ACTIONS, type ActionOf, type FunctionName } from '../../src/core/api'
import type { FunctionDeps } from '../../server/functions'
import { defineFunction } from '../../server/functions/router'
import type { Result } from '../../src/core/shared/result'
import {
  answerSchema,
  listMineSchema,
  reportRefSchema,
  similarReportsSchema,
  submitReportSchema,
  createAnswerReport,
  createAwaitingAnswers,
  createFollowReport,
  createListFollowedReports,
  createListMyReports,
  createSimilarReports,
  createSubmitReport,
  createTrackReport,
  type MyReportView,
} from '../../src/core/reports'
import { buildingInfoSchema, type BuildingInfoInput, inviteLookupSchema, joinSchema, createInviteActions } from '../../src/core/directory'
import { buildingStatsSchema, createBuildingInfo, createBuildingQr, createBuildingStats, createMe, createLanding } from '../../src/core/dashboard'
import { emptySchema } from '../../src/core/shared/schema'
import { createNoticeActions } from '../../src/core/notices'
import { createSurveyActions } from '../../src/core/surveys'
import { createTriageCounts } from '../../src/core/handling'

declare const deps: FunctionDeps
const submit = { schema: submitReportSchema, run: createSubmitReport(deps) }
const listMine = { schema: listMineSchema, run: createListMyReports(deps) }
const building = { schema: buildingStatsSchema, run: createBuildingStats(deps) }
/** reports 的其余动作：下面的对照与错法都只动 submit 与 listMine，其余原样带上。 */
const rest = {
  listFollowed: { schema: listMineSchema, run: createListFollowedReports(deps) },
  similar: { schema: similarReportsSchema, run: createSimilarReports(deps) },
  follow: { schema: reportRefSchema, run: createFollowReport(deps) },
  track: { schema: reportRefSchema, run: createTrackReport(deps) },
  answer: { schema: answerSchema, run: createAnswerReport(deps) },
}
const me = createMe(deps)
const invites = createInviteActions(deps)

// —— 对照：契约里的动作一个不多一个不少，run 的参数由契约推出 ——
export const reportsOk = defineFunction('reports', { submit, listMine, ...rest }, deps.logger)
export const accountOk = defineFunction(
  'account',
  {
    me: { schema: emptySchema, run: (openid) => me(openid) },
    landing: {
      schema: buildingInfoSchema,
      run: createLanding({
        building: createBuildingInfo(deps),
        me,
        notices: createNoticeActions(deps).list,
        surveys: createSurveyActions(deps).open,
        awaitingAnswers: createAwaitingAnswers(deps),
        triage: createTriageCounts(deps),
      }),
    },
    building: { schema: buildingInfoSchema, run: (openid, input) => createBuildingInfo(deps)(openid, input) },
    buildingQr: { schema: buildingInfoSchema, run: createBuildingQr(deps) },
    inviteInfo: { schema: inviteLookupSchema, run: invites.inviteInfo },
    join: {
      schema: joinSchema,
      run: async (openid, input) => ((await invites.join(openid, input)).ok ? me(openid) : { ok: false, code: 'INVALID', message: '' }),
    },
  },
  deps.logger,
)

// —— 动作改了名：listMine → listMy ——
// @ts-expect-error 契约里没有 listMy，也少了 listMine
export const renamed = defineFunction('reports', { submit, listMy: listMine, ...rest }, deps.logger)

// —— 少了一个动作 ——
// @ts-expect-error 缺 listMine
export const missing = defineFunction('reports', { submit, ...rest }, deps.logger)

// —— 多了一个契约里没有的动作（对象字面量）——
// @ts-expect-error 契约里没有 remove
export const extra = defineFunction('reports', { submit, listMine, ...rest, remove: listMine }, deps.logger)

// —— 多出来的动作放在变量里传入（没有多余属性检查的那条路）——
const withExtra = { submit, listMine, ...rest, remove: listMine }
// @ts-expect-error 契约里没有 remove
export const extraViaVariable = defineFunction('reports', withExtra, deps.logger)

// —— 返回数据的类型不对：submit 少了 created ——
declare const submitWithoutCreated: (openid: string, input: z.infer<typeof submitReportSchema>) => Promise<Result<{ report: MyReportView }>>
// @ts-expect-error 返回数据不是 { report, created }
export const wrongOutput = defineFunction('reports', { submit: { schema: submitReportSchema, run: submitWithoutCreated }, listMine, ...rest }, deps.logger)

// —— 返回数据放到了别的动作上：stats.building 答成了 listMine 的数据 ——
// @ts-expect-error stats.building 的返回数据是 BuildingStatsView
export const swappedOutput = defineFunction('stats', { building: { schema: buildingStatsSchema, run: createListMyReports(deps) } }, deps.logger)

// —— 校验规则不对：submit 用了楼栋信息的规则，输出不是 SubmitReportInput ——
// @ts-expect-error 校验规则的输出不是契约里的载荷
export const wrongSchema = defineFunction('reports', { submit: { schema: buildingInfoSchema, run: submit.run }, listMine, ...rest }, deps.logger)

// —— 校验规则放宽了：楼栋码变成可选，输出不再保证有 buildingCode ——
const looseBuilding = z.object({ buildingCode: z.optional(z.string()) })
// @ts-expect-error 校验规则的输出可能缺 buildingCode
export const looseSchema = defineFunction('stats', { building: { schema: looseBuilding, run: building.run } }, deps.logger)

// —— run 声明的载荷与契约不符（参数按逆变检查，不是方法的双向宽松）——
declare const runWithWrongInput: (openid: string, input: BuildingInfoInput & { extra: number }) => ReturnType<typeof building.run>
// @ts-expect-error run 要的载荷比契约多一个字段
export const wrongInput = defineFunction('stats', { building: { schema: buildingStatsSchema, run: runWithWrongInput } }, deps.logger)

// —— 函数名不在契约里 ——
// @ts-expect-error 没有 admin 这个云函数
export const unknownFunction = defineFunction('admin', { submit, listMine, ...rest }, deps.logger)

// —— 运行时的动作清单与契约一一对应：漏掉一个动作时，下面的"清单之外的动作"不是 never ——
type Listed<F extends FunctionName> = (typeof FUNCTION_ACTIONS)[F][number]
type Unlisted = { [F in FunctionName]: Exclude<ActionOf<F>, Listed<F>> }[FunctionName]
export const everyActionListed: [Unlisted] extends [never] ? true : false = true
