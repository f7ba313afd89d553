/**
 * 一段文字算几个字：字数提示（components/LengthHint）与每一处字数上限的核对都用它，页面说的与提交时核对的永远一致。
 * 按 UTF-16 码元数（String.length），与 schema 里 zod 的 .max() 同一个数法：一个 emoji 记 2 个字，提示上也是 2。
 * 问卷的文字题曾按码点数（emoji 记 1），提示说"超出"而提交照样通过。
 */
export const textLength = (text: string): number => text.length
