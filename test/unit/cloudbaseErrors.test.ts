/**
 * 云开发错误的识别，用的是真 SDK 交出来的形状（取自 wx-server-sdk 4.0.2 经执行器的实测，
 * 见 test/functions/cloudbase-executor.test.ts）。
 */
import { isDuplicateKey, isTransactionConflict } from '../../server/storage/cloudbase/transaction'

/** wx-server-sdk 的 toSDKError 造出的错误：Error，带 errCode 与 errMsg，没有 code。 */
function sdkError(apiName: string, errCode: number, codeText: string, serverMessage: string) {
  const message = `${apiName}:fail ${errCode} ${codeText}. ${serverMessage}`
  return Object.assign(new Error(message), { errCode, errMsg: message })
}

const CONFLICT = sdkError(
  'document.set',
  -501001,
  'resource system error',
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
)
const DUPLICATE = sdkError(
  'collection.add',
  -502001,
  'database request fail',
  'E11000 duplicate key error collection: reports index: reporterId_requestId_unique dup key: { wang, req-1 }',
)
/** 提交时的失败不经转换：请求层抛的 TcbError 原样到达，code 还在。 */
const COMMIT_CONFLICT = Object.assign(new Error('database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT', requestId: 'r1' })
const NETWORK = sdkError('collection.get', -501001, 'resource system error', 'getaddrinfo ENOTFOUND tcb-api.tencentcloudapi.com')

describe('云开发错误识别', () => {
  it('事务冲突：认 message 里的 TransactionConflict（errCode 只是 -501001），也认原样的 code', () => {
    expect(isTransactionConflict(CONFLICT)).toBe(true)
    expect(isTransactionConflict(COMMIT_CONFLICT)).toBe(true)
    expect(isTransactionConflict(DUPLICATE)).toBe(false)
    // 同为 -501001 的网络故障不是冲突：不能按 errCode 认。
    expect(isTransactionConflict(NETWORK)).toBe(false)
    expect(isTransactionConflict(undefined)).toBe(false)
    expect(isTransactionConflict('状态已变')).toBe(false)
  })

  it('唯一键重复：认 E11000', () => {
    expect(isDuplicateKey(DUPLICATE)).toBe(true)
    expect(isDuplicateKey(CONFLICT)).toBe(false)
    expect(isDuplicateKey(NETWORK)).toBe(false)
    expect(isDuplicateKey(null)).toBe(false)
  })
})
