import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { readDatabaseDefinition, toCreateIndex } from '../../server/storage/cloudbaseSchema'
import { bucketId } from '../../src/core/tally'
import { directoryContract } from '../contract/directoryContract'
import { followContract } from '../contract/followContract'
import type { StoreHarness } from '../contract/harness'
import { photoCheckContract } from '../contract/photoCheckContract'
import { reportQueueContract } from '../contract/reportQueueContract'
import { reportStoreContract } from '../contract/reportStoreContract'
import { tallyMaintenanceContract, tallyReaderContract } from '../contract/tallyContract'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

async function openCloudbase(): Promise<StoreHarness> {
  const h = openCloudbaseHarness()
  return {
    store: createCloudbaseStore(h.db, { backoff: () => 1 }),
    async corruptBucket(b) {
      const doc = h.db.collection(COLLECTIONS.tallies).doc(bucketId(b))
      if (b.count === null) await doc.remove()
      else await doc.set({ data: { scope: b.scope, month: b.month, metric: b.metric, count: b.count, sum: b.sum ?? 0 } })
    },
    dispose: h.dispose,
  }
}

const adapter = '云开发（真 wx-server-sdk，请求层换成执行器）'
directoryContract(adapter, openCloudbase)
reportStoreContract(adapter, openCloudbase)
reportQueueContract(adapter, openCloudbase)
followContract(adapter, openCloudbase)
photoCheckContract(adapter, openCloudbase)
tallyReaderContract(adapter, openCloudbase)
tallyMaintenanceContract(adapter, openCloudbase)

describe('云开发集合定义（cloudbase/database.json）', () => {
  const collections = readDatabaseDefinition()

  it('适配器用到的集合与定义文件里的一一对应，且都只许云函数读写', () => {
    expect(collections.map((c) => c.name).sort()).toEqual(Object.values(COLLECTIONS).sort())
    expect(collections.every((c) => c.acl === 'ADMINONLY')).toBe(true)
  })

  it('幂等靠的唯一索引在定义里，并按管理接口的格式转换', () => {
    const reports = collections.find((c) => c.name === 'reports')!
    const unique = reports.indexes.filter((i) => i.unique).map(toCreateIndex)
    expect(unique).toEqual([
      {
        IndexName: 'reporterId_requestId_unique',
        MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'reporterId', Direction: '1' }, { Name: 'requestId', Direction: '1' }] },
      },
    ])
  })

  it('写入真的经过 SDK 到达执行器，文档形状即领域字段', async () => {
    const h = openCloudbaseHarness()
    const store = createCloudbaseStore(h.db)
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
    expect(h.executor.documents('communities')).toEqual([{ _id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } }])
    h.dispose()
  })
})
