/**
 * 部署后的函数实例之间不共享内存，但同一个实例会接着处理后面的调用（热启动）。楼栋与小区几乎不变，
 * 而每次打开落地页、每次读公告都要按楼栋码找楼、读小区：在实例里记 60 秒，高峰时每次打开少两三个数据库请求
 * （撞的是套餐的每秒请求数，见 README 的成本一节）。
 *
 * 只记楼栋与小区，而且只记找到了的（刚建的楼不会被记成"没有"）；成员关系从不记：移除成员要在下一次调用就生效。
 * 本实例里的写（改名、改时限）立即清掉记忆；别的实例最多 60 秒后看到。
 */
import { forwardingWrites, type Building, type Community, type DirectoryStore } from '../../src/core/directory'

export const DIRECTORY_CACHE_MS = 60_000

export function rememberStaticDirectory(
  directory: DirectoryStore,
  { ttlMs = DIRECTORY_CACHE_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {},
): DirectoryStore {
  const byCode = new Map<string, { at: number; building: Building }>()
  const byId = new Map<string, { at: number; building: Building }>()
  const communities = new Map<string, { at: number; community: Community }>()
  const fresh = (entry: { at: number } | undefined) => entry !== undefined && now() - entry.at < ttlMs
  const keep = (building: Building | null) => {
    if (!building) return building
    const entry = { at: now(), building }
    byCode.set(building.code.toUpperCase(), entry)
    byId.set(building.id, entry)
    return building
  }
  const forget = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write
    } finally {
      byCode.clear()
      byId.clear()
      communities.clear()
    }
  }

  return {
    ...directory,
    async buildingByCode(code) {
      const entry = byCode.get(code.toUpperCase())
      return fresh(entry) ? entry!.building : keep(await directory.buildingByCode(code))
    },
    async buildingById(id) {
      const entry = byId.get(id)
      return fresh(entry) ? entry!.building : keep(await directory.buildingById(id))
    },
    async community(id) {
      const entry = communities.get(id)
      if (fresh(entry)) return entry!.community
      const community = await directory.community(id)
      if (community) communities.set(id, { at: now(), community })
      return community
    },
    // 写照常交给存储，之后清空记忆（只是转交，不是给身份的路径）。
    ...forwardingWrites(directory, forget),
  }
}
