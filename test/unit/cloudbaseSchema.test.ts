/**
 * 索引核对（compareIndexes）与 cloud:setup 的步骤顺序。管理接口的答复按 @cloudbase/manager-node 的
 * describeCollection（ITableInfo / IndexInfo）手工构造；假的管理端只记录调用，不联网。
 */
import { setup, verify, type Manager } from '../../scripts/cloud-setup'
import { compareIndexes, readDatabaseDefinition, type DeployedIndex } from '../../server/storage/cloudbase/schema'

const reports = readDatabaseDefinition().find((c) => c.name === 'reports')!

/** describeCollection 答回的索引形状（Size、Accesses 照样带着，比较时不看）。 */
const deployed = (Name: string, keys: [string, string][], Unique: boolean) => ({
  Name,
  Size: 4096,
  Keys: keys.map(([n, Direction]) => ({ Name: n, Direction })),
  Accesses: { Ops: 12, Since: '2026-11-01T00:00:00Z' },
  Unique,
})
const ID_INDEX = deployed('_id_', [['_id', '1']], false)
const AS_DEFINED = [
  ID_INDEX,
  deployed(
    'reporterId_requestId_unique',
    [
      ['reporterId', '1'],
      ['requestId', '1'],
    ],
    true,
  ),
  deployed(
    'reporterId_createdAt',
    [
      ['reporterId', '1'],
      ['createdAt', '-1'],
      ['_id', '-1'],
    ],
    false,
  ),
  deployed(
    'buildingId_createdAt',
    [
      ['buildingId', '1'],
      ['createdAt', '-1'],
    ],
    false,
  ),
  deployed(
    'buildingId_status_createdAt',
    [
      ['buildingId', '1'],
      ['status', '1'],
      ['createdAt', '-1'],
      ['_id', '-1'],
    ],
    false,
  ),
  deployed(
    'buildingId_month_createdAt',
    [
      ['buildingId', '1'],
      ['month', '1'],
      ['createdAt', '1'],
      ['_id', '1'],
    ],
    false,
  ),
  deployed(
    'case_followed',
    [
      ['buildingId', '1'],
      ['month', '1'],
      ['status', '1'],
      ['followers', '-1'],
      ['createdAt', '1'],
    ],
    false,
  ),
  deployed(
    'case_fastest',
    [
      ['buildingId', '1'],
      ['month', '1'],
      ['urgency', '1'],
      ['handlingMinutes', '1'],
      ['createdAt', '1'],
    ],
    false,
  ),
]

describe('索引核对：线上读回的与 cloudbase/database.json', () => {
  it('一致时没有不符；自带的 _id_ 不算多出', () => {
    expect(compareIndexes(reports.indexes, AS_DEFINED)).toEqual([])
  })

  it('缺索引、唯一性不符、键顺序或方向不符、多出的索引，各报一条', () => {
    const drifted: DeployedIndex[] = [
      ID_INDEX,
      deployed(
        'reporterId_requestId_unique',
        [
          ['requestId', '1'],
          ['reporterId', '1'],
        ],
        false,
      ),
      deployed(
        'reporterId_createdAt',
        [
          ['reporterId', '1'],
          ['createdAt', '1'],
          ['_id', '-1'],
        ],
        false,
      ),
      deployed(
        'buildingId_status_createdAt',
        [
          ['buildingId', '1'],
          ['status', '1'],
          ['createdAt', '-1'],
          ['_id', '-1'],
        ],
        false,
      ),
      deployed(
        'buildingId_month_createdAt',
        [
          ['buildingId', '1'],
          ['month', '1'],
          ['createdAt', '1'],
          ['_id', '1'],
        ],
        false,
      ),
      deployed(
        'case_followed',
        [
          ['buildingId', '1'],
          ['month', '1'],
          ['status', '1'],
          ['followers', '-1'],
          ['createdAt', '1'],
        ],
        false,
      ),
      deployed(
        'case_fastest',
        [
          ['buildingId', '1'],
          ['month', '1'],
          ['urgency', '1'],
          ['handlingMinutes', '1'],
          ['createdAt', '1'],
        ],
        false,
      ),
      deployed('text_1', [['text', '1']], false),
    ]
    expect(compareIndexes(reports.indexes, drifted)).toEqual([
      '索引 reporterId_requestId_unique 的唯一性不符：应为唯一，线上是非唯一',
      '索引 reporterId_requestId_unique 的键不符（顺序也要一致）：应为 reporterId:1, requestId:1，线上是 requestId:1, reporterId:1',
      '索引 reporterId_createdAt 的键不符（顺序也要一致）：应为 reporterId:1, createdAt:-1, _id:-1，线上是 reporterId:1, createdAt:1, _id:-1',
      '缺少索引 buildingId_createdAt（应为非唯一，键 buildingId:1, createdAt:-1）',
      '多出索引 text_1（定义文件里没有）',
    ])
  })

  it('方向是数字也照样比较；没有 Unique 字段按非唯一', () => {
    const numeric: DeployedIndex[] = [
      {
        Name: 'reporterId_requestId_unique',
        Keys: [
          { Name: 'reporterId', Direction: 1 },
          { Name: 'requestId', Direction: 1 },
        ],
        Unique: true,
      },
      {
        Name: 'reporterId_createdAt',
        Keys: [
          { Name: 'reporterId', Direction: 1 },
          { Name: 'createdAt', Direction: -1 },
          { Name: '_id', Direction: -1 },
        ],
      },
      {
        Name: 'buildingId_createdAt',
        Keys: [
          { Name: 'buildingId', Direction: '1' },
          { Name: 'createdAt', Direction: '-1' },
        ],
        Unique: false,
      },
      {
        Name: 'buildingId_status_createdAt',
        Keys: [
          { Name: 'buildingId', Direction: 1 },
          { Name: 'status', Direction: 1 },
          { Name: 'createdAt', Direction: -1 },
          { Name: '_id', Direction: -1 },
        ],
      },
      // 工作总结加的三个（方向同样是数字）。
      ...AS_DEFINED.slice(5).map((i) => ({ Name: i.Name, Keys: (i.Keys ?? []).map((k) => ({ Name: k.Name, Direction: Number(k.Direction) })) })),
    ]
    expect(compareIndexes(reports.indexes, numeric)).toEqual([])
  })
})

describe('cloud:setup', () => {
  const collections = readDatabaseDefinition()

  function fakeManager(options: { permissionFails?: boolean; indexes?: Record<string, DeployedIndex[]> } = {}) {
    const calls: string[] = []
    const manager = {
      database: {
        createCollectionIfNotExists: async (name: string) => (calls.push(`集合 ${name}`), { IsCreated: true }),
        checkIndexExists: async () => ({ Exists: false }),
        updateCollection: async (name: string, info: { CreateIndexes: { IndexName: string }[] }) =>
          calls.push(`索引 ${name}.${info.CreateIndexes[0].IndexName}`),
        describeCollection: async (name: string) => {
          const indexes = options.indexes?.[name]
          if (!indexes) throw new Error('ResourceNotFound')
          return { RequestId: 'r', Indexes: indexes, IndexNum: indexes.length }
        },
      },
      permission: {
        modifyResourcePermission: async ({ resource }: { resource: string }) => {
          calls.push(`权限 ${resource}`)
          if (options.permissionFails) throw new Error('接口已下线')
        },
      },
    }
    return { manager: manager as unknown as Manager, calls }
  }

  /** 收集 console 输出，不打到测试日志里。 */
  function captureConsole() {
    const lines: string[] = []
    const spies = (['log', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation((...args) => void lines.push(args.join(' '))))
    return { lines, restore: () => spies.forEach((s) => s.mockRestore()) }
  }

  it('每个集合先建索引，再设权限', async () => {
    const { manager, calls } = fakeManager()
    const out = captureConsole()
    await setup(manager, collections)
    out.restore()
    const reportsCalls = calls.filter((c) => c.includes('reports'))
    expect(reportsCalls).toEqual([
      '集合 reports',
      '索引 reports.reporterId_requestId_unique',
      '索引 reports.reporterId_createdAt',
      '索引 reports.buildingId_createdAt',
      '索引 reports.buildingId_status_createdAt',
      '索引 reports.buildingId_month_createdAt',
      '索引 reports.case_followed',
      '索引 reports.case_fastest',
      '权限 reports',
    ])
    expect(out.lines.join('\n')).not.toContain('权限设置失败')
  })

  it('设权限失败时提示到控制台设"仅管理端可读写"，并接着处理其余集合', async () => {
    const { manager, calls } = fakeManager({ permissionFails: true })
    const out = captureConsole()
    await setup(manager, collections)
    out.restore()
    expect(calls.filter((c) => c.startsWith('索引'))).toHaveLength(collections.reduce((n, c) => n + c.indexes.length, 0))
    const text = out.lines.join('\n')
    expect(text).toContain('权限设置失败（接口已下线）')
    expect(text).toContain('请到云开发控制台 → 数据库 → 各集合 → 数据权限，手动选"仅管理端可读写"')
    for (const c of collections) expect(text).toContain(`${c.name} → 请设为"仅管理端可读写"`)
  })

  it('--verify：逐条打印不符并计数；读不到的集合也算不符', async () => {
    const indexes = Object.fromEntries(
      collections.map((c) => [
        c.name,
        [
          ID_INDEX,
          ...c.indexes.map((i) =>
            deployed(
              i.name,
              Object.entries(i.keys).map(([k, d]) => [k, String(d)]),
              i.unique,
            ),
          ),
        ],
      ]),
    )
    const good = fakeManager({ indexes })
    const out = captureConsole()
    expect(await verify(good.manager, collections)).toBe(0)
    const bad = fakeManager({
      indexes: { ...indexes, reports: AS_DEFINED.filter((i) => i.Name !== 'reporterId_requestId_unique'), tallies: undefined as unknown as DeployedIndex[] },
    })
    expect(await verify(bad.manager, collections)).toBe(2)
    out.restore()
    const text = out.lines.join('\n')
    expect(text).toContain('✗ 缺少索引 reporterId_requestId_unique（应为唯一，键 reporterId:1, requestId:1）')
    expect(text).toContain('✗ 读不到集合信息（ResourceNotFound）')
  })
})
