/**
 * 演示模式：身份切换条让任何访客变成业主代表，只该在本机演示里存在。
 * 宿主关掉演示模式时身份切换与发件箱都不在；npm start 在非回环地址上不肯开演示模式，除非明说。
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decideDemoMode, isLoopback } from '../../server/host/demoMode'
import { startTestHost, type TestHost } from '../support/testHost'

describe('演示模式的决定', () => {
  it('回环地址上默认开；局域网地址上拒绝，除非明说；LOUSHI_DEMO=0 随处可用', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '192.168.1.5', '127.0.0.1.evil.example', ''].some(isLoopback)).toBe(false)
    expect(decideDemoMode('127.0.0.1', {})).toEqual({ demo: true, refusal: null })
    expect(decideDemoMode('0.0.0.0', {})).toMatchObject({ demo: true, refusal: expect.stringContaining('不能开在 0.0.0.0 上') })
    expect(decideDemoMode('0.0.0.0', { LOUSHI_DEMO_ON_NETWORK: '1' })).toEqual({ demo: true, refusal: null })
    expect(decideDemoMode('0.0.0.0', { LOUSHI_DEMO: '0' })).toEqual({ demo: false, refusal: null })
  })

  it('npm start 的入口在 0.0.0.0 上开演示模式：以 2 退出，说明怎么办，不监听', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'loushi-demo-'))
    try {
      const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'server/host/main.ts'], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, HOST: '0.0.0.0', PORT: '0', LOUSHI_DATA_DIR: dataDir, LOUSHI_H5_DIR: path.join(dataDir, 'none') },
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('LOUSHI_DEMO_ON_NETWORK=1')
      expect(run.stdout).not.toContain('已启动')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 40_000)
})

describe('关掉演示模式的宿主', () => {
  let host: TestHost
  let base: string
  beforeAll(async () => {
    host = await startTestHost({ prefix: 'loushi-nodemo-', demo: false })
    base = host.base
  })
  afterAll(() => host.stop())

  it('没有身份切换与发件箱（404 与中文原因）；访客仍是访客，函数照常', async () => {
    for (const [method, route] of [['GET', '/api/local/identities'], ['POST', '/api/local/identity'], ['GET', '/api/local/outbox']] as const) {
      const res = await fetch(`${base}${route}`, { method, body: method === 'POST' ? JSON.stringify({ key: 'rep1' }) : undefined })
      expect(res.status).toBe(404)
      expect((await res.json()).message).toBe('演示身份与发件箱只在演示模式下可用')
    }
    const me = await fetch(`${base}/api/fn/account`, { method: 'POST', body: JSON.stringify({ action: 'me', payload: {} }) })
    expect(await me.json()).toMatchObject({ code: 'OK', data: { roles: [], managedBuildingCodes: [] } })
    expect(host.store.db.prepare('SELECT COUNT(*) AS n FROM memberships').get()).toEqual({ n: 0 })
  })
})
