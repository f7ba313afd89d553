import { COLLECTIONS, createCloudbaseStore } from '../../server/storage/cloudbase'
import { readDatabaseDefinition, toCreateIndex } from '../../server/storage/cloudbaseSchema'
import { storeContract } from '../contract/storeContract'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'

storeContract('云开发（真 wx-server-sdk，请求层换成执行器）', async () => {
  const h = openCloudbaseHarness()
  return { store: createCloudbaseStore(h.db, { backoff: () => 1 }), dispose: h.dispose }
})

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
    await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true })
    expect(h.executor.documents('communities')).toEqual([{ _id: 'c1', name: '春晖苑', hasPropertyCompany: true }])
    h.dispose()
  })
})
