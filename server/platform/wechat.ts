/**
 * 平台端口的微信适配器：云调用（cloud.openapi.*，免 access_token）与云存储。
 * 每个函数目录的 config.json 声明它用到的云调用权限（见 scripts/build-cloud.ts 的 OPENAPI_BY_FUNCTION）。
 */
import type { ContentChecker, ContentScene, FileStorage, Logger, Notifier, Platform, QrCodeMaker } from '../../src/core/shared/ports'
import { TEMPORARY_URL_SECONDS } from './fileUrls'
import { describeImage } from './images'
import { createJsonLogger } from './logger'
import type { WxCloud } from './wxCloud'

/** 本产品用到的云调用（也是 config.json 里要声明的权限名）。 */
export const OPENAPI = {
  msgSecCheck: 'security.msgSecCheck',
  mediaCheckAsync: 'security.mediaCheckAsync',
  subscribeSend: 'subscribeMessage.send',
  getUnlimited: 'wxacode.getUnlimited',
} as const

interface OpenApi {
  security: {
    msgSecCheck(req: { openid: string; scene: number; version: 2; content: string }): Promise<{ result?: { suggest?: string; label?: number } }>
    mediaCheckAsync(req: { openid: string; scene: number; version: 2; mediaUrl: string; mediaType: 2 }): Promise<{ traceId?: string }>
  }
  subscribeMessage: {
    send(req: { touser: string; templateId: string; page: string; data: object; miniprogramState: string; lang: 'zh_CN' }): Promise<unknown>
  }
  wxacode: {
    getUnlimited(req: { scene: string; page: string; checkPath: boolean; envVersion: string; width: number }): Promise<{ contentType: string; buffer: Buffer }>
  }
}

/** 每个云函数用到的云调用：build:cloud 据此写各函数的 config.json（没声明的云调用在云端会被拒绝）。 */
export const OPENAPI_BY_FUNCTION: Record<string, string[]> = {
  reports: [OPENAPI.msgSecCheck, OPENAPI.mediaCheckAsync, OPENAPI.subscribeSend],
  // 代表的每一步都给报事人与关注者发进度消息。
  handling: [OPENAPI.subscribeSend],
  stats: [],
  account: [OPENAPI.getUnlimited],
  // 邀请二维码。
  admin: [OPENAPI.getUnlimited],
  // 公告正文过内容检测；发布后给订阅了的居民发提醒。
  notices: [OPENAPI.msgSecCheck, OPENAPI.subscribeSend],
  worklog: [],
  surveys: [],
  // 改过的段落与居民的意见过内容检测；导出的 Word 用 cloud.uploadFile（不是云调用，不用声明）。
  summary: [OPENAPI.msgSecCheck],
  // 只接收 wxa_media_check 推送、写数据库，不调云调用。
  mediaCheck: [],
  // 定时归并统计事件，只读写数据库。
  tally: [],
}

/** 定时触发器（写进 config.json 的 triggers；一个函数至多一个）。cron 七位：秒 分 时 日 月 星期 年，北京时间。 */
export const TRIGGERS_BY_FUNCTION: Record<string, { name: string; type: 'timer'; config: string }[]> = {
  // 每 5 分钟（第 0 秒）：空转时每个来源读一次（一月 8,640 次调用、17,280 次读）；读统计时已把待归并的事件算上，
  // 间隔只影响读统计时多读几页事件，不影响数字。每分钟一次光空转就占个人版每月 20 万次调用的 65%（见 README 的成本一节）。
  tally: [{ name: 'foldTallies', type: 'timer', config: '0 */5 * * * * *' }],
}

/**
 * 每个函数部署时的超时（秒）。平台默认 3 s：被配额挡下的请求要退避重发（几百户同时打开公告时要等几秒），
 * 3 s 会在高峰时把函数结束在半路；归并一次最多跑 40 s（FOLD_BUDGET_MS），留出释放租约的时间。
 * build:cloud 把它写进 cloudbaserc.json（CloudBase CLI 部署时按它设置）；在开发者工具里上传的，按 README 在控制台设置。
 */
export const TIMEOUT_SECONDS_BY_FUNCTION: Record<string, number> = {
  reports: 10,
  handling: 10,
  stats: 10,
  account: 10,
  admin: 10,
  notices: 10,
  worklog: 10,
  surveys: 10,
  // 起草一年的总结、导出 Word 并上传。
  summary: 20,
  mediaCheck: 10,
  tally: 60,
}

const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, journal: 4 }

/** 微信 label 到一句给居民看的原因（不回显具体命中的词）。 */
const LABEL_REASONS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}

export interface WechatPlatformOptions {
  /** 跳转与小程序码指向的版本：formal 正式版、trial 体验版、develop 开发版。 */
  envVersion?: 'release' | 'trial' | 'develop'
  /** 云存储里本产品文件的前缀。 */
  storagePrefix?: string
  /** 发送失败等记在这里；默认与部署后的函数一样写 JSON 行。 */
  logger?: Logger
}

const errCodeOf = (error: unknown) => Number((error as { errCode?: unknown })?.errCode ?? NaN)

export function createWechatPlatform(cloud: WxCloud, options: WechatPlatformOptions = {}): Platform {
  const openapi = () => cloud.openapi as OpenApi
  const envVersion = options.envVersion ?? 'release'
  const prefix = options.storagePrefix ?? 'loushi'
  const logger = options.logger ?? createJsonLogger()

  const content: ContentChecker = {
    async checkText(text, openid, scene) {
      const reply = await openapi().security.msgSecCheck({ openid, scene: SCENES[scene], version: 2, content: text })
      const suggest = reply.result?.suggest
      if (suggest === 'risky') {
        const label = LABEL_REASONS[reply.result?.label ?? 21000] ?? '其他'
        return { ok: false, reason: `内容可能含有不适宜公开的信息（${label}），请修改后再提交` }
      }
      return { ok: true, needsReview: suggest === 'review' }
    },
    async submitImage(mediaUrl, openid, scene) {
      const reply = await openapi().security.mediaCheckAsync({ openid, scene: SCENES[scene], version: 2, mediaUrl, mediaType: 2 })
      return { traceId: reply.traceId ?? '' }
    },
  }

  const notifier: Notifier = {
    async send(message) {
      try {
        await openapi().subscribeMessage.send({
          touser: message.touser,
          templateId: message.templateId,
          page: message.page,
          data: message.data,
          miniprogramState: envVersion === 'release' ? 'formal' : envVersion === 'trial' ? 'trial' : 'developer',
          lang: 'zh_CN',
        })
        return 'sent'
      } catch (error) {
        // 43101：用户没有订阅或这次订阅已用掉。这是常态，不是故障。
        if (errCodeOf(error) === 43101) return 'not_subscribed'
        logger.error('订阅消息发送失败', { error, details: { templateId: message.templateId } })
        return 'failed'
      }
    },
  }

  const qr: QrCodeMaker = {
    async buildingQr(buildingCode) {
      // scene 最长 32 个可见字符，楼栋码 4–12 位；checkPath=false 让未发布的版本也能生成。
      const reply = await openapi().wxacode.getUnlimited({ scene: `b=${buildingCode}`, page: 'pages/building/index', checkPath: false, envVersion, width: 430 })
      return { contentType: reply.contentType, data: new Uint8Array(reply.buffer) }
    },
    async inviteQr(inviteCode) {
      // 邀请码 8 位，scene "i=XXXXXXXX" 10 个字符；落地页读到 i= 就转去接受邀请。
      const reply = await openapi().wxacode.getUnlimited({ scene: `i=${inviteCode}`, page: 'pages/building/index', checkPath: false, envVersion, width: 430 })
      return { contentType: reply.contentType, data: new Uint8Array(reply.buffer) }
    },
  }

  const files: FileStorage = {
    async upload(path, data) {
      const { fileID } = await cloud.uploadFile({ cloudPath: `${prefix}/${path}`, fileContent: Buffer.from(data) })
      return fileID
    },
    async temporaryUrls(fileIds) {
      if (fileIds.length === 0) return {}
      // 用例准许看之后才换地址，地址就是凭据：短期有效（云存储须是私有的，公有读的临时链接不过期）。
      const { fileList } = await cloud.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: TEMPORARY_URL_SECONDS })) })
      return Object.fromEntries(fileList.filter((f) => f.status === 0 && f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
    },
    async describe(fileId) {
      // 云存储没有只读文件头的接口：整个下载下来（照片不超过 5 MB）再认类型、读宽高、数字节。
      if (typeof fileId !== 'string' || !fileId.startsWith('cloud://')) return null
      try {
        const { fileContent } = await cloud.downloadFile({ fileID: fileId })
        const bytes = new Uint8Array(fileContent.buffer, fileContent.byteOffset, fileContent.byteLength)
        return { ...describeImage(bytes), bytes: bytes.byteLength }
      } catch (error) {
        // 文件不存在（居民给了不存在的 fileID）也走到这里：不是故障，记 warn，按"找不到"答。
        logger.warn('读取云存储文件失败，按找不到处理', { error, details: { fileId } })
        return null
      }
    },
  }

  return { content, notifier, qr, files }
}
