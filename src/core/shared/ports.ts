/**
 * 领域需要的外部能力（端口）。适配器在边缘选择：本地用 SQLite，生产用云开发数据库。
 * 接口按领域的说法起名，而不是按表或集合。
 */

export interface Clock {
  /** 当前时间，ISO 8601(UTC）。 */
  now(): string
}

export interface IdGenerator {
  newId(): string
  /** 不可猜的短码（邀请码、楼栋码）：大写字母与数字，去掉易混的 0/O/1/I/L。 */
  newCode(length: number): string
}

/** 翻页游标：上一页最后一条的提交时间与 id。 */
export interface PageCursor {
  createdAt: string
  id: string
}

// —— 平台能力（生产用微信云调用，本地宿主用本地实现；见 server/platform）——

/** 文本内容安全检测的结论：risky 拒收；review 收下但可能需要代表留意。 */
export type ContentVerdict = { ok: true; needsReview: boolean } | { ok: false; reason: string }
/** msgSecCheck v2 的场景：资料、评论、论坛、社交日志。报事像论坛帖子，会被代表与邻居看到。 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'journal'

export interface ContentChecker {
  checkText(text: string, openid: string, scene: ContentScene): Promise<ContentVerdict>
  /** 图片是异步检测：提交后立即返回追踪号，结论由平台事件推送。 */
  submitImage(fileUrl: string, openid: string, scene: ContentScene): Promise<{ traceId: string }>
}

/** 一条订阅消息（字段已按模板规则校验与裁剪，见 subscribeMessage.ts）。 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  /** 点开消息后进入的小程序页面（可带参数）。 */
  page: string
  data: Record<string, { value: string }>
}
/** sent：已下发；not_subscribed：用户没有（或已用完）这次订阅；failed：其他错误。 */
export type NotifyOutcome = 'sent' | 'not_subscribed' | 'failed'

export interface Notifier {
  send(message: SubscribeMessage): Promise<NotifyOutcome>
}

export interface QrImage {
  contentType: string
  data: Uint8Array
}

export interface QrCodeMaker {
  /** 楼栋二维码：扫码进入该楼的首页（小程序码 scene 为 b=楼栋码）。 */
  buildingQr(buildingCode: string): Promise<QrImage>
  /** 邀请二维码：扫码进入接受邀请的页面（小程序码 scene 为 i=邀请码）。 */
  inviteQr(inviteCode: string): Promise<QrImage>
}

export interface FileStorage {
  /** 存一个文件，返回以后引用它的 fileID。 */
  upload(path: string, content: Uint8Array): Promise<string>
  /** fileID → 可以直接展示的临时地址；找不到的不在结果里。 */
  temporaryUrls(fileIds: string[]): Promise<Record<string, string>>
  /**
   * 服务端核对上传的文件：按文件头认出的类型与字节数；找不到为 null。
   * problem：认得出类型、却不是一张能用的图（截断、只有魔数、宽高为 0 或离谱）时的原因，接在"第 N 张照片"后面读。
   */
  describe(fileId: string): Promise<{ contentType: string | null; bytes: number; problem?: string | null } | null>
}

export interface Platform {
  content: ContentChecker
  notifier: Notifier
  qr: QrCodeMaker
  files: FileStorage
}

// —— 日志（部署后写 JSON 行进云开发日志服务，本地宿主写给人看的行；见 server/platform/logger.ts）——

/** 随日志一起记下的东西：出错时的异常，和帮助定位的少量字段（不放报事原文这类居民写的内容）。 */
export interface LogFields {
  error?: unknown
  details?: Record<string, unknown>
}

/**
 * 运维日志。消息用中文写给看日志的人；居民看到的答复不经过这里。
 * error：请求失败或出了没预料的异常；warn：降级但照常答复（如检测服务不可用而放行）；info：值得留痕的常态事件。
 */
export interface Logger {
  error(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
}
