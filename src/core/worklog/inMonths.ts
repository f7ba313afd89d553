import type { WorkLogEntry } from './model'
import type { WorkLogQuery, WorkLogStore } from './ports'

const PAGE = 100

/**
 * fromMonth 到 months 最后一个月的台账（含已删除的，调用方按需去掉）：按日期新的在前一页页读，读到 fromMonth 之前为止。
 * 起草总结、总结的 trace 与导出的表共用。
 */
export async function workLogIn(
  store: Pick<WorkLogStore, 'workLog'>,
  query: WorkLogQuery,
  months: readonly string[],
  fromMonth = months[0],
): Promise<WorkLogEntry[]> {
  const out: WorkLogEntry[] = []
  let before: { date: string; id: string } | undefined
  const last = months[months.length - 1]
  for (;;) {
    const page = await store.workLog(query, PAGE, before)
    for (const e of page) if (e.month >= fromMonth && e.month <= last) out.push(e)
    if (page.length < PAGE || page[page.length - 1].month < fromMonth) return out
    const tail = page[page.length - 1]
    before = { date: tail.date, id: tail.id }
  }
}
