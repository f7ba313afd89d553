import { useCallback, useEffect, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { RATING_DIMENSION_LABELS, RATING_DIMENSIONS } from '@/core/shared/catalog'
import { HANDLER_ACTIONS, type HandlerAction } from '@/core/reports/schema'
import { formatChinaTime } from '@/core/shared/time'
import type { ManagedReportView } from '@/core/handling/views'
import type { TimelineEntry } from '@/core/reports/views'
import { ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { previewImage } from '@/services/previewImage'
import { ageOf, ReportTags } from '../shared/reportBits'
import { ActionSheet, actionLabel } from './ActionSheet'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton, tappableImage } from '@/components/a11y'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; data: ManagedReportView }

/** 主要的推进动作在前、用实心按钮；不予受理、合并、隐藏在后。 */
const PRIMARY: readonly HandlerAction[] = ['accept', 'start', 'handle', 'reopen']
const ORDER: readonly HandlerAction[] = ['accept', 'start', 'handle', 'reopen', 'close', 'merge', 'hide']

const DONE_TOAST: Record<HandlerAction, string> = {
  accept: '已受理',
  start: '已开始处理',
  handle: '已标记处理',
  close: '已不予受理',
  merge: '已合并',
  hide: '已隐藏',
  reopen: '已重新打开',
}

const stars = (score: number) => '★'.repeat(score) + '☆'.repeat(5 - score)

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="timeline">
      {[...entries].reverse().map((e, i) => (
        <View className={`timeline__entry ${i === 0 ? 'timeline__entry--latest' : ''}`} key={`${e.at}-${i}`} id={`timeline-${entries.length - 1 - i}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__title">{e.title}</Text>
              <Text className="muted">{formatChinaTime(e.at)}</Text>
            </View>
            <Text className="muted">
              {e.actorLabel} · 状态：{e.statusLabel}
              {e.assigneeLabel ? ` · 派给 ${e.assigneeLabel}` : ''}
            </Text>
            {e.note && <Text className="timeline__note">{e.note}</Text>}
            {e.rating && (
              <View className="timeline__rating">
                {RATING_DIMENSIONS.map((d) => (
                  <Text key={d} className="timeline__stars">
                    {RATING_DIMENSION_LABELS[d]} <Text className="stars">{stars(e.rating![d])}</Text>
                  </Text>
                ))}
                {e.rating.words && <Text className="timeline__note">"{e.rating.words}"</Text>}
              </View>
            )}
            {e.mergedInto && (
              <Text {...asButton} className="link" onClick={() => Taro.navigateTo({ url: `/rep/detail/index?id=${e.mergedInto}` })}>
                并入的报事 ›
              </Text>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}

function Row({ label, children, id }: { label: string; children: React.ReactNode; id?: string }) {
  return (
    <View className="row" id={id}>
      <Text className="row__label">{label}</Text>
      <View className="row__value">{children}</View>
    </View>
  )
}

/** 代表看一条报事并处理：内容、照片、联系电话、时间线，以及现在可做的动作。 */
export default function ReportDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [acting, setActing] = useState<HandlerAction | null>(null)

  const refresh = useCallback(
    async ({ quiet = false } = {}) => {
      if (!id) return setLoad({ state: 'error', message: '缺少报事编号', retryable: false })
      if (!quiet) setLoad({ state: 'loading' })
      try {
        setLoad({ state: 'ready', data: await api.handling.detail({ reportId: id }) })
      } catch (e) {
        setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) })
      }
    },
    [id],
  )

  useEffect(() => {
    refresh()
  }, [refresh])

  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') {
    return (
      <View style={pageTextScale()} className="page">
        <ErrorView
          title={load.retryable ? '出了点问题' : '无法查看'}
          message={load.message}
          onRetry={load.retryable ? () => refresh() : undefined}
          action={{ text: '回到报事列表', onClick: () => Taro.redirectTo({ url: '/rep/queue/index' }) }}
        />
      </View>
    )
  }

  const r = load.data
  const actions = ORDER.filter((a) => (r.actions as string[]).includes(a) && (HANDLER_ACTIONS as readonly string[]).includes(a))
  const photos = r.photos.filter((p) => p.url)

  return (
    <View style={pageTextScale()} className={`page detail-page ${actions.length ? 'detail-page--with-actions' : ''}`}>
      <View className="card detail-main">
        <ReportTags item={r} showNormal anonymous />
        <Text className="detail-main__kind muted">
          {r.kindLabel} · {r.buildingName} · {ageOf(r.createdAt)}提交
        </Text>
        <Text className="detail-main__text" id="detail-text" userSelect>
          {r.text}
        </Text>
        {r.photos.length > 0 && (
          <View className="photos">
            {r.photos.map((p, i) =>
              p.url ? (
                <Image
                  {...tappableImage(`照片 ${i + 1}，点开看大图`)}
                  key={p.fileId}
                  className="photos__item"
                  src={p.url}
                  mode="aspectFill"
                  lazyLoad
                  onClick={() =>
                    previewImage(
                      photos.map((x) => x.url),
                      p.url,
                    ).catch(() => undefined)
                  }
                />
              ) : (
                <View key={p.fileId || i} className="photos__item photos__item--missing">
                  <Text className="muted">照片暂不可用</Text>
                </View>
              ),
            )}
          </View>
        )}
      </View>

      <View className="card detail-rows">
        <Row label="位置">
          <Text>{r.locationLabel}</Text>
        </Row>
        <Row label="紧急程度">
          <Text className={r.urgency === 'urgent' ? 'danger' : ''}>
            {r.urgencyLabel}
            {r.overdue ? '（已超时）' : ''}
          </Text>
        </Row>
        <Row label="也遇到">
          <Text>{r.followers > 0 ? `${r.followers} 位居民也遇到` : '暂无'}</Text>
        </Row>
        {r.assigneeLabel && (
          <Row label="派给">
            <Text>{r.assigneeLabel}</Text>
          </Row>
        )}
        <Row label="报事人">
          <Text>{r.anonymous ? '匿名' : '本楼居民'}</Text>
        </Row>
        <Row label="联系电话" id="detail-phone">
          {r.contactPhone ? (
            <Text {...asButton} className="link" id="call-phone" onClick={() => Taro.makePhoneCall({ phoneNumber: r.contactPhone! }).catch(() => undefined)}>
              {r.contactPhone} 拨打
            </Text>
          ) : r.phoneLeftForRepresentative ? (
            <Text className="muted">居民留了电话，只给本楼代表看</Text>
          ) : (
            <Text className="muted">居民未留电话</Text>
          )}
        </Row>
        {r.mergedInto && (
          <Row label="重复">
            <Text {...asButton} className="link" id="merged-into" onClick={() => Taro.navigateTo({ url: `/rep/detail/index?id=${r.mergedInto}` })}>
              已并入另一条报事 ›
            </Text>
          </Row>
        )}
      </View>

      <View className="card">
        <Text className="card-title">处理记录</Text>
        <Timeline entries={r.timeline} />
      </View>

      {actions.length > 0 && (
        <View className="footer-bar detail-actions">
          {actions.map((a) => (
            <Button
              key={a}
              id={`act-${a}`}
              className={`detail-actions__button detail-actions__button--${PRIMARY.includes(a) ? 'primary' : 'secondary'}`}
              size="small"
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              fill={PRIMARY.includes(a) ? 'solid' : 'outline'}
              onClick={() => setActing(a)}
            >
              {actionLabel(a, r)}
            </Button>
          ))}
        </View>
      )}

      {acting && (
        <ActionSheet
          key={`${acting}-${r.status}`}
          action={acting}
          report={r}
          onClose={() => setActing(null)}
          onDone={(view) => {
            setActing(null)
            setLoad({ state: 'ready', data: view })
            Taro.showToast({ title: DONE_TOAST[acting], icon: 'success' })
          }}
          onConflict={(message) => {
            setActing(null)
            Taro.showToast({ title: message, icon: 'none', duration: 3000 })
            refresh({ quiet: true })
          }}
          isStale={async () => {
            try {
              return (await api.handling.detail({ reportId: r.id })).status !== r.status
            } catch {
              return false
            }
          }}
        />
      )}
    </View>
  )
}
