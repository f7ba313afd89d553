/**
 * 本地函数宿主：在 127.0.0.1 的一个端口上同时提供 H5 构建和云函数（HTTP),
 * 用 SQLite 文件存储；演示身份切换只在这里存在。
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { FunctionEvent } from '../../src/core/api'
import { isFunctionName } from '../../src/core/api'
import type { Clock, Logger } from '../../src/core/shared/ports'
import { createRecordPhotoVerdict } from '../../src/core/reports'
import { createFunctions, storePorts, templatesFromEnv } from '../functions'
import type { LocalPlatform } from '../platform/local'
import { createTextLogger } from '../platform/logger'
import { randomIds } from '../functions/ids'
import type { SqliteStore } from '../storage/sqlite'
import { createPhotoRoutes, LOCAL_FILE_ROUTE, UPLOAD_ROUTE } from './photos'
import { FORWARDED_MESSAGE, isDemoHostAllowed, isForwardedRequest, MISDIRECTED_MESSAGE } from './demoMode'
import { readLimitedBody, replyTooLarge, sendJson } from './replies'
import { DEMO_IDENTITIES } from './seed'
import { cookieValue, createSessions, SESSION_COOKIE } from './sessions'

export interface HostOptions {
  store: SqliteStore
  clock: Clock
  platform: LocalPlatform
  /** H5 构建目录；不存在时只提供函数。 */
  staticDir: string
  /** 默认写到 stderr，一行一条、带本地时间。 */
  logger?: Logger
  /** 演示模式：身份切换与发件箱（见 demoMode.ts）。默认开，npm start 在非回环地址上须明说。 */
  demo?: boolean
  /** 演示模式下除本机名字外还接受的 Host 主机名（局域网演示时 LOUSHI_PUBLIC_URL 的，见 demoHostnames）。 */
  demoHostnames?: string[]
}

const MAX_BODY = 64 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** 云函数的地址：/api/fn/<名字>，没有查询串（客户端的 transport 只发这样的地址）。 */
const FUNCTION_ROUTE = /^\/api\/fn\/([a-z]+)$/

/** 超限后还肯读完丢弃的字节数（答得出 413，而不是掐断连接）；再多就答完即关。 */
const DISCARD_BODY = 1024 * 1024
const TOO_LARGE = '请求内容超过 64 KB'

/** 读 JSON 请求体：太大答 413，不是 JSON 对象答 400；成功时交回解析结果。 */
async function readJson(req: http.IncomingMessage, res: http.ServerResponse): Promise<Record<string, unknown> | null> {
  const read = await readLimitedBody(req, MAX_BODY, DISCARD_BODY)
  if (!read.ok) {
    replyTooLarge(req, res, TOO_LARGE)
    return null
  }
  try {
    const parsed: unknown = JSON.parse(read.body.toString('utf8'))
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // 落到下面：答 400。
  }
  sendJson(res, 400, { code: 'INVALID', message: '请求内容不是有效的 JSON 对象', data: null })
  return null
}

export function createHost({ store, clock, platform, staticDir, logger = createTextLogger(), demo = true, demoHostnames = [] }: HostOptions): http.Server {
  // 本地没有公众平台的模板：没配模板 ID 时用本地的名字，消息照样进发件箱（/api/local/outbox），演示与测试看得到。
  const configured = templatesFromEnv()
  const templates = {
    newReport: configured.newReport ?? 'local-new-report',
    reportProgress: configured.reportProgress ?? 'local-report-progress',
    newNotice: configured.newNotice ?? 'local-new-notice',
  }
  const functions = createFunctions({ ...storePorts(store), clock, ids: randomIds, platform, templates, logger })
  const sessions = createSessions(store.db, clock.now)

  // —— 照片：上传、送出文件；本地平台"推送"的图片检测结论交给与云函数 mediaCheck 相同的用例 ——
  const photos = createPhotoRoutes({ platform, clock })
  const recordPhotoVerdict = createRecordPhotoVerdict({ photos: store, logger })
  platform.onMediaCheck(async (push) => {
    const recorded = await recordPhotoVerdict(push)
    return recorded.ok && recorded.data.recorded
  })

  /** 取当前会话的身份；没有会话就发一个新访客身份。 */
  const identify = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE)
    const openid = sessions.openidOf(token)
    if (token && openid) return { token, openid }
    const fresh = sessions.create()
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${fresh.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`)
    return fresh
  }

  const serveStatic = (pathname: string, res: http.ServerResponse) => {
    const root = path.resolve(staticDir)
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return sendJson(res, 400, { message: '地址无效' })
    }
    let file = path.resolve(root, `.${decoded}`)
    // 带分隔符比较：只比前缀时，旁边的 dist/h5-secret 也算在 dist/h5 "之内"。
    if (file !== root && !file.startsWith(root + path.sep)) return sendJson(res, 403, { message: '禁止访问' })
    // 浏览器路由：不是文件的路径都交给 index.html。
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end('H5 尚未构建：请运行 npm start（会先构建 H5)')
    }
    const isAsset = /\.[0-9a-f]{8}\.(js|css)$/.test(file)
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    createReadStream(file).pipe(res)
  }

  // Host 头几乎总是同一个：判断结果按头的原文记住（纯函数；条数有上限，乱发 Host 的请求撑不大它）。
  const hostVerdicts = new Map<string | undefined, boolean>()
  const demoHostAllowed = (header: string | undefined) => {
    let allowed = hostVerdicts.get(header)
    if (allowed === undefined) {
      allowed = isDemoHostAllowed(header, demoHostnames)
      if (hostVerdicts.size >= 64) hostVerdicts.clear()
      hostVerdicts.set(header, allowed)
    }
    return allowed
  }

  /** 云函数的路由：POST /api/fn/<名字>。 */
  const callFunction = async (name: string, req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!isFunctionName(name)) return sendJson(res, 404, { code: 'UNKNOWN_ACTION', message: `没有这个云函数：${name}`, data: null })
    const event = (await readJson(req, res)) as FunctionEvent | null
    if (!event) return
    const { openid } = identify(req, res)
    const reply = await functions[name](event, { openid })
    // 成组提交（storage/sqlite/groupCommit.ts）：这一轮的写提交之后才答，答了 OK 的就在库里；读的答复也等，不露出没提交的写。
    await store.settled()
    return sendJson(res, 200, reply)
  }

  return http.createServer(async (req, res) => {
    // 云函数的路由（几乎全部请求）：请求行就是 /api/fn/<名字>、没有查询串，原样认出来，不必解析成 URL 对象。
    const fn = req.method === 'POST' ? FUNCTION_ROUTE.exec(req.url ?? '') : null
    // 请求行里的地址可以是任何东西（"//["）：解析不了就答 400，不能让异常逃出去让进程退出。
    let url: URL | null = null
    if (!fn) {
      try {
        url = new URL(req.url ?? '/', 'http://local')
      } catch {
        // 落到下面：答 400。（只解析一次：先 canParse 再 new URL 是每个请求两遍。）
      }
      if (!url) return sendJson(res, 400, { code: 'INVALID', message: '地址无效', data: null })
    }
    // DNS 重绑定：别的网站的名字解析到本机时，浏览器会带着它的 Host 来；演示模式下任何路由都不答。
    if (demo && !demoHostAllowed(req.headers.host)) return sendJson(res, 421, { code: 'FORBIDDEN', message: MISDIRECTED_MESSAGE, data: null })
    // 经代理或隧道从公网来的（Host 可能已被改成本机的）：没明说局域网演示就不答（demoMode.ts）。
    if (demo && demoHostnames.length === 0 && isForwardedRequest(req.headers))
      return sendJson(res, 403, { code: 'FORBIDDEN', message: FORWARDED_MESSAGE, data: null })
    try {
      if (fn) return await callFunction(fn[1], req, res)
      if (!url) return
      // 带查询串等写法的函数地址照旧按路径认。
      const fnByPath = req.method === 'POST' ? FUNCTION_ROUTE.exec(url.pathname) : null
      if (fnByPath) return await callFunction(fnByPath[1], req, res)
      if (!demo && ['/api/local/identities', '/api/local/identity', '/api/local/outbox'].includes(url.pathname)) {
        return sendJson(res, 404, { code: 'NOT_FOUND', message: '演示身份与发件箱只在演示模式下可用', data: null })
      }
      if (url.pathname === '/api/local/identities' && req.method === 'GET') {
        const { openid } = identify(req, res)
        await store.settled() // 新会话提交了才把 Cookie 交出去
        return sendJson(res, 200, {
          current: DEMO_IDENTITIES.find((i) => i.openid === openid)?.key ?? null,
          identities: DEMO_IDENTITIES.map(({ key, name, role, description }) => ({ key, name, role, description })).concat([
            { key: 'visitor', name: '新访客', role: 'resident', description: '第一次扫码的居民，没有任何记录' },
          ]),
        })
      }
      if (url.pathname === '/api/local/identity' && req.method === 'POST') {
        const { token } = identify(req, res)
        const body = await readJson(req, res)
        if (!body) return
        const key = typeof body.key === 'string' ? body.key : undefined
        if (key === 'visitor') {
          sessions.assign(token, sessions.create().openid)
          await store.settled()
          return sendJson(res, 200, { current: null })
        }
        const who = DEMO_IDENTITIES.find((i) => i.key === key)
        if (!who) return sendJson(res, 400, { message: '没有这个演示身份' })
        sessions.assign(token, who.openid)
        await store.settled()
        return sendJson(res, 200, { current: who.key })
      }
      if (url.pathname === '/api/local/outbox' && req.method === 'GET') {
        // 本地"发出"的订阅消息（微信里它们会出现在服务通知里）。
        return sendJson(res, 200, { messages: platform.outbox.slice().reverse() })
      }
      // —— 照片路由（见 ./photos.ts）——
      if (url.pathname === UPLOAD_ROUTE && req.method === 'POST') {
        identify(req, res)
        return await photos.upload(req, res, url.searchParams.get('folder'))
      }
      const rawPath = (req.url ?? '').split('?')[0]
      if (rawPath.startsWith(LOCAL_FILE_ROUTE) && (req.method === 'GET' || req.method === 'HEAD'))
        return await photos.serveFile(rawPath, url.searchParams, req, res)
      // —— 照片路由结束 ——
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true })
      // 楼栋二维码的短链 /b/<楼栋码>：直接送 index.html（不 302，省一个往返）；页面里的脚本在路由启动前把地址换成
      // /pages/building/index?b=<楼栋码>（src/index.html）。码的规则与那段脚本相同。
      if (/^\/b\/[A-Za-z0-9]{4,12}$/.test(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic('/index.html', res)
      // 邀请二维码：/j/<邀请码> → 接受邀请的页面。
      const invite = /^\/j\/([A-Za-z0-9]{8})$/.exec(url.pathname)
      if (invite) {
        res.writeHead(302, { location: `/rep/join/index?code=${invite[1]}` })
        return res.end()
      }
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(url.pathname, res)
      return sendJson(res, 405, { message: '不支持的请求' })
    } catch (error) {
      logger.error('宿主处理请求失败', { error, details: { method: req.method, path: url?.pathname ?? req.url } })
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null })
      else res.end()
    }
  })
}
