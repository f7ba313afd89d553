/**
 * 权限矩阵：每个函数的每个动作（按 FUNCTION_ACTIONS 枚举，新加的动作没有一行就失败）× 每种身份。
 * 一张表里写：为目标（居民 owner 报的 1 号楼 CHY1 的报事、楼栋码 CHY1）造一份合法载荷，以及每种身份的预期。
 * 每一格用一个新的夹具（真 SQLite 文件）：
 *   允许 → code 'OK'；写操作的存储确实变了、统计桶与重算相同；读操作什么都没变。
 *   拒绝 → 预期的错误码、一句中文，且存储里什么都没变（原始记录、统计桶、照片检测与成员关系的行数）。
 * 另查隐私：代表看到的（handling.*、stats.*）里没有居民的 openid；居民看到的（track、similar、follow）里没有代表的 openid。
 * 目标报事在住户家中、留了电话：每一格允许的答复里，电话只出现在 phoneSeenBy 列出的身份（本楼代表，表单上承诺的），
 * 房号只出现在 homeSeenBy 列出的身份（管这栋楼的人与报事人自己）；没列出就是谁都不该看到。
 */
import { FUNCTION_ACTIONS, type FunctionName } from '../../src/core/api'
import { aReport, createFixture, type Reply } from './fixture'

type Fixture = ReturnType<typeof createFixture>

// 楼栋二维码那几格要画一张真 PNG（pngjs 在 jest 里慢，机器忙时超过默认的 5 s）。
jest.setTimeout(30_000)

const ROLES = ['visitor', 'owner', 'otherResident', 'follower', 'repHere', 'repOther', 'committee', 'admin', 'removed'] as const
type Role = (typeof ROLES)[number]

/** 每种身份的 openid。removed 曾是 1 号楼的代表，已被移除（removeMember）。 */
const OPENID: Record<Role, string> = {
  visitor: 'o_visitor_sun', // 没有任何记录
  owner: 'o_owner_wang', // 报了目标报事
  otherResident: 'o_resident_zhao', // 在 2 号楼报过一条
  follower: 'o_follower_qian', // 关注了目标报事（"我也遇到"）
  repHere: 'rep_li', // 1 号楼（CHY1）的代表
  repOther: 'rep_chen', // 2 号楼（CHY2）的代表
  committee: 'committee_zhang', // 小区业委会
  admin: 'admin_zhou', // 小区管理员
  removed: 'o_removed_liu', // 曾是 1 号楼的代表，已被删掉
}
const RESIDENT_OPENIDS = [OPENID.owner, OPENID.otherResident, OPENID.follower]
const HANDLER_OPENIDS = [OPENID.repHere, OPENID.repOther, OPENID.committee, OPENID.admin, OPENID.removed]

type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID'

/** 一格要用到的：夹具与预先造好的报事。 */
interface World {
  fx: Fixture
  /** 目标：owner 报的 CHY1 报事；rep_li 已受理（时间线里有代表的动作），follower 已关注。 */
  target: string
  /** otherResident 报的 CHY2 报事（"别的楼"）。 */
  otherBuildingReport: string
  /** repHere 发给 CHY1 的公告。 */
  notice: string
  /** removed 还是 1 号楼代表时发给 CHY1 的公告（他已被移除：发布人的身份不再给他任何权利）。 */
  removedNotice: string
  /** repHere 记的 CHY1 巡查（一处未整改的隐患 h1）。 */
  entry: string
  /** repOther 还兼管 CHY1 时记的 CHY1 巡查（隐患 h1）；他现在只管 CHY2：记录人的身份不再给他改这条的权利。 */
  formerRepEntry: string
  /** repOther 还是业委会成员时记的整个小区的巡查（隐患 h1）；他现在只是 CHY2 的代表，不再代表整个小区。 */
  formerCommitteeEntry: string
  /** 管理员生成的、还没用过的 CHY2 代表邀请码。 */
  inviteCode: string
  /** repOther 的成员编号（移除用）。 */
  repOtherMemberId: string
  /** repHere 发给 CHY1 的满意度问卷，owner 与 follower 已答。 */
  survey: string
  /** repHere 存下的 CHY1 本月工作总结（第 1 版，草稿）。 */
  summary: string
  /** 变体准备时造的：repOther 从前的身份发起、那个身份随后被移除的问卷（见 surveyByFormerRole）。 */
  formerSurvey?: string
}

interface Case {
  /** 这个目标另要的准备（在行的 prepare 之后）。 */
  prepare?: (w: World) => Promise<void>
  payload: (w: World) => unknown
  expect: Record<Role, Outcome>
  /** 答复里带目标报事联系电话的身份（其余允许的身份都不带）；默认没有。 */
  phoneSeenBy?: readonly Role[]
  /** 答复里带目标报事房号（住户家中的位置）的身份；默认没有。 */
  homeSeenBy?: readonly Role[]
}

/** 目标报事的联系电话与位置（住户家中）。 */
const TARGET_PHONE = '13800001234'
const TARGET_HOME = { scope: 'unit', unit: '2单元', floor: 17, room: 'B1702' } as const
/** 管这栋楼（CHY1）的人。 */
const MANAGERS_HERE: readonly Role[] = ['repHere', 'committee', 'admin']

interface Row extends Case {
  /** 调用前把目标置于该动作需要的状态（所有身份相同，拒绝只可能是权限，不是状态）。 */
  /** 允许时存储应当变化（写操作）；默认不变。 */
  writes?: (role: Role) => boolean
  /** 允许时返回的数据里不能出现的 openid。 */
  mustNotLeak?: readonly string[]
  /** 同一动作的其他目标（本楼 / 别的楼 / 不指定楼）。 */
  variants?: Record<string, Case>
}

const everyone = (outcome: Outcome): Record<Role, Outcome> => Object.fromEntries(ROLES.map((r) => [r, outcome])) as Record<Role, Outcome>
/** 只有列出的身份允许，其余 FORBIDDEN。 */
const only = (...allowed: Role[]): Record<Role, Outcome> =>
  Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'allowed' : 'FORBIDDEN'])) as Record<Role, Outcome>

const requestId = () => `authz-${Math.random().toString(36).slice(2, 12)}`

/**
 * repOther 曾兼有一个身份（兼管 CHY1，或业委会成员）时发起一份问卷，随后那个身份被移除（他只剩 CHY2 的代表）：
 * 发起人的身份本身不再给他结束这份问卷的权利。
 */
async function surveyByFormerRole(w: World, former: 'rep' | 'committee') {
  const membership = { id: `m_chen_former_${former}`, openid: OPENID.repOther, communityId: 'c1', name: '陈', since: '2026-01-01T00:00:00.000Z' }
  await w.fx.store.addMember(
    former === 'rep'
      ? { ...membership, buildingId: 'b1', role: 'representative', body: null }
      : { ...membership, buildingId: null, role: 'committee', body: 'owners_committee' },
  )
  const created = (await w.fx.call('surveys', OPENID.repOther, 'create', {
    requestId: requestId(),
    communityId: 'c1',
    target: former === 'rep' ? { scope: 'buildings', buildingCodes: ['CHY1', 'CHY2'] } : { scope: 'community' },
    title: '楼道保洁满意度',
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: '2026-11-30',
    minAnswers: 3,
  })) as Reply
  if (created.code !== 'OK') throw new Error(`准备失败：从前的身份发问卷 ${created.message}`)
  await w.fx.store.removeMember(membership.id)
  w.formerSurvey = (created.data as { id: string }).id
}

/** 本楼代表隐藏目标报事（隐藏须写原因）。 */
async function hideTarget(w: World) {
  const expectedStatus = (await w.fx.store.reportById(w.target))?.status
  const reply = (await w.fx.call('handling', OPENID.repHere, 'act', {
    reportId: w.target,
    requestId: requestId(),
    action: 'hide',
    expectedStatus,
    note: '含有个人信息',
  })) as Reply
  if (reply.code !== 'OK') throw new Error(`准备失败：hide ${reply.message}`)
}

async function handlerAct(fx: Fixture, reportId: string, action: string) {
  const expectedStatus = (await fx.store.reportById(reportId))?.status
  const reply = (await fx.call('handling', OPENID.repHere, 'act', { reportId, requestId: requestId(), action, expectedStatus, note: '' })) as Reply
  if (reply.code !== 'OK') throw new Error(`准备失败：${action} ${reply.message}`)
}

const TABLE: Record<FunctionName, Record<string, Row>> = {
  reports: {
    // 访客也是居民：任何身份都能报事、看自己的列表、查同类。
    submit: {
      payload: () => aReport({ buildingCode: 'CHY1' }),
      expect: everyone('allowed'),
      writes: () => true,
    },
    listMine: {
      payload: () => ({}),
      expect: everyone('allowed'),
      homeSeenBy: ['owner'],
      variants: { withRoles: { payload: () => ({ withRoles: true }), expect: everyone('allowed'), homeSeenBy: ['owner'] } },
    },
    listFollowed: {
      payload: () => ({}),
      expect: everyone('allowed'),
      variants: { withRoles: { payload: () => ({ withRoles: true }), expect: everyone('allowed') } },
    },
    similar: {
      payload: () => ({ buildingCode: 'CHY1', category: 'elevator' }),
      expect: everyone('allowed'),
      // 同类列表给任何人看：不能带出代表的身份，也不能带出别人的报事人身份；别人家里的位置只说"住户家中"。
      mustNotLeak: [...HANDLER_OPENIDS, ...RESIDENT_OPENIDS],
      homeSeenBy: ['owner'],
    },
    follow: {
      payload: (w) => ({ reportId: w.target }),
      // 报事人关注自己的报事是校验答复（INVALID），不是权限；管这栋楼的人（本楼代表、业委会、管理员）不能关注：
      // 他们不是"也遇到"的居民，关注会抬高受影响居民的数字。其余任何身份都可以"我也遇到"——
      // 本楼未办结的报事对拿到楼栋码的人公开（similar），像 FixMyStreet 的公开报事；报事人身份与电话从不给出。
      expect: { ...everyone('allowed'), owner: 'INVALID', repHere: 'FORBIDDEN', committee: 'FORBIDDEN', admin: 'FORBIDDEN' },
      // 已在关注的再点一次：答 created:false，什么都不写。
      writes: (role) => role !== 'follower',
      mustNotLeak: HANDLER_OPENIDS,
      variants: {
        // 隐藏了的：已在关注的再点一次只拿到分类与"已隐藏"；别人不能再关注。
        'hidden target': {
          prepare: hideTarget,
          payload: (w) => ({ reportId: w.target }),
          expect: { ...everyone('INVALID'), follower: 'allowed', repHere: 'FORBIDDEN', committee: 'FORBIDDEN', admin: 'FORBIDDEN' },
        },
      },
    },
    // 居民详情只给报事人与关注者；代表、业委会、管理员走 handling.detail。
    track: {
      payload: (w) => ({ reportId: w.target }),
      expect: only('owner', 'follower'),
      mustNotLeak: HANDLER_OPENIDS,
      // 关注者看到状态与时间线，看不到房号与电话（报事人自己的详情也不回电话：那是留给代表的）。
      homeSeenBy: ['owner'],
      // 隐藏了的：关注者仍能打开，只看到分类与"已隐藏"（内容只给报事人，见 report-integrity.test.ts）。
      variants: {
        'hidden target': { prepare: hideTarget, payload: (w) => ({ reportId: w.target }), expect: only('owner', 'follower'), homeSeenBy: ['owner'] },
      },
    },
    answer: {
      prepare: (w) => handlerAct(w.fx, w.target, 'handle'),
      payload: (w) => ({
        reportId: w.target,
        requestId: requestId(),
        expectedStatus: 'awaiting_confirmation',
        solved: true,
        rating: { speed: 5, attitude: 4, effect: 5 },
        words: '',
      }),
      expect: only('owner'),
      writes: () => true,
      mustNotLeak: HANDLER_OPENIDS,
      homeSeenBy: ['owner'],
      variants: {
        // 评分在载荷里可以不带（管这栋楼的人不打分），但居民第一次确认仍要打分。
        'no rating': {
          payload: (w) => ({ reportId: w.target, requestId: requestId(), expectedStatus: 'awaiting_confirmation', solved: true, words: '' }),
          expect: { ...only('owner'), owner: 'INVALID' },
        },
      },
    },
  },
  handling: {
    queue: {
      payload: () => ({ buildingCode: 'CHY1' }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      homeSeenBy: MANAGERS_HERE,
      variants: {
        // 不指定楼：各看自己能管的（2 号楼的代表看 2 号楼）。
        'no buildingCode': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin'), homeSeenBy: MANAGERS_HERE },
        'buildingCode CHY2': { payload: () => ({ buildingCode: 'CHY2' }), expect: only('repOther', 'committee', 'admin') },
        // 带上待办数：范围与权限同队列本身。
        'withCounts CHY1': {
          payload: () => ({ buildingCode: 'CHY1', withCounts: true }),
          expect: only('repHere', 'committee', 'admin'),
          homeSeenBy: MANAGERS_HERE,
        },
        'withCounts, no buildingCode': {
          payload: () => ({ withCounts: true }),
          expect: only('repHere', 'repOther', 'committee', 'admin'),
          homeSeenBy: MANAGERS_HERE,
        },
      },
    },
    counts: {
      payload: () => ({ buildingCode: 'CHY1' }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        'no buildingCode': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') },
        'buildingCode CHY2': { payload: () => ({ buildingCode: 'CHY2' }), expect: only('repOther', 'committee', 'admin') },
      },
    },
    detail: {
      payload: (w) => ({ reportId: w.target }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      // 电话只给本楼代表（表单上"只给本楼代表看"）；业委会、管理员看得到位置，看不到电话。
      phoneSeenBy: ['repHere'],
      homeSeenBy: MANAGERS_HERE,
      variants: {
        'report of CHY2': { payload: (w) => ({ reportId: w.otherBuildingReport }), expect: only('repOther', 'committee', 'admin') },
      },
    },
    act: {
      // 目标已受理：'start' 对任何处理人都合法。
      payload: (w) => ({
        reportId: w.target,
        requestId: requestId(),
        action: 'start',
        expectedStatus: 'accepted',
        note: '',
        assignee: { party: 'property', name: '物业工程部' },
      }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: RESIDENT_OPENIDS,
      phoneSeenBy: ['repHere'],
      homeSeenBy: MANAGERS_HERE,
      variants: {
        'report of CHY2': {
          payload: (w) => ({ reportId: w.otherBuildingReport, requestId: requestId(), action: 'accept', expectedStatus: 'pending', note: '' }),
          expect: only('repOther', 'committee', 'admin'),
        },
      },
    },
  },
  stats: {
    building: {
      payload: () => ({ buildingCode: 'CHY1' }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        'buildingCode CHY2': { payload: () => ({ buildingCode: 'CHY2' }), expect: only('repOther', 'committee', 'admin') },
      },
    },
    // 导出给办公室的 Excel：代表只导出自己的楼，整个小区要业委会或管理员；文件里不带任何人的 openid（见 export-workbook 测试）。
    workbook: {
      payload: () => ({ communityId: 'c1', buildingCode: 'CHY1', period: SUMMARY_PERIOD }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
      variants: {
        'buildingCode CHY2': {
          payload: () => ({ communityId: 'c1', buildingCode: 'CHY2', period: SUMMARY_PERIOD }),
          expect: only('repOther', 'committee', 'admin'),
        },
        'whole community': { payload: () => ({ communityId: 'c1', buildingCode: null, period: SUMMARY_PERIOD }), expect: only('committee', 'admin') },
      },
    },
  },
  account: {
    me: { payload: () => ({}), expect: everyone('allowed') },
    // 落地页一次取齐（楼栋、我的身份、公告条、问卷条）：拿到楼栋码的任何人。
    landing: { payload: () => ({ buildingCode: 'CHY1' }), expect: everyone('allowed'), mustNotLeak: [...HANDLER_OPENIDS, ...RESIDENT_OPENIDS] },
    building: { payload: () => ({ buildingCode: 'CHY1' }), expect: everyone('allowed') },
    buildingQr: {
      payload: () => ({ buildingCode: 'CHY1' }),
      expect: only('repHere', 'committee', 'admin'),
      variants: {
        'buildingCode CHY2': { payload: () => ({ buildingCode: 'CHY2' }), expect: only('repOther', 'committee', 'admin') },
      },
    },
    // 邀请码本身就是凭据：拿到码的任何人都能看它是什么、接受它（接受后邀请即用掉）。
    inviteInfo: { payload: (w) => ({ code: w.inviteCode }), expect: everyone('allowed'), mustNotLeak: [OPENID.admin] },
    join: { payload: (w) => ({ code: w.inviteCode, name: '新代表' }), expect: everyone('allowed'), writes: () => true, mustNotLeak: [OPENID.admin] },
  },
  // 管理员的动作只给这个小区的管理员；业委会也不行（成员与邀请是管理员的事）。创建小区任何人都可以。
  admin: {
    createCommunity: {
      payload: () => ({ requestId: requestId(), name: '新城家园', hasPropertyCompany: false, oldEstate: true }),
      expect: everyone('allowed'),
      writes: () => true,
    },
    overview: { payload: () => ({ communityId: 'c1' }), expect: only('admin'), mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS] },
    updateCommunity: {
      payload: () => ({ communityId: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 12, normal: 48 } }),
      expect: only('admin'),
      writes: () => true,
    },
    saveBuilding: {
      payload: () => ({ communityId: 'c1', name: '3号楼', households: 60, units: 2, floors: 12 }),
      expect: only('admin'),
      writes: () => true,
      variants: {
        'edit CHY2': {
          payload: () => ({ communityId: 'c1', buildingCode: 'CHY2', name: '2号楼', households: 50, units: 2, floors: 11 }),
          expect: only('admin'),
        },
      },
    },
    invite: {
      payload: () => ({ communityId: 'c1', role: 'representative', buildingCode: 'CHY1' }),
      expect: only('admin'),
      writes: () => true,
      variants: { committee: { payload: () => ({ communityId: 'c1', role: 'committee', committeeBody: 'property' }), expect: only('admin') } },
    },
    revokeInvite: { payload: (w) => ({ communityId: 'c1', code: w.inviteCode }), expect: only('admin'), writes: () => true },
    removeMember: { payload: (w) => ({ communityId: 'c1', memberId: w.repOtherMemberId }), expect: only('admin'), writes: () => true },
  },
  notices: {
    // 居民一侧：拿到楼栋码的任何人（居民、代表本人也是居民）。发布人自己打开不算一次阅读。
    list: { payload: () => ({ buildingCode: 'CHY1' }), expect: everyone('allowed'), mustNotLeak: HANDLER_OPENIDS },
    read: {
      payload: (w) => ({ noticeId: w.notice, buildingCode: 'CHY1' }),
      expect: everyone('allowed'),
      writes: (role) => !['repHere', 'committee', 'admin'].includes(role),
      mustNotLeak: HANDLER_OPENIDS,
    }, // 管着这栋楼的人读了不算居民知晓
    subscribe: { payload: () => ({ buildingCode: 'CHY1' }), expect: everyone('allowed'), writes: () => true },
    publish: {
      payload: () => ({
        requestId: requestId(),
        communityId: 'c1',
        target: { scope: 'buildings', buildingCodes: ['CHY1'] },
        title: '停水通知',
        body: '11 月 25 日上午停水',
        images: [],
        pinned: false,
        expiresOn: null,
      }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        'buildings CHY2': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            target: { scope: 'buildings', buildingCodes: ['CHY2'] },
            title: '停水通知',
            body: '11 月 25 日上午停水',
            images: [],
            pinned: false,
            expiresOn: null,
          }),
          expect: only('repOther', 'committee', 'admin'),
        },
        'whole community': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            target: { scope: 'community' },
            title: '停水通知',
            body: '11 月 25 日上午停水',
            images: [],
            pinned: false,
            expiresOn: null,
          }),
          expect: only('committee', 'admin'),
        },
      },
    },
    withdraw: {
      payload: (w) => ({ noticeId: w.notice }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        // 被移除的代表以前发的公告：他不能再撤回、也看不到知晓率；本楼现任代表不是发布人，也不能撤。
        'notice by the removed member': { payload: (w) => ({ noticeId: w.removedNotice }), expect: only('committee', 'admin') },
      },
    },
    managed: {
      payload: () => ({ communityId: 'c1' }),
      expect: only('repHere', 'repOther', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      // 不带小区：按身份取（居民、访客、已被移除的没有可取的小区）。
      variants: { 'no communityId': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') } },
    },
  },
  worklog: {
    add: {
      payload: () => ({
        requestId: requestId(),
        communityId: 'c1',
        buildingCode: 'CHY1',
        date: '2026-11-19',
        note: '',
        photos: [],
        reportIds: [],
        details: { kind: 'activity', name: '楼道清扫', participants: 12 },
      }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      variants: {
        'building CHY2': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            buildingCode: 'CHY2',
            date: '2026-11-19',
            note: '',
            photos: [],
            reportIds: [],
            details: { kind: 'activity', name: '楼道清扫', participants: 12 },
          }),
          expect: only('repOther', 'committee', 'admin'),
        },
        'whole community': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            buildingCode: null,
            date: '2026-11-19',
            note: '',
            photos: [],
            reportIds: [],
            details: { kind: 'meeting', type: 'joint', attendees: 9, topics: '停车', decisions: '' },
          }),
          expect: only('committee', 'admin'),
        },
      },
    },
    edit: {
      payload: (w) => ({
        entryId: w.entry,
        buildingCode: 'CHY1',
        date: '2026-11-18',
        note: '补记',
        photos: [],
        reportIds: [],
        details: { kind: 'inspection', area: '大堂', hazards: [{ id: 'h1', text: '地面破损' }] },
      }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        // 记录人不再管那栋楼（只管 CHY2 了）：和别人一样不能改；现任的本楼代表不是记录人，也不能改。
        'entry by a former CHY1 rep': {
          payload: (w) => ({
            entryId: w.formerRepEntry,
            buildingCode: 'CHY1',
            date: '2026-11-18',
            note: '补记',
            photos: [],
            reportIds: [],
            details: { kind: 'inspection', area: '车库', hazards: [{ id: 'h1', text: '照明损坏' }] },
          }),
          expect: only('committee', 'admin'),
        },
        // 整个小区的台账每位成员都看得到：记录人不再代表整个小区，就不能再改。
        'community entry by a former committee member': {
          payload: (w) => ({
            entryId: w.formerCommitteeEntry,
            buildingCode: null,
            date: '2026-11-16',
            note: '补记',
            photos: [],
            reportIds: [],
            details: { kind: 'inspection', area: '小区大门', hazards: [{ id: 'h1', text: '道闸失灵' }] },
          }),
          expect: only('committee', 'admin'),
        },
      },
    },
    fixHazard: {
      payload: (w) => ({ entryId: w.entry, hazardId: 'h1', fixedOn: '2026-11-20' }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      variants: {
        'entry by a former CHY1 rep': {
          payload: (w) => ({ entryId: w.formerRepEntry, hazardId: 'h1', fixedOn: '2026-11-20' }),
          expect: only('committee', 'admin'),
        },
        'community entry by a former committee member': {
          payload: (w) => ({ entryId: w.formerCommitteeEntry, hazardId: 'h1', fixedOn: '2026-11-20' }),
          expect: only('committee', 'admin'),
        },
      },
    },
    remove: {
      payload: (w) => ({ entryId: w.entry }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      variants: {
        'entry by a former CHY1 rep': { payload: (w) => ({ entryId: w.formerRepEntry }), expect: only('committee', 'admin') },
        'community entry by a former committee member': { payload: (w) => ({ entryId: w.formerCommitteeEntry }), expect: only('committee', 'admin') },
      },
    },
    detail: { payload: (w) => ({ entryId: w.entry }), expect: only('repHere', 'committee', 'admin'), mustNotLeak: RESIDENT_OPENIDS },
    list: {
      payload: () => ({ communityId: 'c1' }),
      expect: only('repHere', 'repOther', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      variants: { 'no communityId': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') } },
    },
    // 表单一次取齐：带 entryId 时同 detail（看得到这条的人），不带时同 list（小区里的代表、业委会、管理员）。
    form: {
      payload: (w) => ({ entryId: w.entry }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        'entry with communityId': { payload: (w) => ({ communityId: 'c1', entryId: w.entry }), expect: only('repHere', 'committee', 'admin') },
        'new, community c1': { payload: () => ({ communityId: 'c1' }), expect: only('repHere', 'repOther', 'committee', 'admin') },
        'new, no communityId': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') },
      },
    },
  },
  surveys: {
    // 居民一侧：拿到楼栋码的任何人都是这栋楼的居民（代表、业委会本人也是居民，也能答）。
    open: { payload: () => ({ buildingCode: 'CHY1' }), expect: everyone('allowed'), mustNotLeak: HANDLER_OPENIDS },
    form: {
      payload: (w) => ({ surveyId: w.survey, buildingCode: 'CHY1' }),
      expect: everyone('allowed'),
      mustNotLeak: [...HANDLER_OPENIDS, OPENID.owner, OPENID.follower],
    },
    answer: {
      payload: (w) => ({ surveyId: w.survey, buildingCode: 'CHY1', requestId: requestId(), unit: '', room: '', values: SURVEY_VALUES }),
      expect: everyone('allowed'),
      writes: () => true,
    },
    create: {
      payload: () => ({
        requestId: requestId(),
        communityId: 'c1',
        target: { scope: 'buildings', buildingCodes: ['CHY1'] },
        title: '满意度调查',
        template: 'property_satisfaction',
        questions: [],
        opensOn: null,
        closesOn: '2026-11-30',
        minAnswers: 3,
      }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      variants: {
        'buildings CHY2': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            target: { scope: 'buildings', buildingCodes: ['CHY2'] },
            title: '满意度调查',
            template: 'property_satisfaction',
            questions: [],
            opensOn: null,
            closesOn: '2026-11-30',
            minAnswers: 3,
          }),
          expect: only('repOther', 'committee', 'admin'),
        },
        'whole community': {
          payload: () => ({
            requestId: requestId(),
            communityId: 'c1',
            target: { scope: 'community' },
            title: '满意度调查',
            template: 'property_satisfaction',
            questions: [],
            opensOn: null,
            closesOn: '2026-11-30',
            minAnswers: 3,
          }),
          expect: only('committee', 'admin'),
        },
      },
    },
    close: {
      payload: (w) => ({ surveyId: w.survey }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: RESIDENT_OPENIDS,
      variants: {
        // 发起时兼管 CHY1 与 CHY2，现在只管 CHY2：不能替 CHY1 提前结束（CHY1 的现任代表不是发起人，也不能）。
        'survey of CHY1 and CHY2 by a former CHY1 rep': {
          prepare: (w) => surveyByFormerRole(w, 'rep'),
          payload: (w) => ({ surveyId: w.formerSurvey }),
          expect: only('committee', 'admin'),
        },
        // 全小区的问卷：发起人不再是业委会成员，就和别的楼栋代表一样不能结束它。
        'community survey by a former committee member': {
          prepare: (w) => surveyByFormerRole(w, 'committee'),
          payload: (w) => ({ surveyId: w.formerSurvey }),
          expect: only('committee', 'admin'),
        },
      },
    },
    managed: {
      payload: () => ({ communityId: 'c1' }),
      expect: only('repHere', 'repOther', 'committee', 'admin'),
      mustNotLeak: RESIDENT_OPENIDS,
      variants: { 'no communityId': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') } },
    },
    // 结果只有合计：任何返回里都不能出现答卷人（owner、follower 在准备时答过）。
    results: { payload: (w) => ({ surveyId: w.survey }), expect: only('repHere', 'committee', 'admin'), mustNotLeak: RESIDENT_OPENIDS },
  },
  summary: {
    // 起草：代表只起草自己的楼；整个小区要业委会或管理员。任何返回里都没有任何人的 openid。
    draft: {
      payload: () => ({ communityId: 'c1', buildingCode: 'CHY1', period: SUMMARY_PERIOD, kind: null }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
      variants: {
        'building CHY2': {
          payload: () => ({ communityId: 'c1', buildingCode: 'CHY2', period: SUMMARY_PERIOD, kind: null }),
          expect: only('repOther', 'committee', 'admin'),
        },
        'whole community': {
          payload: () => ({ communityId: 'c1', buildingCode: null, period: SUMMARY_PERIOD, kind: null }),
          expect: only('committee', 'admin'),
        },
      },
    },
    trace: {
      payload: (w) => ({ summaryId: w.summary, version: null, draft: null, figureId: 'received', cursor: null }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
      variants: {
        'draft of CHY2': {
          payload: () => ({
            summaryId: null,
            version: null,
            draft: { communityId: 'c1', buildingCode: 'CHY2', period: SUMMARY_PERIOD, kind: null },
            figureId: 'received',
            cursor: null,
          }),
          expect: only('repOther', 'committee', 'admin'),
        },
      },
    },
    save: {
      payload: (w) => ({ requestId: requestId(), summaryId: w.summary, baseVersion: 1, draft: null, title: '1号楼十一月工作总结', edits: [] }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
      variants: {
        'new summary of CHY2': {
          payload: () => ({
            requestId: requestId(),
            summaryId: null,
            baseVersion: null,
            draft: { communityId: 'c1', buildingCode: 'CHY2', period: SUMMARY_PERIOD, kind: null },
            title: null,
            edits: [],
          }),
          expect: only('repOther', 'committee', 'admin'),
        },
        // 引用居民原话（已去掉个人信息）与改段落同样：起草人、业委会与管理员。
        'quote the resident in case 1': {
          payload: (w) => ({
            requestId: requestId(),
            summaryId: w.summary,
            baseVersion: 1,
            draft: null,
            title: null,
            edits: [],
            quotes: [{ paragraphId: 'case1', quoted: true }],
          }),
          expect: only('repHere', 'committee', 'admin'),
        },
      },
    },
    restore: {
      payload: (w) => ({ requestId: requestId(), summaryId: w.summary, version: 1 }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
    },
    detail: {
      payload: (w) => ({ summaryId: w.summary, version: null }),
      expect: only('repHere', 'committee', 'admin'),
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
    },
    list: {
      payload: () => ({ communityId: 'c1' }),
      expect: only('repHere', 'repOther', 'committee', 'admin'),
      mustNotLeak: [...RESIDENT_OPENIDS, ...HANDLER_OPENIDS],
      variants: { 'no communityId': { payload: () => ({}), expect: only('repHere', 'repOther', 'committee', 'admin') } },
    },
    publish: {
      payload: (w) => ({ requestId: requestId(), summaryId: w.summary, closesOn: '2026-11-30' }),
      expect: only('repHere', 'committee', 'admin'),
      writes: () => true,
    },
    // 居民一侧：拿到总结范围里的楼栋码的任何人都能提意见（代表本人也是居民）；别的楼的不行。
    comment: {
      prepare: async (w) => {
        const reply = (await w.fx.call('summary', OPENID.repHere, 'publish', { requestId: requestId(), summaryId: w.summary, closesOn: '2026-11-30' })) as Reply
        if (reply.code !== 'OK') throw new Error(`准备失败：征求意见 ${reply.message}`)
      },
      payload: (w) => ({ requestId: requestId(), summaryId: w.summary, buildingCode: 'CHY1', text: '建议多巡查地下车库' }),
      expect: everyone('allowed'),
      writes: () => true,
      mustNotLeak: HANDLER_OPENIDS,
      variants: {
        'building CHY2': {
          payload: (w) => ({ requestId: requestId(), summaryId: w.summary, buildingCode: 'CHY2', text: '建议多巡查地下车库' }),
          expect: everyone('FORBIDDEN'),
        },
      },
    },
    finalize: { payload: (w) => ({ requestId: requestId(), summaryId: w.summary }), expect: only('repHere', 'committee', 'admin'), writes: () => true },
    export: { payload: (w) => ({ summaryId: w.summary, version: null, format: 'text' }), expect: only('repHere', 'committee', 'admin') },
  },
}

const SUMMARY_PERIOD = { kind: 'month', start: '2026-11', end: '2026-11' }

/** 满意度模板的一份答卷：七个维度 4 分，推荐意愿 9。 */
const SURVEY_VALUES = { q1: 4, q2: 4, q3: 4, q4: 4, q5: 4, q6: 4, q7: 4, q8: 9 }

/** 每一格的世界：小区、两栋楼、三位处理人（夹具自带）+ 管理员、已删掉的代表、目标报事、关注者、别的楼的报事。 */
async function buildWorld(): Promise<World> {
  const fx = createFixture()
  await fx.ready
  await fx.store.addMember({
    id: 'm_admin',
    openid: OPENID.admin,
    communityId: 'c1',
    buildingId: null,
    role: 'admin',
    name: '周',
    body: null,
    since: '2026-01-01T00:00:00.000Z',
  })
  await fx.store.addMember({
    id: 'm_removed',
    openid: OPENID.removed,
    communityId: 'c1',
    buildingId: 'b1',
    role: 'representative',
    name: '刘',
    body: null,
    since: '2026-01-01T00:00:00.000Z',
  })
  // 还是代表时发过一条公告，然后被移除（管理员移除成员走的同一个存储方法）。
  const removedNotice = (await fx.call('notices', OPENID.removed, 'publish', {
    requestId: requestId(),
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '楼道清理通知',
    body: '周六上午清理楼道杂物',
    images: [],
    pinned: false,
    expiresOn: null,
  })) as Reply
  if (removedNotice.code !== 'OK') throw new Error(`准备失败：被移除前发公告 ${removedNotice.message}`)
  await fx.store.removeMember('m_removed')
  // repOther 曾兼管 CHY1：那时记了一条 CHY1 的巡查，之后不再管 CHY1（只剩 CHY2 的身份）。
  await fx.store.addMember({
    id: 'm_chen_b1',
    openid: OPENID.repOther,
    communityId: 'c1',
    buildingId: 'b1',
    role: 'representative',
    name: '陈',
    body: null,
    since: '2026-01-01T00:00:00.000Z',
  })
  const formerRepEntry = (await fx.call('worklog', OPENID.repOther, 'add', {
    requestId: requestId(),
    communityId: 'c1',
    buildingCode: 'CHY1',
    date: '2026-11-17',
    note: '',
    photos: [],
    reportIds: [],
    details: { kind: 'inspection', area: '车库', hazards: [{ text: '照明损坏' }] },
  })) as Reply
  if (formerRepEntry.code !== 'OK') throw new Error(`准备失败：兼管时记台账 ${formerRepEntry.message}`)
  await fx.store.removeMember('m_chen_b1')
  // repOther 也曾是业委会成员：那时记了一条整个小区的巡查，之后业委会的身份被移除。
  await fx.store.addMember({
    id: 'm_chen_committee',
    openid: OPENID.repOther,
    communityId: 'c1',
    buildingId: null,
    role: 'committee',
    name: '陈',
    body: 'owners_committee',
    since: '2026-01-01T00:00:00.000Z',
  })
  const formerCommitteeEntry = (await fx.call('worklog', OPENID.repOther, 'add', {
    requestId: requestId(),
    communityId: 'c1',
    buildingCode: null,
    date: '2026-11-16',
    note: '',
    photos: [],
    reportIds: [],
    details: { kind: 'inspection', area: '小区大门', hazards: [{ text: '道闸失灵' }] },
  })) as Reply
  if (formerCommitteeEntry.code !== 'OK') throw new Error(`准备失败：业委会时记台账 ${formerCommitteeEntry.message}`)
  await fx.store.removeMember('m_chen_committee')
  const target = await fx.file(OPENID.owner, { buildingCode: 'CHY1', category: 'elevator', location: TARGET_HOME, contactPhone: TARGET_PHONE })
  const otherBuildingReport = await fx.file(OPENID.otherResident, { buildingCode: 'CHY2', category: 'sanitation', text: '楼道里堆满了纸箱没人清理' })
  const followed = (await fx.call('reports', OPENID.follower, 'follow', { reportId: target })) as Reply
  if (followed.code !== 'OK') throw new Error(`准备失败：关注 ${followed.message}`)
  await handlerAct(fx, target, 'accept')
  const prepared = async (fn: FunctionName, action: string, payload: unknown) => {
    const reply = (await fx.call(fn, OPENID.repHere, action, payload)) as Reply
    if (reply.code !== 'OK') throw new Error(`准备失败：${fn}.${action} ${reply.message}`)
    return reply.data
  }
  const notice = await prepared('notices', 'publish', {
    requestId: requestId(),
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '电梯保养通知',
    body: '本周四上午 1 号电梯保养',
    images: [],
    pinned: false,
    expiresOn: null,
  })
  const entry = await prepared('worklog', 'add', {
    requestId: requestId(),
    communityId: 'c1',
    buildingCode: 'CHY1',
    date: '2026-11-18',
    note: '',
    photos: [],
    reportIds: [],
    details: { kind: 'inspection', area: '大堂', hazards: [{ text: '地面破损' }] },
  })
  // 邀请直接存（admin.invite 会画二维码，每格都画太慢；那一格自己画）。
  const invite = { code: 'AUTHZCD2' }
  await fx.store.saveInvite({
    ...invite,
    communityId: 'c1',
    role: 'representative',
    buildingId: 'b2',
    body: null,
    createdBy: OPENID.admin,
    createdAt: '2026-11-20T00:00:00.000Z',
    expiresAt: '2026-11-22T00:00:00.000Z',
    acceptedBy: null,
    acceptedAt: null,
    revokedAt: null,
  })
  const repOther = (await fx.store.membersOf('c1')).find((m) => m.openid === OPENID.repOther)
  if (!repOther) throw new Error('准备失败：找不到 2 号楼代表的成员关系')
  const survey = await prepared('surveys', 'create', {
    requestId: requestId(),
    communityId: 'c1',
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '满意度调查',
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: '2026-11-30',
    minAnswers: 3,
  })
  for (const who of [OPENID.owner, OPENID.follower]) {
    const answered = (await fx.call('surveys', who, 'answer', {
      surveyId: survey.id,
      buildingCode: 'CHY1',
      requestId: requestId(),
      unit: '',
      room: '',
      values: SURVEY_VALUES,
    })) as Reply
    if (answered.code !== 'OK') throw new Error(`准备失败：答卷 ${answered.message}`)
  }
  const summary = await prepared('summary', 'save', {
    requestId: requestId(),
    summaryId: null,
    baseVersion: null,
    draft: { communityId: 'c1', buildingCode: 'CHY1', period: SUMMARY_PERIOD, kind: null },
    title: null,
    edits: [],
  })
  return {
    fx,
    target,
    otherBuildingReport,
    notice: notice.id,
    removedNotice: removedNotice.data.id,
    entry: entry.id,
    formerRepEntry: formerRepEntry.data.id,
    formerCommitteeEntry: formerCommitteeEntry.data.id,
    inviteCode: invite.code,
    repOtherMemberId: repOther.id,
    survey: survey.id,
    summary: summary.id,
  }
}

/** 存储里能被一次调用改动的一切。 */
async function snapshot(fx: Fixture) {
  const n = (table: string) => (fx.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  return JSON.stringify({
    raw: await fx.store.rawRecords(),
    buckets: await fx.store.allBuckets(),
    photoChecks: n('photo_checks'),
    members: fx.store.db.prepare('SELECT * FROM memberships ORDER BY id').all(),
    communities: fx.store.db.prepare('SELECT * FROM communities ORDER BY id').all(),
    buildings: fx.store.db.prepare('SELECT * FROM buildings ORDER BY id').all(),
    invites: fx.store.db.prepare('SELECT * FROM invites ORDER BY code').all(),
    noticeCredits: fx.store.db.prepare('SELECT * FROM notice_credits ORDER BY 1, 2').all(),
    summaries: fx.store.db.prepare('SELECT * FROM summaries ORDER BY id').all(),
    summaryVersions: fx.store.db.prepare('SELECT summary_id, version, request_id FROM summary_versions ORDER BY 1, 2').all(),
    summaryComments: fx.store.db.prepare('SELECT * FROM summary_comments ORDER BY id').all(),
  })
}

const CHINESE = /[\u4e00-\u9fa5]/

/** 成员关系的每一行（谁、哪个小区、哪栋楼、什么身份）。 */
type Grant = { openid: string; community_id: string; building_id: string; role: string }
const grantsOf = (fx: Fixture) => fx.store.db.prepare('SELECT openid, community_id, building_id, role FROM memberships').all() as Grant[]
const grantKey = (g: Grant) => [g.openid, g.community_id, g.building_id, g.role].join('|')

/**
 * 一次调用新加的身份只能是：建小区时，调用者成为他这次新建的小区的管理员（恰好一条）；
 * 接受邀请时，调用者得到邀请上写的身份（1 号楼之外的 CHY2 代表）。其余任何动作、任何身份都不加成员关系。
 */
function expectOnlyRightfulGrants(fn: FunctionName, action: string, role: Role, before: Grant[], after: Grant[], communitiesBefore: string[]) {
  const had = new Set(before.map(grantKey))
  const added = after.filter((g) => !had.has(grantKey(g)))
  const caller = OPENID[role]
  if (fn === 'admin' && action === 'createCommunity') {
    expect(added).toEqual([{ openid: caller, community_id: expect.any(String), building_id: '', role: 'admin' }])
    expect(communitiesBefore).not.toContain(added[0].community_id)
  } else if (fn === 'account' && action === 'join') {
    for (const g of added) expect(g).toEqual({ openid: caller, community_id: 'c1', building_id: 'b2', role: 'representative' })
  } else {
    expect(added).toEqual([])
  }
}

async function runCell(fn: FunctionName, action: string, row: Row, kase: Case, role: Role) {
  const w = await buildWorld()
  try {
    if (row.prepare) await row.prepare(w)
    if (kase !== row && kase.prepare) await kase.prepare(w)
    const before = await snapshot(w.fx)
    const grantsBefore = grantsOf(w.fx)
    const communitiesBefore = (w.fx.store.db.prepare('SELECT id FROM communities').all() as { id: string }[]).map((c) => c.id)
    const reply = (await w.fx.call(fn, OPENID[role], action, kase.payload(w))) as Reply
    const after = await snapshot(w.fx)
    expectOnlyRightfulGrants(fn, action, role, grantsBefore, grantsOf(w.fx), communitiesBefore)
    const expected = kase.expect[role]
    if (expected === 'allowed') {
      expect({ code: reply.code, message: reply.message }).toEqual({ code: 'OK', message: expect.any(String) })
      if (row.writes?.(role)) {
        expect(after).not.toEqual(before)
        await w.fx.expectTalliesMatchRecount()
      } else {
        expect(after).toEqual(before)
      }
      const data = JSON.stringify(reply.data)
      for (const openid of row.mustNotLeak ?? []) expect(data).not.toContain(openid)
      expect({ phone: data.includes(TARGET_PHONE), home: data.includes(TARGET_HOME.room) }).toEqual({
        phone: (kase.phoneSeenBy ?? []).includes(role),
        home: (kase.homeSeenBy ?? []).includes(role),
      })
    } else {
      expect(reply).toMatchObject({ code: expected, data: null })
      expect(reply.message).toMatch(CHINESE)
      expect(after).toEqual(before)
    }
  } finally {
    w.fx.cleanup()
  }
}

describe('权限矩阵的覆盖', () => {
  it('FUNCTION_ACTIONS 里的每个动作在表里都有一行，表里没有多余的行', () => {
    for (const fn of Object.keys(FUNCTION_ACTIONS) as FunctionName[]) {
      const listed: readonly string[] = FUNCTION_ACTIONS[fn]
      const rows = Object.keys(TABLE[fn] ?? {})
      const missing = listed.filter((a) => !rows.includes(a))
      const extra = rows.filter((a) => !listed.includes(a))
      if (missing.length) throw new Error(`权限矩阵缺少这些动作的行：${missing.map((a) => `${fn}.${a}`).join('、')}（在 TABLE 里写明每种身份的预期）`)
      if (extra.length) throw new Error(`权限矩阵里有 FUNCTION_ACTIONS 没有的动作：${extra.map((a) => `${fn}.${a}`).join('、')}`)
    }
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(FUNCTION_ACTIONS).sort())
  })

  it('已删掉成员关系的人与访客得到同样的答复（每一行、每个目标）', () => {
    for (const [fn, rows] of Object.entries(TABLE)) {
      for (const [action, row] of Object.entries(rows)) {
        for (const [label, kase] of [['CHY1', row] as const, ...Object.entries(row.variants ?? {})]) {
          expect({ cell: `${fn}.${action} [${label}]`, removed: kase.expect.removed }).toEqual({
            cell: `${fn}.${action} [${label}]`,
            removed: kase.expect.visitor,
          })
        }
      }
    }
  })
})

for (const fn of Object.keys(FUNCTION_ACTIONS) as FunctionName[]) {
  for (const action of FUNCTION_ACTIONS[fn] as readonly string[]) {
    const row = TABLE[fn]?.[action]
    describe(`${fn}.${action}`, () => {
      if (!row) {
        it('在权限矩阵里有一行', () => {
          throw new Error(`权限矩阵缺少 ${fn}.${action} 的行`)
        })
        return
      }
      const cases: [string, Case][] = [['target CHY1', row], ...Object.entries(row.variants ?? {})]
      for (const [label, kase] of cases) {
        describe(label, () => {
          it.each(ROLES.map((role) => [role, kase.expect[role]] as const))('%s → %s', (role) => runCell(fn, action, row, kase, role))
        })
      }
    })
  }
}
