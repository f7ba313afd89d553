/**
 * 各端口文件共用的东西：集合、读全部、按游标新的在前地读、事务。在 index.ts 里建一次，交给每个端口。
 * 用到时才取 command 与集合：部署后的函数在第一次读写之前不初始化 SDK（初始化会联网取凭证）。
 */
import { COLLECTIONS, PAGE_SIZE, type CollectionName } from './collections'
import type { CloudDatabase, CollectionRef, Command, Data } from './sdk'
import { retryingOnLimit } from './requestRetry'
import { createTallyLog, type TallyLog } from './tallyLog'
import { createTransact, type CloudbaseStoreOptions, type Transact } from './transaction'

export interface StoreContext {
  db: CloudDatabase
  _(): Command
  coll(name: CollectionName): CollectionRef
  /** 事务冲突时退避重试；其他错误原样抛出。 */
  transact: Transact
  /** 读一个查询的全部结果：按 _id 升序，以上一页最后一个 _id 为游标逐页读取。 */
  readAll(name: CollectionName, condition?: Data): Promise<Data[]>
  /**
   * 按 (field, _id) 新的在前读到 limit 条：每页不超过 PAGE_SIZE，以上一页最后一条为游标接着读；
   * before 为上一次交回的最后一条（不含它）。
   */
  newestFirst(name: CollectionName, parts: Data[], field: string, limit: number, before?: { value: string; id: string }): Promise<Data[]>
  /** 统计事件日志：各端口在自己的事务里记事件，读统计与归并也经它（tallyLog.ts）。 */
  tallyLog: TallyLog
}

export function createContext(sdkDb: CloudDatabase, options: CloudbaseStoreOptions = {}): StoreContext {
  // 被配额挡下的请求退避后重发（requestRetry.ts）：各端口拿到的都是包过的这一个。
  const db = retryingOnLimit(sdkDb, options)
  const _ = () => db.command
  const coll = (name: CollectionName) => db.collection(COLLECTIONS[name])

  async function readAll(name: CollectionName, condition: Data = {}): Promise<Data[]> {
    const all: Data[] = []
    let after: string | undefined
    for (;;) {
      const where = after === undefined ? condition : { ...condition, _id: _().gt(after) }
      const { data } = await coll(name).where(where).orderBy('_id', 'asc').limit(PAGE_SIZE).get()
      all.push(...data)
      if (data.length < PAGE_SIZE) return all
      after = String(data[data.length - 1]._id)
    }
  }

  async function newestFirst(name: CollectionName, parts: Data[], field: string, limit: number, before?: { value: string; id: string }): Promise<Data[]> {
    const found: Data[] = []
    let cursor = before
    while (found.length < limit) {
      const after = cursor && (_().or([{ [field]: _().lt(cursor.value) }, { [field]: cursor.value, _id: _().lt(cursor.id) }]) as Data)
      const condition = _().and(after ? [...parts, after] : parts)
      const pageSize = Math.min(PAGE_SIZE, limit - found.length)
      const { data } = await coll(name).where(condition).orderBy(field, 'desc').orderBy('_id', 'desc').limit(pageSize).get()
      found.push(...data)
      if (data.length < pageSize) break
      const last = data[data.length - 1]
      cursor = { value: last[field] as string, id: String(last._id) }
    }
    return found
  }

  const transact = createTransact(db, options)
  const tallyLog = createTallyLog({ db, _, coll, transact, readAll, now: options.now ?? Date.now })
  return { db, _, coll, transact, readAll, newestFirst, tallyLog }
}
