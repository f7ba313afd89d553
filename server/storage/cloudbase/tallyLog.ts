/**
 * 云开发：统计事件日志（纯计算在 src/core/tally/log.ts）。
 *
 *   - 写：用户的事务里 record(tx, deltas) 只加一条事件文档（随机 _id，谁也不和谁抢）；统计桶不在用户事务里写。
 *     公告回执自己带着增量（tally 字段，receiptTally 生成）：读公告是最密的写，一次 add 就够，不开事务；
 *     归并完清掉回执上的 tally 字段（回执本身是记录，留着）。两种都是"事件"，下面说的删事件对回执就是清字段。
 *   - 归并：定时触发的云函数 tally 调 fold()。同一时刻只有一个归并在跑：状态文档 tallyState/fold 上的租约
 *     （持有者与到期时刻），拿不到租约的这次什么都不做。每批在一个事务里：读状态（确认租约仍是自己的）、
 *     读并写这批涉及的桶、把这批事件的 _id 记进状态的 folding、代数加一；提交之后才删这批事件，再清空 folding。
 *     提交前崩溃：事务被服务端回滚（最迟 30 秒），事件都还在；提交后、删除前崩溃：下一个拿到租约的先删
 *     folding 里的事件——它们已在桶里——再接着归并。两个归并重叠（租约过期后别人接手、原持有者还在跑）：
 *     原持有者的事务读到状态已不是自己的（或写状态时冲突）而放弃，不会加两次。
 *   - 读：桶 + 还没归并的事件 = 精确的此刻。读状态（代数 g 与 folding）→ 读事件 → 读桶 → 再读状态；
 *     两次代数相同说明期间没有批次提交，folding 里的事件已在桶里、不再加；代数变了就重读。
 */
import { randomBytes } from 'node:crypto'
import {
  eventIndex,
  foldedBuckets,
  nextFoldBatch,
  pendingDeltas,
  withPending,
  type TallyEvent,
  bucketId,
  mergeDeltas,
  type Scope,
  type TallyBucket,
  type TallyDelta,
} from '../../../src/core/tally'
import { COLLECTIONS, type CollectionName } from './collections'
import { bucketDoc, toBucket } from './documents'
import type { CloudDatabase, CollectionRef, Command, Data, Transaction } from './sdk'
import type { Transact } from './transaction'

const TALLY_EVENTS = COLLECTIONS.tallyEvents
const TALLY_STATE = COLLECTIONS.tallyState
const TALLIES = COLLECTIONS.tallies
const STATE_ID = 'fold'
/** 一批最多涉及的桶数：事务里每个桶一读一写，加上状态文档的一读一写，约 160 个请求，远在 30 秒的事务时限之内。 */
export const MAX_BUCKETS_PER_BATCH = 80
/**
 * 一次读出的事件条数，也是一批最多删的事件数。云函数里单次读取的上限各处文档说法不一（1000 或 100）：
 * 若只给 100 条，批次小一些，循环照样读到没有为止，结果相同。
 */
export const EVENTS_PER_READ = 500
/** 归并的租约：持有者崩溃后过了这么久别人才能接手；须长于归并函数的超时（60 秒，见 server/platform/wechat.ts 的 TIMEOUT_SECONDS_BY_FUNCTION）。 */
export const FOLD_LEASE_MS = 90_000
/** 一次归并最多跑这么久就不再开始新的一批，留出时间释放租约（函数超时 60 秒）。 */
export const FOLD_BUDGET_MS = 40_000
/** 读统计时代数变了的重读次数。 */
const STABLE_READ_ATTEMPTS = 6

export interface FoldOutcome {
  /** 这次归并进桶的事件数。 */
  folded: number
  /** 归并结束时还没归并的事件数。 */
  pending: number
  /** 别的归并正持有租约，这次什么都没做。 */
  busy: boolean
}

interface FoldState {
  holder: string | null
  leaseUntil: number
  generation: number
  folding: string[]
}

/** 事件日志要的那部分存储上下文（context.ts 建它时交进来）。 */
export interface TallyLogContext {
  db: CloudDatabase
  _(): Command
  coll(name: CollectionName): CollectionRef
  /** 冲突时退避重试的事务（与各端口共用的那一个）。 */
  transact: Transact
  /** 按 _id 分页读出一个查询的全部结果。 */
  readAll(name: CollectionName, condition?: Data): Promise<Data[]>
  /** 毫秒时钟（租约的到期时刻）；测试注入。 */
  now(): number
}

/**
 * 事件的两个来源。事件的 id 带上来源（"tallyEvents/…"、"noticeReads/…"），folding 里记的就是它。
 *   - tallyEvents：事件文档，增量在 deltas，范围在 scopes；归并完删掉。
 *   - noticeReads：自带增量的公告回执，增量与范围在 tally 字段里；归并完清掉 tally（回执留着）。
 */
type SourceName = 'tallyEvents' | 'noticeReads'
const SOURCES: readonly SourceName[] = ['tallyEvents', 'noticeReads']
const tallyFieldOf = (source: SourceName, doc: Data): Data => (source === 'tallyEvents' ? doc : ((doc.tally as Data | undefined) ?? {}))
const toEvent =
  (source: SourceName) =>
  (doc: Data): TallyEvent => ({
    id: `${source}/${String(doc._id)}`,
    deltas: ((tallyFieldOf(source, doc).deltas as Data[] | undefined) ?? []).map(toBucket),
  })
const sourceOf = (eventId: string): { source: SourceName; id: string } => {
  const slash = eventId.indexOf('/')
  return { source: eventId.slice(0, slash) as SourceName, id: eventId.slice(slash + 1) }
}

/** 公告回执上的 tally 字段：这次阅读的增量与它涉及的范围、月份（归并与读统计按它找待归并的回执）。 */
export function receiptTally(deltas: readonly TallyDelta[]): Data | null {
  const merged = mergeDeltas(deltas)
  return merged.length ? { deltas: merged.map(bucketDoc), ...eventIndex(merged) } : null
}
const toState = (doc: Data | null | undefined): FoldState => ({
  holder: (doc?.holder as string | null | undefined) ?? null,
  leaseUntil: (doc?.leaseUntil as number | undefined) ?? 0,
  generation: (doc?.generation as number | undefined) ?? 0,
  folding: (doc?.folding as string[] | undefined) ?? [],
})
const stateDoc = (s: FoldState): Data => ({ holder: s.holder, leaseUntil: s.leaseUntil, generation: s.generation, folding: s.folding })
const LOST_LEASE = Symbol('租约已被别人接手')

export function createTallyLog(ctx: TallyLogContext) {
  const { _ } = ctx
  /** 事件 _id：时刻在前（归并先处理早的），随机在后（同一毫秒也不相撞）。 */
  const newEventId = () => `${ctx.now().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`

  async function readState(): Promise<FoldState> {
    const { data } = await ctx.coll('tallyState').doc(STATE_ID).get()
    return toState(data)
  }

  /** 用户的事务里记下这次写入的增量；没有增量时什么都不写。 */
  async function record(tx: Transaction, deltas: readonly TallyDelta[]): Promise<void> {
    const merged = mergeDeltas(deltas)
    if (merged.length === 0) return
    await tx.collection(TALLY_EVENTS).add({ data: { _id: newEventId(), deltas: merged.map(bucketDoc), ...eventIndex(merged) } })
  }

  /** 一个来源里待归并的（scopes 为 null 时全部）。 */
  function pendingCondition(source: SourceName, scopes: readonly Scope[] | null): Data {
    if (source === 'tallyEvents') return scopes ? { scopes: _().in([...scopes]) } : {}
    return scopes ? { tally: { scopes: _().in([...scopes]) } } : { tally: _().exists(true) }
  }
  async function readPending(scopes: readonly Scope[] | null): Promise<TallyEvent[]> {
    const all = await Promise.all(SOURCES.map(async (source) => (await ctx.readAll(source, pendingCondition(source, scopes))).map(toEvent(source))))
    return all.flat()
  }

  /** 已归并的桶加上待归并的事件，取一个没有批次提交的瞬间（见文件头）。 */
  async function exact(readFolded: () => Promise<TallyBucket[]>, scopes: readonly Scope[] | null, months: readonly string[] | null): Promise<TallyBucket[]> {
    for (let attempt = 1; ; attempt++) {
      const before = await readState()
      const pending = await readPending(scopes)
      const folded = await readFolded()
      const after = await readState()
      if (before.generation === after.generation || attempt >= STABLE_READ_ATTEMPTS) {
        return withPending(folded, pendingDeltas(pending, scopes, months, new Set(before.folding)))
      }
    }
  }

  async function bucketsOf(scopes: readonly Scope[], months: readonly string[]): Promise<TallyBucket[]> {
    if (months.length === 0 || scopes.length === 0) return []
    const folded = async () => (await ctx.readAll('tallies', { scope: _().in([...scopes]), month: _().in([...months]) })).map(toBucket)
    // 事件按范围查（scopes 上有索引）；月份在内存里再筛。
    return exact(folded, scopes, months)
  }

  async function allBuckets(): Promise<TallyBucket[]> {
    return exact(async () => (await ctx.readAll('tallies')).map(toBucket), null, null)
  }

  async function pendingCount(): Promise<number> {
    const counts = await Promise.all(SOURCES.map(async (source) => (await ctx.coll(source).where(pendingCondition(source, null)).count()).total))
    return counts.reduce((a, b) => a + b, 0)
  }

  /** 删掉已归并的事件、清掉回执上的 tally（事务外，每个来源一个请求），再清空状态的 folding（只在租约仍是自己的时候）。 */
  async function finishBatch(holder: string, ids: readonly string[]) {
    const bySource = new Map<SourceName, string[]>()
    for (const eventId of ids) {
      const { source, id } = sourceOf(eventId)
      bySource.set(source, [...(bySource.get(source) ?? []), id])
    }
    for (const [source, docIds] of bySource) {
      const chosen = ctx.coll(source).where({ _id: _().in(docIds) })
      if (source === 'tallyEvents') await chosen.remove()
      else await chosen.update({ data: { tally: _().remove() } })
    }
    await ctx.transact(async (tx) => {
      const ref = tx.collection(TALLY_STATE).doc(STATE_ID)
      const state = toState((await ref.get()).data)
      if (state.holder !== holder) throw LOST_LEASE
      await ref.set({ data: stateDoc({ ...state, folding: [] }) })
    })
  }

  /** 拿租约：没人持有、已过期或本来就是自己的才拿得到；拿到时交回当时的状态。 */
  async function acquire(holder: string): Promise<FoldState | null> {
    let acquired: FoldState | null = null
    await ctx.transact(async (tx) => {
      const ref = tx.collection(TALLY_STATE).doc(STATE_ID)
      const state = toState((await ref.get()).data)
      const now = ctx.now()
      if (state.holder && state.holder !== holder && state.leaseUntil > now) {
        acquired = null
        return
      }
      acquired = { ...state, holder, leaseUntil: now + FOLD_LEASE_MS }
      await ref.set({ data: stateDoc(acquired) })
    })
    return acquired
  }

  async function release(holder: string) {
    await ctx.transact(async (tx) => {
      const ref = tx.collection(TALLY_STATE).doc(STATE_ID)
      const state = toState((await ref.get()).data)
      if (state.holder === holder) await ref.set({ data: stateDoc({ ...state, holder: null, leaseUntil: 0 }) })
    })
  }

  /** 一批：在一个事务里把这批事件加进桶、记下 folding、代数加一（见文件头）。 */
  async function foldBatch(holder: string, generation: number, batch: ReturnType<typeof nextFoldBatch>) {
    const ids = batch.events.map((e) => e.id)
    await ctx.transact(async (tx) => {
      const stateRef = tx.collection(TALLY_STATE).doc(STATE_ID)
      const state = toState((await stateRef.get()).data)
      // 代数也要是自己上一批之后的：哪怕两个归并都以为自己持有租约（时钟不准），后提交的也会发现这批可能已被加过而放弃。
      if (state.holder !== holder || state.generation !== generation || state.folding.length > 0) throw LOST_LEASE
      // 桶在事务里读：别人（升级期间的旧版本函数、统计改正）改过的桶会让这次写冲突，而不是被旧值覆盖。
      const current: TallyBucket[] = []
      for (const d of batch.deltas) {
        const { data } = await tx.collection(TALLIES).doc(bucketId(d)).get()
        if (data) current.push(toBucket(data))
      }
      const { write, remove } = foldedBuckets(current, batch.deltas)
      for (const b of write)
        await tx
          .collection(TALLIES)
          .doc(bucketId(b))
          .set({ data: bucketDoc(b) })
      for (const k of remove) await tx.collection(TALLIES).doc(bucketId(k)).remove()
      await stateRef.set({ data: stateDoc({ ...state, generation: state.generation + 1, folding: ids, leaseUntil: ctx.now() + FOLD_LEASE_MS }) })
    })
    await finishBatch(holder, ids)
  }

  /**
   * 归并：拿到租约后先收拾上一个持有者提交了却没删完的一批，再一批批归并，直到没有事件或用完时间。
   * budgetMs 之后不再开始新的一批。
   */
  async function fold({ budgetMs = FOLD_BUDGET_MS }: { budgetMs?: number } = {}): Promise<FoldOutcome> {
    // 空转是常态（定时每 5 分钟一次）：没有事件就只花这一次读，不拿租约。
    // （提交后没删完的那一批也还是事件，不会被这一步漏掉。）
    const heads = await Promise.all(SOURCES.map((source) => ctx.coll(source).where(pendingCondition(source, null)).limit(1).get()))
    if (heads.every(({ data }) => data.length === 0)) return { folded: 0, pending: 0, busy: false }
    const holder = randomBytes(8).toString('hex')
    const started = ctx.now()
    const state = await acquire(holder)
    if (!state) return { folded: 0, pending: await pendingCount(), busy: true }
    let folded = 0
    let generation = state.generation
    try {
      if (state.folding.length) await finishBatch(holder, state.folding)
      while (ctx.now() - started < budgetMs) {
        const found = await Promise.all(
          SOURCES.map(async (source) =>
            (await ctx.coll(source).where(pendingCondition(source, null)).orderBy('_id', 'asc').limit(EVENTS_PER_READ).get()).data.map(toEvent(source)),
          ),
        )
        const candidates = found.flat()
        if (candidates.length === 0) break
        const batch = nextFoldBatch(candidates.slice(0, EVENTS_PER_READ), MAX_BUCKETS_PER_BATCH)
        await foldBatch(holder, generation, batch)
        generation += 1
        folded += batch.events.length
      }
      await release(holder)
    } catch (error) {
      if (error !== LOST_LEASE) throw error
    }
    return { folded, pending: await pendingCount(), busy: false }
  }

  return { record, bucketsOf, allBuckets, pendingCount, fold }
}

export type TallyLog = ReturnType<typeof createTallyLog>
