/**
 * 演示数据：一个有物业的小区"春晖苑"，三栋楼，过去一年的真实感报事，走完报事的一生：
 * 提交（紧急程度、联系电话、部分带照片）、"我也遇到"、受理、派给物业或维修单位、标记已处理、
 * 居民回答"解决了吗？"并评价（或说没解决、重新处理）、不予受理、合并为重复、隐藏。
 * 每一步都调真实的云函数（同一份校验、用例与统计增量），时钟拨到那一刻，所以演示里的每个数字都能从记录重算。
 * 伪随机数固定种子：同一个"现在"种出同样的数据。
 * 随后种第二个小区"槐树里小区"（无物业的老旧小区，见 ./seedOldEstate.ts），它用自己的函数实例与伪随机数，春晖苑的数据不因它而变。
 */
import { PNG } from 'pngjs'
import { PUBLIC_AREAS, type CategoryId, type ReportKind } from '../../src/core/shared/catalog'
import type { FunctionName } from '../../src/core/api'
import { DEFAULT_OVERDUE_HOURS, type Building, type Community, type Role } from '../../src/core/directory'
import type { FileStorage, Platform } from '../../src/core/shared/ports'
import { createFunctions, storePorts, type AllStorePorts } from '../functions'
import { seedGovernance, type GovernanceSummary, type SeedCall } from './seedGovernance'
import { OLD_ESTATE_BUILDING_CODES, seedOldEstate, type OldEstateSummary } from './seedOldEstate'
import { seedLocation } from './seedLocations'
import { seedSurveys } from './seedSurveys'
import { countingCode } from '../functions/ids'
import { CHINA_OFFSET_MS, DAY_MS, HOUR_MS, monthOf, periodContaining } from '../../src/core/shared/time'
import type { FunctionHandler } from '../functions/router'

export const DEMO_COMMUNITY: Community = { id: 'c_chunhui', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS }

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
  /** 春晖苑里直接写入的成员关系对应的楼（代表）；槐树里的成员关系经邀请建立，这里为 null。 */
  buildingId: string | null
  /**
   * 这个身份属于哪个演示小区（居民与新访客不属于任何小区）。槐树里小区经管理函数建成，id 是服务端随机生成的
   * （种完在 SeedSummary.oldEstate.communityId 里），所以这里写小区而不写 id。
   */
  community: 'chunhui' | 'oldEstate' | null
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { key: 'resident', openid: 'demo_resident_wang', name: '王阿姨', role: 'resident', description: '1号楼 2单元 702 的住户', buildingId: null, community: null },
  { key: 'rep1', openid: 'demo_rep_li', name: '李建国', role: 'representative', description: '1号楼业主代表', buildingId: 'b_chy1', community: 'chunhui' },
  { key: 'rep2', openid: 'demo_rep_chen', name: '陈静', role: 'representative', description: '2号楼业主代表', buildingId: 'b_chy2', community: 'chunhui' },
  {
    key: 'committee',
    openid: 'demo_committee_zhang',
    name: '张伟',
    role: 'committee',
    description: '春晖苑业委会主任，可看全部楼栋',
    buildingId: null,
    community: 'chunhui',
  },
  {
    key: 'admin',
    openid: 'demo_admin_zhou',
    name: '周敏',
    role: 'admin',
    description: '春晖苑与槐树里小区的管理员：楼栋、成员与邀请、海报',
    buildingId: null,
    community: 'chunhui',
  },
  {
    key: 'rep3',
    openid: 'demo_rep_zhao',
    name: '赵德明',
    role: 'representative',
    description: '槐树里小区（无物业老旧小区）1、2号楼的志愿业主代表，退休教师',
    buildingId: null,
    community: 'oldEstate',
  },
  {
    key: 'committee2',
    openid: 'demo_committee_liu',
    name: '刘秀兰',
    role: 'committee',
    description: '槐树里社区居委会委员：牵头议事会，代管 3、4号楼，可看全部楼栋',
    buildingId: null,
    community: 'oldEstate',
  },
]

const TEXTS: Record<CategoryId, string[]> = {
  sanitation: [
    '楼道里堆了很多纸箱和旧家具，已经一个多星期没人清理',
    '垃圾桶满了溢出来，气味很大',
    '地下车库入口有积水和污泥，走路容易滑倒',
    '楼梯扶手很久没擦，全是灰',
  ],
  facilities: [
    '楼道声控灯不亮了，晚上上下楼看不清',
    '单元门禁刷卡没反应，老人进不了门',
    '屋顶漏水，顶楼住户墙面发霉',
    '信报箱的门坏了关不上',
    '楼道窗户玻璃裂了，刮风时很危险',
  ],
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

const HANDLING_NOTES = {
  accept: ['已收到，今天安排人员查看', '已受理，已联系物业', '收到，会尽快跟进'],
  start: ['维修师傅已上门查看', '已派单给物业工程部', '已联系维修单位，配件到后更换', '已与相关住户沟通'],
  handle: ['已处理完毕，请查看是否解决', '已修复，请确认', '已清理完毕', '已协调解决，如仍有问题请告知'],
  reasons: ['经核实属于住户自家室内设施，请联系有资质的维修单位', '经核实不属于物业与业委会处理范围，已告知报事人'],
  hide: ['内容含有他人个人信息', '内容与楼栋事务无关'],
  stillBroken: ['还是不亮', '修了两天又坏了', '问题依旧，没有变化'],
  praise: ['师傅很负责', '处理很及时，谢谢', '', '', '希望以后能更快一点'],
}

const ASSIGNEES = [
  { party: 'property', name: '春晖物业工程部' },
  { party: 'property', name: '' },
  { party: 'contractor', name: '通达电梯维保' },
  { party: 'committee', name: '' },
] as const

/** 演示照片：一张有斜纹的纯色小 PNG（真实可解码的图片，只为让页面上的缩略图有东西可看）。 */
export function demoPhoto(seed: number, width = 160, height = 120): Uint8Array {
  const hue = (seed * 47) % 360
  const channel = (shift: number) => Math.round(128 + 100 * Math.cos(((hue + shift) * Math.PI) / 180))
  const [r, g, b] = [channel(0), channel(-120), channel(120)]
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (width * y + x) * 4
      const shade = (x + y + seed) % 24 < 12 ? 1 : 0.8
      png.data[i] = Math.round(r * shade)
      png.data[i + 1] = Math.round(g * shade)
      png.data[i + 2] = Math.round(b * shade)
      png.data[i + 3] = 255
    }
  }
  // 固定用 Sub 滤波：pngjs 默认逐行试全部 5 种滤波，其中 Paeth 在 jest 的沙箱里每张要 ~200 ms（端到端测试的宿主种 150 多张，约 45 s）。
  return new Uint8Array(PNG.sync.write(png, { filterType: 1 }))
}

export interface SeedSummary {
  reports: number
  byBuilding: Record<string, number>
  follows: number
  photos: number
  governance: GovernanceSummary | null
  surveys: { surveys: number; answers: number } | null
  /** 第二个小区"槐树里小区"（无物业、老旧小区）种了什么。 */
  oldEstate: OldEstateSummary | null
}

export interface SeedOptions {
  now: string
  /** 演示照片存到这里（本地宿主的上传目录）；不给就不带照片（测试更快）。 */
  files?: FileStorage
  /** 是否也种一年的公告与工作台账（默认种）。 */
  governance?: boolean
  /** 是否也种第二个小区"槐树里小区"（无物业的老旧小区，默认种）。 */
  oldEstate?: boolean
}

export type SeedStore = AllStorePorts

/**
 * 演示数据用的函数调用：真实的云函数，时钟拨到每一步发生的时刻；平台：内容全部放行、不发消息，照片结论立即记为通过。
 * 每个演示小区一个（各自的 id 前缀与短码序列），一个小区的数据不因另一个小区多种或少种了什么而变。
 */
export function seedCaller(
  store: SeedStore,
  { now, files, idPrefix, codeStart = 0, presetCodes = [] }: { now: string; files?: FileStorage; idPrefix: string; codeStart?: number; presetCodes?: string[] },
): { call: SeedCall; photoTraces(count: number): string[] } {
  let clockMs = Date.parse(now)
  let serial = 0
  let codes = codeStart
  let traces = 0
  const preset = [...presetCodes]
  const noFiles: FileStorage = { upload: async () => '', temporaryUrls: async () => ({}), describe: async () => null }
  const platform: Platform = {
    content: { checkText: async () => ({ ok: true, needsReview: false }), submitImage: async () => ({ traceId: `${idPrefix}-trace-${++traces}` }) },
    notifier: { send: async () => 'sent' },
    qr: {
      buildingQr: async () => ({ contentType: 'image/png', data: new Uint8Array() }),
      inviteQr: async () => ({ contentType: 'image/png', data: new Uint8Array() }),
    },
    files: files ?? noFiles,
  }
  const fns = createFunctions({
    ...storePorts(store),
    clock: { now: () => new Date(clockMs).toISOString() },
    // 预先给定的短码（演示楼栋的好记楼栋码）先用，用完按序生成。
    ids: { newId: () => `${idPrefix}${String(++serial).padStart(5, '0')}`, newCode: (length) => preset.shift() ?? countingCode(++codes, length) },
    platform,
    logger: { error: (message, fields) => console.error(message, fields?.error ?? ''), warn: () => {}, info: () => {} },
  })
  const call: SeedCall = async <T>(name: FunctionName, openid: string, atMs: number, action: string, payload: Record<string, unknown>): Promise<T> => {
    clockMs = atMs
    const reply = await (fns[name] as FunctionHandler)({ action, payload }, { openid })
    if (reply.code !== 'OK') throw new Error(`演示数据 ${name}.${action} 失败：${reply.message}`)
    return reply.data as T
  }
  return { call, photoTraces: (count) => Array.from({ length: count }, (_, k) => `${idPrefix}-trace-${traces - count + 1 + k}`) }
}

export async function seedDemo(store: SeedStore, { now, files, governance = true, oldEstate = true }: SeedOptions): Promise<SeedSummary> {
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
    if (who.role === 'resident' || who.community !== 'chunhui') continue
    await store.addMember({
      id: `member_${who.key}`,
      openid: who.openid,
      communityId: DEMO_COMMUNITY.id,
      buildingId: who.buildingId,
      role: who.role,
      name: who.name,
      body: who.role === 'committee' ? 'owners_committee' : null,
      since: new Date(Date.parse(now) - 365 * DAY_MS).toISOString(),
    })
  }

  const { call, photoTraces } = seedCaller(store, { now, files, idPrefix: 'seed' })
  let requests = 0
  const requestId = () => `seed-req-${String(++requests).padStart(6, '0')}`

  const nowMs = Date.parse(now)
  const summary: SeedSummary = { reports: 0, byBuilding: {}, follows: 0, photos: 0, governance: null, surveys: null, oldEstate: null }
  for (const building of DEMO_BUILDINGS) {
    const handler = DEMO_IDENTITIES.find((i) => i.buildingId === building.id)?.openid ?? 'demo_committee_zhang'
    // 约每 6 户每月一件；老楼（≤6 层）没有电梯。
    const perMonth = building.households / 6
    const weights = { ...CATEGORY_WEIGHTS, elevator: building.floors > 6 ? CATEGORY_WEIGHTS.elevator : 0 }
    const count = Math.round(perMonth * 12)
    // 按时间先后提交，"重复"才有更早的同类报事可并。
    const times = Array.from({ length: count }, () => {
      const dayStart = Math.floor((nowMs - Math.floor(random() * 365 * DAY_MS) + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
      // 报事多发生在白天：北京时间 7:00–22:00。
      return Math.min(nowMs - 60_000, dayStart + Math.floor((7 + random() * 15) * HOUR_MS))
    }).sort((a, b) => a - b)
    const openByCategory = new Map<CategoryId, { id: string; createdMs: number }[]>()
    for (const [i, createdMs] of times.entries()) {
      const category = weighted(weights)
      const kind: ReportKind = category === 'other' || random() < 0.1 ? 'suggestion' : random() < 0.22 ? 'complaint' : 'repair'
      const isDemoResident = building.code === 'CHY1' && i % 30 === 0
      const floor = 1 + Math.floor(random() * building.floors)
      const areas = PUBLIC_AREAS.filter((a) => building.floors > 6 || a !== '电梯轿厢')
      const location = seedLocation(
        category,
        areas,
        isDemoResident && random() < 0.5
          ? { scope: 'unit', unit: '2单元', floor: 7, room: '702' }
          : random() < 0.75 || isDemoResident
            ? { scope: 'public', area: pick(areas), detail: '' }
            : { scope: 'unit', unit: `${1 + Math.floor(random() * building.units)}单元`, floor, room: `${floor}0${1 + Math.floor(random() * 2)}` },
        pick,
      )
      const urgent = category === 'elevator' || category === 'fire' ? random() < 0.6 : random() < 0.12
      const reporterId = isDemoResident ? 'demo_resident_wang' : `demo_neighbour_${building.code}_${Math.floor(random() * 60)}`
      const photos: string[] = []
      if (files && random() < 0.25) {
        for (let p = 0, n = 1 + Math.floor(random() * 3); p < n; p++) {
          photos.push(await files.upload(`reports/seed/${building.code}-${i}-${p}.png`, demoPhoto(i * 7 + p)))
          summary.photos++
        }
      }
      const { report } = await call<{ report: { id: string } }>('reports', reporterId, createdMs, 'submit', {
        requestId: requestId(),
        buildingCode: building.code,
        kind,
        category,
        text: pick(TEXTS[category]),
        location,
        anonymous: random() < 0.3,
        urgency: urgent ? 'urgent' : 'normal',
        contactPhone: random() < 0.4 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : '',
        photos,
      })
      for (const traceId of photoTraces(photos.length)) await store.setPhotoVerdict(traceId, 'pass')
      summary.reports++
      summary.byBuilding[building.code] = (summary.byBuilding[building.code] ?? 0) + 1

      // 邻居"我也遇到"：公共区域的问题更常有人跟。
      const followerCount = location.scope === 'public' ? Math.floor(random() * random() * 5) : 0
      for (let f = 0; f < followerCount; f++) {
        const neighbour = `demo_neighbour_${building.code}_${60 + Math.floor(random() * 40)}`
        const atMs = Math.min(nowMs, createdMs + Math.floor(random() * 12 * HOUR_MS))
        try {
          const { created } = await call<{ created: boolean }>('reports', neighbour, atMs, 'follow', { reportId: report.id })
          if (created) summary.follows++
        } catch {
          // 已关注过或已办结：演示里跳过即可。
        }
      }

      const earlier = (openByCategory.get(category) ?? []).filter((r) => createdMs - r.createdMs < 10 * DAY_MS)
      const merged = earlier.length > 0 && random() < 0.35 ? earlier[earlier.length - 1] : null
      const stillOpen = await lifeOf(report.id, createdMs, merged?.id ?? null, urgent)
      const list = openByCategory.get(category) ?? []
      if (stillOpen) list.push({ id: report.id, createdMs })
      openByCategory.set(category, list.slice(-5))
    }

    /** 一条报事的一生；返回它最后是否仍未办结。 */
    async function lifeOf(reportId: string, createdMs: number, mergeInto: string | null, urgent: boolean): Promise<boolean> {
      const ageDays = (nowMs - createdMs) / DAY_MS
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
      const r = random()
      if (ageDays < 1.5 && r < 0.55) return true
      if (mergeInto && ageDays >= 1.5) {
        step(1, 20)
        await act('merge', { mergeInto, note: '与之前的报事是同一个问题，已合并跟进' })
        return false
      }
      if (ageDays >= 14 && r < 0.03) {
        step(2, 30)
        await act('hide', { note: pick(HANDLING_NOTES.hide) })
        return false
      }
      if (ageDays >= 14 && r < 0.08) {
        step(2, 48)
        await act('close', { note: pick(HANDLING_NOTES.reasons) })
        return false
      }
      // 代表大多在时限内办完（一般 72 小时、紧急 24 小时），紧急的各步快得多；少数拖过时限。
      const pace = urgent ? 0.3 : 1
      step(0.3 * pace, 20 * pace)
      await act('accept', { note: pick(HANDLING_NOTES.accept) })
      // 最近一周的多半还在处理；更早的大多办完了，少数拖着（算超时，队列里标红）。
      if (ageDays < 2 || (ageDays < 7 && random() < 0.3) || random() < 0.01) return true
      step(1 * pace, 24 * pace)
      await act('start', { note: pick(HANDLING_NOTES.start), assignee: pick(ASSIGNEES) })
      if (ageDays < 4 && random() < 0.5) return true
      if (random() < 0.015) return true
      step(3 * pace, (random() < 0.15 ? 120 : 48) * pace)
      await act('handle', { note: pick(HANDLING_NOTES.handle) })
      // 居民回答：多数在一两天内说解决了，少数说没解决，另一些不回答（保持待确认）。
      const answer = random()
      if (atMs > nowMs - 6 * HOUR_MS || answer < 0.2) return false
      step(2, 40)
      const reporter = (await store.reportById(reportId))?.reporterId ?? ''
      if (answer < 0.3) {
        await reply(reporter, { solved: false, reason: pick(HANDLING_NOTES.stillBroken) })
        if (atMs > nowMs - 2 * DAY_MS) return true
        step(6, 72)
        await act('handle', { note: '已重新处理，请再看看' })
        if (atMs > nowMs - 6 * HOUR_MS) return false
        step(2, 30)
      }
      const base = building.code === 'CHY3' ? 3 : 4
      const score = () => Math.max(1, Math.min(5, base + Math.round(random() * 1.6 - 0.5)))
      await reply(reporter, {
        solved: true,
        rating: { speed: score(), attitude: Math.min(5, score() + 1), effect: score() },
        words: pick(HANDLING_NOTES.praise),
      })
      return false
    }
  }
  if (governance) {
    const repOf = (id: string) => DEMO_IDENTITIES.find((i) => i.role === 'representative' && i.buildingId === id)?.openid ?? null
    // 各楼读公告的习惯不同：老楼（3号楼）住户少、熟人多，知晓率高；1号楼最大、最低。
    const readShare: Record<string, number> = { CHY1: 0.42, CHY2: 0.63, CHY3: 0.81 }
    summary.governance = await seedGovernance(call, random, nowMs, {
      communityId: DEMO_COMMUNITY.id,
      committee: 'demo_committee_zhang',
      buildings: DEMO_BUILDINGS.map((b) => ({ code: b.code, households: b.households, representative: repOf(b.id), readShare: readShare[b.code] ?? 0.5 })),
    })
    summary.surveys = await seedSurveys(call, random, nowMs, {
      communityId: DEMO_COMMUNITY.id,
      committee: 'demo_committee_zhang',
      buildings: DEMO_BUILDINGS.map((b) => ({ code: b.code, households: b.households })),
    })
    // 一份存好的工作总结草稿（1号楼本年度，代表起草）：总结列表、版本与导出开箱就有东西看。只存草稿，不发公告、不改统计。
    const year = periodContaining(monthOf(now), 'year')
    await call('summary', 'demo_rep_li', nowMs - 60_000, 'save', {
      requestId: 'seed-summary-000001',
      summaryId: null,
      baseVersion: null,
      draft: { communityId: DEMO_COMMUNITY.id, buildingCode: 'CHY1', period: { kind: 'year', start: year.start, end: year.end }, kind: null },
      title: null,
      edits: [],
    })
  }
  if (oldEstate) {
    // 自己的函数实例（id 前缀、短码序列）与伪随机数：春晖苑的数据不因它而变。
    const second = seedCaller(store, { now, idPrefix: 'hsl', codeStart: 500_000, presetCodes: OLD_ESTATE_BUILDING_CODES })
    const who = (key: string) => {
      const i = DEMO_IDENTITIES.find((x) => x.key === key)
      if (!i) throw new Error(`演示身份 ${key} 不存在`)
      return { openid: i.openid, name: i.name }
    }
    summary.oldEstate = await seedOldEstate(second.call, prng(19850312), nowMs, {
      admin: who('admin').openid,
      representative: who('rep3'),
      committee: who('committee2'),
    })
  }
  return summary
}
