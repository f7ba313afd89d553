/**
 * 人写的文字送平台的内容检测（微信 msgSecCheck v2）：报事、公告、台账、问卷、名字、总结的改动与意见共用。
 */
import type { ContentChecker, ContentVerdict, Logger } from './ports'

/**
 * 文本检测。平台检测本身出错（超时、限流）时放行并记下：一条电梯困人的报事不该因为检测服务抖动而发不出去，
 * 代表仍可隐藏不当内容。
 */
export async function checkText(content: ContentChecker, text: string, openid: string, logger: Logger): Promise<ContentVerdict> {
  try {
    return await content.checkText(text, openid, 'forum')
  } catch (error) {
    logger.warn('内容检测不可用，已放行', { error })
    return { ok: true, needsReview: true }
  }
}

/** 一次内容检测最多送多少字（微信的文本检测有长度上限）。 */
export const CONTENT_CHECK_CHUNK = 2500

/**
 * 检测多段文字：整段地装进不超过上限的几批（一段不拆开，敏感词不会被切成两半；只有本身超过上限的一段才按上限切），
 * 逐批检测，第一处拒收就答它。没有文字时不调检测。
 */
export async function checkTexts(content: ContentChecker, texts: readonly string[], openid: string, logger: Logger): Promise<ContentVerdict> {
  const batches: string[] = []
  for (const t of texts.filter(Boolean)) {
    const last = batches.length - 1
    if (last >= 0 && batches[last].length + 1 + t.length <= CONTENT_CHECK_CHUNK) batches[last] += `\n${t}`
    else for (let i = 0; i < t.length; i += CONTENT_CHECK_CHUNK) batches.push(t.slice(i, i + CONTENT_CHECK_CHUNK))
  }
  let needsReview = false
  for (const batch of batches) {
    const verdict = await checkText(content, batch, openid, logger)
    if (!verdict.ok) return verdict
    needsReview ||= verdict.needsReview
  }
  return { ok: true, needsReview }
}
