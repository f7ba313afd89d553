import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  MAX_HAZARDS,
  MAX_PHOTOS,
  MEDIATION_OUTCOME_LABELS,
  MEDIATION_OUTCOMES,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  WORKLOG_KIND_LABELS,
  WORKLOG_KINDS,
  WORKLOG_TEXT_MAX,
  type WorkLogKind,
} from '@/core/shared/catalog'
import { addWorkLogSchema, editWorkLogSchema, type AddWorkLogInput, type EditWorkLogInput } from '@/core/worklog/schema'
import type { WorkLogListView, WorkLogView } from '@/core/worklog/views'
import { STATUS_LABELS } from '@/core/reports/workflow'
import { ChipGroup } from '@/components/ChipGroup'
import { LoadingView } from '@/components/StateView'
import { api, newRequestId } from '@/services/api'
import { ApiError } from '@/services/transport'
import {
  addDays,
  ConfirmDialog,
  DateField,
  failed,
  FieldError,
  PageError,
  PhotoGrid,
  photoKey,
  shortDay,
  today,
  useCommunityParam,
  usePhotoUploads,
  validateForm,
  type Load,
} from '../shared/repBits'
import { detailsOf, emptyForm, formOf, hazardKey, isKind, type HazardRow, type WorkLogForm } from './form'
import { ReportPicker } from './ReportPicker'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'
import { LengthHint } from '@/components/LengthHint'
import { TextBox } from '@/components/TextBox'

type Scope = Pick<WorkLogListView, 'buildings' | 'canLogCommunity'>
type Errors = Partial<Record<string, string>>

/** 表单上的字段，按从上到下的顺序（第一处错误滚到它）。 */
const FIELD_ORDER = [
  'kind',
  'date',
  'building',
  'area',
  'hazards',
  'type',
  'attendees',
  'topics',
  'decisions',
  'name',
  'participants',
  'parties',
  'outcome',
  'volunteers',
  'hours',
  'counterpart',
  'subject',
  'note',
  'photos',
  'reports',
  'form',
]

/** 校验器说的字段 → 表单上的位置。 */
function fieldOf(name: string | undefined): string {
  switch (name) {
    case 'buildingCode':
      return 'building'
    case 'reportIds':
      return 'reports'
    case 'details':
      return 'kind'
    case 'text':
    case 'id':
    case 'fixedOn':
      return 'hazards'
    case undefined:
    case 'requestId':
    case 'communityId':
    case 'entryId':
      return 'form'
    default:
      return FIELD_ORDER.includes(name) ? name : 'form'
  }
}

/** 一个输入框：标签、输入、下面的错误。NutUI 的 Input 包一层带 id 的 View，测试用 `#worklog-xxx input`。 */
function TextField(props: {
  id: string
  label: string
  value: string
  placeholder: string
  hint?: string
  error?: string
  type?: 'text' | 'digit' | 'number'
  /** 字数上限（WORKLOG_TEXT_MAX）：框下显示已写/上限，超了不截断，提交时校验拒收。 */
  max?: number
  onChange: (v: string) => void
}) {
  return (
    <View className="wle-field">
      <Text className="wle-field__label">{props.label}</Text>
      <View id={`worklog-${props.id}`}>
        <Input className="gov-input" type={props.type ?? 'text'} placeholder={props.placeholder} value={props.value} onChange={props.onChange} />
      </View>
      {props.max !== undefined && <LengthHint value={props.value} max={props.max} id={`worklog-${props.id}-length`} />}
      {props.hint && <Text className="muted">{props.hint}</Text>}
      <FieldError id={`worklog-${props.id}`} message={props.error} />
    </View>
  )
}

function AreaField(props: { id: string; label: string; value: string; placeholder: string; error?: string; max: number; onChange: (v: string) => void }) {
  return (
    <View className="wle-field">
      <Text className="wle-field__label">{props.label}</Text>
      <TextBox
        id={`worklog-${props.id}`}
        className="gov-textarea"
        placeholder={props.placeholder}
        value={props.value}
        max={props.max}
        onChange={props.onChange}
      />
      <FieldError id={`worklog-${props.id}`} message={props.error} />
    </View>
  )
}

interface FormProps {
  communityId: string
  scope: Scope
  entry: WorkLogView | null
  presetKind: WorkLogKind | null
  presetBuilding: string | null
}

function WorkLogEditor({ communityId, scope, entry: initialEntry, presetKind, presetBuilding }: FormProps) {
  const [entry, setEntry] = useState(initialEntry)
  const editing = !!entry
  const readOnly = !!entry && !entry.canEdit
  const [form, setForm] = useState<WorkLogForm>(() => {
    if (initialEntry) return formOf(initialEntry)
    const allowed = (code: string | null) => !!code && (code === 'community' ? scope.canLogCommunity : scope.buildings.some((b) => b.code === code))
    const building = allowed(presetBuilding) ? presetBuilding : scope.buildings.length === 1 && !scope.canLogCommunity ? scope.buildings[0].code : null
    return emptyForm(presetKind ?? 'inspection', today(), building)
  })
  // 同一次新建的重试用同一个编号，函数只存一次。
  const requestId = useRef(newRequestId())
  const [showErrors, setShowErrors] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [picking, setPicking] = useState(false)
  const [fixing, setFixing] = useState<{ hazard: HazardRow; date: string } | null>(null)
  const [deleting, setDeleting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [dialogError, setDialogError] = useState<string | null>(null)
  const uploads = usePhotoUploads('worklog', MAX_PHOTOS, () => setServerError(null))
  const { setPhotos } = uploads

  useEffect(() => {
    if (initialEntry?.photos.length) setPhotos(initialEntry.photos.map((p) => ({ key: photoKey(), src: p.url, fileId: p.fileId, status: 'done' as const })))
  }, [initialEntry, setPhotos])

  const update = (patch: Partial<WorkLogForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setServerError(null)
  }
  /** 改当前种类的一项。 */
  const updateKind = <K extends WorkLogKind>(kind: K, patch: Partial<WorkLogForm[K]>) => {
    setForm((f) => ({ ...f, [kind]: { ...f[kind], ...patch } }))
    setServerError(null)
  }

  const common = () => ({
    buildingCode: form.building === 'community' ? null : (form.building ?? ''),
    date: form.date,
    note: form.note,
    photos: uploads.doneIds,
    reportIds: form.reports.map((r) => r.id),
    details: detailsOf(form),
  })

  const check = () => {
    const errors: Errors = {}
    if (form.building === null) errors.building = '请选择是哪栋楼的事，或整个小区'
    if (form.date > today()) errors.date = '日期不能晚于今天'
    if (uploads.problem) errors.photos = uploads.problem
    const checked: { value: AddWorkLogInput | EditWorkLogInput | null; errors: Errors } = entry
      ? validateForm(editWorkLogSchema, { entryId: entry.id, ...common() }, fieldOf)
      : validateForm(addWorkLogSchema, { requestId: requestId.current, communityId, ...common() }, fieldOf)
    for (const [field, message] of Object.entries(checked.errors)) errors[field] ??= message
    // 隐患描述的错误放在那一处隐患下面。
    const hazardIndex = errors.hazards ? form.inspection.hazards.findIndex((h) => h.text.trim().length < 2 || h.text.trim().length > 100) : -1
    return { value: Object.keys(errors).length === 0 ? checked.value : null, errors, hazardIndex }
  }
  const { errors, hazardIndex } = showErrors ? check() : { errors: {} as Errors, hazardIndex: -1 }
  const first = FIELD_ORDER.find((f) => errors[f])
  const count = FIELD_ORDER.filter((f) => errors[f]).length
  const summary = serverError ?? (first ? (count > 1 ? `${errors[first]}（共 ${count} 处要改，见标红处）` : errors[first]) : null)

  const done = (title: string) => {
    Taro.showToast({ title, icon: 'success' })
    setTimeout(() => {
      if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
      else Taro.redirectTo({ url: `/rep/worklog/index?c=${encodeURIComponent(communityId)}` })
    }, 600)
  }

  const save = async () => {
    if (saving || readOnly) return
    setShowErrors(true)
    setServerError(null)
    const { value, errors: found } = check()
    if (!value) {
      const field = FIELD_ORDER.find((f) => found[f]) ?? 'form'
      try {
        Taro.pageScrollTo({ selector: `#wfield-${field}`, duration: 200 })?.catch?.(() => undefined)
      } catch {
        // 滚动只是方便。
      }
      return
    }
    setSaving(true)
    try {
      if (entry) await api.worklog.edit(value as EditWorkLogInput)
      else await api.worklog.add(value as AddWorkLogInput)
      done(editing ? '已保存' : '已记下')
    } catch (e) {
      const message = (e as Error).message
      setServerError(e instanceof ApiError && e.code === 'NETWORK' && !editing ? `${message}（再点保存不会重复记录）` : message)
    } finally {
      setSaving(false)
    }
  }

  const fixHazard = async () => {
    if (!fixing || !entry || !fixing.hazard.id || busy) return
    setBusy(true)
    setDialogError(null)
    try {
      const view = await api.worklog.fixHazard({ entryId: entry.id, hazardId: fixing.hazard.id, fixedOn: fixing.date })
      setEntry(view)
      // 只改整改日期，表单上别处没保存的改动保留。
      const fixedOn = new Map(view.details.kind === 'inspection' ? view.details.hazards.map((h) => [h.id, h.fixedOn]) : [])
      setForm((f) => ({
        ...f,
        inspection: {
          ...f.inspection,
          hazards: f.inspection.hazards.map((h) => (h.id && fixedOn.has(h.id) ? { ...h, fixedOn: fixedOn.get(h.id) ?? null } : h)),
        },
      }))
      setFixing(null)
      Taro.showToast({ title: '已标记整改', icon: 'success' })
    } catch (e) {
      setDialogError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    if (!entry || busy) return
    setBusy(true)
    setDialogError(null)
    try {
      await api.worklog.remove({ entryId: entry.id })
      setDeleting(false)
      done('已删除')
    } catch (e) {
      setDialogError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const hazards = form.inspection.hazards
  const setHazards = (list: HazardRow[]) => updateKind('inspection', { hazards: list })
  const buildingOptions = [
    ...scope.buildings.map((b) => ({ value: b.code, label: b.name })),
    ...(scope.canLogCommunity || form.building === 'community' ? [{ value: 'community', label: '整个小区' }] : []),
  ]
  const dateChoice = form.date === today() ? 'today' : form.date === addDays(today(), -1) ? 'yesterday' : null

  return (
    <View style={pageTextScale()} className={`page wle-page ${readOnly ? 'wle-page--readonly' : ''}`}>
      {readOnly && entry && (
        <View className="wle-readonly" id="worklog-readonly">
          <Text>这条由 {entry.signedAs} 记录，你只能查看。</Text>
        </View>
      )}

      <View className="card" id="wfield-kind">
        <Text className="card-title">种类</Text>
        {editing ? (
          <View className="wle-fixed-kind">
            <Text className={`wl-kind wl-kind--${form.kind}`} id="worklog-kind-fixed">
              {WORKLOG_KIND_LABELS[form.kind]}
            </Text>
            <Text className="muted">种类不能改；记错了可以删掉重记。</Text>
          </View>
        ) : (
          <ChipGroup
            name="worklog-kind"
            options={WORKLOG_KINDS.map((k) => ({ value: k, label: WORKLOG_KIND_LABELS[k] }))}
            value={form.kind}
            onChange={(kind) => update({ kind })}
          />
        )}
        <FieldError id="worklog-kind" message={errors.kind} />
      </View>

      <View className="card" id="wfield-date">
        <Text className="card-title">日期</Text>
        <View className="wle-date">
          <ChipGroup
            name="worklog-date"
            options={[
              { value: 'today', label: '今天' },
              { value: 'yesterday', label: '昨天' },
            ]}
            value={dateChoice}
            onChange={(v) => update({ date: v === 'today' ? today() : addDays(today(), -1) })}
          />
          <View className="wle-date__pick">
            <DateField id="worklog-date-pick" value={form.date} placeholder="选择日期" end={today()} onChange={(date) => update({ date })} />
          </View>
        </View>
        <FieldError id="worklog-date" message={errors.date} />
      </View>

      <View className="card" id="wfield-building">
        <Text className="card-title">哪栋楼</Text>
        <ChipGroup name="worklog-building" options={buildingOptions} value={form.building} onChange={(building) => update({ building })} />
        <FieldError id="worklog-building" message={errors.building} />
      </View>

      <View className="card wle-details" id="wfield-details">
        <Text className="card-title">{WORKLOG_KIND_LABELS[form.kind]}的内容</Text>
        {form.kind === 'inspection' && (
          <>
            <View id="wfield-area">
              <TextField
                id="area"
                label="巡查区域"
                placeholder="如：大堂与地下车库"
                value={form.inspection.area}
                max={WORKLOG_TEXT_MAX.area}
                error={errors.area}
                onChange={(area) => updateKind('inspection', { area })}
              />
            </View>
            <View className="wle-field" id="wfield-hazards">
              <View className="wle-field__row">
                <Text className="wle-field__label">发现的隐患</Text>
                <Text className="muted">
                  {hazards.length === 0
                    ? '没有就不填'
                    : editing
                      ? `${hazards.length} 处，已整改 ${hazards.filter((h) => h.fixedOn).length}`
                      : `${hazards.length} 处；整改后回来标记`}
                </Text>
              </View>
              {hazards.map((h, i) => (
                <View key={h.key} className={`wle-hazard ${h.fixedOn ? 'wle-hazard--fixed' : ''}`} id={`hazard-${h.id ?? `new-${i}`}`}>
                  <View className="wle-hazard__row">
                    <Text className="wle-hazard__no">{i + 1}</Text>
                    <View className="wle-hazard__input" id={`hazard-text-${i}`}>
                      <Input
                        className="gov-input"
                        placeholder="如：车库消防通道堆放杂物"
                        value={h.text}
                        onChange={(text) => setHazards(hazards.map((x) => (x.key === h.key ? { ...x, text } : x)))}
                      />
                      <LengthHint value={h.text} max={WORKLOG_TEXT_MAX.hazard} id={`hazard-text-${i}-length`} />
                    </View>
                    <Text
                      {...asButton}
                      className="wle-hazard__remove"
                      id={`hazard-remove-${i}`}
                      onClick={() => setHazards(hazards.filter((x) => x.key !== h.key))}
                    >
                      删除
                    </Text>
                  </View>
                  {editing && (
                    <View className="wle-hazard__status">
                      {h.fixedOn ? (
                        <Text className="wle-hazard__fixed" id={`hazard-fixed-${h.id}`}>
                          已整改 {shortDay(h.fixedOn)}
                        </Text>
                      ) : h.id && entry && !readOnly ? (
                        <>
                          <Text className="wle-hazard__open">未整改</Text>
                          <Button
                            id={`hazard-fix-${h.id}`}
                            size="small"
                            fill="outline"
                            type="primary"
                            onClick={() => {
                              setDialogError(null)
                              setFixing({ hazard: h, date: today() })
                            }}
                          >
                            标记已整改
                          </Button>
                        </>
                      ) : (
                        <Text className="muted">保存后可标记整改</Text>
                      )}
                    </View>
                  )}
                  {hazardIndex === i && <FieldError id={`hazard-${i}`} message={errors.hazards} />}
                </View>
              ))}
              {hazards.length < MAX_HAZARDS && (
                <View {...asButton} className="wle-add" id="hazard-add" onClick={() => setHazards([...hazards, { key: hazardKey(), text: '', fixedOn: null }])}>
                  <Text>＋ 添加一处隐患</Text>
                </View>
              )}
              {hazardIndex < 0 && <FieldError id="worklog-hazards" message={errors.hazards} />}
            </View>
          </>
        )}

        {form.kind === 'meeting' && (
          <>
            <View className="wle-field" id="wfield-type">
              <Text className="wle-field__label">会议类型</Text>
              <ChipGroup
                name="meeting-type"
                options={MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))}
                value={form.meeting.type}
                onChange={(type) => updateKind('meeting', { type })}
              />
              <FieldError id="worklog-type" message={errors.type} />
            </View>
            <View id="wfield-attendees">
              <TextField
                id="attendees"
                label="参会人数"
                type="number"
                placeholder="如：12"
                value={form.meeting.attendees}
                error={errors.attendees}
                onChange={(attendees) => updateKind('meeting', { attendees })}
              />
            </View>
            <View id="wfield-topics">
              <AreaField
                id="topics"
                label="议题"
                placeholder="如：电梯更新方案、停车位调整"
                value={form.meeting.topics}
                max={WORKLOG_TEXT_MAX.topics}
                error={errors.topics}
                onChange={(topics) => updateKind('meeting', { topics })}
              />
            </View>
            <View id="wfield-decisions">
              <AreaField
                id="decisions"
                label="决定（选填）"
                placeholder="如：下月启动电梯招标"
                value={form.meeting.decisions}
                max={WORKLOG_TEXT_MAX.decisions}
                error={errors.decisions}
                onChange={(decisions) => updateKind('meeting', { decisions })}
              />
            </View>
          </>
        )}

        {form.kind === 'activity' && (
          <>
            <View id="wfield-name">
              <TextField
                id="activity-name"
                label="活动名称"
                placeholder="如：重阳节敬老茶话会"
                value={form.activity.name}
                max={WORKLOG_TEXT_MAX.activityName}
                error={errors.name}
                onChange={(name) => updateKind('activity', { name })}
              />
            </View>
            <View id="wfield-participants">
              <TextField
                id="participants"
                label="参与人次"
                type="number"
                placeholder="如：35"
                value={form.activity.participants}
                error={errors.participants}
                onChange={(participants) => updateKind('activity', { participants })}
              />
            </View>
          </>
        )}

        {form.kind === 'mediation' && (
          <>
            <View id="wfield-parties">
              <TextField
                id="parties"
                label="当事方"
                placeholder='如"5楼住户与6楼住户"'
                hint='请匿名：写"5楼住户与6楼住户"，不写姓名和门牌号'
                value={form.mediation.parties}
                max={WORKLOG_TEXT_MAX.parties}
                error={errors.parties}
                onChange={(parties) => updateKind('mediation', { parties })}
              />
            </View>
            <View className="wle-field" id="wfield-outcome">
              <Text className="wle-field__label">调解结果</Text>
              <ChipGroup
                name="mediation-outcome"
                options={MEDIATION_OUTCOMES.map((o) => ({ value: o, label: MEDIATION_OUTCOME_LABELS[o] }))}
                value={form.mediation.outcome}
                onChange={(outcome) => updateKind('mediation', { outcome })}
              />
              <FieldError id="worklog-outcome" message={errors.outcome} />
            </View>
          </>
        )}

        {form.kind === 'volunteer' && (
          <>
            <View id="wfield-volunteers">
              <TextField
                id="volunteers"
                label="志愿者人次"
                type="number"
                placeholder="如：8"
                value={form.volunteer.volunteers}
                error={errors.volunteers}
                onChange={(volunteers) => updateKind('volunteer', { volunteers })}
              />
            </View>
            <View id="wfield-hours">
              <TextField
                id="hours"
                label="服务时长（小时，可一位小数）"
                type="digit"
                placeholder="如：16 或 2.5"
                value={form.volunteer.hours}
                error={errors.hours}
                onChange={(hours) => updateKind('volunteer', { hours })}
              />
            </View>
          </>
        )}

        {form.kind === 'coordination' && (
          <>
            <View id="wfield-counterpart">
              <TextField
                id="counterpart"
                label="沟通对象"
                placeholder="如：春晖物业工程部"
                value={form.coordination.counterpart}
                max={WORKLOG_TEXT_MAX.counterpart}
                error={errors.counterpart}
                onChange={(counterpart) => updateKind('coordination', { counterpart })}
              />
            </View>
            <View id="wfield-subject">
              <AreaField
                id="subject"
                label="事由"
                placeholder="如：地下车库照明不足"
                value={form.coordination.subject}
                max={WORKLOG_TEXT_MAX.subject}
                error={errors.subject}
                onChange={(subject) => updateKind('coordination', { subject })}
              />
            </View>
            <View id="wfield-outcome">
              <AreaField
                id="coordination-outcome"
                label="结果（选填）"
                placeholder="如：物业答应本周内更换灯管"
                value={form.coordination.outcome}
                max={WORKLOG_TEXT_MAX.outcome}
                error={errors.outcome}
                onChange={(outcome) => updateKind('coordination', { outcome })}
              />
            </View>
          </>
        )}
      </View>

      <View className="card" id="wfield-note">
        <AreaField
          id="note"
          label="备注（选填）"
          placeholder="经过、下一步打算……"
          value={form.note}
          max={WORKLOG_TEXT_MAX.note}
          error={errors.note}
          onChange={(note) => update({ note })}
        />
      </View>

      <View className="card" id="wfield-photos">
        <View className="gov-title-row">
          <Text className="card-title">照片</Text>
          <Text className="muted">选填，最多 {MAX_PHOTOS} 张</Text>
        </View>
        <PhotoGrid id="worklog-photo" photos={uploads.photos} max={MAX_PHOTOS} onAdd={uploads.add} onRemove={uploads.remove} onRetry={uploads.retry} />
        <FieldError id="worklog-photos" message={errors.photos} />
      </View>

      <View className="card" id="wfield-reports">
        <View className="gov-title-row">
          <Text className="card-title">关联报事</Text>
          <Text {...asButton} className="link wle-link" id="report-link-open" onClick={() => setPicking(true)}>
            {form.reports.length ? '修改' : '选择'}
          </Text>
        </View>
        {form.reports.length === 0 ? (
          <Text className="muted">选填：这件事是为了哪条报事（如巡查发现的问题已有人报过）。</Text>
        ) : (
          form.reports.map((r) => (
            <View key={r.id} className="wle-report" id={`linked-report-${r.id}`}>
              <Text className="wle-report__label">{r.label}</Text>
              {r.status && <Text className="muted wle-report__status">{STATUS_LABELS[r.status]}</Text>}
              <Text
                {...asButton}
                className="wle-report__remove"
                id={`linked-report-remove-${r.id}`}
                onClick={() => update({ reports: form.reports.filter((x) => x.id !== r.id) })}
              >
                ×
              </Text>
            </View>
          ))
        )}
        <FieldError id="worklog-reports" message={errors.reports} />
      </View>

      {!readOnly && (
        <View className="footer-bar gov-footer">
          {summary && (
            <Text className="error-text gov-footer__error" id="worklog-error">
              {summary}
            </Text>
          )}
          <View className="gov-footer__buttons">
            {editing && (
              <Button
                id="worklog-delete"
                fill="outline"
                type="danger"
                disabled={saving}
                onClick={() => {
                  setDialogError(null)
                  setDeleting(true)
                }}
              >
                删除
              </Button>
            )}
            <Button id="worklog-save" className="gov-footer__main" type="primary" block loading={saving} disabled={saving} onClick={save}>
              {editing ? '保存' : '记下'}
            </Button>
          </View>
        </View>
      )}

      {picking && (
        <ReportPicker
          buildingCode={form.building && form.building !== 'community' ? form.building : null}
          selected={form.reports}
          onClose={() => setPicking(false)}
          onDone={(reports) => {
            update({ reports })
            setPicking(false)
          }}
        />
      )}

      {fixing && (
        <ConfirmDialog
          id="hazard-fix-dialog"
          title="标记已整改"
          message={`"${fixing.hazard.text}"是哪天整改好的？`}
          confirmText="确认整改"
          busy={busy}
          error={dialogError}
          onConfirm={fixHazard}
          onCancel={() => setFixing(null)}
        >
          <DateField
            id="hazard-fix-date"
            value={fixing.date}
            placeholder="整改日期"
            start={entry?.date}
            end={today()}
            onChange={(date) => setFixing({ ...fixing, date })}
          />
        </ConfirmDialog>
      )}

      {deleting && entry && (
        <ConfirmDialog
          id="worklog-delete-confirm"
          title="删除这条记录？"
          message={`${shortDay(entry.date)}的${WORKLOG_KIND_LABELS[entry.kind]}记录删除后不再显示，也不再计入统计与工作总结。`}
          confirmText="删除"
          danger
          busy={busy}
          error={dialogError}
          onConfirm={remove}
          onCancel={() => setDeleting(false)}
        />
      )}
    </View>
  )
}

/** 记一笔或修改一条工作台账（id= 时为修改）。 */
export default function WorkLogEditPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  // 一次 worklog.form：能记的范围与（id= 时）这条台账；没带 ?c= 时函数按身份取小区（修改时就是这条台账的小区）。
  const communityParam = useCommunityParam()
  const [load, setLoad] = useState<Load<{ communityId: string; scope: Scope; entry: WorkLogView | null }>>({ state: 'loading' })

  const refresh = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      const form = await api.worklog.form({ ...(communityParam && { communityId: communityParam }), ...(id && { entryId: id }) })
      setLoad({
        state: 'ready',
        data: { communityId: form.communityId, scope: { buildings: form.buildings, canLogCommunity: form.canLogCommunity }, entry: form.entry },
      })
    } catch (e) {
      setLoad(failed(e))
    }
  }, [communityParam, id])

  useEffect(() => {
    refresh()
  }, [refresh])

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '台账详情' : '记一笔' }).catch(() => undefined)
  }, [id])

  if (load.state === 'error') return <PageError load={load} onRetry={refresh} title={id ? '无法查看这条记录' : '无法记台账'} />
  if (load.state === 'loading') return <LoadingView />
  const { communityId, scope, entry } = load.data
  if (!entry && scope.buildings.length === 0 && !scope.canLogCommunity) {
    return <PageError load={{ message: '你没有可以记台账的楼栋', retryable: false }} onRetry={refresh} title="无法记台账" />
  }
  return (
    <WorkLogEditor
      communityId={communityId}
      scope={scope}
      entry={entry}
      presetKind={isKind(params.kind) ? params.kind : null}
      presetBuilding={params.b ? decodeURIComponent(params.b) : null}
    />
  )
}
