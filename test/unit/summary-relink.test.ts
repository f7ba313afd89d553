/** 改过的段落重新连回数字：原段落里的每个数字，在改后的纯文字里找它的显示文字第一次出现处，换回占位符。 */
import { applyEdits, paragraphPlainText, relinkText } from '../../src/core/summary'
import { type Figure, type SummaryDocument } from '../../src/core/summaryDocument'

const fig = (id: string, display: string): Figure => ({ id, label: id, display, value: 0, trace: { source: 'facts', field: 'households', buildingIds: [] } })
const figures: Record<string, Figure> = {
  received: fig('received', '12 件'),
  resolved: fig('resolved', '9 件'),
  zeroA: fig('zeroA', '0 件'),
  zeroB: fig('zeroB', '0 件'),
  rate: fig('rate', '75%（9/12）'),
}

describe('relinkText', () => {
  it('写法不变的数字连回原来的占位符，改过写法的只是文字', () => {
    const original = '本期收到 {{f:received}}，已解决 {{f:resolved}}，解决率 {{f:rate}}。'
    const out = relinkText('经核实，本期共收到 12 件，解决了九件，解决率 75%（9/12）。', original, figures)
    expect(out.text).toBe('经核实，本期共收到 {{f:received}}，解决了九件，解决率 {{f:rate}}。')
    expect(out.figureIds).toEqual(['received', 'rate'])
  })

  it('相同显示文字的两个数字按原来的先后各取一个出现处', () => {
    const out = relinkText('投诉 0 件，建议 0 件。', '投诉 {{f:zeroA}}，建议 {{f:zeroB}}。', figures)
    expect(out.text).toBe('投诉 {{f:zeroA}}，建议 {{f:zeroB}}。')
  })

  it('句子顺序改了，数字各自连上', () => {
    const out = relinkText('解决率 75%（9/12），已解决 9 件', '解决率 {{f:rate}}，已解决 {{f:resolved}}', figures)
    expect(out.text).toBe('解决率 {{f:rate}}，已解决 {{f:resolved}}')
  })

  it('用户写的占位符写法不会冒充数字', () => {
    const out = relinkText('{{f:received}} 是我写的', '收到 {{f:received}}', figures)
    expect(out.text).toBe('{{ f:received}} 是我写的')
    expect(out.figureIds).toEqual([])
  })
})

describe('applyEdits', () => {
  const doc: SummaryDocument = {
    kind: 'representative',
    kindLabel: '业主代表工作总结',
    title: '原标题',
    periodLabel: '2026年11月',
    scopeLabel: '春晖苑1号楼',
    sections: [
      {
        id: 's',
        heading: '一',
        paragraphs: [
          { id: 'p1', text: '收到 {{f:received}}。', figureIds: ['received'] },
          { id: 'gap', text: '【待补充：个人体会（写一两句）】', figureIds: [], gap: { label: '个人体会', hint: '写一两句' } },
        ],
        children: [],
      },
    ],
    figures,
    keyFigures: [],
    weaknesses: [],
    gaps: [{ label: '个人体会', hint: '写一两句' }],
  }

  it('没改的段落原样；改过的留空不再是空；不认识的段落编号报出来', () => {
    const same = paragraphPlainText(doc.sections[0].paragraphs[0], figures)
    const out = applyEdits(doc, '新标题', [
      { paragraphId: 'p1', text: same },
      { paragraphId: 'gap', text: '这一年学到了很多。' },
      { paragraphId: 'nope', text: 'x' },
    ])
    expect(out.document.title).toBe('新标题')
    expect(out.document.sections[0].paragraphs[0]).toBe(doc.sections[0].paragraphs[0])
    expect(out.document.sections[0].paragraphs[1]).toEqual({ id: 'gap', text: '这一年学到了很多。', figureIds: [] })
    expect(out.document.gaps).toEqual([])
    expect(out.unknown).toEqual(['nope'])
    expect(out.document.figures).toBe(figures)
  })
})
