import { useEffect, useRef, useState } from 'react'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { CATEGORY_IDS, CATEGORY_LABELS, PUBLIC_AREAS, REPORT_KINDS, REPORT_KIND_LABELS, TEXT_MAX } from '@/core/catalog'
import { draftToPayload, EMPTY_DRAFT, type ReportDraft } from '@/core/reportDraft'
import { ChipGroup } from '@/components/ChipGroup'
import { EmptyView } from '@/components/StateView'
import { api, newRequestId } from '@/services/api'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import './index.scss'

const kindOptions = REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))
const categoryOptions = CATEGORY_IDS.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))
const areaOptions = PUBLIC_AREAS.map((a) => ({ value: a, label: a }))
const scopeOptions = [
  { value: 'public' as const, label: '公共区域' },
  { value: 'unit' as const, label: '自家/某户' },
]

/** 报事表单。 */
export default function ReportPage() {
  const { params } = useRouter()
  const [buildingCode] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT)
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  // 同一份草稿的重试复用同一个请求编号，函数只存一次；改动草稿后换新编号。
  const requestId = useRef(newRequestId())
  const [buildingLabel, setBuildingLabel] = useState('')

  useEffect(() => {
    if (buildingCode) api.building(buildingCode).then((b) => setBuildingLabel(`${b.communityName} · ${b.name}`), () => setBuildingLabel(''))
  }, [buildingCode])

  const update = (patch: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setError(null)
    requestId.current = newRequestId()
  }

  if (!buildingCode) {
    return (
      <View className="page">
        <EmptyView title="请先扫描楼栋二维码" description="报事需要知道是哪栋楼。" />
      </View>
    )
  }

  const submit = async () => {
    const parsed = draftToPayload(draft, buildingCode, requestId.current)
    if (!parsed.ok) {
      setError(parsed.message)
      return
    }
    setSubmitting(true)
    try {
      await api.submitReport(parsed.value)
      Taro.showToast({ title: '已提交', icon: 'success' })
      setTimeout(() => Taro.redirectTo({ url: '/pages/mine/index' }), 600)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="page report-page">
      {buildingLabel && (
        <Text className="muted report-target" id="report-target">
          报给：{buildingLabel} 的业主代表
        </Text>
      )}
      <View className="card">
        <Text className="card-title">类型</Text>
        <ChipGroup name="kind" options={kindOptions} value={draft.kind} onChange={(kind) => update({ kind })} />
      </View>

      <View className="card">
        <Text className="card-title">问题分类</Text>
        <ChipGroup name="category" options={categoryOptions} value={draft.category} onChange={(category) => update({ category })} />
      </View>

      <View className="card">
        <Text className="card-title">问题描述</Text>
        <TextArea
          className="report-text"
          placeholder="发生了什么？例如：3单元电梯按钮失灵，已经两天了"
          value={draft.text}
          maxLength={TEXT_MAX}
          showCount
          autoSize
          onChange={(text) => update({ text })}
        />
      </View>

      <View className="card">
        <Text className="card-title">位置</Text>
        <ChipGroup name="scope" options={scopeOptions} value={draft.scope} onChange={(scope) => update({ scope })} />
        {draft.scope === 'public' ? (
          <View className="location">
            <ChipGroup name="area" options={areaOptions} value={draft.area} onChange={(area) => update({ area })} />
            <Input className="field" placeholder="具体位置（选填），如：2单元3楼楼梯口" value={draft.detail} onChange={(detail) => update({ detail })} />
          </View>
        ) : (
          <View className="location location--unit">
            <Input className="field" placeholder="单元，如：2单元" value={draft.unit} onChange={(unit) => update({ unit })} />
            <Input className="field" placeholder="楼层，如：5；地下一层填 -1" type="digit" value={draft.floor} onChange={(floor) => update({ floor })} />
            <Input className="field" placeholder="房号（选填）" value={draft.room} onChange={(room) => update({ room })} />
          </View>
        )}
      </View>

      <View className="card anonymous">
        <View className="anonymous__text">
          <Text className="card-title">匿名提交</Text>
          <Text className="muted">匿名后，代表和其他居民看不到你是谁；你仍能在“我的报事”里跟进。</Text>
        </View>
        <Switch checked={draft.anonymous} onChange={(anonymous) => update({ anonymous })} />
      </View>

      <View className="footer-bar">
        {error && (
          <Text className="error-text report-error" id="report-error">
            {error}
          </Text>
        )}
        <Button id="submit-report" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
          提交
        </Button>
      </View>
    </View>
  )
}
