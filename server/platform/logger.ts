/**
 * 日志端口的两个适配器：
 * - 部署后（server/runtime.ts）：每条一行 JSON 写到 console。云开发把函数的 stdout/stderr 收进日志服务，
 *   一行一条、字段固定，才能在控制台按 level、message 检索。
 * - 本地宿主（server/host）：给人看的一行，带本地时间，写到 stderr，不和 stdout 上的启动信息混在一起。
 * 写到哪里（sink）可以注入：测试收集写出的行，而不是替换全局 console。
 */
import type { LogFields, Logger } from '../../src/core/shared/ports'

export type LogLevel = 'error' | 'warn' | 'info'

/** 一条已经排好版的日志往哪里写。 */
export type LogSink = (line: string, level: LogLevel) => void

/** 部署后的默认去处：error/warn 进 stderr、info 进 stdout，日志服务据此标级别。 */
export const consoleSink: LogSink = (line, level) => console[level](line)

/** 本地宿主的默认去处：stderr。 */
export const stderrSink: LogSink = (line) => void process.stderr.write(`${line}\n`)

/** 异常拆成可序列化的字段；微信接口的错误带 errCode/errMsg，一并留下。 */
export function describeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const { errCode, errMsg, code } = error as Error & { errCode?: unknown; errMsg?: unknown; code?: unknown }
  return {
    name: error.name,
    message: error.message,
    ...(errCode !== undefined && { errCode }),
    ...(errMsg !== undefined && { errMsg }),
    ...(code !== undefined && { code }),
    stack: error.stack,
  }
}

/** JSON.stringify 遇到循环引用或 bigint 会抛出；日志不能因此丢掉，也不能让请求失败。同一对象第二次出现只写个记号。 */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>()
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString()
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[重复引用]'
        seen.add(v)
      }
      return v
    })
  } catch (error) {
    return JSON.stringify({ unserializable: String(error) })
  }
}

function createLogger(write: (level: LogLevel, message: string, fields: LogFields) => void): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      // 日志本身出错（sink 抛出）不能影响答复。
      try {
        write(level, message, fields)
      } catch {
        /* 无处可记 */
      }
    }
  return { error: at('error'), warn: at('warn'), info: at('info') }
}

/** 部署后：一行一个 JSON 对象 { time, level, message, error?, details? }。 */
export function createJsonLogger(sink: LogSink = consoleSink, now: () => Date = () => new Date()): Logger {
  return createLogger((level, message, { error, details }) => {
    const entry = {
      time: now().toISOString(),
      level,
      message,
      ...(error !== undefined && { error: describeError(error) }),
      ...(details !== undefined && { details }),
    }
    sink(safeJson(entry), level)
  })
}

const LEVEL_LABELS: Record<LogLevel, string> = { error: '错误', warn: '警告', info: '信息' }

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
/** 本机时区的"2026-11-20 10:00:00.123"：本地宿主的日志是给坐在这台电脑前的人看的。 */
const localTime = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`

/** 本地宿主：`时间 级别 消息 {细节}`，有异常时下面缩进跟着堆栈。 */
export function createTextLogger(sink: LogSink = stderrSink, now: () => Date = () => new Date()): Logger {
  return createLogger((level, message, { error, details }) => {
    let line = `${localTime(now())} ${LEVEL_LABELS[level]} ${message}`
    if (details !== undefined) line += ` ${safeJson(details)}`
    if (error !== undefined) {
      const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : safeJson(error)
      line += `\n${text.replace(/^/gm, '    ')}`
    }
    sink(line, level)
  })
}
