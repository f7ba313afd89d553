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

/** 同一主语在一句里说两次才算重复：至少这么多个字。 */
const SUBJECT_CHARS = 6

/**
 * 一句里把同一个主语说了两遍（"对噪音与邻里纠纷类报事……目标是噪音与邻里纠纷类报事的办结率……"）：
 * 主语是文档登记的不足的对象（weaknesses[].subject），它的任意连续 6 个字在一句里不重叠地出现两次即算。
 * 数字占位符与「…」里的项不算文字；按句末标点与分号分句。
 */
export function repeatedSubjects(doc: SummaryDocument): string[] {
  const out: string[] = []
  const subjects = [...new Set(doc.weaknesses.map((w) => w.subject))]
  for (const p of allParagraphs(doc)) {
    const plain = p.text.replace(/\{\{f:[^}]+\}\}/g, '＃').replace(/「[^」]*」/g, '＃')
    for (const sentence of plain.split(/[。！？]/)) {
      const twice = subjects.flatMap((subject) =>
        Array.from({ length: Math.max(0, subject.length - SUBJECT_CHARS + 1) }, (_, i) => subject.slice(i, i + SUBJECT_CHARS)).filter((piece) => {
          const first = sentence.indexOf(piece)
          return first >= 0 && sentence.indexOf(piece, first + SUBJECT_CHARS) >= 0
        }),
      )
      if (twice.length) out.push(`${p.id}：同一句里把「${twice[0]}」说了两遍：${sentence}`)
    }
  }
  return out
}

/** 一段建议点到了它的主语：原样说出，或先说了分类（"噪音与邻里纠纷类…"）再回指（"这类报事的办结率"）。 */
export function namesSubject(text: string, subject: string): boolean {
  if (text.includes(subject)) return true
  const head = /^[^类，。；]+类/.exec(subject)?.[0]
  if (!head) return false
  const back = `这类${subject.slice(head.length)}`
  return text.includes(back) && text.indexOf(head) >= 0 && text.indexOf(head) < text.indexOf(back)
}
