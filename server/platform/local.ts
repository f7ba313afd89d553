/**
 * 平台端口的本地实现（npm start 与测试用）：微信的云调用在这里跑不了，换成能在本机真正工作的等价物。
 *   内容检测：关键词表（默认空表，全部放行；演示或测试时传入词表）。微信的模型本地没有替代品。
 *   图片检测：与微信一样是异步的。submitImage 立即给出追踪号（local-<随机>），稍后（默认 300 ms）
 *     把结论做成一条与微信同形的 wxa_media_check 推送，交给 onMediaCheck 登记的接收者（本地宿主把它交给
 *     与云函数 mediaCheck 相同的用例）。本地规则：每张图都通过，只有文件字节里含 ASCII 记号
 *     LOUSHI-RISKY 的判为 risky（测试与演示用它造一张"有风险"的图）。接收者答 false（还对不上追踪号，
 *     例如报事还没存完）时，稍后再推，最多 4 次。读不到文件就不推（结论停在 pending）。
 *   订阅消息：写进内存里的发件箱并打印一行，本地宿主在 /api/local/outbox 里可以看到。
 *   二维码：qrcode 库生成指向本地宿主 /b/<楼栋码>（楼栋）或 /j/<邀请码>（邀请）的 PNG（真实可扫）。
 *   文件：存到数据目录下的 uploads/，fileID 为 local://uploads/<路径>；临时地址为 /api/local/files/<路径>?expires=…&sig=…
 *     （用例准许之后签出，一小时有效，见 fileUrls.ts；本地宿主核对签名，再按文件头给出类型）。
 *     路径里不许有 ".."、"."、空段、反斜杠或 NUL，解析后必须仍在 uploads/ 之下。
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync, existsSync } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import QRCode from 'qrcode'
import type { Clock, Platform, SubscribeMessage } from '../../src/core/shared/ports'
import type { MediaCheckPush } from '../../src/core/reports'
import { createUrlSigner, TEMPORARY_URL_SECONDS } from './fileUrls'
import { describeImage, MAX_PHOTO_BYTES, SNIFF_BYTES, sniffImageType } from './images'

export interface LocalPlatformOptions {
  /** 上传文件存放的目录（其下建 uploads/）。 */
  dataDir: string
  /** 二维码里写的地址前缀，例如 http://192.168.1.5:8787 （手机扫码要用局域网地址）。 */
  publicBaseUrl: string
  /** 命中即拒收的词（本地演示用）。 */
  blockedWords?: string[]
  /** 发件箱最多保留的条数。 */
  outboxLimit?: number
  /** "发出"订阅消息时打印一行（默认不打：每条报事一次同步写 stdout 是宿主热路径上的一大块；发件箱在 /api/local/outbox）。 */
  logMessages?: boolean
  /** 图片检测结论在提交后多久"推送"（毫秒，默认 300）。 */
  mediaCheckDelayMs?: number
  /** 临时地址的有效期按它算（宿主与它用同一个时钟）；默认系统时钟。 */
  clock?: Clock
}

/** 收到一条图片检测推送；答 false 表示还对不上（稍后再推）。 */
export type MediaCheckListener = (push: MediaCheckPush) => Promise<boolean> | boolean

/**
 * 导出的文件（文件头为 zip 的 PK）：工作总结 uploads/summaries/ 下的 .docx，办公室的 Excel uploads/exports/ 下的 .xlsx；
 * 本地宿主按这个类型给 H5 页面下载。别的目录、别的扩展名一律不认（上传目录里的东西不会被当成文档下发）。
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
function sniffExport(relative: string, head: Uint8Array): string | null {
  if (head[0] !== 0x50 || head[1] !== 0x4b) return null
  if (relative.startsWith('summaries/') && relative.endsWith('.docx')) return DOCX_TYPE
  if (relative.startsWith('exports/') && relative.endsWith('.xlsx')) return XLSX_TYPE
  return null
}

/** uploads/ 下的一个文件：绝对路径、按文件头认出的类型、字节数。 */
export interface LocalFile {
  file: string
  contentType: string | null
  bytes: number
}

export interface LocalPlatform extends Platform {
  /** 本地"发出"的订阅消息，新的在后。 */
  readonly outbox: SubscribeMessage[]
  /** 登记图片检测推送的接收者（本地宿主登记；只有一个，后登记的替换先登记的）。 */
  onMediaCheck(listener: MediaCheckListener | null): void
  /** 等正在路上的图片检测推送都送完（测试用）。 */
  settleMediaChecks(): Promise<void>
  /** uploads/ 下相对路径指向的文件；路径越界、不是文件或不存在为 null。 */
  localFile(relative: string): Promise<LocalFile | null>
  /** 临时地址的查询参数是 temporaryUrls() 给这个路径签的、还没过期。 */
  isSignedFor(relative: string, params: URLSearchParams): boolean
}

export const LOCAL_FILE_PREFIX = 'local://uploads/'
/** 本地宿主提供已上传文件的地址前缀。 */
export const LOCAL_FILE_ROUTE = '/api/local/files/'
/** 文件里含这个 ASCII 记号的图片，本地检测判为 risky。 */
export const LOCAL_RISKY_MARKER = 'LOUSHI-RISKY'

const RETRY_DELAYS_MS = [200, 500, 1000]

/** 相对路径的写法安全：不空、不太长，没有 NUL、反斜杠、空段、"." 或 ".."（只看字符串，不碰文件系统）。 */
export function isSafeUploadPath(relative: string): boolean {
  if (typeof relative !== 'string' || relative.length === 0 || relative.length > 512) return false
  if (relative.includes('\0') || relative.includes('\\')) return false
  return !relative.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
}

/** 相对路径 → uploads/ 下的绝对路径；不安全的路径为 null。 */
export function resolveUploadPath(uploads: string, relative: string): string | null {
  if (!isSafeUploadPath(relative)) return null
  const root = path.resolve(uploads)
  const target = path.resolve(root, relative)
  return target.startsWith(root + path.sep) ? target : null
}

export function createLocalPlatform(options: LocalPlatformOptions): LocalPlatform {
  const blocked = options.blockedWords ?? []
  const outbox: SubscribeMessage[] = []
  const uploads = path.join(options.dataDir, 'uploads')
  const inFlight = new Set<Promise<void>>()
  let listener: MediaCheckListener | null = null
  const signer = createUrlSigner()
  const clock = options.clock ?? { now: () => new Date().toISOString() }
  const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000)

  const localFile = async (relative: string): Promise<LocalFile | null> => {
    const file = resolveUploadPath(uploads, relative)
    if (!file) return null
    try {
      const info = await stat(file)
      if (!info.isFile()) return null
      const handle = await open(file, 'r')
      try {
        const head = new Uint8Array(SNIFF_BYTES)
        const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0)
        return { file, contentType: sniffImageType(head.subarray(0, bytesRead)) ?? sniffExport(relative, head.subarray(0, bytesRead)), bytes: info.size }
      } finally {
        await handle.close()
      }
    } catch {
      return null
    }
  }

  const readHead = async (file: string, length: number): Promise<Uint8Array> => {
    const handle = await open(file, 'r')
    try {
      const head = new Uint8Array(length)
      const { bytesRead } = await handle.read(head, 0, length, 0)
      return head.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  /** 临时地址（或 fileID）→ uploads/ 下的相对路径。 */
  const relativeOf = (fileUrl: string): string | null => {
    if (fileUrl.startsWith(LOCAL_FILE_PREFIX)) return fileUrl.slice(LOCAL_FILE_PREFIX.length)
    try {
      const { pathname } = new URL(fileUrl, 'http://local')
      return pathname.startsWith(LOCAL_FILE_ROUTE) ? decodeURIComponent(pathname.slice(LOCAL_FILE_ROUTE.length)) : null
    } catch {
      return null
    }
  }

  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

  /** 稍后把结论推给接收者；接收者还对不上时按 RETRY_DELAYS_MS 再推。 */
  const deliver = (push: MediaCheckPush) => {
    const run = (async () => {
      const delays = [options.mediaCheckDelayMs ?? 300, ...RETRY_DELAYS_MS]
      for (const delay of delays) {
        await wait(delay)
        if (!listener) return
        try {
          if ((await listener(push)) !== false) return
        } catch {
          /* 接收者出错：与对不上一样，稍后再推 */
        }
      }
    })()
    inFlight.add(run)
    void run.finally(() => inFlight.delete(run))
  }

  return {
    outbox,
    onMediaCheck(next) {
      listener = next
    },
    async settleMediaChecks() {
      while (inFlight.size > 0) await Promise.all(inFlight)
    },
    localFile,
    isSignedFor: (relative, params) => signer.verify(relative, params, nowSeconds()),
    content: {
      async checkText(text) {
        const hit = blocked.find((word) => word && text.includes(word))
        return hit ? { ok: false, reason: '内容可能含有不适宜公开的信息（本地词表），请修改后再提交' } : { ok: true, needsReview: false }
      },
      async submitImage(fileUrl, openid) {
        const traceId = `local-${randomBytes(9).toString('base64url')}`
        const relative = relativeOf(fileUrl)
        const file = relative === null ? null : resolveUploadPath(uploads, relative)
        const content = file ? await readFile(file).catch(() => null) : null
        if (content) {
          const suggest = content.includes(LOCAL_RISKY_MARKER, 0, 'latin1') ? 'risky' : 'pass'
          const label = suggest === 'risky' ? 21000 : 100
          deliver({
            ToUserName: 'gh_local',
            FromUserName: openid,
            CreateTime: Math.floor(Date.now() / 1000),
            MsgType: 'event',
            Event: 'wxa_media_check',
            appid: 'local',
            trace_id: traceId,
            version: 2,
            result: { suggest, label },
            detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
          })
        }
        return { traceId }
      },
    },
    notifier: {
      async send(message) {
        outbox.push(message)
        if (outbox.length > (options.outboxLimit ?? 200)) outbox.shift()
        if (options.logMessages === true)
          console.info(
            `[订阅消息] → ${message.touser} ${message.templateId} ${Object.values(message.data)
              .map((v) => v.value)
              .join(' | ')}`,
          )
        return 'sent'
      },
    },
    qr: {
      async buildingQr(buildingCode) {
        const url = `${options.publicBaseUrl.replace(/\/$/, '')}/b/${encodeURIComponent(buildingCode)}`
        const png = await QRCode.toBuffer(url, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
        return { contentType: 'image/png', data: new Uint8Array(png) }
      },
      async inviteQr(inviteCode) {
        const url = `${options.publicBaseUrl.replace(/\/$/, '')}/j/${encodeURIComponent(inviteCode)}`
        const png = await QRCode.toBuffer(url, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
        return { contentType: 'image/png', data: new Uint8Array(png) }
      },
    },
    files: {
      async upload(relative, data) {
        const target = resolveUploadPath(uploads, relative)
        if (!target) throw new Error('文件路径越界')
        mkdirSync(path.dirname(target), { recursive: true })
        writeFileSync(target, data)
        return `${LOCAL_FILE_PREFIX}${relative}`
      },
      async temporaryUrls(fileIds) {
        const found = fileIds.filter((id) => {
          if (!id.startsWith(LOCAL_FILE_PREFIX)) return false
          const file = resolveUploadPath(uploads, id.slice(LOCAL_FILE_PREFIX.length))
          return file !== null && existsSync(file)
        })
        const expiresAt = nowSeconds() + TEMPORARY_URL_SECONDS
        const url = (relative: string) => `${LOCAL_FILE_ROUTE}${relative.split('/').map(encodeURIComponent).join('/')}?${signer.query(relative, expiresAt)}`
        return Object.fromEntries(found.map((id) => [id, url(id.slice(LOCAL_FILE_PREFIX.length))]))
      },
      async describe(fileId) {
        if (typeof fileId !== 'string' || !fileId.startsWith(LOCAL_FILE_PREFIX)) return null
        const found = await localFile(fileId.slice(LOCAL_FILE_PREFIX.length))
        if (!found) return null
        // 与微信一样读整个文件（JPEG 的 SOF 可能在几十 KB 的 EXIF 之后）；超过 5 MB 的反正不收，只读前 5 MB。
        const head = await readHead(found.file, Math.min(found.bytes, MAX_PHOTO_BYTES)).catch(() => null)
        return { contentType: found.contentType, bytes: found.bytes, problem: head ? describeImage(head).problem : null }
      },
    },
  }
}
