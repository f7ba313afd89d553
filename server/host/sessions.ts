/**
 * 本地模式的"平台身份"：浏览器持有一个随机会话令牌（Cookie），宿主把它映射到一个 openid。
 * 这相当于微信里平台给出的 OPENID；函数只从这里拿身份，从不读载荷里的用户 id。
 */
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'

export const SESSION_COOKIE = 'loushi_sid'

export function createSessions(db: Database.Database, now: () => string) {
  const get = db.prepare<[string], { openid: string }>('SELECT openid FROM local_sessions WHERE token = ?')
  const put = db.prepare('INSERT INTO local_sessions (token, openid, created_at) VALUES (?, ?, ?) ON CONFLICT(token) DO UPDATE SET openid = excluded.openid')
  return {
    openidOf(token: string | undefined): string | null {
      return token ? (get.get(token)?.openid ?? null) : null
    },
    /** 新访客：一个新令牌和一个新的本地 openid。 */
    create(): { token: string; openid: string } {
      const token = randomBytes(18).toString('base64url')
      const openid = `local_${randomBytes(9).toString('base64url')}`
      put.run(token, openid, now())
      return { token, openid }
    },
    assign(token: string, openid: string): void {
      put.run(token, openid, now())
    },
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i <= 0) continue
    // 编码坏了的 Cookie 当作没有（会话令牌本来就不含百分号）。
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim())
    } catch {
      continue
    }
  }
  return out
}
