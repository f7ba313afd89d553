/** 用例的返回：成功带数据，失败带错误码与一句可以直接展示的中文。 */
export type ErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'RATE_LIMITED' | 'UNKNOWN_ACTION' | 'INTERNAL'

export type Result<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string }

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, code, message })
