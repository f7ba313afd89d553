/**
 * 扫码落地页的一次取齐：楼栋、我的身份、公告条（与 notices.list 第一页同形）、开着的问卷（与 surveys.open 同形）。
 * 页面第一次显示与每次回到它时都只调这一次（目标：每页首次渲染一次云函数调用）。
 * 各部分就是各自动作的用例，这里只是并起来；身份只来自平台（openid），不看载荷。
 */
import { ok, type Result } from '../shared/result'
import type { BuildingInfoInput } from '../directory'
import { type BuildingView, type MeView, LandingView } from './views'
import type { OpenSurveyItemView } from '../surveys'
import type { NoticeListView } from '../notices'

type Run<I, O> = (openid: string, input: I) => Promise<Result<O>>

export function createLanding(parts: {
  building: Run<BuildingInfoInput, BuildingView>
  me: (openid: string) => Promise<Result<MeView>>
  notices: Run<{ buildingCode: string }, NoticeListView>
  surveys: Run<{ buildingCode: string }, { items: OpenSurveyItemView[] }>
}) {
  return async (openid: string, input: BuildingInfoInput): Promise<Result<LandingView>> => {
    const { buildingCode } = input
    const [building, me, notices, surveys] = await Promise.all([
      parts.building(openid, { buildingCode }),
      parts.me(openid),
      parts.notices(openid, { buildingCode }),
      parts.surveys(openid, { buildingCode }),
    ])
    if (!building.ok) return building
    if (!me.ok) return me
    return ok({
      building: building.data,
      me: me.data,
      notices: notices.ok ? notices.data : null,
      surveys: surveys.ok ? surveys.data.items : null,
    })
  }
}
