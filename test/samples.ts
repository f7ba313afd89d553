import { countingCode } from '../server/functions/ids'
import type { Member, Membership } from '../src/core/directory'
import type { IdGenerator } from '../src/core/shared/ports'
import type { SubmitReportInput } from '../src/core/reports'

/** 一份合法的报事载荷，测试按需覆盖字段；请求编号每次不同，除非测试指定。 */
export const aReport = (over: Partial<SubmitReportInput> = {}): SubmitReportInput => ({
  requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
  buildingCode: 'CHY1',
  kind: 'repair',
  category: 'elevator',
  text: '3单元电梯按钮失灵，已经两天了',
  location: { scope: 'public', area: '电梯轿厢', detail: '3单元' },
  anonymous: false,
  urgency: 'normal',
  contactPhone: '',
  photos: [],
  ...over,
})

/** 一位成员：id 由 openid 与身份确定（同一人同一身份总是同一个 id），称呼为空，名义为无。 */
let memberSerial = 0
/** 成员编号不含 openid（它会给管理员看到），与生产里一样是不透明的。 */
export const memberOf = (openid: string, m: Membership, over: Partial<Member> = {}): Member => ({
  id: `m${String(++memberSerial).padStart(4, '0')}`,
  openid,
  ...m,
  name: '',
  body: null,
  since: '2026-01-01T00:00:00.000Z',
  ...over,
})

/** 可复现的 id 与短码：id 为 prefix 加四位序号，短码为序号按短码字母表写出。 */
export function countingIds(prefix: string): IdGenerator {
  let serial = 0
  let codes = 0
  return { newId: () => `${prefix}${String(++serial).padStart(4, '0')}`, newCode: (length) => countingCode(++codes, length) }
}
