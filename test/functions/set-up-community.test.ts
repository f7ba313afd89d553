/**
 * 管理员把一个真实的小区建起来（admin 与 account 函数）：建小区（创建者即管理员）、建楼栋、
 * 一次性邀请代表与业委会（过期、撤回、用过即失效）、受邀人接受绑定平台身份、移除立即生效。
 * 真 SQLite 文件；每一步的拒绝都是一句中文且什么都不存。
 */
import type { FunctionName } from '../../src/core/api'
import { INVITE_CODE_RE } from '../../src/core/directory'
import { aReport } from '../samples'
import { createFixture, type Reply } from './fixture'

// 生成邀请会画一张真二维码 PNG（pngjs 在 jest 里慢）。
jest.setTimeout(60_000)

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const CHINESE = /[\u4e00-\u9fa5]/
const call = (fn: 'admin' | 'account' | 'handling', openid: string, action: string, payload: unknown) => fx.call(fn, openid, action, payload) as Promise<Reply>

async function newCommunity(openid = 'founder_wu', requestId = 'create-0001') {
  const reply = await call('admin', openid, 'createCommunity', { requestId, name: '新城家园', hasPropertyCompany: false, oldEstate: true })
  expect(reply.code).toBe('OK')
  return reply.data.community.id as string
}
async function addBuilding(communityId: string, name: string, households = 36) {
  const reply = await call('admin', 'founder_wu', 'saveBuilding', { communityId, name, households, units: 2, floors: 6 })
  expect(reply.code).toBe('OK')
  return reply.data.buildings.find((b: { name: string }) => b.name === name).code as string
}
async function inviteRep(communityId: string, buildingCode: string) {
  const reply = await call('admin', 'founder_wu', 'invite', { communityId, role: 'representative', buildingCode })
  expect(reply.code).toBe('OK')
  return reply.data
}

describe('建小区与楼栋', () => {
  it('创建者成为管理员；同一请求重试只建一个；别人看不到、改不了这个小区', async () => {
    const id = await newCommunity()
    const again = await call('admin', 'founder_wu', 'createCommunity', {
      requestId: 'create-0001',
      name: '新城家园',
      hasPropertyCompany: false,
      oldEstate: true,
    })
    expect(again.data.community.id).toBe(id)
    expect(again.data.members).toEqual([expect.objectContaining({ role: 'admin', isYou: true })])
    expect(await fx.store.community(id)).toMatchObject({ name: '新城家园', hasPropertyCompany: false, oldEstate: true })

    const me = await call('account', 'founder_wu', 'me', {})
    expect(me.data.roles).toEqual([expect.objectContaining({ role: 'admin', communityId: id, communityName: '新城家园' })])
    for (const stranger of ['o_visitor', 'rep_li', 'committee_zhang']) {
      const refused = await call('admin', stranger, 'overview', { communityId: id })
      expect(refused).toMatchObject({ code: 'FORBIDDEN', data: null })
      expect(refused.message).toMatch(CHINESE)
      expect(await call('admin', stranger, 'saveBuilding', { communityId: id, name: '3号楼', households: 10, units: 1, floors: 6 })).toMatchObject({
        code: 'FORBIDDEN',
      })
    }
    expect(await fx.store.buildingsOfCommunity(id)).toEqual([])
  })

  it('每人最多建 3 个小区', async () => {
    for (const n of [1, 2, 3]) await newCommunity('founder_wu', `create-000${n}`)
    const fourth = await call('admin', 'founder_wu', 'createCommunity', {
      requestId: 'create-0004',
      name: '第四个',
      hasPropertyCompany: true,
      oldEstate: false,
    })
    expect(fourth).toMatchObject({ code: 'RATE_LIMITED', message: '每人最多创建 3 个小区' })
  })

  it('每人最多建 3 个小区：6 个请求编号同时建，恰好 3 个建成，其余 3 个答上限、什么都不存', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call('admin', 'founder_wu', 'createCommunity', { requestId: `create-par${i}`, name: `新城${i}`, hasPropertyCompany: false, oldEstate: true }),
      ),
    )
    expect(replies.filter((r) => r.code === 'OK')).toHaveLength(3)
    expect(replies.filter((r) => r.code === 'RATE_LIMITED').map((r) => r.message)).toEqual(Array(3).fill('每人最多创建 3 个小区'))
    expect((await fx.store.membershipsOf('founder_wu')).filter((m) => m.role === 'admin')).toHaveLength(3)
  })

  it('楼栋码由服务端生成、互不相同；同名同数的重试不建第二栋，同名不同数的答重名；可以改户数', async () => {
    const id = await newCommunity()
    const a = await addBuilding(id, '1幢')
    const b = await addBuilding(id, '2幢', 48)
    expect(a).toMatch(/^[A-HJKMNP-Z2-9]{6}$/)
    expect(a).not.toBe(b)
    await addBuilding(id, '1幢')
    expect(await fx.store.buildingsOfCommunity(id)).toHaveLength(2)
    expect(await call('admin', 'founder_wu', 'saveBuilding', { communityId: id, name: '1幢', households: 40, units: 2, floors: 6 })).toMatchObject({
      code: 'INVALID',
      message: '楼栋名称：小区里已有"1幢"',
    })
    const edited = await call('admin', 'founder_wu', 'saveBuilding', { communityId: id, buildingCode: a, name: '1幢', households: 40, units: 2, floors: 6 })
    expect(edited.data.buildings.find((x: { code: string }) => x.code === a)).toMatchObject({ households: 40 })
    // 别的小区的楼栋码不能拿来改。
    expect(
      await call('admin', 'founder_wu', 'saveBuilding', { communityId: id, buildingCode: 'CHY1', name: '冒充', households: 1, units: 1, floors: 1 }),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect((await fx.store.buildingByCode('CHY1'))?.name).toBe('1号楼')
  })

  it('管理员改超时时限，报事队列随之按新时限判断', async () => {
    const reply = await call('admin', 'founder_wu', 'createCommunity', {
      requestId: 'create-0001',
      name: '新城家园',
      hasPropertyCompany: true,
      oldEstate: false,
    })
    const id = reply.data.community.id
    const updated = await call('admin', 'founder_wu', 'updateCommunity', {
      communityId: id,
      name: '新城家园',
      hasPropertyCompany: true,
      oldEstate: false,
      overdueHours: { urgent: 12, normal: 48 },
    })
    expect(updated.data.community.overdueHours).toEqual({ urgent: 12, normal: 48 })
    expect((await fx.store.community(id))?.overdueHours).toEqual({ urgent: 12, normal: 48 })
  })
})

describe('邀请与接受', () => {
  it('邀请码 8 位、附二维码与转发文字；受邀人接受后成为那栋楼的代表，能处理它的报事', async () => {
    const id = await newCommunity()
    const code = await addBuilding(id, '1幢')
    const invite = await inviteRep(id, code)
    expect(invite.code).toMatch(INVITE_CODE_RE)
    expect(invite).toMatchObject({ role: 'representative', buildingName: '1幢', communityName: '新城家园', status: 'open', qr: { contentType: 'image/png' } })
    expect(Buffer.from(invite.qr.base64, 'base64').subarray(1, 4).toString()).toBe('PNG')
    expect(invite.shareText).toContain(invite.code)

    const info = await call('account', 'new_rep', 'inviteInfo', { code: invite.code.toLowerCase() })
    expect(info.data).toMatchObject({ status: 'open', buildingName: '1幢' })
    const joined = await call('account', 'new_rep', 'join', { code: invite.code, name: '王老师' })
    expect(joined.code).toBe('OK')
    expect(joined.data.roles).toEqual([expect.objectContaining({ role: 'representative', buildingCode: code, communityId: id })])
    expect(joined.data.managedBuildingCodes).toEqual([code])
    expect((await call('handling', 'new_rep', 'queue', { buildingCode: code })).code).toBe('OK')
    const overview = await call('admin', 'founder_wu', 'overview', { communityId: id })
    expect(overview.data.members).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '王老师', role: 'representative', buildingCode: code, isYou: false })]),
    )
    expect(overview.data.buildings[0].representatives).toEqual(['王老师'])
    // 代表的返回里没有任何 openid。
    expect(JSON.stringify(overview.data)).not.toMatch(/new_rep|founder_wu/)
  })

  it('用过的码别人不能再用；本人重试答成功、不多一条成员；两人同时接受只有一人成功', async () => {
    const id = await newCommunity()
    const code = await addBuilding(id, '1幢')
    const first = await inviteRep(id, code)
    expect((await call('account', 'new_rep', 'join', { code: first.code, name: '王老师' })).code).toBe('OK')
    expect((await call('account', 'new_rep', 'join', { code: first.code, name: '王老师' })).code).toBe('OK')
    expect(await call('account', 'other', 'join', { code: first.code, name: '赵' })).toMatchObject({
      code: 'CONFLICT',
      message: '这个邀请码已经用过了，请向管理员要一个新的',
    })
    expect((await fx.store.membersOf(id)).filter((m) => m.role === 'representative')).toHaveLength(1)

    const second = await inviteRep(id, code)
    const replies = await Promise.all(['p1', 'p2', 'p3'].map((who) => call('account', who, 'join', { code: second.code, name: '抢' })))
    expect(replies.filter((r) => r.code === 'OK')).toHaveLength(1)
    expect(replies.filter((r) => r.code === 'CONFLICT')).toHaveLength(2)
    expect((await fx.store.membersOf(id)).filter((m) => m.role === 'representative')).toHaveLength(2)
  })

  it('过期的、撤回的邀请不能用；业委会邀请带名义（居委会）', async () => {
    const id = await newCommunity()
    const code = await addBuilding(id, '1幢')
    const stale = await inviteRep(id, code)
    const revoked = await inviteRep(id, code)
    const revokedReply = await call('admin', 'founder_wu', 'revokeInvite', { communityId: id, code: revoked.code })
    // 撤回的不再列在管理页上；拿着码来的人看到"已撤回"。
    expect(revokedReply.data.invites.map((i: { code: string }) => i.code)).toEqual([stale.code])
    expect((await call('account', 'x', 'inviteInfo', { code: revoked.code })).data.status).toBe('revoked')
    expect(await call('account', 'x', 'join', { code: revoked.code, name: '某' })).toMatchObject({ code: 'INVALID', message: '这个邀请码已被管理员撤回' })
    fx.setNow('2026-11-22T02:00:01.000Z') // 48 小时零 1 秒之后
    expect((await call('account', 'x', 'inviteInfo', { code: stale.code })).data.status).toBe('expired')
    expect(await call('account', 'x', 'join', { code: stale.code, name: '某' })).toMatchObject({
      code: 'INVALID',
      message: '这个邀请码已过期，请向管理员要一个新的',
    })
    expect(await call('account', 'x', 'join', { code: 'ABCDEFGH', name: '某' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await call('account', 'x', 'join', { code: '12', name: '某' })).toMatchObject({ code: 'INVALID', message: '邀请码应为 8 位字母或数字，请核对' })

    const committee = await call('admin', 'founder_wu', 'invite', { communityId: id, role: 'committee', committeeBody: 'residents_committee' })
    const joined = await call('account', 'juwei_he', 'join', { code: committee.data.code, name: '何主任' })
    expect(joined.data.roles).toEqual([expect.objectContaining({ role: 'committee', body: 'residents_committee', buildingCode: null })])
    expect(joined.data.managedBuildingCodes).toEqual([code])
    expect((await fx.store.membersOf(id)).filter((m) => m.openid === 'x')).toEqual([])
  })

  it('移除立即生效：被移除的代表下一次调用就被拒绝；管理员不能移除自己', async () => {
    const id = await newCommunity()
    const code = await addBuilding(id, '1幢')
    await call('account', 'new_rep', 'join', { code: (await inviteRep(id, code)).code, name: '王老师' })
    const member = (await fx.store.membersOf(id)).find((m) => m.openid === 'new_rep')!
    const admin = (await fx.store.membersOf(id)).find((m) => m.role === 'admin')!
    expect(await call('admin', 'founder_wu', 'removeMember', { communityId: id, memberId: admin.id })).toMatchObject({
      code: 'INVALID',
      message: '管理员不能移除自己',
    })
    const removed = await call('admin', 'founder_wu', 'removeMember', { communityId: id, memberId: member.id })
    expect(removed.data.members.map((m: { id: string }) => m.id)).not.toContain(member.id)
    expect(await call('handling', 'new_rep', 'queue', { buildingCode: code })).toMatchObject({ code: 'FORBIDDEN' })
    expect((await call('account', 'new_rep', 'me', {})).data.roles).toEqual([])
    // 重试移除答当前成员表，不报错。
    expect((await call('admin', 'founder_wu', 'removeMember', { communityId: id, memberId: member.id })).code).toBe('OK')
  })
})

describe('邀请码的尝试次数', () => {
  const TOO_MANY = '尝试次数过多，请一小时后再试'
  /** 第 n 个不存在的码（合法格式）。 */
  const wrong = (n: number) => `WR${String.fromCharCode(65 + (n % 8))}${'ABCDEFGHJK'[Math.floor(n / 8) % 10]}2345`

  it('一人一小时最多试错 20 次：第 21 次起查码、接受都答"尝试次数过多"（真码也不答），下一个小时恢复', async () => {
    const id = await newCommunity()
    const real = await inviteRep(id, await addBuilding(id, '1幢'))
    for (let n = 0; n < 20; n++) {
      const reply =
        n % 2 ? await call('account', 'guesser', 'join', { code: wrong(n), name: '试' }) : await call('account', 'guesser', 'inviteInfo', { code: wrong(n) })
      expect(reply).toMatchObject({ code: 'NOT_FOUND' })
    }
    const blocked = await call('account', 'guesser', 'inviteInfo', { code: real.code })
    expect(blocked).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY, data: null })
    expect(await call('account', 'guesser', 'join', { code: real.code, name: '试' })).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
    expect(await fx.store.membershipsOf('guesser')).toEqual([])
    // 别人不受影响。
    expect((await call('account', 'someone_else', 'inviteInfo', { code: real.code })).code).toBe('OK')
    // 下一个小时（整点之后）又能试。
    fx.setNow('2026-11-20T03:00:00.000Z')
    expect((await call('account', 'guesser', 'join', { code: real.code, name: '试' })).code).toBe('OK')
  })

  it('用对的码不算试错：查看再接受、反复打开邀请页都不会被拦', async () => {
    const id = await newCommunity()
    const real = await inviteRep(id, await addBuilding(id, '1幢'))
    for (let n = 0; n < 30; n++) expect((await call('account', 'new_rep', 'inviteInfo', { code: real.code })).code).toBe('OK')
    for (let n = 0; n < 19; n++) expect((await call('account', 'new_rep', 'inviteInfo', { code: wrong(n) })).code).toBe('NOT_FOUND')
    expect((await call('account', 'new_rep', 'join', { code: real.code, name: '王老师' })).code).toBe('OK')
  })

  it('同时发 50 个错码：恰好 20 个得到答复，其余 30 个答"尝试次数过多"', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, n) => call('account', 'guesser', 'inviteInfo', { code: wrong(n) })))
    const codes = replies.map((r) => r.code)
    expect({ answered: codes.filter((c) => c === 'NOT_FOUND').length, limited: codes.filter((c) => c === 'RATE_LIMITED').length }).toEqual({
      answered: 20,
      limited: 30,
    })
  })
})

describe('楼栋码的试错（与邀请码合计）', () => {
  const TOO_MANY = '尝试次数过多，请一小时后再试'
  /** 第 n 个不存在的楼栋码（合法格式）。 */
  const wrongBuilding = (n: number) => `ZZ${'ABCDEFGHJK'[n % 10]}${'MNPQRSTUVW'[Math.floor(n / 10) % 10]}`
  const wrongInvite = (n: number) => `WR${String.fromCharCode(65 + (n % 8))}${'ABCDEFGHJK'[Math.floor(n / 8) % 10]}2345`
  const reply = (fn: FunctionName, openid: string, action: string, payload: unknown) => fx.call(fn, openid, action, payload) as Promise<Reply>
  /** 拿到楼栋码就能问的几个动作：答了就说明有这栋楼。 */
  const probes = (code: string): [FunctionName, string, unknown][] => [
    ['account', 'landing', { buildingCode: code }],
    ['account', 'building', { buildingCode: code }],
    ['notices', 'list', { buildingCode: code }],
    ['surveys', 'open', { buildingCode: code }],
    ['reports', 'similar', { buildingCode: code, category: 'elevator' }],
  ]

  it('一人一小时试错 20 个楼栋码之后，连真的楼栋码也不答（各个动作都一样），别人照常，下一个小时恢复', async () => {
    for (let n = 0; n < 20; n++) {
      const [fn, action, payload] = probes(wrongBuilding(n))[n % 5]
      expect(await reply(fn, 'prober', action, payload)).toMatchObject({ code: 'NOT_FOUND' })
    }
    for (const [fn, action, payload] of probes('CHY1')) {
      expect({ action: `${fn}.${action}`, reply: await reply(fn, 'prober', action, payload) }).toEqual({
        action: `${fn}.${action}`,
        reply: { code: 'RATE_LIMITED', message: TOO_MANY, data: null },
      })
    }
    expect(await reply('reports', 'prober', 'submit', aReport({ buildingCode: 'CHY1' }))).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
    expect(fx.rowCounts().reports).toBe(0)
    expect((await reply('account', 'neighbour', 'landing', { buildingCode: 'CHY1' })).code).toBe('OK')
    fx.setNow('2026-11-20T03:00:00.000Z')
    expect((await reply('account', 'prober', 'landing', { buildingCode: 'CHY1' })).code).toBe('OK')
  })

  it('真的楼栋码不算试错：反复打开落地页、报事、看公告都不会被拦；楼在、别的东西没找到（问卷 id 不对）也不算', async () => {
    for (let n = 0; n < 30; n++) expect((await reply('account', 'resident', 'landing', { buildingCode: 'CHY1' })).code).toBe('OK')
    for (let n = 0; n < 25; n++) {
      const form = await reply('surveys', 'resident', 'form', { buildingCode: 'CHY1', surveyId: `nosuchsurvey${n}` })
      expect(form.code).toBe('NOT_FOUND')
    }
    for (let n = 0; n < 19; n++) expect((await reply('account', 'resident', 'landing', { buildingCode: wrongBuilding(n) })).code).toBe('NOT_FOUND')
    expect((await reply('account', 'resident', 'landing', { buildingCode: 'CHY1' })).code).toBe('OK')
    expect((await reply('reports', 'resident', 'submit', aReport({ buildingCode: 'CHY1' }))).code).toBe('OK')
  })

  it('记住"还没有试错"的 60 秒里，次数在别处用满了：至多再答一次试错，之后连真码也不答', async () => {
    expect((await reply('account', 'prober', 'landing', { buildingCode: 'CHY1' })).code).toBe('OK')
    for (let n = 0; n < 20; n++) expect((await reply('account', 'prober', 'inviteInfo', { code: wrongInvite(n) })).code).toBe('NOT_FOUND')
    expect((await reply('account', 'prober', 'landing', { buildingCode: wrongBuilding(0) })).code).toBe('NOT_FOUND')
    expect(await reply('account', 'prober', 'landing', { buildingCode: wrongBuilding(1) })).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
    expect(await reply('account', 'prober', 'landing', { buildingCode: 'CHY1' })).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
  })

  it('楼栋码与邀请码的试错算在同一份次数里：各错 10 次之后，两种码都不答', async () => {
    for (let n = 0; n < 10; n++) {
      expect((await reply('account', 'prober', 'landing', { buildingCode: wrongBuilding(n) })).code).toBe('NOT_FOUND')
      expect((await reply('account', 'prober', 'inviteInfo', { code: wrongInvite(n) })).code).toBe('NOT_FOUND')
    }
    expect(await reply('account', 'prober', 'landing', { buildingCode: 'CHY2' })).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
    expect(await reply('account', 'prober', 'inviteInfo', { code: wrongInvite(11) })).toMatchObject({ code: 'RATE_LIMITED', message: TOO_MANY })
  })
})
