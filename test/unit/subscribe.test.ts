import { STATUS_LABELS, newReportMessage, reportProgressMessage } from '../../src/core/reports'
import fc from 'fast-check'
import { fitField } from '../../src/core/shared/subscribeMessage'
import type { Report } from '../../src/core/reports'

describe('订阅消息字段规则', () => {
  it('thing 超过 20 个字符时裁成 19 个加省略号（按字符而不是字节）', () => {
    const long = '一楼大堂的感应门已经坏了三天了，进出都要用手推开很不方便'
    const fitted = fitField('thing', long)
    expect(fitted).toEqual({ ok: true, data: `${Array.from(long).slice(0, 19).join('')}…` })
    expect(Array.from(fitted.ok ? fitted.data : '').length).toBe(20)
    expect(fitField('thing', '  电梯\n异响 ')).toEqual({ ok: true, data: '电梯 异响' })
  })

  it('thing 对长描述只看前一段，结果与规整、拆开整段再裁剪的相同（空白、换行、四字节的字、切口处的半个字）', () => {
    // 直接照规则写的参照：整段合并空白、去两头空白，按字符（码点）数，超过 20 个就留 19 个加省略号。
    const reference = (raw: string) => {
      const value = raw.replace(/\s+/g, ' ').trim()
      if (!value) return { ok: false }
      const all = Array.from(value)
      return { ok: true, data: all.length <= 20 ? value : `${all.slice(0, 19).join('')}…` }
    }
    const piece = fc.constantFrom('楼', '道', '灯', 'a', '1', ' ', '  ', '\n', '\t', '\u3000', ' '.repeat(8), '\n'.repeat(6), '😀', '𠀋', '，')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const raw = pieces.join('')
        const fitted = fitField('thing', raw)
        expect(fitted.ok ? { ok: true, data: fitted.data } : { ok: false }).toEqual(reference(raw))
      }),
      { numRuns: 5000 },
    )
    // 切口正好在四字节的字中间、前一段几乎全是空白、后面只剩空白（规整后正好 19、20、21 个字）时也一样。
    const edges = [`${'楼'.repeat(63)}😀${'道'.repeat(30)}`, `${' '.repeat(60)}${'楼'.repeat(30)}`, `${'楼 '.repeat(10)}${' '.repeat(50)}道`]
    for (let n = 17; n <= 24; n++)
      edges.push(`${'楼'.repeat(n)}${' '.repeat(70)}`, `${'楼'.repeat(n)}${' '.repeat(70)}道`, `${'😀'.repeat(n)}${' '.repeat(70)}`)
    for (const raw of edges) {
      const fitted = fitField('thing', raw)
      expect(fitted.ok ? { ok: true, data: fitted.data } : { ok: false }).toEqual(reference(raw))
    }
  })

  it('phrase 只收 5 个以内的汉字；每个状态名都符合', () => {
    for (const label of Object.values(STATUS_LABELS)) expect(fitField('phrase', label).ok).toBe(true)
    expect(fitField('phrase', '处理中ing').ok).toBe(false)
    expect(fitField('phrase', '已经处理完毕了').ok).toBe(false)
  })

  it('time、number、character_string、name 不合规就拒绝，空值也拒绝', () => {
    expect(fitField('time', '2026年11月21日 09:30').ok).toBe(true)
    expect(fitField('time', '2026-11-21 09:30').ok).toBe(false)
    expect(fitField('number', '12.5').ok).toBe(true)
    expect(fitField('number', '12a').ok).toBe(false)
    expect(fitField('character_string', 'CHY1-0012').ok).toBe(true)
    expect(fitField('character_string', '一号楼').ok).toBe(false)
    expect(fitField('name', '李建国').ok).toBe(true)
    expect(fitField('name', '李建国Li').ok).toBe(false)
    expect(fitField('thing', '   ').ok).toBe(false)
  })
})

describe('本产品的两条订阅消息', () => {
  const building = { id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 }
  const report: Report = {
    id: 'r1',
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'repair',
    category: 'elevator',
    text: '3单元电梯按钮失灵',
    location: { scope: 'public', area: '电梯轿厢', detail: '3单元' },
    anonymous: false,
    photos: [],
    status: 'processing',
    urgency: 'normal',
    contactPhone: '',
    assignee: null,
    mergedInto: null,
    followers: 0,
    reporterId: 'wang',
    requestId: 'req-00000001',
    createdAt: '2026-11-20T01:05:00.000Z',
    updatedAt: '2026-11-20T01:05:00.000Z',
    month: '2026-11',
  }

  it('新报事提醒给代表：楼栋、类别与内容（裁剪）、北京时间、位置，点开进这条报事的处理页', () => {
    const message = newReportMessage('TPL_NEW', 'rep_li', { ...report, text: '电梯在七楼和八楼之间异响，已经持续好几天了，请尽快安排检修' }, building)
    expect(message.ok).toBe(true)
    if (!message.ok) return
    expect(message.data.touser).toBe('rep_li')
    expect(message.data.page).toBe('rep/detail/index?id=r1')
    expect(message.data.data.time3.value).toBe('2026年11月20日 09:05')
    expect(Array.from(message.data.data.thing2.value).length).toBeLessThanOrEqual(20)
    expect(message.data.data.thing2.value.startsWith('电梯：')).toBe(true)
  })

  it('进度通知给报事人：当前状态是 phrase，备注为空时写"无"', () => {
    const message = reportProgressMessage('TPL_PROGRESS', report.reporterId, report, '', '2026-11-21T06:30:00.000Z')
    expect(message.ok && message.data.data).toEqual({
      thing1: { value: expect.stringMatching(/^电梯：/) },
      phrase2: { value: '处理中' },
      time3: { value: '2026年11月21日 14:30' },
      thing4: { value: '无' },
    })
  })
})
