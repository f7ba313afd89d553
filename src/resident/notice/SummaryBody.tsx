import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime, lastDayOf } from '@/core/shared/time'
import type { ResidentSummaryView } from '@/core/summaryDocument/views'
import { api, newRequestId } from '@/services/api'
import { SUMMARY_COMMENT_MAX } from '@/core/shared/catalog'
import { overLimit } from '@/components/LengthHint'
import { TextBox } from '@/components/TextBox'

/**
 * 公告里的工作总结：征求意见稿（可以提意见，只有自己看得到自己提的）或公示的定稿（只读）。
 * 主包：用 then 而不是 async（省一段 regenerator 状态机）。
 */
export function SummaryBody({ summary, buildingCode }: { summary: ResidentSummaryView; buildingCode: string | null }) {
  const [text, setText] = useState('')
  const [mine, setMine] = useState(summary.myComments)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [requestId, setRequestId] = useState(newRequestId)

  const send = () => {
    if (busy || !buildingCode) return
    if (text.trim().length < 2) return setError('意见至少 2 个字')
    const tooLong = overLimit('意见', text.trim(), SUMMARY_COMMENT_MAX)
    if (tooLong) return setError(tooLong)
    setBusy(true)
    setError(null)
    api.summary.comment({ requestId, summaryId: summary.id, buildingCode, text: text.trim() }).then(
      (reply) => {
        setBusy(false)
        setMine(reply.myComments)
        setText('')
        setRequestId(newRequestId())
      },
      (e) => {
        setBusy(false)
        setError((e as Error).message)
      },
    )
  }

  return (
    <View className="card nsum" id="notice-summary">
      <Text className={`nsum__badge nsum__badge--${summary.status}`} id="notice-summary-status">
        {summary.status === 'final' ? '公示 · 定稿' : '征求意见稿'}
      </Text>
      <Text className="nsum__title">{summary.title}</Text>
      {summary.sections.map((s, i) => (
        <View key={i} className="nsum__section">
          <Text className="nsum__heading">{s.heading}</Text>
          {s.paragraphs.map((p, j) => (
            <Text key={j} className="nsum__para" userSelect>
              {p}
            </Text>
          ))}
        </View>
      ))}
      {summary.status === 'consulting' && (
        <View className="nsum__comment" id="summary-comment">
          <Text className="nsum__heading">提意见</Text>
          <Text className="muted">
            {summary.consultUntil ? `到 ${lastDayOf(summary.consultUntil)}为止。` : ''}代表看得到意见，看不到是谁提的；别的居民看不到。
          </Text>
          {summary.canComment ? (
            <>
              <TextBox
                id="summary-comment-input"
                className="nsum__input"
                placeholder="哪里写得不对、漏了什么、有什么建议"
                value={text}
                max={SUMMARY_COMMENT_MAX}
                onChange={setText}
              />
              {error && (
                <Text className="error-text" id="summary-comment-error">
                  {error}
                </Text>
              )}
              <Button id="summary-comment-submit" type="primary" block loading={busy} disabled={busy} onClick={send}>
                提交意见
              </Button>
            </>
          ) : (
            <Text className="muted">征求意见已经截止。</Text>
          )}
          {mine.length > 0 && (
            <View className="nsum__mine" id="summary-my-comments">
              <Text className="muted">我提过的意见</Text>
              {mine.map((c, i) => (
                <Text key={i} className="nsum__mine-item">
                  {c.text}（{formatChinaTime(c.at)}）
                </Text>
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  )
}
