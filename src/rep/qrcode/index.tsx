import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BuildingQrView } from '@/core/usecases/buildings'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { BuildingLoadError, useBuildingLoad } from '../useBuildingLoad'
import './index.scss'

const fileName = (qr: BuildingQrView) => `${qr.communityName}${qr.buildingName}-扫码报事.png`

/** 小程序里：写成临时文件再存相册（需要在隐私协议里声明"相册（仅写入）"）。 */
async function saveToAlbum(qr: BuildingQrView) {
  const path = `${Taro.env.USER_DATA_PATH}/loushi-${qr.buildingCode}.png`
  try {
    Taro.getFileSystemManager().writeFileSync(path, qr.base64, 'base64')
    await Taro.saveImageToPhotosAlbum({ filePath: path })
    Taro.showToast({ title: '已保存到相册', icon: 'success' })
  } catch {
    Taro.showToast({ title: '没有保存：请允许访问相册后再试', icon: 'none' })
  }
}

/** 浏览器里：直接下载 PNG。 */
function download(qr: BuildingQrView) {
  const link = document.createElement('a')
  link.href = `data:${qr.contentType};base64,${qr.base64}`
  link.download = fileName(qr)
  link.click()
}

/** 代表打印楼栋二维码：贴在单元门口、电梯厅，居民扫码就进入这栋楼的报事页。 */
export default function BuildingQrPage() {
  const { code, load, refresh } = useBuildingLoad(api.buildingQr)
  if (load.state === 'loading') return <LoadingView text="正在生成二维码…" />
  if (load.state === 'error') return <BuildingLoadError code={code} load={load} refresh={refresh} title={['生成失败', '无法生成']} />

  const qr = load.data
  return (
    <View className="page qr-page">
      <View className="card qr-card" id="qr-card">
        <Text className="qr-card__title">
          {qr.communityName} · {qr.buildingName}
        </Text>
        <Text className="qr-card__subtitle">微信扫码 · 报事报修、投诉建议</Text>
        <Image className="qr-card__image" id="qr-image" src={`data:${qr.contentType};base64,${qr.base64}`} mode="aspectFit" showMenuByLongpress />
        <Text className="muted">楼栋码 {qr.buildingCode}</Text>
      </View>
      <Button className="qr-page__save" type="primary" block onClick={() => (process.env.TARO_ENV === 'weapp' ? saveToAlbum(qr) : download(qr))}>
        {process.env.TARO_ENV === 'weapp' ? '保存到相册' : '下载图片'}
      </Button>
      <View className="qr-tips">
        <Text className="card-title">张贴建议</Text>
        <Text className="muted">· 单元门口、电梯厅、信报箱旁各贴一张，A5 以上大小更好扫</Text>
        <Text className="muted">· 居民扫码后报的事会直接出现在本楼统计里，你会收到新报事提醒（已开启时）</Text>
        <Text className="muted">· 二维码长期有效，楼栋码不变就不用重新打印</Text>
      </View>
    </View>
  )
}
