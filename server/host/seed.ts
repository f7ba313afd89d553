/**
 * 演示数据：一个有物业的小区"春晖苑"，三栋楼，过去一年的真实感报事。
 * 写入走与生产相同的路径（领域的统计增量 + 存储端口），所以演示里的每个数字都能从记录重算。
 * 伪随机数固定种子：同一个"现在"种出同样的数据。
 */
import { PUBLIC_AREAS, type CategoryId, type ReportKind } from '../../src/core/catalog'
import type { Building, Report, ReportLocation, Role, StatusChange } from '../../src/core/model'
import type { DirectoryStore, ReportStore } from '../../src/core/ports'
import { deltasForNewReport, deltasForStatusChange } from '../../src/core/sources/reports'
import { monthOf } from '../../src/core/time'
import type { ReportStatus } from '../../src/core/workflow'

export const DEMO_COMMUNITY = { id: 'c_chunhui', name: '春晖苑', hasPropertyCompany: true }

export const DEMO_BUILDINGS: Building[] = [
  { id: 'b_chy1', communityId: 'c_chunhui', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 },
  { id: 'b_chy2', communityId: 'c_chunhui', code: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 },
  { id: 'b_chy3', communityId: 'c_chunhui', code: 'CHY3', name: '3号楼', households: 24, units: 2, floors: 6 },
]

export interface DemoIdentity {
  key: string
  openid: string
  name: string
  role: Role
  description: string
  buildingId: string | null
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { key: 'resident', openid: 'demo_resident_wang', name: '王阿姨', role: 'resident', description: '1号楼 2单元 702 的住户', buildingId: null },
  { key: 'rep1', openid: 'demo_rep_li', name: '李建国', role: 'representative', description: '1号楼业主代表', buildingId: 'b_chy1' },
  { key: 'rep2', openid: 'demo_rep_chen', name: '陈静', role: 'representative', description: '2号楼业主代表', buildingId: 'b_chy2' },
  { key: 'committee', openid: 'demo_committee_zhang', name: '张伟', role: 'committee', description: '春晖苑业委会主任，可看全部楼栋', buildingId: null },
]

const TEXTS: Record<CategoryId, string[]> = {
  sanitation: ['楼道里堆了很多纸箱和旧家具，已经一个多星期没人清理', '垃圾桶满了溢出来，气味很大', '地下车库入口有积水和污泥，走路容易滑倒', '楼梯扶手很久没擦，全是灰'],
  facilities: ['楼道声控灯不亮了，晚上上下楼看不清', '单元门禁刷卡没反应，老人进不了门', '屋顶漏水，顶楼住户墙面发霉', '信报箱的门坏了关不上', '楼道窗户玻璃裂了，刮风时很危险'],
  elevator: ['电梯按钮失灵，按了几次都没反应', '电梯运行时有异响，停靠不平', '电梯困人了十几分钟才有人来', '电梯轿厢里的通风扇不转，夏天很闷'],
  fire: ['消防通道被电动车堵住了', '楼道灭火器过期了', '有人在楼道里给电动车充电，很危险', '消防栓箱门被锁住打不开'],
  security: ['单元门经常被人用东西顶着不关', '地下车库的监控好像坏了', '有陌生人在楼里挨家挨户发小广告', '晚上大门口没有保安值守'],
  greenery: ['楼前的树枝挡住了低层住户的窗户', '草坪很久没修剪，蚊虫很多', '绿化带里有人种菜，希望管一管'],
  parking: ['消防通道上长期停着一辆车', '地下车库车位被占，找不到车主', '非机动车乱停挡住了单元门', '外来车辆随意进出停在楼下'],
  noise: ['楼上晚上十一点以后还在装修，影响休息', '有住户在楼道里大声喧哗到深夜', '楼下商铺音响声音太大', '邻居家的狗整夜叫'],
  service: ['报修三天了物业还没有上门', '物业电话总是打不通', '希望物业公示一下公共收益的使用情况', '保洁阿姨一周才来一次，希望增加频次'],
  other: ['希望在大堂放几把椅子方便老人休息', '快递经常堆在大堂，希望设置快递柜', '建议在楼里张贴停水停电通知'],
}

const CATEGORY_WEIGHTS: Record<CategoryId, number> = {
  sanitation: 18,
  facilities: 25,
  elevator: 12,
  fire: 4,
  security: 6,
  greenery: 5,
  parking: 10,
  noise: 10,
  service: 7,
  other: 3,
}

/** mulberry32：足够均匀、可复现。 */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

export interface SeedSummary {
  reports: number
  byBuilding: Record<string, number>
}

export async function seedDemo(store: DirectoryStore & ReportStore, { now }: { now: string }): Promise<SeedSummary> {
  const random = prng(20261121)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const entries = Object.entries(weights) as [K, number][]
    let r = random() * entries.reduce((s, [, w]) => s + w, 0)
    for (const [k, w] of entries) if ((r -= w) < 0) return k
    return entries[entries.length - 1][0]
  }

  await store.saveCommunity(DEMO_COMMUNITY)
  for (const b of DEMO_BUILDINGS) await store.saveBuilding(b)
  for (const who of DEMO_IDENTITIES) {
    if (who.role === 'resident') continue
    await store.addMembership(who.openid, { communityId: DEMO_COMMUNITY.id, buildingId: who.buildingId, role: who.role })
  }

  const nowMs = Date.parse(now)
  const summary: SeedSummary = { reports: 0, byBuilding: {} }
  let serial = 0
  for (const building of DEMO_BUILDINGS) {
    const handler = DEMO_IDENTITIES.find((i) => i.buildingId === building.id)?.openid ?? 'demo_committee_zhang'
    // 约每 6 户每月一件；老楼（≤6 层）没有电梯。
    const perMonth = building.households / 6
    const weights = { ...CATEGORY_WEIGHTS, elevator: building.floors > 6 ? CATEGORY_WEIGHTS.elevator : 0 }
    const count = Math.round(perMonth * 12)
    for (let i = 0; i < count; i++) {
      // 报事多发生在白天：北京时间 7:00–22:00。
      const dayStart = Math.floor((nowMs - Math.floor(random() * 365 * DAY_MS) + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
      const createdMs = Math.min(nowMs - 60_000, dayStart + Math.floor((7 + random() * 15) * 3_600_000))
      const createdAt = new Date(createdMs).toISOString()
      const category = weighted(weights)
      const kind: ReportKind = category === 'other' || random() < 0.1 ? 'suggestion' : random() < 0.22 ? 'complaint' : 'repair'
      const isDemoResident = building.code === 'CHY1' && i % 30 === 0
      const floor = 1 + Math.floor(random() * building.floors)
      const location: ReportLocation =
        isDemoResident && random() < 0.5
          ? { scope: 'unit', unit: '2单元', floor: 7, room: '702' }
          : random() < 0.75 || isDemoResident
            ? { scope: 'public', area: pick(PUBLIC_AREAS.filter((a) => building.floors > 6 || a !== '电梯轿厢')), detail: '' }
            : {
                scope: 'unit',
                unit: `${1 + Math.floor(random() * building.units)}单元`,
                floor,
                room: `${floor}0${1 + Math.floor(random() * 2)}`,
              }
      const report: Report = {
        id: `seed${String(++serial).padStart(5, '0')}`,
        communityId: building.communityId,
        buildingId: building.id,
        kind,
        category,
        text: pick(TEXTS[category]),
        location,
        anonymous: random() < 0.3,
        photos: [],
        status: 'pending',
        reporterId: isDemoResident ? 'demo_resident_wang' : `demo_neighbour_${building.code}_${Math.floor(random() * 60)}`,
        requestId: `seed-${serial}`,
        createdAt,
        updatedAt: createdAt,
        month: monthOf(createdAt),
      }
      await store.insertReport(report, deltasForNewReport(report))
      await advance(store, report, handler, nowMs, random)
      summary.reports++
      summary.byBuilding[building.code] = (summary.byBuilding[building.code] ?? 0) + 1
    }
  }
  return summary
}

/** 按报事的"年龄"推进状态：越早的越可能已解决，最近几天的多半还在处理。 */
async function advance(store: ReportStore, report: Report, handler: string, nowMs: number, random: () => number) {
  const ageDays = (nowMs - Date.parse(report.createdAt)) / DAY_MS
  const r = random()
  let path: ReportStatus[]
  if (ageDays < 2) path = r < 0.6 ? [] : ['accepted']
  else if (ageDays < 14) path = r < 0.15 ? [] : r < 0.35 ? ['accepted', 'processing'] : r < 0.7 ? ['accepted', 'processing', 'awaiting_confirmation'] : ['accepted', 'processing', 'awaiting_confirmation', 'resolved']
  else if (r < 0.03) path = ['hidden']
  else if (r < 0.1) path = ['closed']
  else if (r < 0.16) path = ['accepted', 'processing']
  else if (r < 0.3) path = ['accepted', 'processing', 'awaiting_confirmation']
  else path = ['accepted', 'processing', 'awaiting_confirmation', 'resolved']

  let current: Report = report
  const history: StatusChange[] = []
  let atMs = Date.parse(report.createdAt)
  for (const to of path) {
    atMs = Math.min(nowMs, atMs + Math.floor((0.2 + random() * 3) * DAY_MS))
    const at = new Date(atMs).toISOString()
    const actorId = to === 'resolved' ? report.reporterId : handler
    const note = to === 'closed' ? '经核实不属于物业与业委会处理范围，已告知报事人' : to === 'hidden' ? '内容与楼栋事务无关' : ''
    const change = { reportId: report.id, from: current.status, to, note, actorId, at }
    await store.changeStatus(change, current.status, deltasForStatusChange(current, change, history))
    history.push(change)
    current = { ...current, status: to, updatedAt: at }
  }
}
