/**
 * 把文档变成纯文字（预览、复制、公示的底稿）：占位符 {{f:id}} 换成数字的显示文字，章节按"一、（一）"编号。
 * 页面要做可点的数字时不用它，而用 segments() 把一段拆成文字与数字交替的片段。
 */
import { scrubPersonalData } from '../shared/privacy'
import type { Figure, Paragraph, Section, SummaryDocument } from './types'

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五']

/** 一段文字里的占位符换成显示文字；不认识的 id 原样留下（测试据此发现漏登记的数字）。 */
export function renderText(text: string, figures: Record<string, Figure>): string {
  return text.replace(/\{\{f:([^}]+)\}\}/g, (whole, id: string) => figures[id]?.display ?? whole)
}

/** 代表选了引用的居民原话（已去掉个人信息），接在案例段落后面；没选为空串。 */
export const quoteSuffix = (p: Paragraph) => (p.quote?.shown && p.quote.text ? `居民原话：「${p.quote.text}」` : '')

/** 写着某件报事的段落：典型案例与"长期未办结"那项不足及其建议。 */
const aboutOneReport = (p: Paragraph) => /^case\d+$/.test(p.id) || p.weaknessId === 'open:longest'

/**
 * 一段给人读的文字（居民看的公告、Word、复制的文字）：数字换成显示文字，接上选了引用的原话。
 * 写着某件报事的段落再去一遍个人信息：早先存下的版本把报事的摘要直接写在了正文里。
 */
export function paragraphText(p: Paragraph, figures: Record<string, Figure>): string {
  const text = renderText(p.text, figures) + quoteSuffix(p)
  return aboutOneReport(p) ? scrubPersonalData(text) : text
}

export type Segment = { text: string } | { figure: Figure }

/** 一段拆成片段：文字与数字交替，数字可点（按 trace 查背后的记录）。 */
export function segments(p: Paragraph, figures: Record<string, Figure>): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of p.text.matchAll(/\{\{f:([^}]+)\}\}/g)) {
    const at = m.index ?? 0
    if (at > last) out.push({ text: p.text.slice(last, at) })
    const f = figures[m[1]]
    out.push(f ? { figure: f } : { text: m[0] })
    last = at + m[0].length
  }
  if (last < p.text.length) out.push({ text: p.text.slice(last) })
  return out
}

/** 章节标题的编号：第一层"一、"，第二层"（一）"，再往下"1．"（公文的层次）。文字、Word、页面与居民看到的都用它。 */
export function sectionHeading(heading: string, depth: number, index: number): string {
  const num = NUMERALS[index] ?? String(index + 1)
  return depth === 0 ? `${num}、${heading}` : depth === 1 ? `（${num}）${heading}` : `${index + 1}．${heading}`
}

function renderSection(s: Section, depth: number, index: number, figures: Record<string, Figure>): string[] {
  return [
    sectionHeading(s.heading, depth, index),
    ...s.paragraphs.map((p) => paragraphText(p, figures)),
    ...s.children.flatMap((c, i) => renderSection(c, depth + 1, i, figures)),
  ]
}

/** 整份文档的纯文字：标题一行，其后每个标题、每段各一行。 */
export function render(doc: SummaryDocument): string {
  return [doc.title, ...doc.sections.flatMap((s, i) => renderSection(s, 0, i, doc.figures))].join('\n')
}

/** 全部段落（按文中顺序），测试与导出用。 */
export function allParagraphs(doc: SummaryDocument): Paragraph[] {
  const walk = (s: Section): Paragraph[] => [...s.paragraphs, ...s.children.flatMap(walk)]
  return doc.sections.flatMap(walk)
}
