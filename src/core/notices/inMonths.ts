import type { Notice } from './model'
import type { NoticeQuery, NoticeStore } from './ports'

const PAGE = 100

/** 这些月份里发布的公告（发布早的在前）：按发布时间新的在前一页页读，读到最早那个月之前为止。总结的 trace 与导出的表共用。 */
export async function noticesPublishedIn(store: Pick<NoticeStore, 'notices'>, query: NoticeQuery, months: readonly string[]): Promise<Notice[]> {
  const out: Notice[] = []
  let before: { publishedAt: string; id: string } | undefined
  const first = months[0]
  const last = months[months.length - 1]
  for (;;) {
    const page = await store.notices(query, PAGE, before)
    for (const n of page) if (n.month >= first && n.month <= last) out.push(n)
    if (page.length < PAGE || page[page.length - 1].month < first) break
    before = { publishedAt: page[page.length - 1].publishedAt, id: page[page.length - 1].id }
  }
  return out.reverse()
}
