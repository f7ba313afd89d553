/**
 * 演示数据的治理部分：过去一年的公告（代表发本楼、业委会发全小区，居民陆续阅读，各楼知晓率不同）
 * 与工作台账（每月巡查与隐患整改、会议、活动、调解、志愿服务、沟通协调）。
 * 和报事一样，每一步都调真实的云函数、时钟拨到那一刻，所以每个数字都能从记录重算。
 */
import type { FunctionName } from '../../src/core/api'
import { dateOf, DAY_MS } from '../../src/core/shared/time'

/** 以 openid 的身份、在 atMs 时刻调用一个函数动作（失败即抛出）。 */
export type SeedCall = <T>(name: FunctionName, openid: string, atMs: number, action: string, payload: Record<string, unknown>) => Promise<T>

export interface GovernanceCast {
  communityId: string
  committee: string
  /** 每栋楼：楼栋码、户数、代表（没有代表的楼由业委会代管）、居民的阅读习惯（读公告的户的比例）。 */
  buildings: { code: string; households: number; representative: string | null; readShare: number }[]
}

export interface GovernanceSummary {
  notices: number
  reads: number
  workLog: number
  hazards: number
  hazardsOpen: number
}

/** 北京时间某日的 hh 点（UTC 毫秒）。 */
const chinaTime = (date: string, hour: number) => Date.parse(`${date}T00:00:00Z`) - 8 * 3_600_000 + hour * 3_600_000

const BUILDING_NOTICES = [
  ['电梯年度检验通知', '本楼电梯将于本周四 9:00–11:00 进行年度检验，期间请走楼梯，给您带来不便敬请谅解。'],
  ['楼道堆物清理通知', '为消除消防隐患，请各户在本周日前清理楼道内堆放的纸箱、旧家具，逾期将统一清运。'],
  ['二次供水水箱清洗', '本楼二次供水水箱将于周六上午清洗，8:00–12:00 可能水压偏低，请提前储水。'],
  ['单元门禁升级', '单元门禁系统升级为刷卡加人脸识别，请各户携带身份证到物业服务中心登记。'],
  ['本楼业主座谈会', '本月最后一个周六下午 3 点在一楼大堂召开业主座谈会，听取大家对楼道照明与保洁的意见。'],
  ['外墙维修施工告知', '外墙渗水维修将搭设吊篮施工约两周，施工期间请关好窗户，注意安全。'],
]
const COMMUNITY_NOTICES = [
  ['春节期间安全提示', '春节期间请注意用火用电安全，不在楼道内燃放烟花爆竹，外出前关好门窗和燃气阀门。'],
  ['小区停车管理调整', '自下月起地面临时停车实行限时管理，消防通道全天禁止停车，违停车辆将联系车主挪移。'],
  ['垃圾分类宣传周', '本周为垃圾分类宣传周，周六上午在中心广场设咨询台，参加活动可领取分类垃圾袋。'],
  ['夏季防汛提示', '汛期将至，请低层住户注意门窗防水，地下车库车辆如遇暴雨预警请及时挪至地面。'],
  ['物业服务费公示', '上一年度物业服务费收支情况已在物业服务中心公示栏张贴，欢迎业主查阅、监督。'],
  ['业主大会筹备通知', '业委会正在筹备业主大会，讨论公共收益使用方案，请各户关注后续表决通知。'],
  ['冬季用电防火提示', '天气转冷，请勿私拉电线给电动车充电，取暖器远离窗帘被褥，外出时切断电源。'],
]
/** 全小区公告按月份选（1 月起）：冬季防火、春节、垃圾分类、停车、防汛、费用公示、业主大会。 */
const COMMUNITY_NOTICE_OF_MONTH = [0, 0, 2, 2, 1, 3, 3, 3, 4, 5, 6, 6]
const AREAS = ['地下车库与消防通道', '楼道与楼梯间', '天台与屋面', '大堂与单元门', '楼栋周边与绿化带']
const HAZARDS = [
  '消防通道堆放杂物',
  '楼道应急灯不亮',
  '灭火器压力不足',
  '电动车在楼道充电',
  '天台门锁损坏',
  '外墙瓷砖松动',
  '井盖破损',
  '楼梯扶手松动',
  '监控探头损坏',
  '单元门闭门器失灵',
]
const ACTIVITIES: [string, number][] = [
  ['重阳节敬老活动', 46],
  ['楼道清扫志愿日', 23],
  ['儿童安全知识讲座', 31],
  ['邻里端午包粽子', 58],
  ['消防演练', 72],
  ['旧物交换市集', 40],
]
const COUNTERPARTS: [string, string, string][] = [
  ['物业公司', '电梯维保响应慢', '物业承诺困人 15 分钟内到场，并公示维保记录'],
  ['社区居委会', '加装电梯政策咨询', '居委会将安排专人上门讲解补贴政策'],
  ['供电所', '楼栋配电箱老化', '供电所已列入下月检修计划'],
  ['城管执法队', '小区门口占道经营', '执法队每周巡查两次'],
  ['维修单位', '屋面防水质保', '维修单位同意质保期内免费返修'],
]
const MEDIATIONS: [string, 'success' | 'ongoing' | 'failed'][] = [
  ['5楼住户与6楼住户（漏水）', 'success'],
  ['两户邻居（噪音）', 'success'],
  ['住户与装修队（施工时间）', 'success'],
  ['两户邻居（楼道堆物）', 'failed'],
  ['住户与物业（车位）', 'ongoing'],
]

export async function seedGovernance(call: SeedCall, random: () => number, nowMs: number, cast: GovernanceCast): Promise<GovernanceSummary> {
  const summary: GovernanceSummary = { notices: 0, reads: 0, workLog: 0, hazards: 0, hazardsOpen: 0 }
  let requests = 0
  const requestId = () => `seed-gov-${String(++requests).padStart(6, '0')}`
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  // 最晚记到昨天：昨天的任何钟点都早于现在，台账与公告不会出现在"将来"。
  const yesterday = dateOf(new Date(nowMs - DAY_MS).toISOString())
  /** 过去一年里 monthsAgo 个月前的某日；不晚于昨天。 */
  const dayOfMonth = (monthsAgo: number, day: number) => {
    const d = new Date(nowMs + 8 * 3_600_000)
    const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsAgo, day)).toISOString().slice(0, 10)
    return date > yesterday ? yesterday : date
  }

  // —— 公告与阅读 ——
  const readersOf = (code: string, n: number) => Array.from({ length: n }, (_, i) => `demo_res_${code.toLowerCase()}_${String(i + 1).padStart(3, '0')}`)
  const publish = async (author: string, target: Record<string, unknown>, codes: string[], [title, body]: string[], atMs: number, pinned: boolean) => {
    const notice = await call<{ id: string }>('notices', author, atMs, 'publish', {
      requestId: requestId(),
      communityId: cast.communityId,
      target,
      title,
      body,
      images: [],
      pinned,
      expiresOn: null,
    })
    summary.notices++
    for (const code of codes) {
      const b = cast.buildings.find((x) => x.code === code)!
      // 各楼的阅读习惯不同，每条公告再上下浮动；读的时间在发布后 10 天内、不晚于现在。
      const share = Math.max(0, Math.min(1, b.readShare + (random() - 0.5) * 0.2))
      for (const reader of readersOf(code, Math.round(b.households * share))) {
        const readMs = Math.min(nowMs - 60_000, atMs + Math.floor(random() * random() * 10 * DAY_MS) + 60_000)
        await call('notices', reader, readMs, 'read', { noticeId: notice.id, buildingCode: code })
        summary.reads++
      }
    }
  }
  for (let monthsAgo = 11; monthsAgo >= 0; monthsAgo--) {
    for (const b of cast.buildings) {
      const author = b.representative ?? cast.committee
      for (const day of monthsAgo === 0 ? [3] : [6, 19]) {
        const date = dayOfMonth(monthsAgo, day)
        await publish(
          author,
          { scope: 'buildings', buildingCodes: [b.code] },
          [b.code],
          pick(BUILDING_NOTICES),
          chinaTime(date, 9 + Math.floor(random() * 9)),
          false,
        )
      }
    }
    const date = dayOfMonth(monthsAgo, 1)
    const notice = COMMUNITY_NOTICES[COMMUNITY_NOTICE_OF_MONTH[Number(date.slice(5, 7)) - 1]]
    await publish(
      cast.committee,
      { scope: 'community' },
      cast.buildings.map((b) => b.code),
      notice,
      chinaTime(date, 10),
      monthsAgo === 0,
    )
  }

  // —— 工作台账 ——
  const log = async (author: string, buildingCode: string | null, date: string, details: Record<string, unknown>, note = '') => {
    const entry = await call<{ id: string; details: { hazards?: { id: string }[] } }>('worklog', author, chinaTime(date, 20), 'add', {
      requestId: requestId(),
      communityId: cast.communityId,
      buildingCode,
      date,
      note,
      photos: [],
      reportIds: [],
      details,
    })
    summary.workLog++
    return entry
  }
  for (let monthsAgo = 11; monthsAgo >= 0; monthsAgo--) {
    for (const b of cast.buildings) {
      const author = b.representative ?? cast.committee
      // 每月一次巡查，1–3 处隐患；多数在一个月内整改，近两个月的有的还没整改。
      const date = dayOfMonth(monthsAgo, 8 + Math.floor(random() * 6))
      const hazards = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ text: pick(HAZARDS) }))
      const entry = await log(author, b.code, date, { kind: 'inspection', area: pick(AREAS), hazards }, '与物业工程部一同巡查')
      for (const h of entry.details.hazards ?? []) {
        summary.hazards++
        const fixMs = chinaTime(date, 15) + Math.floor((1 + random() * 30) * DAY_MS)
        if (fixMs >= nowMs || random() < 0.1) {
          summary.hazardsOpen++
          continue
        }
        await call('worklog', author, fixMs, 'fixHazard', { entryId: entry.id, hazardId: h.id, fixedOn: dateOf(new Date(fixMs).toISOString()) })
      }
      if (random() < 0.7) {
        const [counterpart, subject, outcome] = pick(COUNTERPARTS)
        await log(author, b.code, dayOfMonth(monthsAgo, 15 + Math.floor(random() * 10)), { kind: 'coordination', counterpart, subject, outcome })
      }
      if (monthsAgo % 3 === 1) {
        const [name, participants] = pick(ACTIVITIES)
        await log(author, b.code, dayOfMonth(monthsAgo, 20), {
          kind: 'activity',
          name,
          participants: Math.max(5, Math.round(participants * (b.households / 108) + random() * 10)),
        })
      }
      if (random() < 0.25) {
        const [parties, outcome] = pick(MEDIATIONS)
        await log(author, b.code, dayOfMonth(monthsAgo, 12), { kind: 'mediation', parties, outcome: monthsAgo === 0 && random() < 0.5 ? 'ongoing' : outcome })
      }
      if (random() < 0.6) {
        const volunteers = 3 + Math.floor(random() * 10)
        await log(author, b.code, dayOfMonth(monthsAgo, 25), { kind: 'volunteer', volunteers, hours: Math.round(volunteers * (1 + random() * 2) * 2) / 2 })
      }
    }
    // 全小区：每两个月一次联席会议，每季度一次议事会。
    if (monthsAgo % 2 === 0) {
      await log(cast.committee, null, dayOfMonth(monthsAgo, 10), {
        kind: 'meeting',
        type: 'joint',
        attendees: 8 + Math.floor(random() * 8),
        topics: '物业服务质量与报事办理情况通报',
        decisions: '逾期未办结的报事由物业在一周内答复',
      })
    }
    if (monthsAgo % 3 === 2) {
      await log(cast.committee, null, dayOfMonth(monthsAgo, 18), {
        kind: 'meeting',
        type: 'council',
        attendees: 15 + Math.floor(random() * 20),
        topics: '公共收益使用与加装电梯意向',
        decisions: '形成方案提交业主大会',
      })
    }
  }
  return summary
}
