import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { BuildingQrView } from '@/core/dashboard/views'
import type { CommunityAdminView } from '@/core/directory/views'
import { ChipGroup } from '@/components/ChipGroup'
import { EmptyView, ErrorView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { isRetryable } from '@/services/transport'
import { BuildingLoadError, useBuildingLoad } from '../shared/useBuildingLoad'
import { dataUrlOf, downloadPosterH5, drawPosterH5, drawPosterWeapp, queryCanvas, savePosterWeapp, saveQrOnlyWeapp } from './poster'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { altText } from '@/components/a11y'

const isWeapp = process.env.TARO_ENV === 'weapp'
const SAVE_LABEL = isWeapp ? '保存到相册' : '下载海报'

type Load<T> = { state: 'loading' } | { state: 'error'; message: string; retryable: boolean } | { state: 'ready'; data: T }
const failed = (e: unknown) => ({ state: 'error' as const, message: (e as Error).message, retryable: isRetryable(e) })

/** 画布刚渲染出来时节点可能还取不到：稍等再取一次。 */
async function findCanvas(): Promise<Taro.Canvas | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const node = await queryCanvas('#poster')
    if (node) return node
    await new Promise((r) => setTimeout(r, 120))
  }
  return null
}

type Drawing =
  | { state: 'idle' }
  | { state: 'drawing'; code: string }
  | { state: 'ready'; code: string; url: string | null }
  | { state: 'failed'; code: string; message: string }

/**
 * 一块画布（小程序）或一张画好的图（浏览器），依次画：连点几栋楼也不会画串。
 */
function usePoster() {
  const [drawing, setDrawing] = useState<Drawing>({ state: 'idle' })
  const canvas = useRef<Taro.Canvas | null>(null)
  const drawn = useRef<{ code: string; url: string | null } | null>(null)
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  const draw = useCallback((qr: BuildingQrView) => {
    const job = queue.current.then(async () => {
      // 小程序的画布随预览卸载、重建：节点换了就得重画。
      const node = isWeapp ? await findCanvas() : null
      if (drawn.current?.code === qr.buildingCode && (!isWeapp || node === canvas.current)) return drawn.current
      setDrawing({ state: 'drawing', code: qr.buildingCode })
      try {
        let url: string | null = null
        if (isWeapp) {
          canvas.current = node
          if (!node) throw new Error('当前微信版本不支持画海报')
          await drawPosterWeapp(node, qr)
        } else {
          url = await drawPosterH5(qr)
        }
        drawn.current = { code: qr.buildingCode, url }
        setDrawing({ state: 'ready', code: qr.buildingCode, url })
        return drawn.current
      } catch (e) {
        drawn.current = null
        setDrawing({ state: 'failed', code: qr.buildingCode, message: (e as Error).message || '海报生成失败' })
        return null
      }
    })
    queue.current = job.catch(() => undefined)
    return job
  }, [])

  /** 保存（小程序存相册）或下载（浏览器）：先确保画的是这栋楼。 */
  const save = useCallback(
    async (qr: BuildingQrView) => {
      const result = await draw(qr)
      if (isWeapp) {
        if (result && canvas.current) await savePosterWeapp(canvas.current)
        else await saveQrOnlyWeapp(qr)
      } else if (result?.url) {
        downloadPosterH5(result.url, qr.buildingName)
      } else {
        Taro.showToast({ title: '海报没有生成，无法下载', icon: 'none' })
      }
    },
    [draw],
  )

  return { drawing, draw, save }
}

/** 海报预览：小程序是画布本身，浏览器是画好的图片；画不出来时退回到只显示二维码。 */
function PosterPreview({ qr, drawing }: { qr: BuildingQrView; drawing: Drawing }) {
  const mine = drawing.state !== 'idle' && drawing.code === qr.buildingCode
  const fallback = mine && drawing.state === 'failed'
  return (
    <View className="card poster-card" id="poster-card">
      {isWeapp && <Canvas type="2d" id="poster" className={`poster-card__canvas ${fallback ? 'poster-card__canvas--hidden' : ''}`} />}
      {!isWeapp && mine && drawing.state === 'ready' && drawing.url && (
        <Image {...altText('楼栋二维码海报：扫码报事')} className="poster-card__image" id="poster-image" src={drawing.url} mode="widthFix" />
      )}
      {!isWeapp && !(mine && drawing.state === 'ready') && !fallback && (
        <View className="poster-card__placeholder">
          <Text className="muted">正在生成海报…</Text>
        </View>
      )}
      {fallback && (
        <View className="poster-card__fallback">
          <Image {...altText('楼栋二维码：扫码报事')} className="poster-card__qr" id="qr-image" src={dataUrlOf(qr)} mode="aspectFit" showMenuByLongpress />
          <Text className="muted">海报没有画出来（{drawing.message}）：可长按二维码保存，或点下面的按钮只保存二维码。</Text>
        </View>
      )}
    </View>
  )
}

const Tips = () => (
  <View className="qr-tips">
    <Text className="card-title">张贴建议</Text>
    <Text className="muted">· 单元门口、电梯厅、信报箱旁各贴一张，A5 以上大小更好扫</Text>
    <Text className="muted">· 居民扫码后报的事会直接出现在本楼统计里，你会收到新报事提醒（已开启时）</Text>
    <Text className="muted">· 二维码长期有效，楼栋码不变就不用重新打印</Text>
  </View>
)

/** 一栋楼的海报（?b=楼栋码）。 */
function BuildingPoster() {
  const { code, load, refresh } = useBuildingLoad((buildingCode) => api.account.buildingQr({ buildingCode }))
  const { drawing, draw, save } = usePoster()
  const qr = load.state === 'ready' ? load.data : null

  useEffect(() => {
    if (qr) Taro.nextTick(() => draw(qr))
  }, [qr, draw])

  if (load.state === 'loading') return <LoadingView text="正在生成二维码…" />
  if (load.state === 'error') return <BuildingLoadError code={code} load={load} refresh={refresh} title={['生成失败', '无法生成']} />
  const data = load.data
  const busy = drawing.state === 'drawing'
  return (
    <View style={pageTextScale()} className="page qr-page">
      <Text className="poster-title" id="poster-title">
        {data.communityName} · {data.buildingName}
      </Text>
      <PosterPreview qr={data} drawing={drawing} />
      <Button className="qr-page__save" id="poster-download" type="primary" block loading={busy} disabled={busy} onClick={() => save(data)}>
        {SAVE_LABEL}
      </Button>
      <Tips />
    </View>
  )
}

/** 管理员：一个小区的全部楼栋海报（?c=小区）。 */
function CommunityPosters({ communityId }: { communityId: string }) {
  const [overview, setOverview] = useState<Load<CommunityAdminView>>({ state: 'loading' })
  const [selected, setSelected] = useState<string | null>(null)
  const [qrs, setQrs] = useState<Record<string, Load<BuildingQrView>>>({})
  const { drawing, draw, save } = usePoster()
  const fetching = useRef(new Map<string, Promise<BuildingQrView>>())

  const loadOverview = useCallback(async () => {
    setOverview({ state: 'loading' })
    try {
      const data = await api.admin.overview({ communityId })
      setOverview({ state: 'ready', data })
      setSelected((s) => s ?? data.buildings[0]?.code ?? null)
    } catch (e) {
      setOverview(failed(e))
    }
  }, [communityId])

  useEffect(() => {
    loadOverview()
  }, [loadOverview])

  /** 某栋楼的二维码（每栋只取一次）。 */
  const qrOf = useCallback((code: string) => {
    let pending = fetching.current.get(code)
    if (!pending) {
      pending = api.account.buildingQr({ buildingCode: code })
      fetching.current.set(code, pending)
      setQrs((m) => ({ ...m, [code]: { state: 'loading' } }))
      pending.then(
        (data) => setQrs((m) => ({ ...m, [code]: { state: 'ready', data } })),
        (e) => {
          fetching.current.delete(code)
          setQrs((m) => ({ ...m, [code]: failed(e) }))
        },
      )
    }
    return pending
  }, [])

  useEffect(() => {
    if (selected) qrOf(selected).catch(() => undefined)
  }, [selected, qrOf])

  const current = selected ? qrs[selected] : undefined
  const currentQr = current?.state === 'ready' ? current.data : null
  useEffect(() => {
    if (currentQr) Taro.nextTick(() => draw(currentQr))
  }, [currentQr, draw])

  const saveOne = async (code: string) => {
    setSelected(code)
    try {
      await save(await qrOf(code))
    } catch (e) {
      Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  if (overview.state === 'loading') return <LoadingView />
  if (overview.state === 'error') {
    return (
      <View style={pageTextScale()} className="page">
        <ErrorView
          title={overview.retryable ? '加载失败' : '无法查看'}
          message={overview.message}
          onRetry={overview.retryable ? loadOverview : undefined}
          action={{ text: '回首页', onClick: () => Taro.reLaunch({ url: '/pages/building/index' }) }}
        />
      </View>
    )
  }
  const { community, buildings } = overview.data
  if (buildings.length === 0) {
    return (
      <View style={pageTextScale()} className="page">
        <EmptyView
          title="还没有楼栋"
          description="先在小区管理里添加楼栋，每栋楼都会有自己的报事二维码海报。"
          action={{ text: '去添加楼栋', onClick: () => Taro.redirectTo({ url: `/rep/admin/index?c=${community.id}` }) }}
        />
      </View>
    )
  }
  const busyCode = drawing.state === 'drawing' ? drawing.code : null
  return (
    <View style={pageTextScale()} className="page qr-page">
      <Text className="poster-title" id="poster-title">
        {community.name} · 全部楼栋海报
      </Text>
      <View className="card">
        <Text className="card-title">预览</Text>
        <ChipGroup name="poster-building" options={buildings.map((b) => ({ value: b.code, label: b.name }))} value={selected} onChange={setSelected} />
      </View>
      {current?.state === 'error' ? (
        <ErrorView
          title="二维码生成失败"
          message={current.message}
          onRetry={current.retryable && selected ? () => qrOf(selected).catch(() => undefined) : undefined}
        />
      ) : currentQr ? (
        <>
          <PosterPreview qr={currentQr} drawing={drawing} />
          <Button
            className="qr-page__save"
            id="poster-download"
            type="primary"
            block
            loading={!!busyCode}
            disabled={!!busyCode}
            onClick={() => save(currentQr)}
          >
            {SAVE_LABEL}：{currentQr.buildingName}
          </Button>
        </>
      ) : (
        <LoadingView text="正在生成二维码…" />
      )}
      <View className="card poster-list">
        <Text className="card-title">逐栋{isWeapp ? '保存' : '下载'}</Text>
        {buildings.map((b) => (
          <View className="poster-list__row" key={b.code} id={`poster-row-${b.code}`}>
            <View className="poster-list__text">
              <Text className="poster-list__name">{b.name}</Text>
              <Text className="muted">
                楼栋码 {b.code} · {b.households} 户
              </Text>
            </View>
            <Button
              size="small"
              type="primary"
              fill="outline"
              id={`poster-download-${b.code}`}
              loading={busyCode === b.code}
              disabled={!!busyCode}
              onClick={() => saveOne(b.code)}
            >
              {isWeapp ? '保存' : '下载'}
            </Button>
          </View>
        ))}
      </View>
      <Tips />
    </View>
  )
}

/** 楼栋海报：印出来贴在楼里，居民扫码就进入这栋楼的报事页。代表看自己的楼，管理员可看全小区。 */
export default function PosterPage() {
  const { params } = useRouter()
  const communityId = params.c ? decodeURIComponent(params.c) : null
  return communityId ? <CommunityPosters communityId={communityId} /> : <BuildingPoster />
}
