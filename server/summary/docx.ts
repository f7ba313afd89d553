/**
 * 工作总结 → Word（.docx），用 docx 库生成：标题、各级标题、段落（数字换成显示文字）、醒目标出的待填空，
 * 以及关键数字表（本期 / 上期 / 去年同期）。只在服务端用（云函数打包进 summary，不进小程序）。
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { paragraphText } from '../../src/core/summaryDocument'
import type { Section, SummaryDocument } from '../../src/core/summaryDocument'

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五']
const FONT = { ascii: 'SimSun', eastAsia: 'SimSun', hAnsi: 'SimSun' }

function sectionParagraphs(doc: SummaryDocument, s: Section, depth: number, index: number): Paragraph[] {
  const num = NUMERALS[index] ?? String(index + 1)
  const out = [
    new Paragraph({
      heading: depth === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      children: [new TextRun({ text: depth === 0 ? `${num}、${s.heading}` : `（${num}）${s.heading}`, font: FONT })],
    }),
  ]
  for (const p of s.paragraphs) {
    const text = paragraphText(p, doc.figures)
    out.push(
      p.gap
        ? // 留给起草人填的空：黄底红字，打印出来也一眼看得到。
          new Paragraph({
            indent: { firstLine: 480 },
            children: [new TextRun({ text, font: FONT, color: 'C00000', bold: true, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFFF00' } })],
          })
        : new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [new TextRun({ text, font: FONT })] }),
    )
  }
  s.children.forEach((c, i) => out.push(...sectionParagraphs(doc, c, depth + 1, i)))
  return out
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT })] })] })
}

function keyFigureTable(doc: SummaryDocument): Table {
  const show = (id: string | null) => (id && doc.figures[id] ? doc.figures[id].display : '—')
  const rows = doc.keyFigures.filter((r) => doc.figures[r.figureId])
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('项目', true), cell('本期', true), cell('上期', true), cell('去年同期', true)] }),
      ...rows.map((r) => new TableRow({ children: [cell(r.label), cell(show(r.figureId)), cell(show(r.previousId)), cell(show(r.yearAgoId))] })),
    ],
  })
}

export async function summaryToDocx(doc: SummaryDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.title, font: FONT, bold: true })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `${doc.scopeLabel} · ${doc.periodLabel} · ${doc.kindLabel}`, font: FONT, color: '666666' })],
    }),
    ...doc.sections.flatMap((s, i) => sectionParagraphs(doc, s, 0, i)),
  ]
  if (doc.keyFigures.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: '附：关键数字', font: FONT })] }), keyFigureTable(doc))
  }
  if (doc.gaps.length) {
    children.push(
      new Paragraph({
        children: [new TextRun({ text: `注：文中黄底红字的 ${doc.gaps.length} 处是系统里没有数据、需要起草人补充的内容。`, font: FONT, color: 'C00000' })],
      }),
    )
  }
  const buffer = await Packer.toBuffer(new Document({ creator: '楼事通', title: doc.title, sections: [{ children }] }))
  return new Uint8Array(buffer)
}
