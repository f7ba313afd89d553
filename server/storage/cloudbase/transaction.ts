/**
 * 云开发的事务：冲突时退避重试的唯一入口（transact），与认出数据库的两种错误。
 *
 * 认出云开发数据库的两种错误。wx-server-sdk 的错误转换（maybeTransformError）只留下 errCode 与 message：
 * 事务写冲突到适配器手里是 errCode -501001（"系统错误"，什么都可能是），字符串 code
 * DATABASE_TRANSACTION_CONFLICT 已经没了——所以只能按 message 认。
 */
import type { CloudDatabase, Transaction } from './sdk'

const textOf = (error: unknown): string => {
  if (typeof error === 'string') return error
  const e = error as { message?: unknown; errMsg?: unknown } | null | undefined
  return `${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`
}

/**
 * 事务冲突：message 里有 [ResourceUnavailable.TransactionConflict]（经 wx-server-sdk 后唯一的线索）；
 * 也认 @cloudbase/database 自己的 code（提交时的冲突不经转换，原样带着它）。
 */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code
  return code === 'DATABASE_TRANSACTION_CONFLICT' || textOf(error).includes('TransactionConflict')
}

/** 唯一索引冲突：message 里有 E11000（经 wx-server-sdk 为 errCode -502001）。 */
export function isDuplicateKey(error: unknown): boolean {
  return textOf(error).includes('E11000')
}

/**
 * 请求被套餐的配额挡下（每秒请求数或同时连接数超出）：wx-server-sdk 的 TCB_ERR_CODE 里是
 * EXCEED_REQUEST_LIMIT（-501003）与 EXCEED_CONCURRENT_REQUEST_LIMIT（-501004）。被挡下的请求没有执行，重发是安全的。
 */
export function isRequestLimited(error: unknown): boolean {
  const e = error as { errCode?: unknown; code?: unknown } | null | undefined
  if (e?.errCode === -501003 || e?.errCode === -501004) return true
  if (e?.code === 'EXCEED_REQUEST_LIMIT' || e?.code === 'EXCEED_CONCURRENT_REQUEST_LIMIT') return true
  return /RequestLimitExceeded|exceed (concurrent )?request limit/i.test(textOf(error))
}

export interface CloudbaseStoreOptions {
  /** 事务冲突后的最多重试次数（SDK 自己只立即重试 3 次，同楼同时提交会用完）。 */
  conflictRetries?: number
  /** 第 n 次重试前等待的毫秒数；带抖动，让冲突的几方错开。 */
  backoff?: (attempt: number) => number
  /** 毫秒时钟（统计归并的租约，见 tallyLog.ts）；测试注入。 */
  now?: () => number
  /** 请求被配额挡下后的最多重发次数（见 requestRetry.ts）。 */
  limitRetries?: number
  /** 第 n 次重发前等待的毫秒数。 */
  limitBackoff?: (attempt: number) => number
}

/**
 * 指数退避加全抖动：第 n 次等 0 到 min(400, 8·2ⁿ) 毫秒。同楼同月的提交都要加同几个桶，
 * 线性退避在真实网络延迟下 12 路并发会用完 10 次重试（协作者实测 11/12）；指数退避把冲突的几方摊开，
 * 14 次重试的期望等待约 1.5 s，在云函数的超时（部署时设为 10 s，见 README）之内。
 */
const defaultBackoff = (attempt: number) => Math.round(Math.random() * Math.min(400, 8 * 2 ** attempt))

export type Transact = (run: (tx: Transaction) => Promise<void>) => Promise<void>

/**
 * 事务冲突时退避重试；开始或提交事务的请求被配额挡下时（事务没开成或没提交，SDK 已回滚）同样重来。
 * 其他错误原样抛出。
 */
export function createTransact(db: CloudDatabase, options: CloudbaseStoreOptions = {}): Transact {
  const retries = options.conflictRetries ?? 14
  const backoff = options.backoff ?? defaultBackoff
  return async function transact(run) {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.runTransaction(run, 1)
        return
      } catch (error) {
        if (!(isTransactionConflict(error) || isRequestLimited(error)) || attempt > retries) throw error
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)))
      }
    }
  }
}
