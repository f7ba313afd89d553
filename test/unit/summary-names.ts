/**
 * 一份总结里一个名字只有一个口径（issue 21 第 3 点）：文字检查与 summary-honest 共用。
 * 名字是紧挨在数字占位符前的比率词（可带一个限定词），口径是数字 id 去掉期别与范围限定后剩下的部分。
 */
import { allParagraphs, type SummaryDocument } from '../../src/core/summaryDocument'

/** 比率名字：前面可带一个限定词（投诉办结率、整改完成率……与不带的是两个名字）。 */
const RATE_NAME = /((?:一次|确认|整改|维修|报修|投诉|调解|问卷)?(?:解决率|办结率|及时率|知晓率|完成率|成功率|答卷率))[^{}。；！？]{0,14}?\{\{f:([^}]+)\}\}/g
/** "办结"当件数说（已办结 N 件、办结：N 件）：只指 已办结 = 待确认 + 已解决。 */
const DONE_COUNT = /(?<!标记)已?办结[：为]?\{\{f:([^}]+)\}\}/g
/** 数字的口径：去掉期别、目标前缀与范围限定（某类、某方面、某类型、某紧急程度），剩下的就是它怎么算。 */
const definitionOf = (id: string) =>
  id
    .replace(/[@~].*$/, '')
    .replace(/^target:\w+:/, '')
    .replace(/^(category|area)\.\w+\./, '')
    .replace(/^(repair|complaint|suggestion)\./, '')
    .replace(/^onTime\.\w+$/, 'onTime')
    // 及时率的目标按紧急程度记（target:late:urgent）。
    .replace(/^(urgent|normal)$/, 'onTime')

/** 同一份文档里一个名字对应了不止一个口径（"解决率"既是 已解决 / 登记 又是 已解决 / 已办结；"办结"既是已办结又是标记过处理的）。 */
export function rateNameConflicts(doc: SummaryDocument): string[] {
  const seen = new Map<string, Map<string, string>>()
  const note = (name: string, id: string, where: string) => {
    const defs = seen.get(name) ?? new Map<string, string>()
    if (!defs.has(definitionOf(id))) defs.set(definitionOf(id), `${where}:${id}`)
    seen.set(name, defs)
  }
  for (const p of allParagraphs(doc)) {
    for (const m of p.text.matchAll(RATE_NAME)) note(m[1], m[2], p.id)
    for (const m of p.text.matchAll(DONE_COUNT)) note('办结（件数）', m[1], p.id)
  }
  return [...seen].filter(([, defs]) => defs.size > 1).map(([name, defs]) => `"${name}"在同一份总结里有 ${defs.size} 个口径：${[...defs.values()].join('、')}`)
}
