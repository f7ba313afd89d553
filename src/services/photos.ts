/**
 * 占位（PLACEHOLDER，resident-ui 分支）：真正的实现由另一位同事写，合并时以他的为准。
 * 这里只保证两个签名可以编译、大体可用：
 * - choosePhotos(remaining)：Taro.chooseMedia 选图（压缩），返回临时路径；
 * - uploadPhoto(tempPath)：上传一张，返回 fileID（微信走云存储，H5 POST 到本地宿主 /api/local/upload）。
 */
import Taro from '@tarojs/taro'

export async function choosePhotos(remaining: number): Promise<string[]> {
  if (remaining <= 0) return []
  const res = await Taro.chooseMedia({ count: Math.min(remaining, 9), mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return res.tempFiles.map((f) => f.tempFilePath)
}

export async function uploadPhoto(tempPath: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const ext = /\.(\w+)$/.exec(tempPath)?.[1] ?? 'jpg'
    const res = await Taro.cloud.uploadFile({ cloudPath: `reports/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`, filePath: tempPath })
    return res.fileID
  }
  const blob = await (await fetch(tempPath)).blob()
  const res = await fetch(`${process.env.TARO_APP_API_BASE ?? ''}/api/local/upload`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
    body: blob,
  })
  if (!res.ok) throw new Error('照片上传失败')
  const data = (await res.json()) as { fileId?: string; data?: { fileId?: string } }
  const fileId = data.fileId ?? data.data?.fileId
  if (!fileId) throw new Error('照片上传失败')
  return fileId
}
