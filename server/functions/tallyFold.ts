/**
 * 云函数 tally：定时触发（cloudfunctions/tally/config.json 的 triggers，每 5 分钟一次），把写入时记下的统计事件
 * 归并进统计桶（见 server/storage/cloudbase/tallyLog.ts）。读统计的地方已把待归并的事件算上，
 * 归并的快慢只影响读的成本，不影响数字。
 *
 * 只认定时触发器：getWXContext().SOURCE 恰为 wx_trigger（文档列出的定时触发来源）。小程序端谁都能
 * wx.cloud.callFunction({ name: 'tally' })：归并本身无害，但放开了就谁都能让它空转、耗数据库额度，所以一律拒收。
 */
import type { Logger } from '../../src/core/shared/ports'
import type { TallyFolder } from '../../src/core/tally'
import { createJsonLogger } from '../platform/logger'
import type { WxContext } from '../platform/wxCloud'
import { wxSdk } from '../platform/wxCloud'

export type TallyFoldReply =
  { code: 'OK'; message: ''; data: { folded: number; pending: number; busy: boolean } } | { code: 'FORBIDDEN' | 'INTERNAL'; message: string; data: null }

export interface TallyFoldMainOptions {
  /** 统计归并的存储；部署包里是云开发数据库，第一次被定时触发时才建。 */
  folder: () => TallyFolder
  /** 调用上下文；默认取自 getWXContext()（平台写进环境变量，调用者改不了）。 */
  context?: () => WxContext
  logger?: Logger
}

export function tallyFoldMain({ folder, context = () => wxSdk().getWXContext(), logger = createJsonLogger() }: TallyFoldMainOptions) {
  let store: TallyFolder | undefined
  return async (): Promise<TallyFoldReply> => {
    try {
      const ctx = context()
      if ((ctx.SOURCE ?? '').trim() !== 'wx_trigger') {
        logger.warn('拒收 tally 调用：不是定时触发', { details: { source: ctx.SOURCE ?? null, openid: ctx.OPENID ?? null } })
        return { code: 'FORBIDDEN', message: '这个云函数只由定时触发器调用', data: null }
      }
      store ??= folder()
      const outcome = await store.foldTallies()
      // 空转（没有事件）不记，免得每 5 分钟一行；归并了、或别的归并还占着租约时记一行，可在日志里看积压。
      if (outcome.folded > 0 || outcome.busy || outcome.pending > 0) logger.info('统计归并', { details: outcome })
      return { code: 'OK', message: '', data: outcome }
    } catch (error) {
      store = undefined
      logger.error('统计归并失败', { error })
      return { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试', data: null }
    }
  }
}
