import { randomInt, randomUUID } from 'node:crypto'
import type { IdGenerator } from '../../src/core/shared/ports'

/** 短码的字母表：大写字母与数字，去掉易混的 0/O、1/I/L（31 个）。 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** 随机 id：不暴露数量和顺序（不用自增号），在云开发与 SQLite 里都能当主键。短码每位独立地取自密码学随机数。 */
export const randomIds: IdGenerator = {
  newId: () => randomUUID().replace(/-/g, '').slice(0, 20),
  newCode: (length) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
}

/** 可复现的短码（演示数据与测试用）：第 n 个码是 n 按字母表写成的 length 位数。 */
export function countingCode(n: number, length: number): string {
  let rest = n
  let code = ''
  for (let i = 0; i < length; i++) {
    code = CODE_ALPHABET[rest % CODE_ALPHABET.length] + code
    rest = Math.floor(rest / CODE_ALPHABET.length)
  }
  return code
}
