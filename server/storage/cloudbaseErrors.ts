/**
 * 认出云开发数据库的两种错误。wx-server-sdk 的错误转换（maybeTransformError）只留下 errCode 与 message：
 * 事务写冲突到适配器手里是 errCode -501001（"系统错误"，什么都可能是），字符串 code
 * DATABASE_TRANSACTION_CONFLICT 已经没了——所以只能按 message 认。
 */

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
