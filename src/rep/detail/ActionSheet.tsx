/**
 * 代表处理一条报事的表单：从页面底部弹出，按动作给出说明、备注（有的必须写原因）、派给谁、并入哪条。
 * 请求编号在表单打开时生成一次：网络出错后再点"提交"用同一个，函数只记一次。
 */
import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ASSIGNEE_NAME_MAX, ASSIGNEE_PARTIES, ASSIGNEE_PARTY_LABELS, REPORT_NOTE_MAX, type AssigneeParty } from '@/core/shared/catalog'
import type { HandlerAction } from '@/core/reports/schema'
import type { ManagedReportView } from '@/core/handling/views'
import { ChipGroup } from '@/components/ChipGroup'
import { api, newRequestId } from '@/services/api'
import { ApiError } from '@/services/transport'
import { ageOf } from '../shared/reportBits'
import { asButton, labelled } from '@/components/a11y'
import { LengthHint, overLimit } from '@/components/LengthHint'
import { TextBox } from '@/components/TextBox'

interface FormText {
  title: string
  /** 这一步会发生什么。 */
  hint: string
  placeholder: string
  /** 必须写原因时的提示；不必写时为 null。 */
  reasonRequired: string | null
}

/** 每个动作的标题与说明；按钮上的字与 ACTION_LABELS 一致。 */
export function actionLabel(action: HandlerAction, report: Pick<ManagedReportView, 'status'>): string {
  return action === 'start' && report.status === 'processing' ? '改派' : LABELS[action]
}

const LABELS: Record<HandlerAction, string> = {
  accept: '受理',
  start: '开始处理',
  handle: '标记已处理',
  close: '不予受理',
  merge: '合并为重复',
  hide: '隐藏',
  reopen: '重新打开',
}

function formText(action: HandlerAction, report: ManagedReportView): FormText {
  switch (action) {
    case 'accept':
      return {
        title: '受理',
        hint: '报事人会看到"已受理"，知道有人在跟进。',
        placeholder: '备注（选填），报事人能看到，如：明天上午联系物业查看',
        reasonRequired: null,
      }
    case 'start':
      return {
        title: actionLabel('start', report),
        hint: '可以写明派给哪一方跟进，报事人能看到。',
        placeholder: '备注（选填），如：已约维修单位周三上门',
        reasonRequired: null,
      }
    case 'handle':
      return {
        title: '标记已处理',
        hint: '标记后会问报事人"解决了吗？"；他说没解决，报事会回到处理中。',
        placeholder: '处理结果（选填），如：已更换电梯按钮面板',
        reasonRequired: null,
      }
    case 'close':
      return {
        title: '不予受理',
        hint: '不属于代表能处理的事项时使用。原因会告诉报事人。',
        placeholder: '原因（必填），如：属于户内自用设施，请联系维修单位',
        reasonRequired: '请写明不予受理的原因（至少 2 个字），报事人会看到',
      }
    case 'merge':
      return {
        title: '合并为重复',
        hint: `与另一条报事说的是同一件事时使用。合并后，这条报事的报事人${report.followers > 0 ? `和 ${report.followers} 位关注者` : ''}会转为关注所选的那条，进展以那条为准；合并后不能拆开。`,
        placeholder: '备注（选填）',
        reasonRequired: null,
      }
    case 'hide':
      return {
        title: '隐藏',
        hint: '用于含有个人信息、广告或不当言辞的报事。隐藏后其他居民看不到。',
        placeholder: '原因（必填），如：含有他人电话号码',
        reasonRequired: '请写明隐藏的原因（至少 2 个字）',
      }
    case 'reopen':
      return {
        title: '重新打开',
        hint: '问题仍在时使用，报事回到处理中。',
        placeholder: '原因（必填），如：复查发现仍在漏水',
        reasonRequired: '请写明重新打开的原因（至少 2 个字）',
      }
  }
}

const NO_PARTY = 'none'
const PARTY_OPTIONS = [{ value: NO_PARTY, label: '暂不指定' }, ...ASSIGNEE_PARTIES.map((p) => ({ value: p, label: ASSIGNEE_PARTY_LABELS[p] }))] as const

interface Props {
  action: HandlerAction
  report: ManagedReportView
  onClose: () => void
  /** 做成了：新的报事详情。 */
  onDone: (view: ManagedReportView) => void
  /** 别的代表已先处理：显示函数给的中文原因，重新加载详情。 */
  onConflict: (message: string) => void
  /**
   * 函数说"不能这样做"时，先看是不是页面过时了（别人已把它推进到别的状态）：是就由页面按冲突处理，返回 true；
   * 否则（如原因没写够）留在表单里显示原因。
   */
  isStale: () => Promise<boolean>
}

export function ActionSheet({ action, report, onClose, onDone, onConflict, isStale }: Props) {
  const text = formText(action, report)
  // 表单打开时生成一次：网络出错重试时沿用。
  const [requestId] = useState(newRequestId)
  const [note, setNote] = useState('')
  const [party, setParty] = useState<AssigneeParty | typeof NO_PARTY>(NO_PARTY)
  const [name, setName] = useState('')
  const [target, setTarget] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    if (submitting) return
    if (text.reasonRequired && note.trim().length < 2) return setError(text.reasonRequired)
    const tooLong = overLimit(text.reasonRequired ? '原因' : '备注', note.trim(), REPORT_NOTE_MAX) ?? overLimit('名称', name.trim(), ASSIGNEE_NAME_MAX)
    if (tooLong) return setError(tooLong)
    if (action === 'merge' && !target) return setError('请选择与哪条报事重复')
    setError(null)
    setSubmitting(true)
    try {
      const view = await api.handling.act({
        reportId: report.id,
        requestId,
        action,
        // 页面显示的状态：别人已先动过这条报事，函数答 CONFLICT，不会接着推进。
        expectedStatus: report.status,
        note: note.trim(),
        ...(action === 'start' && party !== NO_PARTY && { assignee: { party, name: name.trim() } }),
        ...(action === 'merge' && target && { mergeInto: target }),
      })
      onDone(view)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') return onConflict(e.message)
      const message = (e as Error).message
      if (e instanceof ApiError && e.code === 'INVALID' && (await isStale())) return onConflict(message)
      setError(e instanceof ApiError && e.code === 'NETWORK' ? `${message}（再次提交不会重复记录）` : message)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="sheet" id="act-sheet">
      <View {...labelled('关闭')} className="sheet__mask" onClick={submitting ? undefined : onClose} />
      <View className="sheet__panel">
        <View className="sheet__head">
          <Text className="sheet__title" id="act-title">
            {text.title}
          </Text>
          <Text {...asButton} className="sheet__close" id="act-cancel" onClick={submitting ? undefined : onClose}>
            取消
          </Text>
        </View>
        <View className="sheet__body">
          <Text className="sheet__hint">{text.hint}</Text>

          {action === 'start' && (
            <View className="sheet__section">
              <Text className="sheet__label">派给</Text>
              <ChipGroup name="party" options={PARTY_OPTIONS} value={party} onChange={setParty} />
              {party !== NO_PARTY && (
                <Input
                  className="sheet__input"
                  id="act-assignee-name"
                  placeholder={`${ASSIGNEE_PARTY_LABELS[party]}的名称或联系人（选填）`}
                  value={name}
                  onChange={setName}
                />
              )}
              {party !== NO_PARTY && <LengthHint value={name} max={ASSIGNEE_NAME_MAX} id="act-assignee-name-length" />}
            </View>
          )}

          {action === 'merge' && (
            <View className="sheet__section">
              <Text className="sheet__label">与哪条重复（同类、未办结的报事）</Text>
              {report.mergeTargets.length === 0 ? (
                <Text className="muted">本楼没有同类的其他未办结报事可以并入。</Text>
              ) : (
                report.mergeTargets.map((t) => (
                  <View
                    {...asButton}
                    key={t.id}
                    id={`merge-target-${t.id}`}
                    className={`target ${target === t.id ? 'target--active' : ''}`}
                    onClick={() => setTarget(t.id)}
                  >
                    <View className="target__radio">{target === t.id ? '●' : ''}</View>
                    <View className="target__main">
                      <Text className="target__text">{t.text}</Text>
                      <Text className="muted">
                        {t.statusLabel} · {t.locationLabel} · {ageOf(t.createdAt)}
                        {t.followers > 0 ? ` · ${t.followers} 人也遇到` : ''}
                      </Text>
                    </View>
                  </View>
                ))
              )}
            </View>
          )}

          <View className="sheet__section">
            <Text className="sheet__label">{text.reasonRequired ? '原因（必填）' : '备注（选填）'}</Text>
            <TextBox id="act-note" className="sheet__note" placeholder={text.placeholder} value={note} max={REPORT_NOTE_MAX} onChange={setNote} />
          </View>

          {error && (
            <Text className="error-text sheet__error" id="act-error">
              {error}
            </Text>
          )}
        </View>
        <View className="sheet__foot">
          <Button
            id="act-submit"
            type="primary"
            block
            loading={submitting}
            disabled={submitting || (action === 'merge' && report.mergeTargets.length === 0)}
            onClick={submit}
          >
            确认{text.title}
          </Button>
        </View>
      </View>
    </View>
  )
}
