/**
 * 演示模式：身份切换条让任何访客变成业主代表，只该在本机演示里存在。
 * 宿主关掉演示模式时身份切换与发件箱都不在；npm start 在非回环地址上不肯开演示模式，除非明说。
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decideDemoMode, demoHostnames, FORWARDED_MESSAGE, isDemoHostAllowed, isLoopback, MISDIRECTED_MESSAGE } from '../../server/host/demoMode'
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
    for (const [method, route] of [
      ['GET', '/api/local/identities'],
      ['POST', '/api/local/identity'],
      ['GET', '/api/local/outbox'],
    ] as const) {
      const res = await fetch(`${base}${route}`, { method, body: method === 'POST' ? JSON.stringify({ key: 'rep1' }) : undefined })
      expect(res.status).toBe(404)
      expect((await res.json()).message).toBe('演示身份与发件箱只在演示模式下可用')
    }
    const me = await fetch(`${base}/api/fn/account`, { method: 'POST', body: JSON.stringify({ action: 'me', payload: {} }) })
    expect(await me.json()).toMatchObject({ code: 'OK', data: { roles: [], managedBuildingCodes: [] } })
    expect(host.store.db.prepare('SELECT COUNT(*) AS n FROM memberships').get()).toEqual({ n: 0 })
  })
})

/** 原样发一个请求，Host 头由测试给出（DNS 重绑定时浏览器发的是攻击者的域名）。 */
function requestWithHost(
  port: number,
  method: string,
  route: string,
  hostHeader: string | null,
  body = '',
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...extraHeaders }
    const req = http.request({ host: '127.0.0.1', port, method, path: route, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    if (hostHeader !== null) req.setHeader('host', hostHeader)
    req.on('error', reject)
    req.end(body)
  })
}

describe('演示模式的宿主只答本机的 Host（防 DNS 重绑定）', () => {
  let host: TestHost
  beforeAll(async () => {
    host = await startTestHost({ prefix: 'loushi-demo-host-', demo: true })
  })
  afterAll(() => host.stop())

  const ROUTES: [string, string, string][] = [
    ['GET', '/api/local/identities', ''],
    ['POST', '/api/local/identity', JSON.stringify({ key: 'rep1' })],
    ['GET', '/api/local/outbox', ''],
    ['POST', '/api/fn/account', JSON.stringify({ action: 'me', payload: {} })],
    ['GET', '/healthz', ''],
    ['GET', '/b/CHY1', ''],
  ]

  it.each(['evil.example', 'evil.example:80', '127.0.0.1.evil.example', 'localhost.evil.example', '192.168.1.5'])(
    'Host: %s → 每个路由都 421，身份没切换',
    async (name) => {
      for (const [method, route, body] of ROUTES) {
        const res = await requestWithHost(host.port, method, route, name.includes(':') ? name : `${name}:${host.port}`, body)
        expect({ route, status: res.status }).toEqual({ route, status: 421 })
        expect(JSON.parse(res.body).message).toBe(MISDIRECTED_MESSAGE)
      }
      expect(host.store.db.prepare('SELECT COUNT(*) AS n FROM local_sessions').get()).toEqual({ n: 0 })
    },
  )

  // nginx 的 proxy_pass 默认把 Host 改成 127.0.0.1:端口；代理与隧道加上转发头。公网上的人不能经它切换成代表。
  it.each([
    ['X-Forwarded-For', '203.0.113.7'],
    ['X-Real-IP', '203.0.113.7'],
    ['Forwarded', 'for=203.0.113.7;proto=https'],
    ['X-Forwarded-Host', 'demo.example.com'],
    ['X-Forwarded-Proto', 'https'],
    ['Via', '1.1 proxy'],
  ])('经反向代理来的请求（带 %s，Host 已改成本机）：每个路由都 403，身份没切换、没有会话', async (header, value) => {
    for (const [method, route, body] of ROUTES) {
      const res = await requestWithHost(host.port, method, route, `127.0.0.1:${host.port}`, body, { [header]: value })
      expect({ route, status: res.status }).toEqual({ route, status: 403 })
      expect(JSON.parse(res.body).message).toBe(FORWARDED_MESSAGE)
    }
    expect(host.store.db.prepare('SELECT COUNT(*) AS n FROM local_sessions').get()).toEqual({ n: 0 })
  })

  it('没有 Host 头也不答（Node 自己先答 400）', async () => {
    expect([400, 421]).toContain((await requestWithHost(host.port, 'GET', '/api/local/outbox', null)).status)
  })

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('Host: %s:<端口> 照常', async (name) => {
    const res = await requestWithHost(host.port, 'GET', '/api/local/identities', `${name}:${host.port}`)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body).identities.length).toBeGreaterThan(1)
  })

  it('LOUSHI_DEMO_ON_NETWORK=1 时另外只认 LOUSHI_PUBLIC_URL 的主机名', () => {
    expect(demoHostnames({})).toEqual([])
    expect(demoHostnames({ LOUSHI_PUBLIC_URL: 'http://192.168.1.5:8787' })).toEqual([])
    expect(demoHostnames({ LOUSHI_DEMO_ON_NETWORK: '1', LOUSHI_PUBLIC_URL: 'http://192.168.1.5:8787' })).toEqual(['192.168.1.5'])
    expect(demoHostnames({ LOUSHI_DEMO_ON_NETWORK: '1', LOUSHI_PUBLIC_URL: 'http://Demo.Local:8787/' })).toEqual(['demo.local'])
    expect(demoHostnames({ LOUSHI_DEMO_ON_NETWORK: '1', LOUSHI_PUBLIC_URL: '不是地址' })).toEqual([])
    expect(isDemoHostAllowed('192.168.1.5:8787', ['192.168.1.5'])).toBe(true)
    expect(isDemoHostAllowed('192.168.1.6:8787', ['192.168.1.5'])).toBe(false)
    expect(isDemoHostAllowed('localhost:8787', [])).toBe(true)
    expect(isDemoHostAllowed(undefined, [])).toBe(false)
  })
})

describe('局域网演示：允许的 Host 由 LOUSHI_PUBLIC_URL 给出', () => {
  let host: TestHost
  beforeAll(async () => {
    host = await startTestHost({ prefix: 'loushi-demo-lan-', demo: true, demoHostnames: ['192.168.1.5'] })
  })
  afterAll(() => host.stop())

  it('手机用局域网地址访问照常，别的名字 421；明说了局域网演示时经代理来的也照常', async () => {
    expect((await requestWithHost(host.port, 'GET', '/healthz', `192.168.1.5:${host.port}`)).status).toBe(200)
    expect((await requestWithHost(host.port, 'GET', '/healthz', `192.168.1.5:${host.port}`, '', { 'X-Forwarded-For': '192.168.1.20' })).status).toBe(200)
    expect((await requestWithHost(host.port, 'GET', '/healthz', `evil.example:${host.port}`)).status).toBe(421)
  })
})
