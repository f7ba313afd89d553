/**
 * 平台端口的本地实现（npm start 与测试用）：微信的云调用在这里跑不了，换成能在本机真正工作的等价物。
 *   内容检测：关键词表（默认空表，全部放行；演示或测试时传入词表）。微信的模型本地没有替代品。
 *   订阅消息：写进内存里的发件箱并打印一行，本地宿主在 /api/local/outbox 里可以看到。
 *   二维码：qrcode 库生成指向本地宿主 /b/<楼栋码> 的 PNG（真实可扫）。
 *   文件：存到数据目录下的 uploads/，fileID 为 local://uploads/<路径>。
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import QRCode from 'qrcode'
import type { Platform, SubscribeMessage } from '../../src/core/ports'

export interface LocalPlatformOptions {
  /** 上传文件存放的目录（其下建 uploads/）。 */
  dataDir: string
  /** 二维码里写的地址前缀，例如 http://192.168.1.5:8787 （手机扫码要用局域网地址）。 */
  publicBaseUrl: string
  /** 命中即拒收的词（本地演示用）。 */
  blockedWords?: string[]
  /** 发件箱最多保留的条数。 */
  outboxLimit?: number
  /** "发出"订阅消息时打印一行；测试里传 false。 */
  logMessages?: boolean
}

export interface LocalPlatform extends Platform {
  /** 本地"发出"的订阅消息，新的在后。 */
  readonly outbox: SubscribeMessage[]
}

const LOCAL_FILE_PREFIX = 'local://uploads/'

export function createLocalPlatform(options: LocalPlatformOptions): LocalPlatform {
  const blocked = options.blockedWords ?? []
  const outbox: SubscribeMessage[] = []
  const uploads = path.join(options.dataDir, 'uploads')
  let traces = 0

  return {
    outbox,
    content: {
      async checkText(text) {
        const hit = blocked.find((word) => word && text.includes(word))
        return hit ? { ok: false, reason: '内容可能含有不适宜公开的信息（本地词表），请修改后再提交' } : { ok: true, needsReview: false }
      },
      async submitImage() {
        return { traceId: `local-${++traces}` }
      },
    },
    notifier: {
      async send(message) {
        outbox.push(message)
        if (outbox.length > (options.outboxLimit ?? 200)) outbox.shift()
        if (options.logMessages !== false) console.info(`[订阅消息] → ${message.touser} ${message.templateId} ${Object.values(message.data).map((v) => v.value).join(' | ')}`)
        return 'sent'
      },
    },
    qr: {
      async buildingQr(buildingCode) {
        const url = `${options.publicBaseUrl.replace(/\/$/, '')}/b/${encodeURIComponent(buildingCode)}`
        const png = await QRCode.toBuffer(url, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
        return { contentType: 'image/png', data: new Uint8Array(png) }
      },
    },
    files: {
      async upload(relative, data) {
        const target = path.join(uploads, relative)
        if (!target.startsWith(uploads + path.sep)) throw new Error('文件路径越界')
        mkdirSync(path.dirname(target), { recursive: true })
        writeFileSync(target, data)
        return `${LOCAL_FILE_PREFIX}${relative}`
      },
      async temporaryUrls(fileIds) {
        const found = fileIds.filter((id) => id.startsWith(LOCAL_FILE_PREFIX) && existsSync(path.join(uploads, id.slice(LOCAL_FILE_PREFIX.length))))
        return Object.fromEntries(found.map((id) => [id, `/api/local/files/${id.slice(LOCAL_FILE_PREFIX.length)}`]))
      },
      // 临时实现（照片一节的正式实现另行合入）：PNG/JPEG 文件头。
      async describe(fileId) {
        if (!fileId.startsWith(LOCAL_FILE_PREFIX)) return null
        const target = path.join(uploads, fileId.slice(LOCAL_FILE_PREFIX.length))
        if (!target.startsWith(uploads + path.sep) || !existsSync(target)) return null
        const bytes = readFileSync(target)
        const contentType = bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : null
        return { contentType, bytes: bytes.length }
      },
    },
  }
}
