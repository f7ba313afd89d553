/** 关联报事：从这栋楼（或能管的全部楼）最近的报事里勾选，最多 MAX_LINKED_REPORTS 条。 */
import { useEffect, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { MAX_LINKED_REPORTS } from '@/core/shared/catalog'
import { dateOf } from '@/core/shared/time'
import type { QueueItemView } from '@/core/reports/views'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { shortDay } from '../shared/repBits'
import type { LinkedReport } from './form'
import { asButton, labelled } from '@/components/a11y'

export const reportLabel = (r: Pick<QueueItemView, 'categoryLabel' | 'text'>) => {
  const text = Array.from(r.text.replace(/\s+/g, ' ').trim())
  return `${r.categoryLabel}：${text.length > 24 ? `${text.slice(0, 23).join('')}…` : text.join('')}`
}

interface Props {
  /** 楼栋码；整个小区为 null（看能管的全部楼）。 */
  buildingCode: string | null
  selected: LinkedReport[]
  onDone: (reports: LinkedReport[]) => void
  onClose: () => void
}

export function ReportPicker({ buildingCode, selected, onDone, onClose }: Props) {
  const [items, setItems] = useState<QueueItemView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [picked, setPicked] = useState<LinkedReport[]>(selected)

  useEffect(() => {
    let live = true
    api.handling.queue({ ...(buildingCode && { buildingCode }), order: 'newest' }).then(
      (q) => live && setItems(q.items),
      (e) => live && setError((e as Error).message),
    )
    return () => {
      live = false
    }
  }, [buildingCode])

  const toggle = (r: QueueItemView) => {
    setPicked((list) =>
      list.some((x) => x.id === r.id)
        ? list.filter((x) => x.id !== r.id)
        : list.length >= MAX_LINKED_REPORTS
          ? list
          : [...list, { id: r.id, label: reportLabel(r), status: r.status }],
    )
  }

  return (
    <View className="wle-sheet" id="report-picker">
      <View {...labelled('关闭')} className="wle-sheet__mask" onClick={onClose} />
      <View className="wle-sheet__panel">
        <View className="wle-sheet__head">
          <Text className="wle-sheet__title">关联报事</Text>
          <Text {...asButton} className="wle-sheet__close" id="report-picker-cancel" onClick={onClose}>
            取消
          </Text>
        </View>
        <View className="wle-sheet__body">
          <Text className="muted">最近的报事，新的在前；最多选 {MAX_LINKED_REPORTS} 条。</Text>
          {error ? (
            <Text className="error-text">{error}</Text>
          ) : items === null ? (
            <LoadingView />
          ) : items.length === 0 ? (
            <Text className="muted wle-sheet__empty">{buildingCode ? '这栋楼还没有报事' : '还没有报事'}</Text>
          ) : (
            items.map((r) => {
              const on = picked.some((x) => x.id === r.id)
              return (
                <View {...asButton} key={r.id} className={`gcheck ${on ? 'gcheck--on' : ''}`} id={`link-report-${r.id}`} onClick={() => toggle(r)}>
                  <View className="gcheck__box">{on ? '✓' : ''}</View>
                  <View className="gcheck__main">
                    <Text className="gcheck__label">{reportLabel(r)}</Text>
                    <Text className="muted">
                      {r.statusLabel} · {r.buildingName} · {shortDay(dateOf(r.createdAt))}
                    </Text>
                  </View>
                </View>
              )
            })
          )}
        </View>
        <View className="wle-sheet__foot">
          <Button id="report-picker-done" type="primary" block onClick={() => onDone(picked)}>
            确定（已选 {picked.length} 条）
          </Button>
        </View>
      </View>
    </View>
  )
}
