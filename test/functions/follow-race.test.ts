/**
 * "我也遇到"与隐藏 / 合并为重复同时发生：两种存储上，两种先后都按确定的次序交错（不靠等待），
 * 之后关注人次的桶等于从原始记录的重算，隐藏或重复的报事上不留关注。
 * 交错的办法：包一层存储，在一方的写入真正落下之前，先把另一方整个做完。
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createFunctions, storePorts, type AllStorePorts } from '../../server/functions'
import { createLocalPlatform } from '../../server/platform/local'
import { createTextLogger } from '../../server/platform/logger'
import { createCloudbaseStore } from '../../server/storage/cloudbase'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { ReportStore } from '../../src/core/reports'
import { recountAll, type TallyMaintenance } from '../../src/core/recount'
import { seedDirectory, sortedLines } from '../contract/harness'
import { aReport, countingIds, memberOf } from '../samples'
import { openCloudbaseHarness } from '../support/cloudbaseHarness'
import type { Reply } from './fixture'

type Store = AllStorePorts & Pick<TallyMaintenance, 'allBuckets' | 'rawRecords'>

const adapters: [string, () => Promise<{ store: Store; dispose: () => void }>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'loushi-race-'))
      const store = openSqliteStore(path.join(dir, 'race.db'))
      return { store, dispose: () => (store.close(), rmSync(dir, { recursive: true, force: true })) }
    },
  ],
  [
    '云开发',
    async () => {
      const h = openCloudbaseHarness()
      return { store: createCloudbaseStore(h.db, { backoff: () => 1 }) as Store, dispose: h.dispose }
    },
  ],
]

/** 一次插队：在 reports 的某个写入方法第一次满足条件时，先跑 before，再让这次写入落下。 */
interface Cut {
  method: 'addFollower' | 'changeStatus'
  when: (...args: never[]) => boolean
  before: () => Promise<unknown>
}

async function setUp(open: () => Promise<{ store: Store; dispose: () => void }>) {
  const { store, dispose } = await open()
  await seedDirectory(store)
  await store.addMember(memberOf('rep_li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
  const cuts: Cut[] = []
  // 报事存储包一层：方法照旧交给真存储，只在插队的那一刻先做完另一方。
  const reports = Object.create(store) as ReportStore
  for (const method of ['addFollower', 'changeStatus'] as const) {
    const real = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>
    Object.defineProperty(reports, method, {
      value: async (...args: unknown[]) => {
        const i = cuts.findIndex((c) => c.method === method && (c.when as (...a: unknown[]) => boolean)(...args))
        if (i >= 0) await cuts.splice(i, 1)[0].before()
        return real(...args)
      },
    })
  }
  const fns = createFunctions({
    ...storePorts(store),
    reports,
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
    ids: countingIds('r'),
    platform: createLocalPlatform({ dataDir: tmpdir(), publicBaseUrl: 'http://127.0.0.1:8787', logMessages: false }),
    logger: createTextLogger(() => undefined),
  })
  const call = async (name: 'reports' | 'handling', openid: string, action: string, payload: unknown) =>
    (await fns[name]({ action, payload }, { openid })) as Reply
  const file = async (openid: string) => {
    const reply = await call('reports', openid, 'submit', aReport())
    if (reply.code !== 'OK') throw new Error(reply.message)
    return reply.data.report.id as string
  }
  const follow = (openid: string, reportId: string) => call('reports', openid, 'follow', { reportId })
  let serial = 0
  const act = (reportId: string, action: 'hide' | 'merge', mergeInto?: string) =>
    call('handling', 'rep_li', 'act', {
      reportId,
      requestId: `race-act-${String(++serial).padStart(4, '0')}`,
      action,
      expectedStatus: 'pending',
      note: action === 'hide' ? '含有住户的电话号码' : '同一个问题',
      ...(mergeInto && { mergeInto }),
    })
  const followersOf = async (reportId: string) => [(await store.reportById(reportId))?.followers, (await store.followersOf(reportId)).sort()]
  const expectTalliesMatchRecount = async () => expect(sortedLines(await store.allBuckets())).toEqual(sortedLines(recountAll(await store.rawRecords())))
  const followerBucket = async () => (await store.allBuckets()).filter((b) => b.metric === 'report.followers').reduce((n, b) => n + b.count, 0)
  return { store, dispose, cuts, file, follow, act, followersOf, expectTalliesMatchRecount, followerBucket }
}

describe.each(adapters)('我也遇到与隐藏、合并同时发生：%s', (_name, open) => {
  let t: Awaited<ReturnType<typeof setUp>>
  beforeEach(async () => {
    t = await setUp(open)
  })
  afterEach(() => t.dispose())

  it('居民读到报事还在、写下关注之前报事被隐藏：关注不落下、答明原因，关注人次与重算相同', async () => {
    const id = await t.file('wang')
    expect((await t.follow('li', id)).code).toBe('OK')
    t.cuts.push({ method: 'addFollower', when: ((f: { openid: string }) => f.openid === 'zhao') as never, before: () => t.act(id, 'hide') })
    const reply = await t.follow('zhao', id)
    expect(t.cuts).toHaveLength(0)
    expect(reply).toMatchObject({ code: 'INVALID', message: '这条报事已隐藏，不能再关注；问题还在的话请重新报事' })
    expect((await t.store.reportById(id))?.status).toBe('hidden')
    expect(await t.followersOf(id)).toEqual([1, ['li']])
    expect(await t.followerBucket()).toBe(0)
    await t.expectTalliesMatchRecount()
  })

  it('居民读到报事还在、写下关注之前报事被并为重复：关注不落下，原报事的人转到留下的那条，关注人次与重算相同', async () => {
    const kept = await t.file('qian')
    const dup = await t.file('wang')
    t.cuts.push({ method: 'addFollower', when: ((f: { openid: string }) => f.openid === 'zhao') as never, before: () => t.act(dup, 'merge', kept) })
    const reply = await t.follow('zhao', dup)
    expect(t.cuts).toHaveLength(0)
    expect(reply).toMatchObject({ code: 'INVALID', message: '这条报事已合并为重复，不能再关注；问题还在的话请重新报事' })
    expect(await t.followersOf(dup)).toEqual([0, []])
    expect(await t.followersOf(kept)).toEqual([1, ['wang']])
    expect(await t.followerBucket()).toBe(1)
    await t.expectTalliesMatchRecount()
  })

  it('代表读到关注人数、写下隐藏之前又有人关注：隐藏减去的是此刻的全部关注者，关注人次与重算相同', async () => {
    const id = await t.file('wang')
    expect((await t.follow('li', id)).code).toBe('OK')
    t.cuts.push({ method: 'changeStatus', when: ((c: { to: string }) => c.to === 'hidden') as never, before: () => t.follow('zhao', id) })
    expect((await t.act(id, 'hide')).code).toBe('OK')
    expect(t.cuts).toHaveLength(0)
    // 关注在隐藏之前落下（那时报事还在），隐藏把两位都减去。
    expect(await t.followersOf(id)).toEqual([2, ['li', 'zhao']])
    expect(await t.followerBucket()).toBe(0)
    await t.expectTalliesMatchRecount()
  })

  it('代表读到关注人数、写下合并之前又有人关注：新来的关注者也转到留下的那条，关注人次与重算相同', async () => {
    const kept = await t.file('qian')
    const dup = await t.file('wang')
    t.cuts.push({ method: 'changeStatus', when: ((c: { to: string }) => c.to === 'duplicate') as never, before: () => t.follow('zhao', dup) })
    expect((await t.act(dup, 'merge', kept)).code).toBe('OK')
    expect(t.cuts).toHaveLength(0)
    expect(await t.followersOf(kept)).toEqual([2, ['wang', 'zhao']])
    expect(await t.followerBucket()).toBe(2)
    await t.expectTalliesMatchRecount()
  })
})
