import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { quoteSuffix, renderText, sectionHeading, segments } from '@/core/summaryDocument/render'
import {
  SUMMARY_KIND_LABELS,
  SUMMARY_KINDS,
  type Figure,
  type Paragraph,
  type Section,
  type SummaryDocument,
  type SummaryKind,
} from '@/core/summaryDocument/types'
import type { SummaryPeriodInput } from '@/core/summaryDocument/period'
import { formatChinaTime, lastDayOf, monthOf } from '@/core/shared/time'
import type { SummaryDraftView, SummaryListView, SummaryView, TraceView } from '@/core/summaryDocument/views'
import { ChipGroup } from '@/components/ChipGroup'
import { LoadingView } from '@/components/StateView'
import { api, newRequestId } from '@/services/api'
import { openExport } from '@/services/exports'
import { ApiError } from '@/services/transport'
import { addDays, ConfirmDialog, DateField, failed, fullDay, PageError, today, type Load } from '../shared/repBits'
import { monthText, PERIOD_KINDS, periodFor, STATUS_TEXT, type PeriodChoice } from '../shared/summaryBits'
import '../shared/summary.scss'
import { LabeledSwitch } from '@/components/LabeledSwitch'
import { pageTextScale } from '@/services/textScale'
import { asButton, labelled } from '@/components/a11y'
import { overLimit } from '@/components/LengthHint'
import { TextBox } from '@/components/TextBox'
import { SUMMARY_PARAGRAPH_MAX } from '@/core/summary/schema'

/**
 * 典型案例引不引居民的原话：默认不引；打开后原话（服务端已去掉电话、房号、姓名）接在段落后面，存版本时一并存下。
 * 只能引服务端给的那段文字，这里只有开关。
 */
function QuoteToggle({ p, quoted, editable, onQuote }: { p: Paragraph; quoted: boolean; editable: boolean; onQuote: (quoted: boolean) => void }) {
  if (!p.quote) return null
  const shown = quoteSuffix({ ...p, quote: { ...p.quote, shown: true } })
  if (!editable) return quoted ? <Text className="sm-quote__text">{shown}</Text> : null
  return (
    <View className={`sm-quote ${quoted ? 'sm-quote--on' : ''}`} id={`para-${p.id}-quote`}>
      <View className="sm-quote__line">
        <Text className="sm-quote__label">引用居民原话</Text>
        <LabeledSwitch label="引用居民原话" checked={quoted} onChange={(on) => onQuote(on)} />
      </View>
      <Text className={quoted ? 'sm-quote__text' : 'muted sm-quote__preview'}>{quoted ? shown : `默认不引。打开后接上：${shown}`}</Text>
      <Text className="muted sm-quote__hint">电话、房号、姓名等已隐去；引用前请再读一遍，确认没有能认出是谁的内容。</Text>
    </View>
  )
}

/** 一段：文字与可点的数字；点"改"就地改成纯文字（数字照原样写，保存时服务端把仍在原位的数字连回记录）。 */
function ParagraphView({
  p,
  figures,
  edited,
  quoted,
  editable,
  onFigure,
  onEdit,
  onQuote,
}: {
  p: Paragraph
  figures: Record<string, Figure>
  edited: string | undefined
  quoted: boolean | undefined
  editable: boolean
  onFigure: (f: Figure) => void
  onEdit: (text: string | undefined) => void
  onQuote: (quoted: boolean | undefined) => void
}) {
  const [editing, setEditing] = useState(false)
  const original = renderText(p.text, figures)
  const text = edited ?? original
  const savedQuote = p.quote?.shown ?? false
  return (
    <View className={`sm-para ${p.gap ? 'sm-para--gap' : ''} ${edited !== undefined ? 'sm-para--edited' : ''}`} id={`para-${p.id}`}>
      {editing ? (
        <>
          <TextBox
            id={`para-${p.id}-input`}
            className="sm-para__input"
            value={text}
            max={SUMMARY_PARAGRAPH_MAX}
            onChange={(v) => onEdit(v === original ? undefined : v)}
          />
          <View className="sm-para__tools">
            {edited !== undefined && (
              <Text {...asButton} className="sm-link" onClick={() => onEdit(undefined)}>
                改回原文
              </Text>
            )}
            <Text {...asButton} className="sm-link" id={`para-${p.id}-done`} onClick={() => setEditing(false)}>
              完成
            </Text>
          </View>
        </>
      ) : (
        <>
          <Text className="sm-para__text">
            {edited !== undefined
              ? edited
              : segments(p, figures).map((s, i) =>
                  'figure' in s ? (
                    <Text {...asButton} key={i} className="sm-fig" id={`fig-${s.figure.id}`} onClick={() => onFigure(s.figure)}>
                      {s.figure.display}
                    </Text>
                  ) : (
                    <Text key={i}>{s.text}</Text>
                  ),
                )}
          </Text>
          <QuoteToggle p={p} quoted={quoted ?? savedQuote} editable={editable} onQuote={(on) => onQuote(on === savedQuote ? undefined : on)} />
          {editable && (
            <Text {...asButton} className="sm-para__edit" id={`para-${p.id}-edit`} onClick={() => setEditing(true)}>
              {edited !== undefined ? '已改 · 再改' : '改'}
            </Text>
          )}
        </>
      )}
    </View>
  )
}

type SectionProps = { s: Section; depth: number; index: number } & Omit<
  Parameters<typeof ParagraphView>[0],
  'p' | 'edited' | 'onEdit' | 'quoted' | 'onQuote'
> & {
    edits: Record<string, string>
    quotes: Record<string, boolean>
    onEdit: (id: string, text: string | undefined) => void
    onQuote: (id: string, quoted: boolean | undefined) => void
  }

function SectionView({ s, depth, index, ...rest }: SectionProps) {
  const { edits, quotes, onEdit, onQuote, ...para } = rest
  return (
    <View className={`sm-section sm-section--${depth}`} id={`section-${s.id}`}>
      <Text className="sm-section__heading">{sectionHeading(s.heading, depth, index)}</Text>
      {s.paragraphs.map((p) => (
        <ParagraphView
          key={p.id}
          p={p}
          edited={edits[p.id]}
          quoted={quotes[p.id]}
          onEdit={(t) => onEdit(p.id, t)}
          onQuote={(q) => onQuote(p.id, q)}
          {...para}
        />
      ))}
      {s.children.map((c, i) => (
        <SectionView key={c.id} s={c} depth={depth + 1} index={i} edits={edits} quotes={quotes} onEdit={onEdit} onQuote={onQuote} {...para} />
      ))}
    </View>
  )
}

/** 点一个数字：底部弹出它背后的记录（分页）。 */
function TraceSheet({ figure, load, onMore, onClose }: { figure: Figure; load: Load<TraceView>; onMore: () => void; onClose: () => void }) {
  return (
    <View className="sm-sheet" id="trace-sheet">
      <View {...labelled('关闭')} className="sm-sheet__mask" onClick={onClose} />
      <View className="sm-sheet__panel">
        <View className="sm-sheet__head">
          <Text className="sm-sheet__title">
            {figure.label}：{figure.display}
          </Text>
          <Text {...asButton} className="sm-link" id="trace-close" onClick={onClose}>
            关闭
          </Text>
        </View>
        {load.state === 'loading' ? (
          <LoadingView />
        ) : load.state === 'error' ? (
          <Text className="error-text">{load.message}</Text>
        ) : (
          <View className="sm-sheet__body">
            <Text className="muted" id="trace-explanation">
              {load.data.explanation}
            </Text>
            <Text className="sm-sheet__count" id="trace-total">
              共 {load.data.total} 条记录
            </Text>
            {load.data.records.map((r, i) => (
              <View key={i} className="sm-record" id={`trace-record-${i}`}>
                {r.type === 'report' ? (
                  <>
                    <Text className="sm-record__title">
                      {r.urgent ? '【紧急】' : ''}
                      {r.categoryLabel}：{r.excerpt}
                    </Text>
                    <Text className="muted">
                      {r.buildingName} · {formatChinaTime(r.receivedAt)} · {r.statusLabel}
                    </Text>
                  </>
                ) : r.type === 'worklog' ? (
                  <>
                    <Text className="sm-record__title">
                      {r.kindLabel}：{r.title}
                    </Text>
                    <Text className="muted">
                      {r.date} · {r.buildingName ?? '全小区'}
                    </Text>
                  </>
                ) : r.type === 'survey' ? (
                  <>
                    <Text className="sm-record__title">{r.title}</Text>
                    <Text className="muted">
                      {r.respondents} 份答卷 · {r.detail}
                    </Text>
                  </>
                ) : r.type === 'notice' ? (
                  <>
                    <Text className="sm-record__title">{r.title}</Text>
                    <Text className="muted">
                      {formatChinaTime(r.publishedAt)} · {r.detail}
                    </Text>
                  </>
                ) : (
                  <>
                    <Text className="sm-record__title">{r.label}</Text>
                    <Text className="muted">{r.detail}</Text>
                  </>
                )}
              </View>
            ))}
            {load.data.nextCursor && (
              <Button id="trace-more" size="small" fill="outline" onClick={onMore}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </View>
    </View>
  )
}

/** 所选范围与种类不合实情时的提示（没选种类时按这个范围的默认种类）。 */
function kindFitNote(list: SummaryListView, buildingCode: string | null, kind: SummaryKind | null): string | null {
  const fit = list.kindFit.find((f) => f.scope === (buildingCode ?? 'community'))
  return fit ? (fit.mismatch[kind ?? fit.defaultKind] ?? null) : null
}

type Setup = { list: SummaryListView; buildingCode: string | null; kind: SummaryKind | null; periodKind: PeriodChoice; month: string; customStart: string }
type Dialog = null | 'publish' | 'finalize' | 'versions'

/** 工作总结：选范围、种类与期间起草；点数字看背后的记录；改段落、存版本、回到某一版；征求意见、公示、导出。 */
export default function SummaryPage() {
  const { params } = useRouter()
  const [summaryId] = useState<string | null>(params.id ?? null)
  const [setup, setSetup] = useState<Load<Setup>>({ state: 'loading' })
  const [draft, setDraft] = useState<Load<SummaryDraftView>>({ state: 'loading' })
  const [saved, setSaved] = useState<Load<SummaryView>>({ state: 'loading' })
  const [edits, setEdits] = useState<Record<string, string>>({})
  /** 典型案例引不引原话的改动（与存下的不同才记）。 */
  const [quotes, setQuotes] = useState<Record<string, boolean>>({})
  const [trace, setTrace] = useState<{ figure: Figure; load: Load<TraceView> } | null>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [closesOn, setClosesOn] = useState(() => addDays(today(), 7))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const seq = useRef(0)

  // —— 还没保存：先取能起草的范围，再按选择起草 ——
  useEffect(() => {
    if (summaryId) return
    const communityId = params.c ? decodeURIComponent(params.c) : undefined
    const now = monthOf(new Date().toISOString())
    api.summary.list(communityId ? { communityId } : {}).then(
      (list) =>
        setSetup({
          state: 'ready',
          data: {
            list,
            buildingCode: params.b ?? (list.canDraftCommunity ? null : (list.buildings[0]?.code ?? null)),
            kind: null,
            periodKind: 'year',
            month: now,
            customStart: now,
          },
        }),
      (e) => setSetup(failed(e)),
    )
  }, [summaryId, params.b, params.c])

  const period: SummaryPeriodInput | null =
    setup.state === 'ready'
      ? setup.data.periodKind === 'custom'
        ? { kind: 'custom', start: setup.data.customStart, end: setup.data.month }
        : periodFor(setup.data.periodKind, setup.data.month)
      : null
  // 种类合不合实情：列表里已带着每个范围的提示，点选种类时就显示，不等起草回来。
  const kindNote = setup.state === 'ready' ? kindFitNote(setup.data.list, setup.data.buildingCode, setup.data.kind) : null
  const draftKey = setup.state === 'ready' && period ? JSON.stringify([setup.data.list.communityId, setup.data.buildingCode, setup.data.kind, period]) : null
  const loadDraft = useCallback(() => {
    if (!draftKey) return
    const [communityId, buildingCode, kind, p] = JSON.parse(draftKey) as [string, string | null, SummaryKind | null, SummaryPeriodInput]
    const mine = ++seq.current
    setDraft({ state: 'loading' })
    setEdits({})
    setQuotes({})
    api.summary.draft({ communityId, buildingCode, kind, period: p }).then(
      (data) => mine === seq.current && setDraft({ state: 'ready', data }),
      (e) => mine === seq.current && setDraft(failed(e)),
    )
  }, [draftKey])
  useEffect(() => {
    if (!summaryId) loadDraft()
  }, [summaryId, loadDraft])

  // —— 保存过的：读这一份 ——
  const loadSaved = useCallback(
    (version: number | null = null) => {
      if (!summaryId) return
      api.summary.detail({ summaryId, version }).then(
        (data) => {
          setSaved({ state: 'ready', data })
          setEdits({})
          setQuotes({})
        },
        (e) => setSaved(failed(e)),
      )
    },
    [summaryId],
  )
  useEffect(() => {
    loadSaved()
  }, [loadSaved])

  const openTrace = (figure: Figure, cursor: string | null = null) => {
    if (!cursor) setTrace({ figure, load: { state: 'loading' } })
    const ref =
      summaryId && saved.state === 'ready'
        ? { summaryId, version: saved.data.version, draft: null }
        : draft.state === 'ready'
          ? {
              summaryId: null,
              version: null,
              draft: {
                communityId: draft.data.communityId,
                buildingCode: draft.data.building?.code ?? null,
                kind: draft.data.document.kind,
                period: draft.data.period,
              },
            }
          : null
    if (!ref) return
    api.summary.trace({ ...ref, figureId: figure.id, cursor }).then(
      (page) =>
        setTrace((t) =>
          t && t.figure.id === figure.id
            ? {
                figure,
                load: { state: 'ready', data: cursor && t.load.state === 'ready' ? { ...page, records: [...t.load.data.records, ...page.records] } : page },
              }
            : t,
        ),
      (e) => setTrace((t) => (t && t.figure.id === figure.id ? { figure, load: failed(e) } : t)),
    )
  }

  const editList = () => Object.entries(edits).map(([paragraphId, text]) => ({ paragraphId, text }))
  const quoteList = () => Object.entries(quotes).map(([paragraphId, quoted]) => ({ paragraphId, quoted }))
  const run = async (what: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await what()
    } catch (e) {
      const message = (e as Error).message
      setError(e instanceof ApiError && e.code === 'NETWORK' ? `${message}（再点一次不会重复）` : message)
    } finally {
      setBusy(false)
    }
  }

  const save = () => {
    // 超长的段落不悄悄截断：说清是哪段超了，留在框里删减。
    const tooLong = Object.values(edits)
      .map((t) => overLimit('有一段', t, SUMMARY_PARAGRAPH_MAX))
      .find(Boolean)
    if (tooLong) return setError(tooLong)
    return run(async () => {
      if (summaryId && saved.state === 'ready') {
        const view = await api.summary.save({
          requestId: requestId.current,
          summaryId,
          baseVersion: saved.data.latestVersion,
          draft: null,
          title: null,
          edits: editList(),
          quotes: quoteList(),
        })
        setSaved({ state: 'ready', data: view })
        setEdits({})
        setQuotes({})
        Taro.showToast({ title: `已存为第 ${view.version} 版`, icon: 'success' })
      } else if (draft.state === 'ready') {
        const d = draft.data
        const view = await api.summary.save({
          requestId: requestId.current,
          summaryId: null,
          baseVersion: null,
          draft: { communityId: d.communityId, buildingCode: d.building?.code ?? null, kind: d.document.kind, period: d.period },
          title: null,
          edits: editList(),
          quotes: quoteList(),
        })
        Taro.showToast({ title: '已保存为第 1 版', icon: 'success' })
        // 换成这份总结自己的地址：刷新、返回、转发都回到它。
        Taro.redirectTo({ url: `/rep/summary/index?id=${view.id}` })
      }
      requestId.current = newRequestId()
    })
  }

  const act = (what: 'publish' | 'finalize' | 'restore', version?: number) =>
    run(async () => {
      if (!summaryId) return
      const view =
        what === 'publish'
          ? await api.summary.publish({ requestId: requestId.current, summaryId, closesOn })
          : what === 'finalize'
            ? await api.summary.finalize({ requestId: requestId.current, summaryId })
            : await api.summary.restore({ requestId: requestId.current, summaryId, version: version as number })
      requestId.current = newRequestId()
      setSaved({ state: 'ready', data: view })
      setEdits({})
      setQuotes({})
      setDialog(null)
      Taro.showToast({ title: what === 'publish' ? '已发给居民征求意见' : what === 'finalize' ? '已公示' : `已恢复为第 ${view.version} 版`, icon: 'success' })
    })

  const exportAs = (format: 'docx' | 'text') =>
    run(async () => {
      if (!summaryId || saved.state !== 'ready') return
      const result = await api.summary.export({ summaryId, version: saved.data.version, format })
      await openExport(result)
    })

  // —— 画面 ——
  if (summaryId && saved.state === 'error') return <PageError load={saved} onRetry={() => loadSaved()} title="无法打开这份总结" />
  if (!summaryId && setup.state === 'error')
    return <PageError load={setup} onRetry={() => Taro.redirectTo({ url: '/rep/summaries/index' })} title="无法起草总结" />
  if (!summaryId && draft.state === 'error') return <PageError load={draft} onRetry={loadDraft} title="无法起草总结" />

  const doc: SummaryDocument | null = summaryId ? (saved.state === 'ready' ? saved.data.document : null) : draft.state === 'ready' ? draft.data.document : null
  const view = summaryId && saved.state === 'ready' ? saved.data : null
  // 看旧版本时不改：改动总是存在最新一版上。
  const editable = !view || (view.canEdit && view.version === view.latestVersion)
  const changed = Object.keys(edits).length + Object.keys(quotes).filter((id) => !(id in edits)).length

  const update = (patch: Partial<Setup>) => setSetup((s) => (s.state === 'ready' ? { state: 'ready', data: { ...s.data, ...patch } } : s))

  return (
    <View style={pageTextScale()} className="page sm-page">
      {!summaryId && setup.state === 'ready' && (
        <View className="card sm-setup" id="summary-setup">
          <Text className="sm-setup__label">范围</Text>
          <ChipGroup
            name="summary-scope"
            options={[
              ...(setup.data.list.canDraftCommunity ? [{ value: 'community', label: '整个小区' }] : []),
              ...setup.data.list.buildings.map((b) => ({ value: b.code, label: b.name })),
            ]}
            value={setup.data.buildingCode ?? 'community'}
            onChange={(v) => update({ buildingCode: v === 'community' ? null : v })}
          />
          <Text className="sm-setup__label">种类</Text>
          <ChipGroup
            name="summary-kind"
            options={SUMMARY_KINDS.map((k) => ({
              value: k,
              label: SUMMARY_KIND_LABELS[k].replace('工作总结', '') + (draft.state === 'ready' && draft.data.defaultKind === k ? '（默认）' : ''),
            }))}
            value={setup.data.kind ?? (draft.state === 'ready' ? draft.data.defaultKind : null)}
            onChange={(kind) => update({ kind })}
          />
          <Text className="sm-setup__label">期间</Text>
          <ChipGroup name="summary-period" options={PERIOD_KINDS} value={setup.data.periodKind} onChange={(periodKind) => update({ periodKind })} />
          <View className="sm-setup__months">
            {setup.data.periodKind === 'custom' && (
              <>
                <Picker mode="date" fields="month" value={setup.data.customStart} onChange={(e) => update({ customStart: String(e.detail.value).slice(0, 7) })}>
                  <Text className="sm-month" id="summary-custom-start">
                    {monthText(setup.data.customStart)}
                  </Text>
                </Picker>
                <Text className="muted">至</Text>
              </>
            )}
            <Picker mode="date" fields="month" value={setup.data.month} onChange={(e) => update({ month: String(e.detail.value).slice(0, 7) })}>
              <Text className="sm-month" id="summary-month">
                {setup.data.periodKind === 'custom'
                  ? monthText(setup.data.month)
                  : `含 ${monthText(setup.data.month)} 的${PERIOD_KINDS.find((k) => k.value === setup.data.periodKind)?.label}`}
              </Text>
            </Picker>
          </View>
        </View>
      )}

      {!summaryId && kindNote && (
        <View className="card" id="summary-kind-mismatch">
          <Text>{kindNote}</Text>
        </View>
      )}

      {view && (
        <View className={`card sm-status sm-status--${view.status}`} id="summary-status">
          <View className="sm-status__line">
            <Text className={`sm-tag sm-tag--${view.status}`}>{STATUS_TEXT[view.status]}</Text>
            <Text className="muted" id="summary-version">
              第 {view.version} 版{view.version !== view.latestVersion ? `（最新为第 ${view.latestVersion} 版）` : ''}
            </Text>
            <Text {...asButton} className="sm-link" id="summary-versions" onClick={() => setDialog('versions')}>
              版本
            </Text>
          </View>
          {view.status === 'consulting' && view.consultUntil && (
            <Text className="muted">征求意见到 {lastDayOf(view.consultUntil)}（含当天），居民在公告里提意见。</Text>
          )}
          {view.status === 'final' && view.finalizedAt && <Text className="muted">{formatChinaTime(view.finalizedAt)} 公示，之后不再改变。</Text>}
        </View>
      )}

      {view && view.comments.length > 0 && (
        <View className="card" id="summary-comments">
          <Text className="card-title">居民意见（{view.comments.length} 条）</Text>
          <Text className="muted">不显示是谁提的。{view.status === 'final' ? '' : '对照意见改好后存一版，再公示。'}</Text>
          {view.comments.map((c) => (
            <View key={c.id} className="sm-comment" id={`summary-comment-${c.id}`}>
              <Text className="sm-comment__text">{c.text}</Text>
              <Text className="muted">
                {c.buildingName} · {formatChinaTime(c.at)}
              </Text>
            </View>
          ))}
        </View>
      )}

      {!doc ? (
        <LoadingView text="正在按数据起草…" />
      ) : (
        <View className="card sm-doc" id="summary-doc">
          <Text className="sm-doc__title" id="summary-title">
            {doc.title}
          </Text>
          <Text className="muted sm-doc__meta">
            {doc.kindLabel} · {doc.scopeLabel} · {doc.periodLabel}
          </Text>
          <Text className="muted sm-doc__hint">蓝色的数字可以点开看背后的记录；{editable ? '每段右下角"改"可以就地修改。' : '定稿不再修改。'}</Text>
          {doc.sections.map((s, i) => (
            <SectionView
              key={s.id}
              s={s}
              depth={0}
              index={i}
              figures={doc.figures}
              edits={edits}
              editable={editable}
              onFigure={(f) => openTrace(f)}
              quotes={quotes}
              onEdit={(id, text) =>
                setEdits((old) => {
                  const next = { ...old }
                  if (text === undefined) delete next[id]
                  else next[id] = text
                  return next
                })
              }
              onQuote={(id, quoted) =>
                setQuotes((old) => {
                  const next = { ...old }
                  if (quoted === undefined) delete next[id]
                  else next[id] = quoted
                  return next
                })
              }
            />
          ))}
          {doc.keyFigures.length > 0 && (
            <View className="sm-key" id="summary-key-figures">
              <Text className="sm-section__heading">主要数字</Text>
              {doc.keyFigures.map((k) => {
                const now = doc.figures[k.figureId]
                const before = k.previousId ? doc.figures[k.previousId] : undefined
                const yearAgo = k.yearAgoId ? doc.figures[k.yearAgoId] : undefined
                return (
                  <View key={k.figureId} className="sm-key__row">
                    <Text className="sm-key__label">{k.label}</Text>
                    <Text {...asButton} className="sm-fig sm-key__now" onClick={() => now && openTrace(now)}>
                      {now?.display ?? '—'}
                    </Text>
                    <Text className="muted sm-key__then">
                      上期 {before?.display ?? '—'} · 去年同期 {yearAgo?.display ?? '—'}
                    </Text>
                  </View>
                )
              })}
            </View>
          )}
        </View>
      )}

      {doc && (
        <View className="footer-bar sm-footer">
          {error && (
            <Text className="error-text" id="summary-error">
              {error}
            </Text>
          )}
          <View className="sm-footer__buttons">
            {editable && (!view || changed > 0) && (
              <Button id="summary-save" type="primary" size="small" loading={busy} disabled={busy} onClick={save}>
                {view ? `保存改动（${changed} 段）` : `保存为第 1 版${changed > 0 ? `（改了 ${changed} 段）` : ''}`}
              </Button>
            )}
            {view?.canPublish && (
              <Button id="summary-publish" size="small" fill="outline" disabled={busy || changed > 0} onClick={() => setDialog('publish')}>
                征求意见
              </Button>
            )}
            {view?.canFinalize && (
              <Button id="summary-finalize" size="small" fill="outline" disabled={busy || changed > 0} onClick={() => setDialog('finalize')}>
                公示
              </Button>
            )}
            {view && (
              <>
                <Button id="summary-export-docx" size="small" fill="outline" disabled={busy} onClick={() => exportAs('docx')}>
                  导出 Word
                </Button>
                <Button id="summary-export-text" size="small" fill="outline" disabled={busy} onClick={() => exportAs('text')}>
                  复制文字
                </Button>
              </>
            )}
          </View>
        </View>
      )}

      {trace && (
        <TraceSheet
          figure={trace.figure}
          load={trace.load}
          onMore={() => trace.load.state === 'ready' && openTrace(trace.figure, trace.load.data.nextCursor)}
          onClose={() => setTrace(null)}
        />
      )}

      {dialog === 'publish' && (
        <ConfirmDialog
          id="publish-confirm"
          title="发给居民征求意见？"
          message="最新一版作为公告发给总结范围里的居民，他们在公告里提意见（别的居民看不到是谁提的）。"
          confirmText="发出"
          busy={busy}
          error={error}
          onConfirm={() => act('publish')}
          onCancel={() => setDialog(null)}
        >
          <View className="sm-dialog-date">
            <Text>截止</Text>
            <DateField id="publish-closes" value={closesOn} placeholder="选择截止日期" start={today()} onChange={setClosesOn} />
          </View>
          <Text className="muted">到 {fullDay(closesOn)}（含当天）为止收意见。</Text>
        </ConfirmDialog>
      )}
      {dialog === 'finalize' && (
        <ConfirmDialog
          id="finalize-confirm"
          title="公示这份总结？"
          message="最新一版成为定稿，居民在公告里看到定稿全文；之后不能再改。"
          confirmText="公示"
          busy={busy}
          error={error}
          onConfirm={() => act('finalize')}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'versions' && view && (
        <ConfirmDialog id="versions-dialog" title="版本" confirmText="关闭" onConfirm={() => setDialog(null)} onCancel={() => setDialog(null)}>
          <View className="sm-versions">
            {[...view.versions].reverse().map((v) => (
              <View key={v.version} className="sm-version" id={`version-${v.version}`}>
                <Text className="sm-version__name">
                  第 {v.version} 版{v.restoredFrom ? `（由第 ${v.restoredFrom} 版恢复）` : ''}
                </Text>
                <Text className="muted">
                  {formatChinaTime(v.savedAt)} · {v.savedBy || '—'}
                </Text>
                <View className="sm-version__actions">
                  <Text
                    {...asButton}
                    className="sm-link"
                    id={`version-${v.version}-view`}
                    onClick={() => {
                      setDialog(null)
                      loadSaved(v.version)
                    }}
                  >
                    查看
                  </Text>
                  {view.canEdit && v.version !== view.latestVersion && (
                    <Text {...asButton} className="sm-link" id={`version-${v.version}-restore`} onClick={() => act('restore', v.version)}>
                      恢复为最新
                    </Text>
                  )}
                </View>
              </View>
            ))}
          </View>
        </ConfirmDialog>
      )}
    </View>
  )
}
