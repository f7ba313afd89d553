/**
 * 一次调用之内的目录读取备忘：落地页的四个部分（楼栋、我的身份、公告条、问卷条）各自按楼栋码找楼、
 * 读小区、读我的身份，各读一遍就是几倍的数据库请求（云开发按请求计 QPS 与费用）。
 * 只活在一次调用里（每次调用新建一个）：移除成员等"下一次调用即生效"的规则不受影响。
 *
 * 同时发出的同一读取共用一个 Promise；失败的不记（之后的调用方重读）。按楼栋码找到的楼也记在按 id 的备忘里，
 * 按 id 读楼时先等正在进行的按码查找，答案已知就不再读。数组交出副本，各部分互不影响。
 * 写操作照常交给存储，并清空备忘（写之后的读看到写的结果）。
 */
import type { Building, Community, Member } from './model'
import type { DirectoryStore } from './ports'

export function rememberDirectoryReads(directory: DirectoryStore): DirectoryStore {
  const byCode = new Map<string, Promise<Building | null>>()
  const byId = new Map<string, Promise<Building | null>>()
  const ofCommunity = new Map<string, Promise<Building[]>>()
  const communities = new Map<string, Promise<Community | null>>()
  const memberships = new Map<string, Promise<Member[]>>()

  function remember<T>(memo: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const known = memo.get(key)
    if (known) return known
    const reading = read()
    memo.set(key, reading)
    reading.catch(() => {
      if (memo.get(key) === reading) memo.delete(key)
    })
    return reading
  }

  const forgetAll = () => {
    for (const memo of [byCode, byId, ofCommunity, communities, memberships]) memo.clear()
  }
  const thenForget = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write
    } finally {
      forgetAll()
    }
  }

  return {
    buildingByCode: (code) =>
      remember(byCode, code, async () => {
        const building = await directory.buildingByCode(code)
        if (building && !byId.has(building.id)) byId.set(building.id, Promise.resolve(building))
        return building
      }),
    async buildingById(id) {
      if (!byId.has(id) && byCode.size) await Promise.allSettled([...byCode.values()])
      return remember(byId, id, () => directory.buildingById(id))
    },
    buildingsOfCommunity: async (communityId) => [...(await remember(ofCommunity, communityId, () => directory.buildingsOfCommunity(communityId)))],
    community: (id) => remember(communities, id, () => directory.community(id)),
    membershipsOf: async (openid) => [...(await remember(memberships, openid, () => directory.membershipsOf(openid)))],
    representativesOf: (buildingId) => directory.representativesOf(buildingId),
    membersOf: (communityId) => directory.membersOf(communityId),
    communitiesCreatedBy: (openid) => directory.communitiesCreatedBy(openid),
    communityCreatedBy: (openid, requestId) => directory.communityCreatedBy(openid, requestId),
    // 写照常交给存储，之后清空备忘。这里只是转交，不是给身份的路径（test/functions/role-grants.test.ts 查的是调用方）。
    ...forwardingWrites(directory, thenForget),
  }
}

const WRITES = ['saveCommunity', 'saveBuilding', 'addMember', 'removeMember', 'createCommunity'] as const
type Write = (typeof WRITES)[number]

/** 目录的写照常交给存储，写完再做 after（记着读结果的装饰器用它清空记忆）。 */
export function forwardingWrites(directory: DirectoryStore, after: <T>(write: Promise<T>) => Promise<T>): Pick<DirectoryStore, Write> {
  const forward =
    (name: Write) =>
    (...args: unknown[]) =>
      after((directory[name] as (...a: unknown[]) => Promise<unknown>)(...args))
  return Object.fromEntries(WRITES.map((name) => [name, forward(name)])) as unknown as Pick<DirectoryStore, Write>
}
