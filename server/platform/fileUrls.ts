/**
 * 文件的临时地址：谁能看一个文件由用例决定（报事照片、公告图片、台账照片、导出的总结各有各的规则），
 * 用例准许之后才调 FileStorage.temporaryUrls() 换地址。所以地址本身就是凭据，只能短期有效：
 *   微信：getTempFileURL 带 maxAge（云存储须设为私有，公有读的文件临时链接不过期）；
 *   本地宿主：/api/local/files/<路径>?expires=<秒>&sig=<HMAC(路径, 到期)>，密钥每个进程随机生成，
 *   送文件的路由只核对签名与到期，不再重复一遍访问规则。
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 临时地址的有效期：够页面开着看一阵、够微信的异步图片检测来取，又不至于转给别人长期可用。 */
export const TEMPORARY_URL_SECONDS = 60 * 60

export interface UrlSigner {
  /** 地址里要带的查询参数（不含问号）。 */
  query(relative: string, expiresAt: number): string
  /** 签名对得上、到期时间（Unix 秒）还没过才是 true。 */
  verify(relative: string, params: URLSearchParams, nowSeconds: number): boolean
}

export function createUrlSigner(secret: Uint8Array = randomBytes(32)): UrlSigner {
  const mac = (relative: string, expiresAt: string) => createHmac('sha256', secret).update(`${expiresAt}\n${relative}`).digest()
  return {
    query(relative, expiresAt) {
      return `expires=${expiresAt}&sig=${mac(relative, String(expiresAt)).toString('base64url')}`
    },
    verify(relative, params, nowSeconds) {
      const expires = params.get('expires') ?? ''
      const given = Buffer.from(params.get('sig') ?? '', 'base64url')
      if (!/^\d{1,12}$/.test(expires) || Number(expires) < nowSeconds) return false
      const expected = mac(relative, expires)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}
