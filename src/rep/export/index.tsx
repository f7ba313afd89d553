import { useEffect, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { monthOf } from '@/core/shared/time'
import type { SummaryListView } from '@/core/summaryDocument/views'
import type { WorkbookExportView } from '@/core/workbook/views'
import { ChipGroup } from '@/components/ChipGroup'
import { pageTextScale } from '@/services/textScale'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { openExportedFile } from '@/services/exports'
import { failed, PageError, type Load } from '../shared/repBits'
import { monthText, PERIOD_KINDS, periodFor, type PeriodChoice } from '../shared/summaryBits'
import './index.scss'

/** 自定义期间在这一页不用：办公室交的是月报、季报、年报。 */
const PERIODS = PERIOD_KINDS.filter((k) => k.value !== 'custom')

/** 导出给办公室的 Excel：选楼栋（或整个小区）与期间，下载报事登记、台账、公告知晓率与问卷合计。 */
export default function ExportWorkbookPage() {
  const { params } = useRouter()
  const [setup, setSetup] = useState<Load<SummaryListView>>({ state: 'loading' })
  const [buildingCode, setBuildingCode] = useState<string | null>(params.b ?? null)
  const [periodKind, setPeriodKind] = useState<PeriodChoice>('month')
  const [month, setMonth] = useState(() => monthOf(new Date().toISOString()))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<WorkbookExportView | null>(null)

  // 能导出的范围与起草总结相同（代表是自己的楼，业委会、管理员还有整个小区）：一次调用取齐。
  useEffect(() => {
    const communityId = params.c ? decodeURIComponent(params.c) : undefined
    api.summary.list(communityId ? { communityId } : {}).then(
      (list) => {
        setSetup({ state: 'ready', data: list })
        setBuildingCode((code) =>
          code && list.buildings.some((b) => b.code === code) ? code : list.canDraftCommunity ? null : (list.buildings[0]?.code ?? null),
        )
      },
      (e) => setSetup(failed(e)),
    )
  }, [params.c])

  if (setup.state === 'loading') return <LoadingView />
  if (setup.state === 'error') return <PageError load={setup} onRetry={() => setSetup({ state: 'loading' })} title="无法导出" />
  const list = setup.data
  const period = periodFor(periodKind, month)

  const onExport = async () => {
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      const file = await api.stats.workbook({ communityId: list.communityId, buildingCode, period })
      setDone(file)
      await openExportedFile(file, 'xlsx', 'workbook-download')
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View style={pageTextScale()} className="page wb-page">
      <View className="card wb-setup" id="workbook-setup">
        <Text className="wb-title">导出 Excel 表格</Text>
        <Text className="wb-hint">给居委会、物业或街道的台账：报事登记、工作台账（每种一张，隐患逐处一行）、公告知晓率、问卷合计。</Text>
        <Text className="wb-label">范围</Text>
        <ChipGroup
          name="workbook-scope"
          options={[
            ...(list.canDraftCommunity ? [{ value: 'community', label: '整个小区' }] : []),
            ...list.buildings.map((b) => ({ value: b.code, label: b.name })),
          ]}
          value={buildingCode ?? 'community'}
          onChange={(v) => setBuildingCode(v === 'community' ? null : v)}
        />
        <Text className="wb-label">期间</Text>
        <ChipGroup name="workbook-period" options={PERIODS} value={periodKind} onChange={setPeriodKind} />
        <Picker mode="date" fields="month" value={month} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
          <Text className="wb-month" id="workbook-month">
            {period.start === period.end ? monthText(period.start) : `${monthText(period.start)} 至 ${monthText(period.end)}`}（点此换月份）
          </Text>
        </Picker>
        <Text className="wb-hint">表里没有报事人、电话、房号和居民的原话；问卷只有结束后达到门槛公布的合计。</Text>
        {error && (
          <Text className="wb-error" id="workbook-error">
            {error}
          </Text>
        )}
        <Button id="workbook-export" className="wb-button" type="primary" block loading={busy} disabled={busy} onClick={onExport}>
          {busy ? '正在生成…' : '导出 Excel'}
        </Button>
      </View>
      {done && (
        <View className="card wb-done" id="workbook-done">
          <Text className="wb-label">{done.fileName}</Text>
          {done.sheets.map((s) => (
            <Text className="wb-sheet" key={s.name}>
              {s.name}：{s.rows} 行
            </Text>
          ))}
          <Text className="wb-hint">下载地址一小时内有效；过期了再点一次"导出 Excel"。</Text>
        </View>
      )}
    </View>
  )
}
