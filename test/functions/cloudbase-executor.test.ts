/**
 * 执行器（test/support/cloudbaseExecutor.ts）的事务语义，全程经真的 wx-server-sdk 调用：
 * 断言的是 SDK 交给调用方的东西，也就是适配器在线上会拿到的东西。
 */
import { isDuplicateKey, isTransactionConflict } from '../../server/storage/cloudbase/transaction'
import { TRANSACTION_TIMEOUT_MS, type ExecutorOptions } from '../support/cloudbaseExecutor'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { newInvocation, runInInvocation } from '../support/invocationContext'

// —— 测试里用到的那部分 SDK 接口 ——
type Data = Record<string, unknown>
interface SdkDoc {
  get(): Promise<{ data: Data | null }>
  set(o: { data: Data }): Promise<unknown>
  update(o: { data: Data }): Promise<unknown>
  remove(): Promise<unknown>
}
interface SdkQuery {
  get(): Promise<{ data: Data[] }>
  orderBy(field: string, direction: 'asc' | 'desc'): SdkQuery
  count(): Promise<{ total: number }>
  update(o: { data: Data }): Promise<{ stats: { updated: number } }>
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc
  add(o: { data: Data }): Promise<unknown>
  where(c: Data): SdkQuery
  aggregate(): { match(c: Data): { end(): Promise<unknown> } }
}
interface SdkTransaction {
  collection(name: string): SdkCollection
  commit(): Promise<unknown>
  rollback(): Promise<unknown>
}
interface SdkCommand {
  inc(n: number): unknown
  set(value: unknown): unknown
  lt(value: unknown): unknown
  gte(value: unknown): unknown
  in(values: unknown[]): unknown
  or(conditions: Data[]): unknown
  and(conditions: unknown[]): Data
}
interface SdkDb {
  command: SdkCommand
  collection(name: string): SdkCollection
  startTransaction(): Promise<SdkTransaction>
  runTransaction<T>(run: (tx: SdkTransaction) => Promise<T>, times?: number): Promise<T>
}
interface SdkError {
  errCode?: number
  code?: unknown
  message: string
  errMsg?: string
}

function open(now?: () => number) {
  const h = openCloudbaseHarness(now ? { now } : {})
  return { ...h, db: h.db as unknown as SdkDb }
}

/** 等一个必然失败的调用，交回它的错误。 */
async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (error) {
    return error as SdkError
  }
  throw new Error('本应失败，却成功了')
}

const report = (id: string, reporterId: string, requestId: string) => ({ _id: id, reporterId, requestId, text: '电梯坏了' })

describe('执行器：事务冲突在写的当下报出，形状与线上相同', () => {
  it('另一个未结束事务已写过的文档：第二个写当场失败，errCode -501001，只剩 message 认得出冲突，本事务随即回滚', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('tallies')
      .doc('b1:2026-11:reports')
      .set({ data: { count: 1 } })
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first
      .collection('tallies')
      .doc('b1:2026-11:reports')
      .update({ data: { count: db.command.inc(1) } })

    const error = await failure(
      second
        .collection('tallies')
        .doc('b1:2026-11:reports')
        .update({ data: { count: db.command.inc(1) } }),
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.errCode).toBe(-501001)
    expect(error.message).toContain('[ResourceUnavailable.TransactionConflict] Transaction is conflict')
    // wx-server-sdk 的转换把字符串 code 丢了：@cloudbase/database 据以重试的东西不在了。
    expect(error.code).toBeUndefined()
    expect(`${error.message} ${error.errMsg} ${JSON.stringify(error)}`).not.toContain('DATABASE_TRANSACTION_CONFLICT')
    expect(isTransactionConflict(error)).toBe(true)
    expect(isDuplicateKey(error)).toBe(false)

    // 第二个事务已被回滚：再用它读、提交都失败。
    await failure(second.collection('tallies').doc('b1:2026-11:reports').get())
    await failure(second.commit())
    await first.commit()
    expect(executor.documents('tallies')).toEqual([{ _id: 'b1:2026-11:reports', count: 2 }])
    expect(executor.openTransactions()).toEqual([])
    dispose()
  })

  it('本事务开始后被别人提交改过的文档：读看快照，写即冲突', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('reports')
      .doc('r1')
      .set({ data: { status: 'pending' } })
    const tx = await db.startTransaction()
    await db
      .collection('reports')
      .doc('r1')
      .update({ data: { status: 'accepted' } })
    expect((await tx.collection('reports').doc('r1').get()).data).toEqual({ _id: 'r1', status: 'pending' })
    const error = await failure(
      tx
        .collection('reports')
        .doc('r1')
        .update({ data: { status: 'processing' } }),
    )
    expect(isTransactionConflict(error)).toBe(true)
    expect(error.errCode).toBe(-501001)
    expect(executor.documents('reports')).toEqual([{ _id: 'r1', status: 'accepted' }])
    dispose()
  })

  it('只读不写不冲突；不同文档的写互不影响', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('tallies')
      .doc('a')
      .set({ data: { count: 1 } })
    const one = await db.startTransaction()
    const two = await db.startTransaction()
    await one.collection('tallies').doc('a').get()
    await two
      .collection('tallies')
      .doc('a')
      .update({ data: { count: 5 } })
    await one
      .collection('tallies')
      .doc('b')
      .set({ data: { count: 1 } })
    await two.commit()
    await one.commit()
    expect(executor.documents('tallies')).toEqual([
      { _id: 'a', count: 5 },
      { _id: 'b', count: 1 },
    ])
    dispose()
  })

  it('runTransaction 不会自己重试这种冲突（code 已被转换掉），冲突原样交给调用方', async () => {
    const { db, executor, dispose } = open()
    const holder = await db.startTransaction()
    await holder
      .collection('tallies')
      .doc('hot')
      .set({ data: { count: 1 } })
    const startsBefore = executor.received.filter((r) => r.action === 'database.startTransaction').length
    const error = await failure(
      db.runTransaction(
        (tx) =>
          tx
            .collection('tallies')
            .doc('hot')
            .set({ data: { count: 9 } }),
        3,
      ),
    )
    expect(isTransactionConflict(error)).toBe(true)
    expect(executor.received.filter((r) => r.action === 'database.startTransaction').length - startsBefore).toBe(1)
    await holder.commit()
    dispose()
  })

  it('事务外的写碰到被锁的文档：等持锁事务结束后才执行', async () => {
    const { db, executor, dispose } = open()
    const tx = await db.startTransaction()
    await tx
      .collection('memberships')
      .doc('m1')
      .set({ data: { role: 'representative' } })
    let done = false
    const outside = db
      .collection('memberships')
      .doc('m1')
      .set({ data: { role: 'committee' } })
      .then(() => (done = true))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(done).toBe(false)
    await tx.commit()
    await outside
    expect(executor.documents('memberships')).toEqual([{ _id: 'm1', role: 'committee' }])
    dispose()
  })
})

describe('执行器：事务里只许单文档操作', () => {
  it('带事务 id 到达的条件查询（where().get()、无条件 get()）被拒绝，事务随之结束', async () => {
    const { db, executor, dispose } = open()
    const tx = await db.startTransaction()
    const error = await failure(tx.collection('reports').where({ reporterId: 'wang' }).get())
    expect(error.message).toContain('事务内只允许按 _id 的单文档操作')
    expect(isTransactionConflict(error)).toBe(false)
    expect(executor.received.at(-1)).toMatchObject({ action: 'database.getDocument', transactionId: expect.any(String), queryType: 'WHERE' })
    await failure(tx.commit())

    const another = await db.startTransaction()
    await failure(another.collection('reports').get())
    dispose()
  })

  it('单文档操作都可以：doc(id).get/set/update/remove 与 add', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('tallies')
      .doc('gone')
      .set({ data: { count: 1 } })
    const tx = await db.startTransaction()
    await tx.collection('reports').add({ data: report('r1', 'wang', 'q1') })
    expect((await tx.collection('reports').doc('r1').get()).data).toMatchObject({ reporterId: 'wang' })
    await tx
      .collection('tallies')
      .doc('t')
      .set({ data: { count: 1 } })
    await tx
      .collection('tallies')
      .doc('t')
      .update({ data: { count: db.command.inc(2) } })
    await tx.collection('tallies').doc('gone').remove()
    expect(executor.documents('reports')).toEqual([])
    await tx.commit()
    expect(executor.documents('reports')).toHaveLength(1)
    expect(executor.documents('tallies')).toEqual([{ _id: 't', count: 3 }])
    dispose()
  })

  it('count()、where().update()、aggregate() 在 SDK 里不带事务 id：不被拒绝，而是在事务之外立即执行', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('tallies')
      .doc('t')
      .set({ data: { buildingId: 'b1', count: 1 } })
    const tx = await db.startTransaction()
    await tx.collection('reports').add({ data: report('r1', 'wang', 'q1') })

    // count 看不见本事务刚暂存的那条：它读的是已提交的数据。
    expect((await tx.collection('reports').count()).total).toBe(0)
    expect(executor.received.at(-1)).toEqual({ action: 'database.calculateDocument', queryType: 'WHERE' })

    // where().update() 立刻生效，事务回滚也撤不回。
    expect(
      (
        await tx
          .collection('tallies')
          .where({ buildingId: 'b1' })
          .update({ data: { count: 5 } })
      ).stats.updated,
    ).toBe(1)
    expect(executor.received.at(-1)).toEqual({ action: 'database.modifyDocument', queryType: 'WHERE' })

    // aggregate 同样不带事务 id（执行器不实现聚合，只看它到达时的样子）。
    await failure(tx.collection('reports').aggregate().match({ reporterId: 'wang' }).end())
    expect(executor.received.at(-1)).toEqual({ action: 'database.aggregateDocuments' })

    await tx.rollback()
    expect(executor.documents('reports')).toEqual([])
    expect(executor.documents('tallies')).toEqual([{ _id: 't', buildingId: 'b1', count: 5 }])
    dispose()
  })
})

describe('执行器：唯一键', () => {
  it('另一个未结束事务暂存的唯一键：第二个事务写同一个键即冲突（不是 E11000），两个不能都提交', async () => {
    const { db, executor, dispose } = open()
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first.collection('reports').add({ data: report('r1', 'wang', 'same') })
    const error = await failure(second.collection('reports').add({ data: report('r2', 'wang', 'same') }))
    expect(isTransactionConflict(error)).toBe(true)
    expect(isDuplicateKey(error)).toBe(false)
    expect(error.errCode).toBe(-501001)
    await failure(second.commit())
    await first.commit()

    // 第一个提交之后再来：快照里就有那条，答 E11000（-502001）——此时才读得回第一次的那条。
    const third = await db.startTransaction()
    const dup = await failure(third.collection('reports').add({ data: report('r3', 'wang', 'same') }))
    expect(dup.errCode).toBe(-502001)
    expect(dup.message).toContain('E11000 duplicate key')
    expect(isDuplicateKey(dup)).toBe(true)
    expect(isTransactionConflict(dup)).toBe(false)
    expect(executor.documents('reports').map((d) => d._id)).toEqual(['r1'])
    dispose()
  })

  it('本事务开始后才被别人提交的同键文档也算冲突；事务外的重复插入照旧 E11000', async () => {
    const { db, dispose } = open()
    const tx = await db.startTransaction()
    await db.collection('reports').add({ data: report('r1', 'zhao', 'q9') })
    expect(isTransactionConflict(await failure(tx.collection('reports').add({ data: report('r2', 'zhao', 'q9') })))).toBe(true)

    const outside = await failure(db.collection('reports').add({ data: report('r3', 'zhao', 'q9') }))
    expect(outside.errCode).toBe(-502001)
    expect(outside.message).toContain('E11000 duplicate key error collection: reports index: reporterId_requestId_unique')
    dispose()
  })

  it('唯一索引不是稀疏的：缺字段的文档按 null 相撞', async () => {
    const { db, dispose } = open()
    await db
      .collection('buildings')
      .doc('b1')
      .set({ data: { name: '1号楼' } })
    expect(
      isDuplicateKey(
        await failure(
          db
            .collection('buildings')
            .doc('b2')
            .set({ data: { name: '2号楼' } }),
        ),
      ),
    ).toBe(true)
    expect(
      isDuplicateKey(
        await failure(
          db
            .collection('buildings')
            .doc('b3')
            .set({ data: { name: '3号楼', codeKey: null } }),
        ),
      ),
    ).toBe(true)
    dispose()
  })
})

describe('执行器：事务 30 秒时限', () => {
  it('开始 30 秒后仍未结束的事务被结束：之后的读写与提交都失败，锁随之释放', async () => {
    let now = 1_000_000
    const { db, executor, dispose } = open(() => now)
    const tx = await db.startTransaction()
    await tx
      .collection('tallies')
      .doc('t')
      .set({ data: { count: 1 } })
    now += TRANSACTION_TIMEOUT_MS - 1
    await tx.collection('tallies').doc('t').get()
    now += 1
    const error = await failure(tx.collection('tallies').doc('t').get())
    expect(error.message).toContain('30 秒')
    expect(isTransactionConflict(error)).toBe(false)
    await failure(tx.commit())
    expect(executor.documents('tallies')).toEqual([])

    // 它持有的锁已释放：别的事务可以写同一个文档并提交。
    const next = await db.startTransaction()
    await next
      .collection('tallies')
      .doc('t')
      .set({ data: { count: 7 } })
    await next.commit()
    expect(executor.documents('tallies')).toEqual([{ _id: 't', count: 7 }])
    dispose()
  })

  it('runTransaction 的回调拖过 30 秒：提交失败，什么都没写进去', async () => {
    let now = 0
    const { db, executor, dispose } = open(() => now)
    const error = await failure(
      db.runTransaction(async (tx) => {
        await tx
          .collection('tallies')
          .doc('t')
          .set({ data: { count: 1 } })
        now += TRANSACTION_TIMEOUT_MS
      }),
    )
    // 提交的失败不经 wx-server-sdk 的转换：是请求层抛出的 TcbError 本身，字符串 code 还在。
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(error.errCode).toBeUndefined()
    expect(executor.documents('tallies')).toEqual([])
    dispose()
  })
})

describe('执行器：更新里的对象与条件查询', () => {
  it('更新里直接写对象：SDK 拆成子字段的 $set，旧值为 null 时失败（与 MongoDB 相同）；_.set 整个替换', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('reports')
      .doc('r1')
      .set({ data: { reporterId: 'wang', requestId: 'q1', assignee: null, status: 'accepted' } })
    const error = await failure(
      db
        .collection('reports')
        .doc('r1')
        .update({ data: { assignee: { party: 'property', name: '王师傅' } } }),
    )
    expect(error.message).toContain("Cannot create field 'party' in element {assignee: null}")
    expect(isTransactionConflict(error)).toBe(false)
    expect(executor.documents('reports')).toEqual([{ _id: 'r1', reporterId: 'wang', requestId: 'q1', assignee: null, status: 'accepted' }])

    await db
      .collection('reports')
      .doc('r1')
      .update({ data: { assignee: db.command.set({ party: 'property', name: '王师傅' }) } })
    await db
      .collection('reports')
      .doc('r1')
      .update({ data: { assignee: db.command.set({ party: 'committee', name: '' }) } })
    expect(executor.documents('reports')).toEqual([
      { _id: 'r1', reporterId: 'wang', requestId: 'q1', assignee: { party: 'committee', name: '' }, status: 'accepted' },
    ])

    // 缺这个字段时，拆开的子字段照样能建出来（路径上没有挡路的值）。
    await db
      .collection('reports')
      .doc('r2')
      .set({ data: { reporterId: 'wang', requestId: 'q2', status: 'pending' } })
    await db
      .collection('reports')
      .doc('r2')
      .update({ data: { assignee: { party: 'property', name: '' } } })
    expect(executor.documents('reports').find((d) => d._id === 'r2')).toEqual({
      _id: 'r2',
      reporterId: 'wang',
      requestId: 'q2',
      status: 'pending',
      assignee: { party: 'property', name: '' },
    })
    dispose()
  })

  it('更新里的空对象被 SDK 整个丢掉；要写进空对象须用 _.set', async () => {
    const { db, executor, dispose } = open()
    await db.collection('statusChanges').add({ data: { _id: 'a', reportId: 'r1', seq: 1 } })
    await db.collection('statusChanges').add({ data: { _id: 'b', reportId: 'r1', seq: 2 } })
    await db
      .collection('statusChanges')
      .doc('a')
      .update({ data: { details: {}, note: '' } })
    await db
      .collection('statusChanges')
      .doc('b')
      .update({ data: { details: db.command.set({}) } })
    expect(executor.documents('statusChanges')).toEqual([
      { _id: 'a', reportId: 'r1', seq: 1, note: '' },
      { _id: 'b', reportId: 'r1', seq: 2, details: {} },
    ])
    dispose()
  })

  it('_.and 里套 _.or（超时筛选的形状）：get 与 count 得到同样的文档', async () => {
    const { db, dispose } = open()
    const _ = db.command
    const rows = [
      ['u1', 'urgent', '2026-11-01T00:00:00.000Z'],
      ['u2', 'urgent', '2026-11-03T00:00:00.000Z'],
      ['n1', 'normal', '2026-11-01T00:00:00.000Z'],
      ['n2', 'normal', '2026-11-03T00:00:00.000Z'],
      ['x1', 'urgent', '2026-10-01T00:00:00.000Z'],
    ] as const
    for (const [id, urgency, createdAt] of rows) {
      await db.collection('reports').add({ data: { _id: id, reporterId: id, requestId: id, buildingId: id === 'x1' ? 'b2' : 'b1', urgency, createdAt } })
    }
    const overdue = _.and([
      { buildingId: _.in(['b1']) },
      _.or([
        { urgency: 'urgent', createdAt: _.lt('2026-11-02T00:00:00.000Z') },
        { urgency: 'normal', createdAt: _.lt('2026-11-04T00:00:00.000Z') },
      ]),
    ])
    const { data } = await db.collection('reports').where(overdue).orderBy('createdAt', 'asc').orderBy('_id', 'asc').get()
    expect(data.map((d) => d._id)).toEqual(['n1', 'u1', 'n2'])
    expect((await db.collection('reports').where(overdue).count()).total).toBe(3)
    expect(
      (
        await db
          .collection('reports')
          .where({ buildingId: 'b1', createdAt: _.gte('2026-11-03T00:00:00.000Z') })
          .count()
      ).total,
    ).toBe(2)
    dispose()
  })
})

function openWith(options: ExecutorOptions) {
  const h = openCloudbaseHarness(options)
  return { ...h, db: h.db as unknown as SdkDb }
}

/** promise 在 ms 毫秒内是否完成（完成答 'done'，没有答 'pending'）。 */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<'done' | 'pending'> {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([
    promise.then(
      () => 'done' as const,
      () => 'done' as const,
    ),
    new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), ms))),
  ])
  clearTimeout(timer)
  return result
}

describe('执行器：规模（延迟、套餐配额、被结束的调用、统计）', () => {
  it('每个请求的往返延迟真的让调用方多等：读一个文档至少等一个往返', async () => {
    const { db, executor, dispose } = openWith({ latencyMs: () => 60 })
    const started = performance.now()
    await db.collection('reports').doc('r1').get()
    expect(performance.now() - started).toBeGreaterThanOrEqual(58)
    expect(executor.stats().requests).toBe(1)
    dispose()
  })

  it('同时连接数满了：默认拒绝（-501004），排队模式下等一个连接空出来再执行', async () => {
    const refusing = openWith({ latencyMs: () => 40, limits: { connections: 1 } })
    const [first, second] = await Promise.allSettled([refusing.db.collection('reports').doc('a').get(), refusing.db.collection('reports').doc('b').get()])
    expect(first.status).toBe('fulfilled')
    const refused = (second as PromiseRejectedResult).reason as SdkError
    expect(refused.errCode).toBe(-501004)
    expect(refused.message).toContain('exceed concurrent request limit')
    expect(isTransactionConflict(refused)).toBe(false)
    expect(refusing.executor.stats()).toMatchObject({ requests: 2, refusedConnections: 1, inFlightPeak: 1 })
    refusing.dispose()

    const queueing = openWith({ latencyMs: () => 40, limits: { connections: 1, overConnections: 'queue' } })
    const started = performance.now()
    await Promise.all([queueing.db.collection('reports').doc('a').get(), queueing.db.collection('reports').doc('b').get()])
    // 第二个等第一个的往返结束才拿到连接：两个往返。
    expect(performance.now() - started).toBeGreaterThanOrEqual(78)
    expect(queueing.executor.stats()).toMatchObject({ requests: 2, refusedConnections: 0, inFlightPeak: 1 })
    queueing.dispose()
  })

  it('每秒请求数：过去 1 秒里已接受的达到上限，新请求被拒（-501003）；满 1 秒后又接受。事务里被拒的请求没到数据库，事务还开着', async () => {
    let now = 5_000
    const { db, executor, dispose } = openWith({ now: () => now, limits: { qps: 3 } })
    await db
      .collection('tallies')
      .doc('t')
      .set({ data: { count: 1 } })
    const tx = await db.startTransaction()
    await tx
      .collection('tallies')
      .doc('t')
      .update({ data: { count: db.command.inc(1) } })
    now += 999
    const refused = await failure(tx.collection('tallies').doc('t').get())
    expect(refused.errCode).toBe(-501003)
    expect(refused.message).toContain('[RequestLimitExceeded]')
    expect(isTransactionConflict(refused)).toBe(false)
    expect(executor.openTransactions()).toHaveLength(1)
    expect(executor.stats()).toMatchObject({ requests: 4, refusedQps: 1 })

    // 第一个请求出了 1 秒的窗口：又能接受一个。
    now += 1
    await tx.commit()
    expect(executor.documents('tallies')).toEqual([{ _id: 't', count: 2 }])
    expect(executor.stats().peakPerSecond).toBe(4)
    dispose()
  })

  it('多版本快照：事务只看开始时已提交的版本加自己的写；之后的改、删、增都看不见，开始得晚的事务看得见', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('follows')
      .doc('kept')
      .set({ data: { status: 'pending' } })
    await db
      .collection('follows')
      .doc('gone')
      .set({ data: { status: 'pending' } })
    const early = await db.startTransaction()
    await db
      .collection('follows')
      .doc('kept')
      .update({ data: { status: 'accepted' } })
    await db
      .collection('follows')
      .doc('kept')
      .update({ data: { status: 'processing' } })
    await db.collection('follows').doc('gone').remove()
    await db
      .collection('follows')
      .doc('born')
      .set({ data: { status: 'pending' } })
    const late = await db.startTransaction()
    await late
      .collection('follows')
      .doc('kept')
      .update({ data: { note: '晚的事务写' } })

    expect((await early.collection('follows').doc('kept').get()).data).toEqual({ _id: 'kept', status: 'pending' })
    expect((await early.collection('follows').doc('gone').get()).data).toEqual({ _id: 'gone', status: 'pending' })
    expect((await early.collection('follows').doc('born').get()).data).toBeNull()
    await early
      .collection('follows')
      .doc('mine')
      .set({ data: { status: 'pending' } })
    expect((await early.collection('follows').doc('mine').get()).data).toEqual({ _id: 'mine', status: 'pending' })

    expect((await late.collection('follows').doc('kept').get()).data).toEqual({ _id: 'kept', status: 'processing', note: '晚的事务写' })
    expect((await late.collection('follows').doc('gone').get()).data).toBeNull()
    expect((await late.collection('follows').doc('born').get()).data).toEqual({ _id: 'born', status: 'pending' })
    // 晚的事务暂存的写，早的看不见；已提交数据里也还没有。
    expect(executor.documents('follows').find((d) => d._id === 'kept')).toEqual({ _id: 'kept', status: 'processing' })

    await late.commit()
    await early.commit()
    // 早的事务提交后，再开的事务看得见两边的写。
    const after = await db.startTransaction()
    expect((await after.collection('follows').doc('kept').get()).data).toEqual({ _id: 'kept', status: 'processing', note: '晚的事务写' })
    expect((await after.collection('follows').doc('mine').get()).data).toEqual({ _id: 'mine', status: 'pending' })
    await after.rollback()
    dispose()
  })

  it('被平台结束的调用：之后的请求永不完成，它开着的事务一直持锁，到 30 秒时限才被结束', async () => {
    let now = 1_000_000
    const { db, executor, dispose } = open(() => now)
    await db
      .collection('notices')
      .doc('n1')
      .set({ data: { title: '停水通知' } })
    const killedCall = newInvocation('notices', 'read')
    const tx = await runInInvocation(killedCall, () => db.startTransaction())
    await runInInvocation(killedCall, () =>
      tx
        .collection('notices')
        .doc('n1')
        .update({ data: { title: '改了' } }),
    )
    killedCall.killed = true
    const hanging = runInInvocation(killedCall, () => tx.commit())
    expect(await settlesWithin(hanging, 50)).toBe('pending')
    expect(executor.openTransactions()).toHaveLength(1)

    // 锁还在：别的事务写同一个文档即冲突。
    const other = await db.startTransaction()
    expect(
      isTransactionConflict(
        await failure(
          other
            .collection('notices')
            .doc('n1')
            .update({ data: { title: '别人' } }),
        ),
      ),
    ).toBe(true)

    now += TRANSACTION_TIMEOUT_MS
    expect(executor.openTransactions()).toEqual([])
    const next = await db.startTransaction()
    await next
      .collection('notices')
      .doc('n1')
      .update({ data: { title: '别人' } })
    await next.commit()
    expect(executor.documents('notices')).toEqual([{ _id: 'n1', title: '别人' }])
    expect(await settlesWithin(hanging, 10)).toBe('pending')
    dispose()
  })

  it('请求与写冲突记到发出它们的那次调用上（AsyncLocalStorage），不在调用里的只进总数', async () => {
    const { db, executor, dispose } = open()
    await db
      .collection('tallies')
      .doc('hot')
      .set({ data: { count: 0 } })
    const holder = await db.startTransaction()
    await holder
      .collection('tallies')
      .doc('hot')
      .update({ data: { count: db.command.inc(1) } })
    const call = newInvocation('reports', 'submit')
    await runInInvocation(call, async () => {
      await db.collection('tallies').doc('hot').get()
      const tx = await db.startTransaction()
      await failure(
        tx
          .collection('tallies')
          .doc('hot')
          .update({ data: { count: db.command.inc(1) } }),
      )
    })
    expect(call).toMatchObject({ requests: 3, conflicts: 1, refused: 0 })
    expect(executor.stats()).toMatchObject({ requests: 6, conflicts: 1 })
    await holder.commit()
    executor.resetStats()
    expect(executor.stats()).toMatchObject({ requests: 0, conflicts: 0 })
    dispose()
  })
})
