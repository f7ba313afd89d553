/**
 * 第二个演示小区"槐树里小区"：没有物业公司的老旧小区，四栋六层无电梯的砖混楼。
 * 管理员经 admin 函数建小区与楼栋、发邀请；一位退休教师做 1、2号楼的志愿业主代表，社区居委会委员代管 3、4号楼并牵头议事会。
 * 一年半的数据（前半年刚开始用，量少一些），于是年度总结有去年同期可比：报事（停车、违章搭建难办，解决率偏低；
 * 噪音居民常说没解决），月月的议事会、志愿服务、调解、巡查与隐患、沟通协调、活动，居委会的公告，一份居民服务满意度问卷。
 * 与春晖苑一样，每一步都调真实的云函数、时钟拨到那一刻，数字都能从记录重算；用自己的伪随机数序列，不影响春晖苑的数据。
 */
import type { CategoryId, PublicArea, ReportKind } from '../../src/core/shared/catalog'
import { CHINA_OFFSET_MS, dateOf, DAY_MS, HOUR_MS } from '../../src/core/shared/time'
import type { SeedCall } from './seedGovernance'
import { seedLocation } from './seedLocations'

export interface OldEstateCast {
  /** 建小区的管理员。 */
  admin: string
  /** 1、2号楼的志愿业主代表。 */
  representative: { openid: string; name: string }
  /** 社区居委会委员：代管没有代表的楼，牵头议事会、发公告、发起问卷。 */
  committee: { openid: string; name: string }
}

export interface OldEstateSummary {
  /** 小区 id：建小区时服务端随机生成的，从建小区的答复里读来。 */
  communityId: string
  reports: number
  byBuilding: Record<string, number>
  follows: number
  notices: number
  reads: number
  workLog: Record<string, number>
  hazards: number
  hazardsOpen: number
  surveys: number
  answers: number
}

export const OLD_ESTATE_NAME = '槐树里小区'
const COMMUNITY_REQUEST = 'seed-hsl-community'

/** 四栋六层无电梯的楼：楼栋码好记（经种子的短码生成器按序给出）。 */
export const OLD_ESTATE_BUILDINGS = [
  { code: 'HSL1', name: '1号楼', households: 36, units: 3, floors: 6 },
  { code: 'HSL2', name: '2号楼', households: 48, units: 4, floors: 6 },
  { code: 'HSL3', name: '3号楼', households: 72, units: 6, floors: 6 },
  { code: 'HSL4', name: '4号楼', households: 60, units: 5, floors: 6 },
] as const
export const OLD_ESTATE_BUILDING_CODES = OLD_ESTATE_BUILDINGS.map((b) => b.code)
/** 志愿代表负责的楼；其余由居委会代管。 */
const REPRESENTED = ['HSL1', 'HSL2']

/** 一年半：前六个月是刚开始用的时候。 */
const MONTHS = 18
const chinaTime = (date: string, hour: number) => Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS + hour * HOUR_MS

/** 没有物业、没有电梯：没有"电梯"与"物业服务"两类。 */
/** 老旧小区六层的楼：没有大堂、电梯与地下车库。 */
const OLD_ESTATE_AREAS: readonly PublicArea[] = ['楼道/楼梯间', '天台/屋面', '外墙/门窗', '单元门/门禁', '楼栋周边', '其他公共区域']

const CATEGORY_WEIGHTS: Partial<Record<CategoryId, number>> = {
  facilities: 34,
  sanitation: 20,
  parking: 12,
  other: 10,
  noise: 8,
  security: 6,
  fire: 6,
  greenery: 4,
}

const TEXTS: Partial<Record<CategoryId, string[]>> = {
  facilities: [
    '楼道声控灯坏了好几盏，晚上上下楼只能打手电',
    '楼道照明线路老化，灯一闪一闪的',
    '顶楼屋顶漏水，下雨天卧室墙面往下淌水',
    '屋面防水层起鼓开裂，顶层两户都渗水了',
    '楼道里的下水管漏水，楼梯上总是湿的',
    '厨房下水主管道堵了，一楼往上返水',
    '单元门的锁坏了，关不上',
    '楼梯扶手松动，老人扶着不安全',
    '雨水管断了，下雨时水直接冲到墙上',
  ],
  sanitation: [
    '垃圾桶满了两天没人清运，气味很大',
    '楼道里堆了旧家具和纸箱',
    '楼后面有人倒建筑垃圾',
    '化粪池井盖周围返味，夏天特别臭',
    '绿地里的落叶和垃圾很久没人扫',
  ],
  parking: ['小区里乱停车，消防通道被堵死了', '外来车辆停进来，居民回家没地方停', '有车长期停在单元门口不挪', '电动车、自行车把楼门口堵了'],
  other: ['一楼住户在楼前私搭了一间小房子', '楼顶有人违章加盖了阳光房', '有住户把公共绿地圈起来种菜、搭棚子', '楼道被个别住户用铁栅栏圈起来占用'],
  noise: ['楼上深夜还在剁东西、拖椅子，影响休息', '楼下早上五点就在院里放音乐锻炼', '出租屋住户深夜聚会吵闹', '邻居家狗一直叫'],
  security: ['单元门总是开着，陌生人随便进出', '小区没有监控，电动车被偷了', '晚上院里太黑，路灯坏了'],
  fire: ['有人从楼上拉电线给电动车充电', '楼道里堆着易燃杂物', '楼道灭火器过期很久了'],
  greenery: ['楼前的大树枝快碰到电线了', '绿化带杂草很高，蚊子多'],
}
const SUGGESTIONS: [CategoryId, string][] = [
  ['facilities', '建议把楼道灯统一换成声光控的 LED 灯，省电也耐用'],
  ['facilities', '建议议事会商量一下屋顶防水大修，各户按面积分摊'],
  ['sanitation', '建议垃圾清运改到早上七点前，白天少些气味'],
  ['parking', '建议在院子里划停车位，实行居民停车登记'],
  ['parking', '建议在 2号楼旁边建一个非机动车充电棚'],
  ['other', '建议成立社区公共基金，每年公开收支'],
  ['other', '建议在院里放几把长椅，方便老人歇脚'],
  ['greenery', '建议组织居民认领楼前的绿地'],
]

/** 各类的难办程度：拖着办不完、不予受理（不归居委会管，已转有关部门）、居民说没解决的比例。 */
const DIFFICULTY: Partial<Record<CategoryId, { stall: number; close: number; unsolved: number }>> = {
  parking: { stall: 0.3, close: 0.12, unsolved: 0.35 },
  other: { stall: 0.32, close: 0.1, unsolved: 0.3 },
  noise: { stall: 0.06, close: 0.05, unsolved: 0.45 },
  facilities: { stall: 0.06, close: 0.02, unsolved: 0.2 },
}
const EASY = { stall: 0.015, close: 0.01, unsolved: 0.1 }
const SUGGESTION_PACE = { stall: 0.12, close: 0.04, unsolved: 0.08 }

const NOTES = {
  accept: ['收到，明天上门看看', '已登记，会尽快联系处理', '收到，已记下'],
  start: ['已联系房管所维修队，约了上门时间', '已找社区志愿维修队的师傅看过', '已向街道反映，等待回复', '已与相关住户沟通'],
  stuck: ['已报城管执法队，等待处理', '需要议事会商量费用分摊，下次会上讨论', '已上报街道，列入老旧小区改造清单'],
  handle: ['已修好，请看看是否解决', '已处理，如仍有问题请告知', '已清运完毕', '已协调，双方同意整改'],
  close: ['经核实属于住户家中设施，请自行联系维修', '不属于居委会处理范围，已转交城管执法队'],
  stillBroken: ['还是漏', '好了两天又不行了', '没有变化，晚上还是吵'],
  praise: ['赵老师辛苦了', '志愿者师傅很热心', '', '', '希望能再快一点'],
}
const ASSIGNEES = [
  { party: 'contractor', name: '街道房管所维修队' },
  { party: 'other', name: '社区志愿维修队' },
  { party: 'other', name: '环卫所' },
  { party: 'committee', name: '社区居委会' },
] as const

// —— 台账的内容 ——
const COUNCIL_TOPICS: [string, string][] = [
  ['楼道照明改造与公共电费分摊', '四栋楼统一换声光控 LED 灯，电费按户分摊并每季度公示'],
  ['屋顶防水维修资金怎么筹', '申请老旧小区改造资金，不足部分从社区基金垫付，顶层住户牵头验收'],
  ['垃圾清运时间与桶站位置', '清运改到早 7 点前，3号楼桶站挪到围墙边'],
  ['院内停车秩序与划线方案', '先做居民车辆登记，再征求意见划线，外来车辆劝离'],
  ['违章搭建整治', '先劝当事住户自行拆除，逾期报城管执法队'],
  ['非机动车充电棚选址', '建在 2号楼西侧空地，费用申请街道补贴'],
  ['楼道堆物清理公约', '每月第一个周六集中清理，公约张贴在各单元门口'],
  ['社区基金收支公开', '每季度在公告栏和小程序公开一次收支明细'],
  ['加装电梯意向摸底', '各单元分别摸底，同意户数过三分之二的单元先做方案'],
  ['冬季管道防冻与楼道窗户修补', '入冬前由志愿维修队逐栋检查并修补破窗'],
]
const HAZARDS = [
  '楼道电线老化裸露',
  '屋面防水层破损',
  '消防通道堆放杂物',
  '楼道灭火器过期',
  '电动车在楼道充电',
  '化粪池盖板破损',
  '外墙空鼓',
  '雨水管断裂',
  '楼梯扶手松动',
  '单元门锁损坏',
  '院内路灯不亮',
]
const AREAS = ['楼道与楼梯间', '屋面与天台', '单元门与楼前', '院内道路与消防通道', '化粪池与排水管']
const COUNTERPARTS: [string, string, string][] = [
  ['街道办事处', '老旧小区改造项目申报', '已列入明年改造计划，先做屋面与管网'],
  ['房管所', '屋面防水维修', '房管所派人勘察，同意先修漏得最重的两处'],
  ['自来水公司', '楼内供水管锈蚀', '自来水公司安排分批更换立管'],
  ['供电所', '楼道线路老化', '供电所检查后更换了总闸与部分线路'],
  ['环卫所', '垃圾清运不及时', '清运改为每天一次，节假日不停'],
  ['城管执法队', '违章搭建与占道', '执法队上门下发限期整改通知'],
  ['派出所', '电动车被盗与院内治安', '派出所增加夜间巡逻并协助安装监控'],
]
const MEDIATIONS: [string, 'success' | 'ongoing' | 'failed'][] = [
  ['3楼住户与4楼住户（漏水）', 'success'],
  ['两户邻居（楼道堆物）', 'success'],
  ['住户与出租屋租客（噪音）', 'success'],
  ['一楼住户与楼上住户（违章搭建挡光）', 'failed'],
  ['两户邻居（院内停车位）', 'failed'],
  ['顶层住户与楼下住户（防水费用分摊）', 'success'],
]
const ACTIVITIES: [string, number][] = [
  ['重阳节敬老饺子宴', 64],
  ['邻里节百家宴', 92],
  ['垃圾分类宣传', 48],
  ['消防安全演练', 55],
  ['夏日纳凉电影晚会', 70],
  ['社区义诊', 61],
]
const VOLUNTEER_WORK = ['楼道清扫', '夜间巡逻', '志愿维修', '为高龄老人代购送菜']

const COMMUNITY_NOTICES: [string, string][] = [
  ['居民议事会召开通知', '本月居民议事会定于 15 日晚 7 点在居委会活动室召开，欢迎各楼居民参加、提意见。'],
  ['议事会决定公示', '上次议事会的议题与决定已张贴在各单元门口，有不同意见请在一周内告诉楼栋代表。'],
  ['社区基金收支公示', '上季度社区基金收支明细已张贴在居委会公告栏，欢迎居民查阅、监督。'],
  ['楼道堆物集中清理', '本月第一个周六上午集中清理楼道堆物，请各户提前把自家物品搬回屋内。'],
  ['停水通知', '自来水公司更换立管，本周三 9:00–16:00 停水，请提前储水。'],
  ['夏季防汛提示', '汛期将至，请一楼住户注意门窗防水，雨后请报告屋顶与雨水管的漏点。'],
  ['冬季用电防火提示', '请勿从楼上拉线给电动车充电，取暖器远离被褥，外出时切断电源。'],
  ['志愿者招募', '社区志愿维修队与夜间巡逻队招募志愿者，报名请找楼栋代表或居委会。'],
]
const BUILDING_NOTICES: [string, string][] = [
  ['本楼楼道灯更换完毕', '本楼楼道灯已全部换成声光控灯，如发现不亮请在小程序里报事。'],
  ['本楼屋顶勘察告知', '房管所本周来本楼勘察屋顶防水，需要进入顶层住户家中查看，请配合。'],
  ['本楼单元门修理', '本楼单元门锁周四更换，期间请随手关门。'],
]

export async function seedOldEstate(call: SeedCall, random: () => number, nowMs: number, cast: OldEstateCast): Promise<OldEstateSummary> {
  const summary: OldEstateSummary = {
    communityId: '',
    reports: 0,
    byBuilding: {},
    follows: 0,
    notices: 0,
    reads: 0,
    workLog: {},
    hazards: 0,
    hazardsOpen: 0,
    surveys: 0,
    answers: 0,
  }
  let requests = 0
  const requestId = () => `seed-hsl-${String(++requests).padStart(6, '0')}`
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const weighted = (weights: Partial<Record<CategoryId, number>>): CategoryId => {
    const entries = Object.entries(weights) as [CategoryId, number][]
    let r = random() * entries.reduce((s, [, w]) => s + w, 0)
    for (const [k, w] of entries) if ((r -= w) < 0) return k
    return entries[entries.length - 1][0]
  }
  const yesterday = dateOf(new Date(nowMs - DAY_MS).toISOString())
  /** monthsAgo 个月前的某日（北京时间）；不晚于昨天。 */
  const dayOfMonth = (monthsAgo: number, day: number) => {
    const d = new Date(nowMs + CHINA_OFFSET_MS)
    const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsAgo, day)).toISOString().slice(0, 10)
    return date > yesterday ? yesterday : date
  }
  const startMs = chinaTime(dayOfMonth(MONTHS, 20), 9)
  const rep = cast.representative.openid
  const committee = cast.committee.openid
  const handlerOf = (code: string) => (REPRESENTED.includes(code) ? rep : committee)

  // —— 管理员建小区、四栋楼，邀请代表与居委会委员 ——
  const created = await call<{ community: { id: string } }>('admin', cast.admin, startMs, 'createCommunity', {
    requestId: COMMUNITY_REQUEST,
    name: OLD_ESTATE_NAME,
    hasPropertyCompany: false,
    oldEstate: true,
  })
  const communityId = created.community.id
  summary.communityId = communityId
  for (const [i, b] of OLD_ESTATE_BUILDINGS.entries()) {
    const view = await call<{ buildings: { code: string; name: string }[] }>('admin', cast.admin, startMs + (i + 1) * 60_000, 'saveBuilding', {
      communityId,
      name: b.name,
      households: b.households,
      units: b.units,
      floors: b.floors,
    })
    if (view.buildings.find((x) => x.name === b.name)?.code !== b.code) throw new Error(`演示数据：${b.name} 的楼栋码不是 ${b.code}`)
  }
  const joinAt = startMs + 2 * HOUR_MS
  const invited = async (payload: Record<string, unknown>) =>
    (await call<{ code: string }>('admin', cast.admin, joinAt, 'invite', { communityId, ...payload })).code
  for (const code of REPRESENTED) {
    await call('account', rep, joinAt + HOUR_MS, 'join', {
      code: await invited({ role: 'representative', buildingCode: code }),
      name: cast.representative.name,
    })
  }
  await call('account', committee, joinAt + HOUR_MS, 'join', {
    code: await invited({ role: 'committee', committeeBody: 'residents_committee' }),
    name: cast.committee.name,
  })

  // —— 报事：约每 9 户每月一件；刚开始用的前六个月六成 ——
  const firstMs = joinAt + DAY_MS
  for (const b of OLD_ESTATE_BUILDINGS) {
    const handler = handlerOf(b.code)
    const early = Math.round((b.households / 9) * (MONTHS - 12) * 0.6)
    const recent = Math.round((b.households / 9) * 12)
    const yearAgoMs = nowMs - 365 * DAY_MS
    const dayStart = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
    const times = [
      ...Array.from({ length: early }, () => firstMs + Math.floor(random() * (yearAgoMs - firstMs))),
      ...Array.from({ length: recent }, () => yearAgoMs + Math.floor(random() * 365 * DAY_MS)),
    ]
      .map((ms) => Math.min(nowMs - 60_000, dayStart(ms) + Math.floor((7 + random() * 14) * HOUR_MS)))
      .sort((x, y) => x - y)
    const openByCategory = new Map<CategoryId, { id: string; createdMs: number }[]>()
    for (const createdMs of times) {
      const suggestion = random() < 0.14
      const [category, text] = suggestion
        ? pick(SUGGESTIONS)
        : (() => {
            const c = weighted(CATEGORY_WEIGHTS)
            return [c, pick(TEXTS[c] ?? [])] as const
          })()
      const kind: ReportKind = suggestion
        ? 'suggestion'
        : category === 'other' || category === 'noise' || category === 'parking'
          ? random() < 0.7
            ? 'complaint'
            : 'repair'
          : random() < 0.15
            ? 'complaint'
            : 'repair'
      const floor = 1 + Math.floor(random() * b.floors)
      const location = seedLocation(
        category,
        OLD_ESTATE_AREAS,
        random() < 0.7
          ? { scope: 'public', area: pick(OLD_ESTATE_AREAS), detail: '' }
          : { scope: 'unit', unit: `${1 + Math.floor(random() * b.units)}单元`, floor, room: `${floor}0${1 + Math.floor(random() * 2)}` },
        pick,
      )
      const urgent = category === 'fire' ? random() < 0.6 : random() < 0.1
      const reporterId = `demo_neighbour_${b.code}_${Math.floor(random() * 50)}`
      const { report } = await call<{ report: { id: string } }>('reports', reporterId, createdMs, 'submit', {
        requestId: requestId(),
        buildingCode: b.code,
        kind,
        category,
        text,
        location,
        anonymous: random() < 0.2,
        urgency: urgent ? 'urgent' : 'normal',
        contactPhone: random() < 0.5 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : '',
        photos: [],
      })
      summary.reports++
      summary.byBuilding[b.code] = (summary.byBuilding[b.code] ?? 0) + 1
      const followerCount = location.scope === 'public' ? Math.floor(random() * random() * 6) : 0
      for (let f = 0; f < followerCount; f++) {
        const neighbour = `demo_neighbour_${b.code}_${50 + Math.floor(random() * 30)}`
        try {
          const { created } = await call<{ created: boolean }>(
            'reports',
            neighbour,
            Math.min(nowMs, createdMs + Math.floor(random() * 24 * HOUR_MS)),
            'follow',
            { reportId: report.id },
          )
          if (created) summary.follows++
        } catch {
          // 已关注过或已办结：跳过。
        }
      }
      const earlier = (openByCategory.get(category) ?? []).filter((r) => createdMs - r.createdMs < 10 * DAY_MS)
      const mergeInto = !suggestion && earlier.length > 0 && random() < 0.3 ? earlier[earlier.length - 1].id : null
      const stillOpen = await lifeOf(report.id, reporterId, createdMs, mergeInto, urgent, category, kind)
      const list = openByCategory.get(category) ?? []
      if (stillOpen) list.push({ id: report.id, createdMs })
      openByCategory.set(category, list.slice(-5))
    }

    /** 一条报事的一生；返回最后是否仍未办结。志愿者与居委会白天上班，响应比物业慢；去年（刚开始用）更慢、拖着的更多。 */
    async function lifeOf(
      reportId: string,
      reporter: string,
      createdMs: number,
      mergeInto: string | null,
      urgent: boolean,
      category: CategoryId,
      kind: ReportKind,
    ): Promise<boolean> {
      const ageDays = (nowMs - createdMs) / DAY_MS
      const firstYear = ageDays > 365
      // 建议多半要等议事会商量，拖着的稍多；说没解决的少。
      const hard = kind === 'suggestion' ? SUGGESTION_PACE : (DIFFICULTY[category] ?? EASY)
      let atMs = createdMs
      const step = (minH: number, maxH: number) => (atMs = Math.min(nowMs - 1000, atMs + Math.floor((minH + random() * (maxH - minH)) * HOUR_MS)))
      // 每一步都照着上一步之后的状态决定（与代表在详情页上看到的一样）。
      let status = 'pending'
      const act = async (action: string, extra: Record<string, unknown> = {}) =>
        (status = (
          await call<{ status: string }>('handling', handler, atMs, 'act', {
            reportId,
            requestId: requestId(),
            action,
            expectedStatus: status,
            note: '',
            ...extra,
          })
        ).status)
      // 报事人回答"解决了吗？"。
      const reply = async (reporter: string, payload: Record<string, unknown>) =>
        (status = (
          await call<{ status: string }>('reports', reporter, atMs, 'answer', { reportId, requestId: requestId(), expectedStatus: status, ...payload })
        ).status)
      // 志愿者不是天天看：最近几天的多半还没受理；偶尔有一件一直没人接（超时）。
      if ((ageDays < 5 && random() < 0.6) || random() < 0.012) return true
      if (mergeInto && ageDays >= 2) {
        step(2, 30)
        await act('merge', { mergeInto, note: '与之前的报事是同一个问题，合并跟进' })
        return false
      }
      const pace = (urgent ? 0.3 : 1) * (firstYear ? 1.6 : 1)
      if (ageDays >= 10 && random() < hard.close) {
        step(4, 60)
        await act('close', { note: pick(NOTES.close) })
        return false
      }
      step(0.5 * pace, 16 * pace)
      await act('accept', { note: pick(NOTES.accept) })
      if (ageDays < 3 || (ageDays < 10 && random() < 0.35)) return true
      step(1 * pace, 20 * pace)
      const stalls = random() < hard.stall + (firstYear ? 0.05 : 0)
      await act('start', { note: pick(stalls ? NOTES.stuck : NOTES.start), assignee: pick(ASSIGNEES) })
      // 拖着的：停车、违章搭建要等城管与议事会，一直在处理中（超时，队列里标红）。
      if (stalls || (ageDays < 6 && random() < 0.5)) return true
      step(3 * pace, (random() < 0.2 ? 160 : 44) * pace)
      await act('handle', { note: pick(NOTES.handle) })
      const answer = random()
      if (atMs > nowMs - 6 * HOUR_MS || answer < 0.22) return false
      step(4, 60)
      if (answer < 0.22 + hard.unsolved * (firstYear ? 1.2 : 1)) {
        await reply(reporter, { solved: false, reason: pick(NOTES.stillBroken) })
        // 说没解决的，有的重新处理后好了，有的一直没办法（仍在处理中）。
        if (atMs > nowMs - 3 * DAY_MS || random() < 0.45) return true
        step(24, 240)
        await act('handle', { note: '已重新处理，请再看看' })
        if (atMs > nowMs - 6 * HOUR_MS) return false
        step(4, 48)
      }
      const score = (base: number) => Math.max(1, Math.min(5, Math.round(base + random() * 1.6 - 0.6)))
      await reply(reporter, { solved: true, rating: { speed: score(3.3), attitude: score(4.6), effect: score(3.7) }, words: pick(NOTES.praise) })
      return false
    }
  }

  // —— 公告：居委会每月一到两条全小区的，代表给自己的楼发几条；老人多，知晓率不高 ——
  const readShare: Record<string, number> = { HSL1: 0.58, HSL2: 0.52, HSL3: 0.36, HSL4: 0.44 }
  const publish = async (author: string, target: Record<string, unknown>, codes: readonly string[], [title, body]: readonly string[], atMs: number) => {
    const notice = await call<{ id: string }>('notices', author, atMs, 'publish', {
      requestId: requestId(),
      communityId,
      target,
      title,
      body,
      images: [],
      pinned: false,
      expiresOn: null,
    })
    summary.notices++
    for (const code of codes) {
      const households = OLD_ESTATE_BUILDINGS.find((x) => x.code === code)?.households ?? 0
      const share = Math.max(0, Math.min(1, readShare[code] + (random() - 0.5) * 0.2))
      for (let i = 1, n = Math.round(households * share); i <= n; i++) {
        const readMs = Math.min(nowMs - 60_000, atMs + Math.floor(random() * random() * 10 * DAY_MS) + 60_000)
        await call('notices', `demo_res_${code.toLowerCase()}_${String(i).padStart(3, '0')}`, readMs, 'read', { noticeId: notice.id, buildingCode: code })
        summary.reads++
      }
    }
  }
  for (let monthsAgo = MONTHS - 1; monthsAgo >= 0; monthsAgo--) {
    const days = monthsAgo < 12 && monthsAgo % 2 === 0 ? [5, 17] : [5]
    for (const day of days) {
      await publish(committee, { scope: 'community' }, OLD_ESTATE_BUILDING_CODES, pick(COMMUNITY_NOTICES), chinaTime(dayOfMonth(monthsAgo, day), 10))
    }
    if (monthsAgo < 12 && monthsAgo % 3 === 0) {
      for (const code of REPRESENTED)
        await publish(rep, { scope: 'buildings', buildingCodes: [code] }, [code], pick(BUILDING_NOTICES), chinaTime(dayOfMonth(monthsAgo, 9), 19))
    }
  }

  // —— 工作台账 ——
  const log = async (author: string, buildingCode: string | null, date: string, details: Record<string, unknown>, note = '') => {
    const entry = await call<{ id: string; details: { hazards?: { id: string }[] } }>('worklog', author, chinaTime(date, 20), 'add', {
      requestId: requestId(),
      communityId,
      buildingCode,
      date,
      note,
      photos: [],
      reportIds: [],
      details,
    })
    const kind = String(details.kind)
    summary.workLog[kind] = (summary.workLog[kind] ?? 0) + 1
    return entry
  }
  for (let monthsAgo = MONTHS - 1; monthsAgo >= 0; monthsAgo--) {
    const firstYear = monthsAgo >= 12
    // 居民议事会：每月一次（刚开始用的半年里隔月一次），居委会牵头。
    if (!firstYear || monthsAgo % 2 === 0) {
      const [topics, decisions] = COUNCIL_TOPICS[(MONTHS - monthsAgo) % COUNCIL_TOPICS.length]
      await log(
        committee,
        null,
        dayOfMonth(monthsAgo, 15),
        { kind: 'meeting', type: 'council', attendees: 12 + Math.floor(random() * 18), topics, decisions },
        '居委会活动室，各楼居民代表参加',
      )
    }
    // 每季度一次与街道、房管所的联席会议。
    if (monthsAgo % 3 === 1) {
      await log(committee, null, dayOfMonth(monthsAgo, 22), {
        kind: 'meeting',
        type: 'joint',
        attendees: 6 + Math.floor(random() * 5),
        topics: '老旧小区改造进度与报事办理情况通报',
        decisions: '未办结的报事逐件明确责任单位与时限',
      })
    }
    for (const b of OLD_ESTATE_BUILDINGS) {
      const author = handlerOf(b.code)
      // 每月巡查一次（刚开始时隔月）；隐患整改要找人找钱，慢，一部分至今没改。
      if (!firstYear || monthsAgo % 2 === 1) {
        const date = dayOfMonth(monthsAgo, 6 + Math.floor(random() * 8))
        const hazards = Array.from({ length: Math.floor(random() * 3.2) }, () => ({ text: pick(HAZARDS) }))
        const entry = await log(author, b.code, date, { kind: 'inspection', area: pick(AREAS), hazards }, '与志愿者一同巡查')
        for (const h of entry.details.hazards ?? []) {
          summary.hazards++
          const fixMs = chinaTime(date, 15) + Math.floor((3 + random() * 45) * DAY_MS)
          if (fixMs >= nowMs || random() < 0.2) {
            summary.hazardsOpen++
            continue
          }
          await call('worklog', author, fixMs, 'fixHazard', { entryId: entry.id, hazardId: h.id, fixedOn: dateOf(new Date(fixMs).toISOString()) })
        }
      }
      // 志愿服务：代表的楼每月，居委会代管的楼隔月。
      if (REPRESENTED.includes(b.code) ? !firstYear || random() < 0.5 : monthsAgo % 2 === 0) {
        const volunteers = 3 + Math.floor(random() * 6)
        await log(
          author,
          b.code,
          dayOfMonth(monthsAgo, 24),
          { kind: 'volunteer', volunteers, hours: Math.round(volunteers * (1.5 + random() * 2) * 2) / 2 },
          pick(VOLUNTEER_WORK),
        )
      }
    }
    // 全小区的志愿巡逻队与志愿维修队。
    if (!firstYear || monthsAgo % 3 === 0) {
      const volunteers = 8 + Math.floor(random() * 10)
      await log(
        committee,
        null,
        dayOfMonth(monthsAgo, 27),
        { kind: 'volunteer', volunteers, hours: Math.round(volunteers * (2 + random() * 2) * 2) / 2 },
        pick(VOLUNTEER_WORK),
      )
    }
    // 调解：平均每月一起多；最近两个月的有的还在进行中。
    for (let k = 0, n = random() < 0.5 ? 1 : 2; k < n; k++) {
      const [parties, outcome] = pick(MEDIATIONS)
      await log(monthsAgo % 2 ? committee : rep, monthsAgo % 2 ? null : pick(REPRESENTED), dayOfMonth(monthsAgo, 10 + k * 7), {
        kind: 'mediation',
        parties,
        outcome: monthsAgo < 2 && random() < 0.6 ? 'ongoing' : outcome,
      })
    }
    // 沟通协调：找街道、房管所、各公用事业单位。
    for (let k = 0, n = firstYear ? 1 : 1 + Math.floor(random() * 2); k < n; k++) {
      const [counterpart, subject, outcome] = pick(COUNTERPARTS)
      await log(k === 0 ? committee : rep, k === 0 ? null : pick(REPRESENTED), dayOfMonth(monthsAgo, 12 + k * 5), {
        kind: 'coordination',
        counterpart,
        subject,
        outcome,
      })
    }
    if (monthsAgo % 3 === 0) {
      const [name, participants] = pick(ACTIVITIES)
      await log(committee, null, dayOfMonth(monthsAgo, 20), {
        kind: 'activity',
        name,
        participants: Math.round(participants * (firstYear ? 0.7 : 1) + random() * 15),
      })
    }
  }

  // —— 居民服务满意度：居委会自建的问卷（不用物业服务模板：这里没有物业），四十天前发起、十天前截止 ——
  // 已经结束：问卷的分数只在结束后放出（SECURITY.md），这样总结与看板里有它的结果。
  const openMs = nowMs - 40 * DAY_MS
  const closeMs = nowMs - 10 * DAY_MS
  const opensOn = dateOf(new Date(openMs).toISOString())
  const closesOn = dateOf(new Date(closeMs).toISOString())
  const rating = (title: string) => ({ type: 'rating', title, required: true, options: [] })
  const survey = await call<{ id: string }>('surveys', committee, openMs, 'create', {
    requestId: requestId(),
    communityId,
    target: { scope: 'community' },
    title: `${opensOn.slice(0, 4)} 年居民服务满意度调查`,
    template: null,
    questions: [
      rating('楼道与院内环境卫生'),
      rating('公共设施报修与维修'),
      rating('治安与消防安全'),
      rating('院内停车秩序'),
      rating('居委会与志愿者的服务'),
      rating('总体满意度'),
      { type: 'nps', title: '您有多大可能向亲友推荐住在本小区？', required: true, options: [] },
      {
        type: 'single',
        title: '您最希望明年优先解决哪件事？',
        required: false,
        options: ['屋顶防水', '楼道照明', '停车秩序', '垃圾清运', '违章搭建', '加装电梯'],
      },
      { type: 'text', title: '您对居委会和志愿者还有什么建议？', required: false, options: [] },
    ],
    opensOn,
    closesOn,
    minAnswers: 3,
  })
  summary.surveys++
  const BASE = [3.6, 3.3, 3.5, 2.6, 4.2, 3.6]
  const answerShare: Record<string, number> = { HSL1: 0.42, HSL2: 0.33, HSL3: 0.22, HSL4: 0.3 }
  const score = (base: number) => Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 2.2)))
  const PRIORITY_WEIGHTS = [0.3, 0.5, 0.75, 0.85, 0.95, 1]
  for (const b of OLD_ESTATE_BUILDINGS) {
    for (let i = 1, n = Math.round(b.households * answerShare[b.code]); i <= n; i++) {
      const values: Record<string, number | string> = {}
      BASE.forEach((base, k) => (values[`q${k + 1}`] = score(base + (b.code === 'HSL3' ? -0.3 : 0))))
      values.q7 = Math.max(0, Math.min(10, Math.round((values.q6 as number) * 2 + 0.5 + (random() - 0.5) * 3)))
      if (random() < 0.85) {
        const r = random()
        values.q8 = PRIORITY_WEIGHTS.findIndex((w) => r < w)
      }
      if (random() < 0.25)
        values.q9 = pick([
          '希望屋顶防水早点修',
          '赵老师和志愿者们辛苦了',
          '停车太乱，希望尽快划线',
          '楼道灯修得很及时',
          '希望多组织老年人活动',
          '违章搭建要一管到底',
        ])
      await call(
        'surveys',
        `demo_res_${b.code.toLowerCase()}_${String(i).padStart(3, '0')}`,
        openMs + Math.floor(random() * Math.max(1, closeMs - DAY_MS - openMs)),
        'answer',
        {
          surveyId: survey.id,
          buildingCode: b.code,
          requestId: requestId(),
          unit: random() < 0.6 ? String(1 + Math.floor(random() * b.units)) : '',
          room: '',
          values,
        },
      )
      summary.answers++
    }
  }
  return summary
}
