import type { SubmitReportInput } from '../src/core/schema'

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
