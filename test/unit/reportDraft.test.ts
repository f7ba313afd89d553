import { draftToPayload, EMPTY_DRAFT, validateDraft, type ReportDraft } from '../../src/core/reports'

const filled: ReportDraft = {
  ...EMPTY_DRAFT,
  category: 'elevator',
  text: '电梯按钮失灵，按了没反应',
  area: '大堂',
}

describe('报事草稿 reportDraft', () => {
  it('空草稿默认"一般"、不留电话、没有照片', () => {
    expect(EMPTY_DRAFT).toMatchObject({ urgency: 'normal', contactPhone: '', photos: [] })
  })

  it('填好的草稿转成载荷：带上紧急程度、联系电话与已上传照片', () => {
    const r = draftToPayload(
      {
        ...filled,
        urgency: 'urgent',
        contactPhone: ' 138 0013 8000 ',
        photos: ['cloud://env-1.abc/reports/2026-11/a.png', 'cloud://env-1.abc/reports/2026-11/b.png'],
      },
      'CHY1',
      'req-12345678',
    )
    expect(r).toEqual({
      ok: true,
      value: {
        requestId: 'req-12345678',
        buildingCode: 'CHY1',
        kind: 'repair',
        category: 'elevator',
        text: '电梯按钮失灵，按了没反应',
        location: { scope: 'public', area: '大堂', detail: '' },
        anonymous: false,
        urgency: 'urgent',
        contactPhone: '138 0013 8000',
        photos: ['cloud://env-1.abc/reports/2026-11/a.png', 'cloud://env-1.abc/reports/2026-11/b.png'],
      },
    })
  })

  it('validateDraft 一次给出全部错误，各在自己的字段上', () => {
    const r = validateDraft({ ...EMPTY_DRAFT, text: '坏了', contactPhone: '12ab' }, 'CHY1', 'req-12345678')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual({
      category: '请选择问题分类',
      text: '问题描述至少 5 个字',
      area: '请选择公共区域',
      contactPhone: '请填写正确的手机或座机号码，或留空',
    })
    expect(r.count).toBe(4)
    // 第一处按表单从上到下的顺序。
    expect(r.first).toEqual({ field: 'category', message: '请选择问题分类' })
  })

  it('自家单元：单元与楼层的错误分别落在单元、楼层上', () => {
    const r = validateDraft({ ...filled, scope: 'unit', unit: '', floor: '3.5' }, 'CHY1', 'req-12345678')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual({ unit: '请填写单元', floor: '楼层应为整数' })
  })

  it('楼层没填', () => {
    const r = validateDraft({ ...filled, scope: 'unit', unit: '2单元', floor: '' }, 'CHY1', 'req-12345678')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual({ floor: '请填写楼层' })
  })

  it('照片超过 9 张、重复：错误在照片上；楼栋码无效：错误在表单上', () => {
    const many = Array.from({ length: 10 }, (_, i) => `cloud://env-1.abc/reports/2026-11/p${i}.png`)
    expect(validateDraft({ ...filled, photos: many }, 'CHY1', 'req-12345678')).toMatchObject({ ok: false, errors: { photos: '最多上传 9 张照片' } })
    expect(
      validateDraft({ ...filled, photos: ['cloud://env-1.abc/reports/2026-11/x.png', 'cloud://env-1.abc/reports/2026-11/x.png'] }, 'CHY1', 'req-12345678'),
    ).toMatchObject({ ok: false, errors: { photos: '照片重复了' } })
    expect(validateDraft(filled, '一号楼', 'req-12345678')).toMatchObject({ ok: false, errors: { form: '楼栋码无效，请重新扫描楼栋二维码' } })
  })

  it('全部填对时返回与函数相同的载荷', () => {
    const r = validateDraft({ ...filled, scope: 'unit', unit: '2单元', floor: '-1', room: '' }, 'CHY1', 'req-12345678')
    expect(r).toMatchObject({ ok: true, value: { location: { scope: 'unit', unit: '2单元', floor: -1, room: '' }, urgency: 'normal' } })
  })
})
