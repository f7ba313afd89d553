/**
 * 改过的段落是纯文字（数字照原样写在里面）。保存时把数字重新连回它的记录：原段落里的每个数字（按出现的先后），
 * 在改后的文字里找它的显示文字第一次出现的地方（跳过已经连上的），换回占位符 {{f:id}}。
 * 删掉或改了写法的数字就只是文字，不再可点；没有改的段落原样保留。纯函数。
 */
import { figureIdsIn } from './draft'
import type { Figure, Paragraph, Section, SummaryDocument } from '../summaryDocument'

type Piece = { text: string } | { id: string }

/** 一段改后的纯文字，按原段落的数字重新连上占位符。 */
export function relinkText(edited: string, originalText: string, figures: Record<string, Figure>): { text: string; figureIds: string[] } {
  // 用户写的文字里不许出现占位符的写法（免得冒充一个数字）。
  let pieces: Piece[] = [{ text: edited.replace(/\{\{f:/g, '{{ f:') }]
  const linked: string[] = []
  for (const id of figureIdsIn(originalText)) {
    const display = figures[id]?.display
    if (!display) continue
    const at = pieces.findIndex((p) => 'text' in p && p.text.includes(display))
    if (at < 0) continue
    const piece = pieces[at] as { text: string }
    const i = piece.text.indexOf(display)
    const replaced: Piece[] = [{ text: piece.text.slice(0, i) }, { id }, { text: piece.text.slice(i + display.length) }]
    pieces = [...pieces.slice(0, at), ...replaced.filter((p) => !('text' in p) || p.text !== ''), ...pieces.slice(at + 1)]
    linked.push(id)
  }
  const text = pieces.map((p) => ('text' in p ? p.text : `{{f:${p.id}}}`)).join('')
  return { text, figureIds: [...new Set(figureIdsIn(text))] }
}

/** 段落的纯文字（占位符换成显示文字）：页面编辑框里的初始内容，也是判断"改没改"的依据。 */
export const paragraphPlainText = (p: Paragraph, figures: Record<string, Figure>) =>
  p.text.replace(/\{\{f:([^}]+)\}\}/g, (whole, id: string) => figures[id]?.display ?? whole)

export interface ParagraphEdit {
  paragraphId: string
  text: string
}

/** 代表对一件典型案例的选择：引不引居民的原话（引的是存在文档里、已去掉个人信息的那段，客户端不能给文字）。 */
export interface QuoteChoice {
  paragraphId: string
  quoted: boolean
}

/**
 * 把改动套到文档上：标题（可选）、若干段与案例引不引原话。段落编号不存在（或选引用的段落没有可引的原话）时
 * 答 unknown 里的编号（调用方拒收）。文字与原来（显示文字）完全相同的段落不动；改过的留空段（gap）不再是空。
 */
export function applyEdits(
  doc: SummaryDocument,
  title: string | null,
  edits: readonly ParagraphEdit[],
  quotes: readonly QuoteChoice[] = [],
): { document: SummaryDocument; unknown: string[] } {
  const byId = new Map(edits.map((e) => [e.paragraphId, e.text]))
  const quotedById = new Map(quotes.map((q) => [q.paragraphId, q.quoted]))
  const seen = new Set<string>()
  const seenQuotes = new Set<string>()
  const quoteParagraph = (p: Paragraph): Paragraph => {
    const quoted = quotedById.get(p.id)
    if (quoted === undefined || !p.quote) return p
    seenQuotes.add(p.id)
    return quoted === p.quote.shown ? p : { ...p, quote: { ...p.quote, shown: quoted } }
  }
  const editParagraph = (original: Paragraph): Paragraph => {
    const p = quoteParagraph(original)
    const edited = byId.get(p.id)
    if (edited === undefined) return p
    seen.add(p.id)
    if (edited === paragraphPlainText(p, doc.figures)) return p
    const { text, figureIds } = relinkText(edited, p.text, doc.figures)
    const { gap: _gap, ...rest } = p
    return { ...rest, text, figureIds }
  }
  const editSection = (s: Section): Section => ({ ...s, paragraphs: s.paragraphs.map(editParagraph), children: s.children.map(editSection) })
  const sections = doc.sections.map(editSection)
  const gaps: SummaryDocument['gaps'] = []
  const collect = (s: Section) => {
    for (const p of s.paragraphs) if (p.gap) gaps.push(p.gap)
    s.children.forEach(collect)
  }
  sections.forEach(collect)
  const unknown = [...new Set([...[...byId.keys()].filter((id) => !seen.has(id)), ...[...quotedById.keys()].filter((id) => !seenQuotes.has(id))])]
  return { document: { ...doc, title: title ?? doc.title, sections, gaps }, unknown }
}
