/**
 * 基准的"地板"：不用宿主、函数外壳、校验与用例，只有 node:http + better-sqlite3（WAL，synchronous=NORMAL），
 * 与宿主答同样的两条路由（/api/local/identities 发 Cookie，POST /api/fn/reports 报事），每条报事在一个事务里
 * 写同样的一行报事（按（报事人，请求编号）只插一次）与同样的统计桶增量（deltasForNewReport 的那几个桶，逐条 upsert）。
 * 表只有这两件事要的键：报事的主键与（报事人，请求编号）唯一键，桶的主键。它是"这台机器上用 SQLite 报一条事至少要花多少"。
 *
 * 由 scripts/bench/http.ts 以子进程启动：node --import tsx scripts/bench/floor.ts <数据目录>，起来后在 stdout 打一行
 * "地板已启动：http://127.0.0.1:<端口>"。
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { deltasForNewReport } from '../../src/core/reports/tallySource'
import type { Report } from '../../src/core/reports'
import { monthOf } from '../../src/core/shared/time'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('用法：floor.ts <数据目录>')
const db = new Database(path.join(dataDir, 'floor.db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec(`
  CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, community_id TEXT NOT NULL, building_id TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL,
    text TEXT NOT NULL, location TEXT NOT NULL, anonymous INTEGER NOT NULL, photos TEXT NOT NULL, status TEXT NOT NULL,
    reporter_id TEXT NOT NULL, request_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, month TEXT NOT NULL,
    urgency TEXT NOT NULL, contact_phone TEXT NOT NULL, assignee TEXT, merged_into TEXT, followers INTEGER NOT NULL,
    UNIQUE (reporter_id, request_id)
  );
  CREATE TABLE IF NOT EXISTS tally_buckets (
    scope TEXT NOT NULL, month TEXT NOT NULL, metric TEXT NOT NULL, count INTEGER NOT NULL, sum INTEGER NOT NULL,
    PRIMARY KEY (scope, month, metric)
  ) WITHOUT ROWID;
`)
const insert = db.prepare(
  `INSERT INTO reports (id, community_id, building_id, kind, category, text, location, anonymous, photos, status, reporter_id, request_id, created_at, updated_at, month,
     urgency, contact_phone, assignee, merged_into, followers)
   VALUES (@id, @communityId, @buildingId, @kind, @category, @text, @location, @anonymous, @photos, 'pending', @reporterId, @requestId, @createdAt, @createdAt, @month,
     @urgency, @contactPhone, NULL, NULL, 0)
   ON CONFLICT(reporter_id, request_id) DO NOTHING`,
)
const existing = db.prepare<[string, string], { id: string }>('SELECT id FROM reports WHERE reporter_id = ? AND request_id = ?')
const upsert = db.prepare(
  `INSERT INTO tally_buckets (scope, month, metric, count, sum) VALUES (@scope, @month, @metric, @count, @sum)
   ON CONFLICT(scope, month, metric) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum`,
)

interface Payload {
  requestId: string
  kind: string
  category: string
  text: string
  location: unknown
  anonymous: boolean
  urgency: string
  contactPhone: string
  photos: string[]
}

const submit = db.transaction((reporterId: string, p: Payload) => {
  const createdAt = new Date().toISOString()
  const row = {
    id: randomBytes(9).toString('base64url'),
    communityId: 'c_chunhui',
    buildingId: 'b_chy1',
    kind: p.kind,
    category: p.category,
    text: p.text,
    location: JSON.stringify(p.location),
    anonymous: p.anonymous ? 1 : 0,
    photos: JSON.stringify(p.photos),
    reporterId,
    requestId: p.requestId,
    createdAt,
    month: monthOf(createdAt),
    urgency: p.urgency,
    contactPhone: p.contactPhone,
  }
  if (insert.run(row).changes === 0) return { id: existing.get(reporterId, p.requestId)!.id, created: false }
  const facts = {
    ...row,
    kind: p.kind as Report['kind'],
    category: p.category as Report['category'],
    urgency: p.urgency as Report['urgency'],
    status: 'pending' as const,
  }
  for (const d of deltasForNewReport(facts)) upsert.run(d)
  return { id: row.id, created: true }
})

const send = (res: http.ServerResponse, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') return send(res, { ok: true })
  if (req.url === '/api/local/identities') return send(res, { current: null }, { 'set-cookie': `loushi_sid=${randomBytes(18).toString('base64url')}; Path=/` })
  if (req.url === '/api/fn/reports' && req.method === 'POST') {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload: Payload }
      const reporterId = /loushi_sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'anonymous'
      const { id, created } = submit(reporterId, event.payload)
      send(res, { code: 'OK', message: '', data: { created, report: { id } } })
    })
    return
  }
  res.writeHead(404).end()
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`地板已启动：http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
})
process.on('SIGTERM', () => server.close(() => (db.close(), process.exit(0))))
