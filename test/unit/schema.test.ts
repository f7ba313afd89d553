import { draftToPayload, EMPTY_DRAFT } from '../../src/core/reportDraft'
import { buildingStatsSchema, parsePayload, submitReportSchema } from '../../src/core/schema'
import { aReport } from '../samples'

const valid = aReport({ requestId: 'req-12345678' })

describe('报事载荷校验（表单与云函数共用）', () => {
  it('接受完整的报事，并去掉描述首尾空白', () => {
    const r = parsePayload(submitReportSchema, { ...valid, text: '  楼道灯坏了好几天  ' })
    expect(r).toMatchObject({ ok: true, value: { text: '楼道灯坏了好几天' } })
  })

  it('接受自家单元的位置，楼层可为地下', () => {
    const r = parsePayload(submitReportSchema, { ...valid, location: { scope: 'unit', unit: '2单元', floor: -1, room: '' } })
    expect(r.ok).toBe(true)
  })

  it.each([
    [{ text: '坏了' }, '问题描述至少 5 个字'],
    [{ text: '很'.repeat(501) }, '问题描述最多 500 个字'],
    [{ category: 'weather' }, '请选择问题分类'],
    [{ kind: undefined }, '请选择类型：报事报修、投诉或建议'],
    [{ buildingCode: '一号楼' }, '楼栋码无效，请重新扫描楼栋二维码'],
    [{ photos: Array.from({ length: 10 }, (_, i) => `local://uploads/reports/2026-11/p${i}.png`) }, '最多上传 9 张照片'],
    [{ photos: ['local://uploads/reports/2026-11/a.png', 'local://uploads/reports/2026-11/a.png'] }, '照片重复了'],
    [{ photos: ['local://uploads/qr/CHY1.png'] }, '照片格式不正确'],
    [{ photos: ['local://uploads/reports/../qr/CHY1.png'] }, '照片格式不正确'],
    [{ photos: ['https://evil.example/reports/a.png'] }, '照片格式不正确'],
    [{ urgency: 'asap' }, '请选择紧急程度'],
    [{ contactPhone: '电话 123' }, '请填写正确的手机或座机号码，或留空'],
    [{ location: { scope: 'unit', unit: '2单元', floor: 3.5, room: '' } }, '楼层应为整数'],
    [{ location: { scope: 'unit', unit: '', floor: 3, room: '' } }, '请填写单元'],
    [{ location: { scope: 'roof' } }, '请选择位置：自家单元或公共区域'],
    [{ anonymous: 'yes' }, '请选择是否匿名'],
  ])('拒绝 %j:%s', (patch, message) => {
    const r = parsePayload(submitReportSchema, { ...valid, ...patch })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(message)
  })

  it('载荷里的身份字段被拒绝，而不是被悄悄采用', () => {
    const r = parsePayload(submitReportSchema, { ...valid, reporterId: 'someone-else', openid: 'x' })
    expect(r).toEqual({ ok: false, message: '不接受的字段：reporterId、openid', field: undefined })
  })

  it('统计查询的月份格式', () => {
    expect(parsePayload(buildingStatsSchema, { buildingCode: 'CHY1', month: '2026-13' })).toMatchObject({ ok: false, message: '月份格式应为 YYYY-MM' })
    expect(parsePayload(buildingStatsSchema, { buildingCode: 'CHY1', month: '2026-02' }).ok).toBe(true)
  })
})

describe('报事表单草稿 → 载荷', () => {
  it('空表单给出第一条中文错误', () => {
    const r = draftToPayload(EMPTY_DRAFT, 'CHY1', 'req-12345678')
    expect(r).toMatchObject({ ok: false, message: '请选择问题分类' })
  })

  it('楼层文本转成数字，公共区域未选时提示选择', () => {
    const unit = draftToPayload({ ...EMPTY_DRAFT, category: 'facilities', text: '楼道灯不亮了', scope: 'unit', unit: '2单元', floor: '-1' }, 'CHY1', 'req-12345678')
    expect(unit).toMatchObject({ ok: true, value: { location: { scope: 'unit', floor: -1 } } })
    const noArea = draftToPayload({ ...EMPTY_DRAFT, category: 'facilities', text: '楼道灯不亮了' }, 'CHY1', 'req-12345678')
    expect(noArea).toMatchObject({ ok: false, message: '请选择公共区域' })
  })
})

describe('toBase64（领域层自带，不依赖 Buffer/btoa）', () => {
  it('与 Node 的 base64 逐字相同（任意字节串）', async () => {
    const fc = await import('fast-check')
    const { toBase64 } = await import('../../src/core/usecases/buildings')
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => toBase64(bytes) === Buffer.from(bytes).toString('base64')), { numRuns: 300 })
  })
})

describe('治理载荷的字段名', () => {
  it('同名字段按上一级区分：巡查的 area 是"巡查区域"，不是报事的"公共区域"；隐患的 text 是"隐患描述"', async () => {
    const { addWorkLogSchema } = await import('../../src/core/governanceSchema')
    const base = { requestId: 'worklog-0001', communityId: 'c1', buildingCode: 'CHY1', date: '2026-11-03', note: '', photos: [], reportIds: [] }
    const area = parsePayload(addWorkLogSchema, { ...base, details: { kind: 'inspection', area: 5, hazards: [] } })
    expect(area).toMatchObject({ ok: false, message: '请填写巡查区域' })
    const hazard = parsePayload(addWorkLogSchema, { ...base, details: { kind: 'inspection', area: '大堂', hazards: [{ text: 'x'.repeat(101) }] } })
    expect(hazard).toMatchObject({ ok: false, message: '隐患描述最多 100 个字' })
    const expiry = parsePayload((await import('../../src/core/governanceSchema')).publishNoticeSchema, { requestId: 'notice-0001', communityId: 'c1', target: { scope: 'community' }, title: '停水', body: '明天上午停水', images: [], pinned: false, expiresOn: {} })
    expect(expiry).toMatchObject({ ok: false, message: '过期日期格式应为 YYYY-MM-DD' })
  })
})
