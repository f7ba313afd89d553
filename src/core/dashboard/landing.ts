/**
 * 扫码落地页的一次取齐：楼栋、我的身份、公告条（与 notices.list 第一页同形）、开着的问卷（与 surveys.open 同形）、
 * 等我回答"解决了吗？"的报事，以及（管这栋楼的人）处理报事入口上的待受理与超时件数。
 * 页面第一次显示与每次回到它时都只调这一次（目标：每页首次渲染一次云函数调用）。
 * 各部分就是各自动作的用例，这里只是并起来；身份只来自平台（openid），不看载荷。
 */
import { ok, type Result } from '../shared/result'
import type { BuildingInfoInput } from '../directory'
import type { Report } from '../reports'
import type { TriageCountsView } from '../handling'
import { type BuildingView, type MeView, LandingView } from './views'
import type { OpenSurveyItemView } from '../surveys'
import type { NoticeListView } from '../notices'

type Run<I, O> = (openid: string, input: I) => Promise<Result<O>>

export function createLanding(parts: {
  building: Run<BuildingInfoInput, BuildingView>
  me: (openid: string) => Promise<Result<MeView>>
  notices: Run<{ buildingCode: string }, NoticeListView>
  surveys: Run<{ buildingCode: string }, { items: OpenSurveyItemView[] }>
  /** 报事人还能回答的报事，新的在前（reports 的 createAwaitingAnswers）。 */
  awaitingAnswers: (openid: string) => Promise<Report[]>
  /** 不查成员关系：只在 me 表明此人管这栋楼时才调（handling 的 createTriageCounts）。 */
  triage: (buildingCode: string) => Promise<TriageCountsView | null>
}) {
  return async (openid: string, input: BuildingInfoInput): Promise<Result<LandingView>> => {
    const { buildingCode } = input
    const [building, me, notices, surveys, awaiting] = await Promise.all([
      parts.building(openid, { buildingCode }),
      parts.me(openid),
      parts.notices(openid, { buildingCode }),
      parts.surveys(openid, { buildingCode }),
      parts.awaitingAnswers(openid),
    ])
    if (!building.ok) return building
    if (!me.ok) return me
    // 身份来自平台：me 里的楼栋码就是此人能管的楼。
    const manages = me.data.managedBuildingCodes.includes(building.data.code)
    return ok({
      building: building.data,
      me: me.data,
      notices: notices.ok ? notices.data : null,
      surveys: surveys.ok ? surveys.data.items : null,
      awaitingAnswer: { count: awaiting.length, latestReportId: awaiting[0]?.id ?? null },
      triage: manages ? await parts.triage(building.data.code) : null,
    })
  }
}
