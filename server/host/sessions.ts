/**
 * 本地模式的"平台身份"：浏览器持有一个随机会话令牌（Cookie），宿主把它映射到一个 openid。
 * 这相当于微信里平台给出的 OPENID；函数只从这里拿身份，从不读载荷里的用户 id。
 */
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'

export const SESSION_COOKIE = 'loushi_sid'

/** 记在内存里的会话数上限：超过就清空重来（之后从库里读回），不随访客数无限增长。 */
const REMEMBERED_SESSIONS = 50_000

export function createSessions(db: Database.Database, now: () => string) {
  const get = db.prepare<[string], { openid: string }>('SELECT openid FROM local_sessions WHERE token = ?')
  const put = db.prepare('INSERT INTO local_sessions (token, openid, created_at) VALUES (?, ?, ?) ON CONFLICT(token) DO UPDATE SET openid = excluded.openid')
  // 每个请求都要按令牌找身份；会话只经这里写（同一个进程），所以写时一并记下，读先看记忆。
  const remembered = new Map<string, string>()
  const remember = (token: string, openid: string) => {
    if (remembered.size >= REMEMBERED_SESSIONS) remembered.clear()
    remembered.set(token, openid)
  }
  return {
    openidOf(token: string | undefined): string | null {
      if (!token) return null
      const known = remembered.get(token)
      if (known) return known
      const openid = get.get(token)?.openid ?? null
      if (openid) remember(token, openid)
      return openid
    },
    /** 新访客：一个新令牌和一个新的本地 openid。 */
    create(): { token: string; openid: string } {
      const token = randomBytes(18).toString('base64url')
      const openid = `local_${randomBytes(9).toString('base64url')}`
      put.run(token, openid, now())
      remember(token, openid)
      return { token, openid }
    },
    assign(token: string, openid: string): void {
      put.run(token, openid, now())
      remember(token, openid)
    },
  }
}

/**
 * Cookie 头里名为 name 的值（同名的几个取最后一个能解码的；编码坏了的当作没有）。每个请求都要找会话令牌：
 * 只解码名字对上的那一段，不为别的 Cookie 建对象、逐个解码。
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || !header.includes(name)) return undefined
  let found: string | undefined
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i <= 0 || part.slice(0, i).trim() !== name) continue
    try {
      found = decodeURIComponent(part.slice(i + 1).trim())
    } catch {
      continue
    }
  }
  return found
}
