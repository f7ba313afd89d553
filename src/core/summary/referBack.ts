/**
 * 回指：一句话先说了"某类报事"，后面的目标再说这类报事的比率时改说"这类报事的…"，不把长长的分类名再念一遍
 * （"对噪音与邻里纠纷类报事……目标是这类报事的办结率不低于80%"）。
 */

/** 主语开头的分类名（"噪音与邻里纠纷类"）；没有分类的主语不回指。 */
const CATEGORY_HEAD = /^[^类，。；]+类/

/** sentence 里 subject 之前已经说过它的分类名时，把 subject 的分类名换成"这类"；每句只看第一次完整出现的主语。 */
export function referBack(text: string, subject: string): string {
  const head = CATEGORY_HEAD.exec(subject)?.[0]
  if (!head) return text
  // 按句处理：回指只在同一句里（句号、分号、问号、叹号之后是新的一句）。
  return text.replace(/[^。；！？]+[。；！？]?/g, (sentence) => {
    const at = sentence.indexOf(subject)
    if (at <= 0 || !sentence.slice(0, at).includes(head)) return sentence
    return `${sentence.slice(0, at)}这类${sentence.slice(at + head.length)}`
  })
}
