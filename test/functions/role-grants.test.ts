/**
 * 身份只在该给的地方给：建小区只让创建者成为他这一次请求新建的那个小区的管理员；
 * 小区 id 由服务端随机生成，与创建者和请求编号无关，别人没法"算"到一个已有的小区上；
 * 建小区的重试（含同时的两次）只建一个小区、只加一位管理员。
 * 每个动作对陌生人不加任何身份的全面检查在权限矩阵里（authorisation.test.ts 的每一格都核对成员关系的增减）。
 * 真 SQLite 文件。
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createFixture, type Reply } from './fixture'

let fx: ReturnType<typeof createFixture>
beforeEach(async () => {
  fx = createFixture()
  await fx.ready
})
afterEach(() => fx.cleanup())

const call = (fn: 'admin' | 'account', openid: string, action: string, payload: unknown) => fx.call(fn, openid, action, payload) as Promise<Reply>
const create = (openid: string, requestId: string, name = '新城家园') =>
  call('admin', openid, 'createCommunity', { requestId, name, hasPropertyCompany: false, oldEstate: true })

/**
 * 修复前的小区 id：创建者与请求编号的公开散列（两个 32 位 FNV-1a）。
 * 算法是公开的、可离线反复试：陌生人能找到一个请求编号，让自己的散列正好落在别人的小区 id 上。
 */
function legacyCommunityIdFor(openid: string, requestId: string): string {
  const fnv = (seed: number) => {
    let h = seed >>> 0
    for (const ch of `${openid}\u0000${requestId}`) {
      h ^= ch.codePointAt(0) ?? 0
      h = Math.imul(h, 16777619) >>> 0
    }
    return h.toString(36).padStart(7, '0')
  }
  return `c${fnv(2166136261)}${fnv(0x9747b28c)}`
}

const STRANGER = 'o_stranger_ma'

describe('建小区不会让人成为别人小区的管理员', () => {
  it('陌生人用一个散列落在已有小区上的请求编号建小区：不成为那个小区的管理员，那个小区一点不变', async () => {
    // 已有的小区：它的 id 正好是陌生人用请求编号 attack-0001 在旧算法下得到的那个（离线搜索的结果）。
    const victimId = legacyCommunityIdFor(STRANGER, 'attack-0001')
    await fx.store.saveCommunity({ id: victimId, name: '受害小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
    await fx.store.addMember({
      id: 'm_victim_admin',
      openid: 'founder_he',
      communityId: victimId,
      buildingId: null,
      role: 'admin',
      name: '何',
      body: null,
      since: '2026-01-01T00:00:00.000Z',
    })
    const before = await fx.store.membersOf(victimId)

    const reply = await create(STRANGER, 'attack-0001', '随便起的名字')
    // 修复后：建了一个新的小区（随机 id），陌生人只是这个新小区的管理员。
    expect(reply.code).toBe('OK')
    expect(reply.data.community.id).not.toBe(victimId)
    expect(await fx.store.membersOf(victimId)).toEqual(before)
    expect(await fx.store.community(victimId)).toMatchObject({ name: '受害小区' })
    const mine = await fx.store.membershipsOf(STRANGER)
    expect(mine.map((m) => [m.communityId, m.role])).toEqual([[reply.data.community.id, 'admin']])
    expect(await call('admin', STRANGER, 'overview', { communityId: victimId })).toMatchObject({ code: 'FORBIDDEN', data: null })
  })

  it('小区 id 与创建者、请求编号无关：两人用同一个请求编号各建各的，id 不是旧散列', async () => {
    const a = await create('founder_wu', 'create-0001')
    const b = await create('founder_he', 'create-0001')
    expect(a.data.community.id).not.toBe(b.data.community.id)
    expect(a.data.community.id).not.toBe(legacyCommunityIdFor('founder_wu', 'create-0001'))
    expect((await fx.store.membershipsOf('founder_wu')).map((m) => [m.communityId, m.role])).toEqual([[a.data.community.id, 'admin']])
    expect((await fx.store.membershipsOf('founder_he')).map((m) => [m.communityId, m.role])).toEqual([[b.data.community.id, 'admin']])
  })

  it('同一请求同时重试 5 次：只建一个小区、只有一位管理员，5 次都答同一个小区', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => create('founder_wu', 'create-0001')))
    expect(replies.map((r) => r.code)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK'])
    const ids = new Set(replies.map((r) => r.data.community.id))
    expect(ids.size).toBe(1)
    const communities = fx.store.db.prepare("SELECT id FROM communities WHERE name = '新城家园'").all()
    expect(communities).toHaveLength(1)
    expect(await fx.store.membersOf([...ids][0])).toEqual([expect.objectContaining({ openid: 'founder_wu', role: 'admin' })])
  })

  it('同一请求编号重试（名字改了也一样）：答第一次建的小区，不再建；每人 3 个的上限不因重试而误拦', async () => {
    const first = await create('founder_wu', 'create-0001')
    for (const n of [2, 3]) expect((await create('founder_wu', `create-000${n}`)).code).toBe('OK')
    const retry = await create('founder_wu', 'create-0001', '别的名字')
    expect(retry).toMatchObject({ code: 'OK' })
    expect(retry.data.community).toMatchObject({ id: first.data.community.id, name: '新城家园' })
    expect((await fx.store.membershipsOf('founder_wu')).length).toBe(3)
  })

  it('另一人拿别人的请求编号重试：建的是他自己的新小区，碰不到别人的', async () => {
    const first = await create('founder_wu', 'create-0001')
    const other = await create(STRANGER, 'create-0001')
    expect(other.data.community.id).not.toBe(first.data.community.id)
    expect(await fx.store.membersOf(first.data.community.id)).toEqual([expect.objectContaining({ openid: 'founder_wu' })])
  })
})

describe('给身份的代码路径只有两条', () => {
  const ROOT = path.resolve(__dirname, '../..')
  const sources = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name)
      return e.isDirectory() ? sources(rel) : /\.tsx?$/.test(e.name) ? [rel] : []
    })
  /** 存储适配器之外（它们实现这些方法），哪些文件调用了会写成员关系的存储方法。 */
  const callersOf = (method: string) =>
    [...sources('src'), ...sources('server')]
      .filter((f) => !f.startsWith(path.join('server', 'storage')))
      .filter((f) => readFileSync(path.join(ROOT, f), 'utf8').includes(`.${method}(`))

  it('用例只经 createCommunity（新建的小区，创建者为管理员）与 acceptInvite（邀请上写的身份）给身份；直接加成员只有本地演示数据的种子', () => {
    expect(callersOf('addMember')).toEqual([path.join('server', 'host', 'seed.ts')])
    expect(callersOf('acceptInvite')).toEqual([path.join('src', 'core', 'directory', 'actions.ts')])
    expect(callersOf('createCommunity').filter((f) => !f.startsWith(path.join('src', 'rep')) && !f.startsWith(path.join('src', 'services')))).toEqual([
      path.join('src', 'core', 'directory', 'actions.ts'),
    ])
  })
})
