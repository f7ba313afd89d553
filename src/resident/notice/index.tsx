import { useCallback, useEffect, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatChinaTime, lastDayOf } from '@/core/shared/time'
import type { NoticeView } from '@/core/notices/views'
import { ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { buildingCodeFromParams, rememberedBuilding } from '@/services/building'
import { copyShareLink } from '@/services/copyShareLink'
import { openedFromShare, sharedPath, useShareCard, type ShareCard } from '@/services/share'
import { isLocalMode, isRetryable } from '@/services/transport'
import { SummaryBody } from './SummaryBody'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton, tappableImage } from '@/components/a11y'
import { previewImage } from '@/services/previewImage'

type Load = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; notice: NoticeView }

const LONG_TIME = 'YYYY年M月D日 HH:mm'
/** 过期时刻是过期日次日 0 点（北京时间）："有效期至"写过期日本身。 */
const lastDay = (expiresAt: string) => lastDayOf(expiresAt, 'YYYY年M月D日')

/** 转发到业主群的卡片：标题写哪个小区哪栋楼的公告，路径带楼栋码与来源。撤回了的不给卡片。 */
function shareCardOf(n: NoticeView, code: string): ShareCard | null {
  if (n.status !== 'published') return null
  const place = n.place ? `${n.place.communityName} ${n.place.buildingName}` : ''
  return {
    title: `${place ? `${place} ` : ''}公告：${n.title}`,
    // 卡片用公开的旧路径（主包里的转发页）：拿着旧版本缓存的邻居点开也打得开，见 src/components/MovedPage.tsx。
    path: sharedPath('/pages/notice/index', { id: n.id, b: code }),
    image: { kind: n.summary ? '工作总结' : '公告', title: n.title, place, line: `${n.signedAs} · ${formatChinaTime(n.publishedAt, 'M月D日')}` },
  }
}

/** 一条公告：打开即记下已读（知晓率按扫码所在的楼算）。 */
export default function NoticePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [code] = useState(() => buildingCodeFromParams(params) ?? rememberedBuilding())
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [copied, setCopied] = useState(false)
  const fromShare = openedFromShare(params)
  const card = load.state === 'ready' && code ? shareCardOf(load.notice, code) : null
  useShareCard(card)

  // 主包：用 then 而不是 async（省一段 regenerator 状态机）。
  const refresh = useCallback(() => {
    if (!id || !code) return setLoad({ state: 'error', message: id ? '请先扫描楼栋二维码' : '缺少公告编号，请从公告列表打开', retryable: false })
    setLoad({ state: 'loading' })
    api.notices.read({ noticeId: id, buildingCode: code, ...(fromShare && { fromShare }) }).then(
      (notice) => setLoad({ state: 'ready', notice }),
      (e) => setLoad({ state: 'error', message: (e as Error).message, retryable: isRetryable(e) }),
    )
  }, [id, code, fromShare])

  useEffect(() => {
    refresh()
  }, [refresh])

  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') {
    return (
      <View style={pageTextScale()} className="page">
        <ErrorView
          title={load.retryable ? '出了点问题' : '无法查看这条公告'}
          message={load.message}
          onRetry={load.retryable ? refresh : undefined}
          action={{ text: '看本楼公告', onClick: () => Taro.redirectTo({ url: `/resident/notices/index${code ? `?b=${code}` : ''}` }) }}
        />
      </View>
    )
  }

  const n = load.notice
  // 临时地址没取到的图片是空串：占个位，不显示破图。
  const images = n.images.filter(Boolean)
  const preview = (current: string) => previewImage(images, current).catch(() => undefined)

  return (
    <View style={pageTextScale()} className="page notice-page">
      {n.status === 'withdrawn' ? (
        <View className="notice-banner notice-banner--withdrawn" id="notice-withdrawn">
          <Text>这条公告已被发布人撤回，正文不再显示</Text>
        </View>
      ) : (
        n.expired && (
          <View className="notice-banner notice-banner--expired" id="notice-expired">
            <Text>此公告已过期{n.expiresAt ? `（有效期至 ${lastDay(n.expiresAt)}）` : ''}</Text>
          </View>
        )
      )}
      <View className="card notice-main">
        <Text className="notice-main__title" id="notice-title" userSelect>
          {n.title}
        </Text>
        <View className="notice-main__meta">
          {n.pinned && n.status === 'published' && <Text className="notice-main__pin">置顶</Text>}
          <Text className="muted" id="notice-signed">
            {n.signedAs}
          </Text>
          <Text className="muted notice-main__time" id="notice-time">
            {formatChinaTime(n.publishedAt, LONG_TIME)}
          </Text>
        </View>
        {n.body && (
          <Text className="notice-main__body" id="notice-body" userSelect>
            {n.body}
          </Text>
        )}
        {n.images.length > 0 && (
          <View className="notice-images" id="notice-images">
            {n.images.map((url, i) =>
              url ? (
                <Image
                  {...tappableImage(`公告图片 ${i + 1}，点开看大图`)}
                  key={`${url}-${i}`}
                  id={`notice-image-${i}`}
                  className="notice-images__item"
                  src={url}
                  mode="widthFix"
                  lazyLoad
                  onClick={() => preview(url)}
                />
              ) : (
                <View key={`${url}-${i}`} className="notice-images__item notice-images__item--missing">
                  <Text className="muted">图片暂不可用</Text>
                </View>
              ),
            )}
          </View>
        )}
        {n.expiresAt && !n.expired && n.status === 'published' && <Text className="muted notice-main__expires">有效期至 {lastDay(n.expiresAt)}</Text>}
      </View>
      {n.summary && n.status === 'published' && <SummaryBody summary={n.summary} buildingCode={code} />}
      {card &&
        (isLocalMode ? (
          <Button
            className="notice-share"
            id="notice-share"
            onClick={() =>
              copyShareLink(card).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copied ? '链接已复制，可以粘贴到业主群' : '复制链接，发到业主群'}
          </Button>
        ) : (
          <Button className="notice-share" id="notice-share" openType="share">
            转发到业主群
          </Button>
        ))}
      {code && (
        <View {...asButton} className="notice-back" id="notice-all" onClick={() => Taro.redirectTo({ url: `/resident/notices/index?b=${code}` })}>
          <Text>看本楼全部公告 ›</Text>
        </View>
      )}
    </View>
  )
}
