import { draftToPayload, EMPTY_DRAFT, submitReportSchema } from '../../src/core/reports'
import { buildingStatsSchema } from '../../src/core/dashboard'
import { parsePayload } from '../../src/core/shared/schema'
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
    const unit = draftToPayload(
      { ...EMPTY_DRAFT, category: 'facilities', text: '楼道灯不亮了', scope: 'unit', unit: '2单元', floor: '-1' },
      'CHY1',
      'req-12345678',
    )
    expect(unit).toMatchObject({ ok: true, value: { location: { scope: 'unit', floor: -1 } } })
    const noArea = draftToPayload({ ...EMPTY_DRAFT, category: 'facilities', text: '楼道灯不亮了' }, 'CHY1', 'req-12345678')
    expect(noArea).toMatchObject({ ok: false, message: '请选择公共区域' })
  })
})

describe('toBase64（领域层自带，不依赖 Buffer/btoa）', () => {
  it('与 Node 的 base64 逐字相同（任意字节串）', async () => {
    const fc = await import('fast-check')
    const { toBase64 } = await import('../../src/core/shared/bytes')
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => toBase64(bytes) === Buffer.from(bytes).toString('base64')),
      { numRuns: 300 },
    )
  })
})

describe('治理载荷的字段名', () => {
  it('同名字段按上一级区分：巡查的 area 是"巡查区域"，不是报事的"公共区域"；隐患的 text 是"隐患描述"', async () => {
    const { addWorkLogSchema } = await import('../../src/core/worklog')
    const base = { requestId: 'worklog-0001', communityId: 'c1', buildingCode: 'CHY1', date: '2026-11-03', note: '', photos: [], reportIds: [] }
    const area = parsePayload(addWorkLogSchema, { ...base, details: { kind: 'inspection', area: 5, hazards: [] } })
    expect(area).toMatchObject({ ok: false, message: '请填写巡查区域' })
    const hazard = parsePayload(addWorkLogSchema, { ...base, details: { kind: 'inspection', area: '大堂', hazards: [{ text: 'x'.repeat(101) }] } })
    expect(hazard).toMatchObject({ ok: false, message: '隐患描述最多 100 个字' })
    const expiry = parsePayload((await import('../../src/core/notices')).publishNoticeSchema, {
      requestId: 'notice-0001',
      communityId: 'c1',
      target: { scope: 'community' },
      title: '停水',
      body: '明天上午停水',
      images: [],
      pinned: false,
      expiresOn: {},
    })
    expect(expiry).toMatchObject({ ok: false, message: '过期日期格式应为 YYYY-MM-DD' })
  })
})

describe('人写的文字：先认出、再整理，存下的就是检测过的', () => {
  // 每个人写的文字字段：载荷样本、字段路径、去掉看不见的字符后什么都不剩时的说法（可以为空的字段不拒收）。
  type Field = [string, () => Promise<import('zod/mini').ZodMiniType>, Record<string, unknown>, (string | number)[], string | null]
  const d = () => import('../../src/core/directory')
  const n = () => import('../../src/core/notices')
  const w = () => import('../../src/core/worklog')
  const sm = () => import('../../src/core/summary')
  const sv = () => import('../../src/core/surveys')
  const inspection = { kind: 'inspection', area: '地下车库', hazards: [{ text: '消防通道堆物' }] }
  const worklog = {
    requestId: 'worklog-0001',
    communityId: 'c1',
    buildingCode: 'CHY1',
    date: '2026-11-03',
    note: '与物业一起巡查',
    photos: [],
    reportIds: [],
    details: inspection,
  }
  const withDetails = (details: Record<string, unknown>) => ({ ...worklog, details })
  const notice = {
    requestId: 'notice-0001',
    communityId: 'c1',
    target: { scope: 'community' },
    title: '停水通知',
    body: '明天上午停水，请提前储水。',
    images: [],
    pinned: false,
    expiresOn: null,
  }
  const survey = {
    requestId: 'survey-0001',
    communityId: 'c1',
    target: { scope: 'community' },
    title: '电梯加装意向',
    template: null,
    questions: [{ type: 'single', title: '是否支持加装电梯', required: true, options: ['支持', '不支持'] }],
    opensOn: null,
    closesOn: '2026-12-31',
    minAnswers: 3,
  }
  const FIELDS: Field[] = [
    ['报事描述', async () => submitReportSchema, { ...valid, text: '楼道灯坏了好几天' }, ['text'], '问题描述至少 5 个字'],
    [
      '单元',
      async () => submitReportSchema,
      { ...valid, location: { scope: 'unit', unit: '2单元', floor: 3, room: '302' } },
      ['location', 'unit'],
      '请填写单元',
    ],
    ['房号', async () => submitReportSchema, { ...valid, location: { scope: 'unit', unit: '2单元', floor: 3, room: '302' } }, ['location', 'room'], null],
    [
      '位置说明',
      async () => submitReportSchema,
      { ...valid, location: { scope: 'public', area: '电梯轿厢', detail: '3号电梯' } },
      ['location', 'detail'],
      null,
    ],
    [
      '评价的话',
      async () => (await import('../../src/core/reports')).answerSchema,
      {
        reportId: 'r1',
        requestId: 'answer-0001',
        expectedStatus: 'awaiting_confirmation',
        solved: true,
        rating: { speed: 5, attitude: 5, effect: 5 },
        words: '修得很快',
      },
      ['words'],
      null,
    ],
    [
      '没解决的原因',
      async () => (await import('../../src/core/reports')).answerSchema,
      { reportId: 'r1', requestId: 'answer-0001', expectedStatus: 'awaiting_confirmation', solved: false, reason: '还是漏水' },
      ['reason'],
      '至少 2 个字',
    ],
    [
      '代表的说明',
      async () => (await import('../../src/core/reports')).actSchema,
      {
        reportId: 'r1',
        requestId: 'act-00000001',
        expectedStatus: 'accepted',
        action: 'start',
        note: '已联系物业',
        assignee: { party: 'other', name: '电梯公司' },
      },
      ['note'],
      null,
    ],
    [
      '派给的名称',
      async () => (await import('../../src/core/reports')).actSchema,
      {
        reportId: 'r1',
        requestId: 'act-00000001',
        expectedStatus: 'accepted',
        action: 'start',
        note: '已联系物业',
        assignee: { party: 'other', name: '电梯公司' },
      },
      ['assignee', 'name'],
      null,
    ],
    [
      '小区名称',
      async () => (await d()).createCommunitySchema,
      { requestId: 'community-01', name: '春晖苑', hasPropertyCompany: true, oldEstate: false },
      ['name'],
      '请填写小区名称',
    ],
    [
      '改小区名称',
      async () => (await d()).updateCommunitySchema,
      { communityId: 'c1', name: '春晖苑', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } },
      ['name'],
      '请填写小区名称',
    ],
    [
      '楼栋名称',
      async () => (await d()).saveBuildingSchema,
      { communityId: 'c1', name: '1号楼', households: 108, units: 3, floors: 18 },
      ['name'],
      '请填写楼栋名称',
    ],
    ['接受邀请的称呼', async () => (await d()).joinSchema, { code: 'ABCDEFGH', name: '王老师' }, ['name'], '请填写称呼'],
    ['公告标题', async () => (await n()).publishNoticeSchema, notice, ['title'], '请填写标题'],
    ['公告正文', async () => (await n()).publishNoticeSchema, notice, ['body'], '正文至少 5 个字'],
    ['台账备注', async () => (await w()).addWorkLogSchema, worklog, ['note'], null],
    ['巡查区域', async () => (await w()).addWorkLogSchema, worklog, ['details', 'area'], '请填写巡查区域'],
    ['隐患描述', async () => (await w()).addWorkLogSchema, worklog, ['details', 'hazards', 0, 'text'], '请填写隐患描述'],
    [
      '会议议题',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'meeting', type: 'joint', attendees: 9, topics: '停车难', decisions: '划线' }),
      ['details', 'topics'],
      '请填写议题',
    ],
    [
      '会议决定',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'meeting', type: 'joint', attendees: 9, topics: '停车难', decisions: '划线' }),
      ['details', 'decisions'],
      null,
    ],
    [
      '活动名称',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'activity', name: '重阳节活动', participants: 30 }),
      ['details', 'name'],
      '请填写活动名称',
    ],
    [
      '调解当事方',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'mediation', parties: '5楼住户与6楼住户', outcome: 'success' }),
      ['details', 'parties'],
      '请填写当事方',
    ],
    [
      '沟通对象',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'coordination', counterpart: '物业', subject: '电梯维保', outcome: '下周检修' }),
      ['details', 'counterpart'],
      '请填写沟通对象',
    ],
    [
      '沟通事由',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'coordination', counterpart: '物业', subject: '电梯维保', outcome: '下周检修' }),
      ['details', 'subject'],
      '请填写事由',
    ],
    [
      '沟通结果',
      async () => (await w()).addWorkLogSchema,
      withDetails({ kind: 'coordination', counterpart: '物业', subject: '电梯维保', outcome: '下周检修' }),
      ['details', 'outcome'],
      null,
    ],
    ['问卷标题', async () => (await sv()).createSurveySchema, survey, ['title'], '请填写问卷标题'],
    ['题目', async () => (await sv()).createSurveySchema, survey, ['questions', 0, 'title'], '请填写题目'],
    ['选项', async () => (await sv()).createSurveySchema, survey, ['questions', 0, 'options', 0], '请填写选项'],
    [
      '答卷的单元',
      async () => (await import('../../src/core/surveys')).answerSurveySchema,
      { surveyId: 's1', buildingCode: 'CHY1', requestId: 'answer-0001', unit: '2', room: '302', values: { q1: 4, q2: '希望增加保洁' } },
      ['unit'],
      null,
    ],
    [
      '答卷的文字回答',
      async () => (await import('../../src/core/surveys')).answerSurveySchema,
      { surveyId: 's1', buildingCode: 'CHY1', requestId: 'answer-0001', unit: '2', room: '302', values: { q1: 4, q2: '希望增加保洁' } },
      ['values', 'q2'],
      null,
    ],
    [
      '总结标题',
      async () => (await sm()).saveSummarySchema,
      {
        requestId: 'save-0001',
        summaryId: 's1',
        baseVersion: 1,
        draft: null,
        title: '1号楼工作总结',
        edits: [{ paragraphId: 'intro', text: '本月共收到 3 件报事。' }],
      },
      ['title'],
      '标题至少 2 个字',
    ],
    [
      '总结段落',
      async () => (await sm()).saveSummarySchema,
      {
        requestId: 'save-0001',
        summaryId: 's1',
        baseVersion: 1,
        draft: null,
        title: '1号楼工作总结',
        edits: [{ paragraphId: 'intro', text: '本月共收到 3 件报事。' }],
      },
      ['edits', 0, 'text'],
      null,
    ],
    [
      '对总结的意见',
      async () => (await sm()).commentSummarySchema,
      { requestId: 'comment-0001', summaryId: 's1', buildingCode: 'CHY1', text: '建议多巡查地下车库' },
      ['text'],
      '意见至少 2 个字',
    ],
  ]
  const at = (value: unknown, path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value)
  const withValue = (payload: Record<string, unknown>, path: (string | number)[], change: (old: string) => string) => {
    const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>
    const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>
    parent[path[path.length - 1]] = change(parent[path[path.length - 1]] as string)
    return copy
  }

  it.each(FIELDS)('%s：落单的代理项（半个 emoji）拒收，说含有无法识别的字符', async (_, schema, payload, path) => {
    const s = await schema()
    expect(parsePayload(s, payload).ok).toBe(true)
    for (const broken of [(v: string) => `${v}\uD83D`, (v: string) => `\uDE00${v}`, (v: string) => `${v.slice(0, 1)}\uD800${v.slice(1)}`]) {
      const r = parsePayload(s, withValue(payload, path, broken))
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('含有无法识别的字符') })
    }
    // 完整的 emoji（一对代理项）照收。
    expect(
      parsePayload(
        s,
        withValue(payload, path, (v) => `${v}👍`),
      ).ok,
    ).toBe(true)
  })

  it.each(FIELDS)('%s：零宽字符与双向控制符去掉、统一成 NFC；只剩它们的必填项按没填拒收', async (_, schema, payload, path, empty) => {
    const s = await schema()
    const original = at(payload, path) as string
    const dirty = withValue(
      payload,
      path,
      (v) => `\u202E${v.slice(0, 1)}\u200B\u200C\u200D\u2060\uFEFF\u200E\u200F\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069${v.slice(1)}e\u0301`,
    )
    const r = parsePayload(s, dirty)
    expect(r.ok).toBe(true)
    if (r.ok) expect(at(r.value, path)).toBe(`${original}\u00E9`)
    const blank = parsePayload(
      s,
      withValue(payload, path, () => '\u200B\u200D\u2066\uFEFF'),
    )
    if (empty === null) {
      expect(blank.ok).toBe(true)
      if (blank.ok) expect(at(blank.value, path)).toBe('')
    } else expect(blank).toMatchObject({ ok: false, message: expect.stringContaining(empty) })
  })
})
