/**
 * 宿主的请求体与答复（函数、身份、上传几条路由共用）。
 *
 * 读请求体，带上限。超限后还肯读完（丢弃）一段：读完再答 413，浏览器才收得到答复，而不是看到连接被掐断；
 * 声明的长度或实际读到的超过丢弃上限就不再读，答完 413 后关掉连接。
 */
import type http from 'node:http'

export type LimitedBody = { ok: true; body: Buffer } | { ok: false; tooLarge: true }

export function readLimitedBody(req: http.IncomingMessage, limit: number, discardLimit: number): Promise<LimitedBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > discardLimit) {
      resolve({ ok: false, tooLarge: true })
      return
    }
    let size = 0
    let tooLarge = false
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > discardLimit) {
        req.pause()
        resolve({ ok: false, tooLarge: true })
        return
      }
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
      } else if (!tooLarge) chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? { ok: false, tooLarge: true } : { ok: true, body: Buffer.concat(chunks) }))
    req.on('error', reject)
  })
}

/** JSON 答复；close 时答完即关连接。 */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(close && { connection: 'close' }) })
  res.end(JSON.stringify(body))
}

/** 答 413；请求体没读完时答完即关连接。 */
export function replyTooLarge(req: http.IncomingMessage, res: http.ServerResponse, message: string) {
  const unfinished = !req.complete
  if (unfinished) res.once('finish', () => req.destroy())
  sendJson(res, 413, { code: 'INVALID', message, data: null }, unfinished)
}
