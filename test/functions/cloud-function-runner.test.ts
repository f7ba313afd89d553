/**
 * 函数运行器（test/support/cloudFunctionRunner.ts）：部署后的入口、平台的超时与同时执行数，
 * 以及"超时被结束的函数让它的事务一直开着"——全程经真的 wx-server-sdk 与执行器。
 */
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import { TRANSACTION_TIMEOUT_MS, type ExecutorOptions } from '../support/cloudbaseExecutor'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import { createCloudFunctionRunner, DEFAULT_FUNCTION_TIMEOUT_MS, type RunnerOptions } from '../support/cloudFunctionRunner'
import { aReport, memberOf } from '../samples'

const REP = 'rep_li'
const RESIDENT = 'resident_wang'

async function openRunner(executorOptions: ExecutorOptions = {}, runnerOptions: Partial<RunnerOptions> = {}) {
  const h = openCloudbaseHarness(executorOptions)
  const store = createCloudbaseStore(h.db, { backoff: () => 1 })
  await store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS })
  await store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
  await store.addMember(memberOf(REP, { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
  const runner = createCloudFunctionRunner({ store, ...runnerOptions })
  const publish = async () => {
    const outcome = await runner.call('notices', REP, 'publish', {
      requestId: 'publish-1',
      communityId: 'c1',
      target: { scope: 'buildings', buildingCodes: ['CHY1'] },
      title: '停水通知',
      body: '明天上午 9 点到 12 点停水',
      images: [],
      pinned: false,
      expiresOn: null,
    })
    if (outcome.kind !== 'replied' || outcome.reply.code !== 'OK') throw new Error(`发布失败：${JSON.stringify(outcome)}`)
    return (outcome.reply.data as { id: string }).id
  }
  return { ...h, store, runner, publish }
}

describe('云函数运行器', () => {
  it('走部署后的入口：身份取自这次调用，数据库请求都记在这次调用名下', async () => {
    const { runner, executor, publish, dispose } = await openRunner()
    const noticeId = await publish()
    executor.resetStats()
    const landing = await runner.call('account', RESIDENT, 'landing', { buildingCode: 'CHY1' })
    const read = await runner.call('notices', RESIDENT, 'read', { noticeId, buildingCode: 'CHY1' })
    expect(landing).toMatchObject({ kind: 'replied', reply: { code: 'OK' } })
    expect(read).toMatchObject({ kind: 'replied', reply: { code: 'OK', data: { id: noticeId, title: '停水通知' } } })
    // 阅读记在调用者名下：身份确实取自这次调用。
    expect(executor.documents('noticeReads').map((d) => d.openid)).toEqual([RESIDENT])
    expect(landing.invocation.requests).toBeGreaterThan(0)
    expect(read.invocation.requests).toBeGreaterThan(0)
    expect(landing.invocation.requests + read.invocation.requests).toBe(executor.stats().requests)
    expect(runner.stats()).toMatchObject({ invocations: 3, timedOut: 0, refused: 0, peakConcurrent: 1 })
    dispose()
  })

  it('超时：调用方拿到平台的超时错误；被结束的函数不再完成任何请求，它开着的事务持锁到 30 秒时限', async () => {
    let now = 1_000_000
    // 报事的事务里写报事的那个请求很慢：函数在它回来之前就超时了（请求已发出，数据库照样执行并加锁）。
    let slowInserts = false
    const { runner, executor, dispose } = await openRunner(
      { now: () => now, latencyMs: (action) => (slowInserts && action === 'database.insertDocument' ? 400 : 0) },
      { timeoutsMs: { reports: 100 } },
    )
    slowInserts = true
    const report = aReport({ requestId: 'req-killed-1' })
    const submitted = await runner.call('reports', RESIDENT, 'submit', report)
    expect(submitted.kind).toBe('timeout')
    if (submitted.kind !== 'timeout') throw new Error('应当超时')
    expect(submitted.error.errCode).toBe(-504003)
    expect(submitted.error.errMsg).toBe('cloud.callFunction:fail -504003 Invoking task timed out after 0.1 seconds')
    expect(submitted.invocation.killed).toBe(true)

    await new Promise((resolve) => setTimeout(resolve, 500))
    // 那个写已在数据库里执行（事务开着、持锁），回答却永远到不了函数：事务既不提交也不回滚。
    const requestsAfterKill = submitted.invocation.requests
    expect(executor.openTransactions()).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(submitted.invocation.requests).toBe(requestsAfterKill)
    expect(executor.documents('reports')).toEqual([])
    expect(runner.stats()).toMatchObject({ timedOut: 1 })

    now += TRANSACTION_TIMEOUT_MS
    expect(executor.openTransactions()).toEqual([])
    slowInserts = false
    // 居民重试同一个请求编号：这次存下，只一条。
    expect(await runner.call('reports', RESIDENT, 'submit', report)).toMatchObject({ kind: 'replied', reply: { code: 'OK' } })
    expect(executor.documents('reports')).toHaveLength(1)
    dispose()
  })

  it('同时执行的调用数到了上限：再来的调用被拒绝，函数不执行', async () => {
    const { runner, executor, dispose } = await openRunner({ latencyMs: () => 30 }, { concurrency: 2 })
    executor.resetStats()
    const outcomes = await Promise.all([1, 2, 3].map((i) => runner.call('account', `resident_${i}`, 'landing', { buildingCode: 'CHY1' })))
    expect(outcomes.map((o) => o.kind)).toEqual(['replied', 'replied', 'refused'])
    const refused = outcomes[2]
    if (refused.kind !== 'refused') throw new Error('应当被拒绝')
    expect(refused.error.errCode).toBe(-504002)
    expect(refused.error.errMsg).toContain('ResourceLimitReached')
    expect(refused.invocation.requests).toBe(0)
    expect(runner.stats()).toMatchObject({ invocations: 3, refused: 1, peakConcurrent: 2 })
    dispose()
  })

  it('每个函数的超时：没设的是平台默认的 3 秒', async () => {
    const { runner, dispose } = await openRunner({}, { timeoutsMs: { reports: 10_000 } })
    const table = runner.timeouts()
    expect(table.reports).toBe(10_000)
    expect(table.notices).toBe(DEFAULT_FUNCTION_TIMEOUT_MS)
    expect(Object.keys(table).sort()).toEqual(['account', 'admin', 'handling', 'notices', 'reports', 'stats', 'summary', 'surveys', 'worklog'])
    dispose()
  })
})
