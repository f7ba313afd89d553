/** 居民在公告里看到的总结：征求意见稿或公示的定稿（纯文字），能不能提意见，自己提过的意见。 */
import type { SummaryStore } from './ports'
import { paragraphText, sectionHeading } from './render'
import type { Section, SummaryDocument } from './types'
import type { SummaryRecord } from './records'
import type { ResidentSummaryView } from './views'

/** 章节摊平成"标题 + 段落"（与 render.ts 同样编号）；还没填的空不给居民看。 */
export function residentSections(doc: SummaryDocument): ResidentSummaryView['sections'] {
  const out: ResidentSummaryView['sections'] = []
  const walk = (s: Section, depth: number, index: number) => {
    out.push({ heading: sectionHeading(s.heading, depth, index), paragraphs: s.paragraphs.filter((p) => !p.gap).map((p) => paragraphText(p, doc.figures)) })
    s.children.forEach((c, i) => walk(c, depth + 1, i))
  }
  doc.sections.forEach((s, i) => walk(s, 0, i))
  return out
}

export const canCommentOn = (s: SummaryRecord, now: string) => s.status === 'consulting' && s.consultUntil !== null && now < s.consultUntil

/** 一份总结给某位居民看的样子；还是草稿的（不该挂在公告上）为 null。 */
export async function residentSummaryView(store: SummaryStore, summaryId: string, openid: string, now: string): Promise<ResidentSummaryView | null> {
  const s = await store.summaryById(summaryId)
  if (!s || s.status === 'draft') return null
  const version = await store.summaryVersion(s.id, s.latestVersion)
  if (!version) return null
  const mine = await store.summaryCommentsBy(s.id, openid)
  return {
    id: s.id,
    status: s.status,
    title: version.document.title,
    sections: residentSections(version.document),
    consultUntil: s.consultUntil,
    canComment: canCommentOn(s, now),
    myComments: mine.map((c) => ({ text: c.text, at: c.at })),
  }
}
