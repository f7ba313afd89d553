import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { MAX_PHOTOS } from '@/core/shared/catalog'
import { asButton, tappableImage } from '@/components/a11y'
import { previewImage } from '@/services/previewImage'

/** 表单上的一张照片：上传中、已上传（有 fileID）、上传失败（网络问题，可重试）、不收（太大、不是图片：写原因，只能删）。 */
export interface PhotoItem {
  key: string
  path: string
  status: 'uploading' | 'done' | 'failed' | 'refused'
  fileId?: string
  reason?: string
}

interface Props {
  photos: PhotoItem[]
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}

/** 照片九宫格：缩略图、删除、上传状态、失败重试，最后一格是"添加"。 */
export function PhotoPicker({ photos, onAdd, onRemove, onRetry }: Props) {
  // 恢复的草稿里，本机临时路径可能已经失效：显示"已上传"占位而不是破图。
  const [broken, setBroken] = useState<Record<string, boolean>>({})
  const preview = (current: string) => {
    const urls = photos.filter((p) => !broken[p.key]).map((p) => p.path)
    if (urls.includes(current)) previewImage(urls, current).catch(() => undefined)
  }
  return (
    <View className="photos" id="photos">
      {photos.map((p, i) => (
        <View key={p.key} className={`photo photo--${p.status}`} id={`photo-${i}`}>
          {broken[p.key] ? (
            <View className="photo__placeholder">
              <Text>照片 {i + 1}</Text>
            </View>
          ) : (
            <Image
              {...tappableImage(`照片 ${i + 1}，点开看大图`)}
              className="photo__img"
              src={p.path}
              mode="aspectFill"
              onClick={() => preview(p.path)}
              onError={() => setBroken((b) => ({ ...b, [p.key]: true }))}
            />
          )}
          {p.status === 'uploading' && (
            <View className="photo__mask">
              <Text>上传中…</Text>
            </View>
          )}
          {p.status === 'failed' && (
            <View {...asButton} className="photo__mask photo__mask--failed" id={`photo-retry-${i}`} onClick={() => onRetry(p.key)}>
              <Text>上传失败</Text>
              <Text className="photo__retry">点此重试</Text>
            </View>
          )}
          {p.status === 'refused' && (
            <View className="photo__mask photo__mask--failed" id={`photo-refused-${i}`}>
              <Text className="photo__reason">{p.reason ?? '这张照片收不了'}</Text>
            </View>
          )}
          {p.status === 'done' && broken[p.key] && <Text className="photo__badge">已上传</Text>}
          <View {...asButton} className="photo__remove" id={`photo-remove-${i}`} onClick={() => onRemove(p.key)}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < MAX_PHOTOS && (
        <View {...asButton} className="photo photo--add" id="photo-add" onClick={onAdd}>
          <Text className="photo__plus">+</Text>
          <Text className="muted">
            {photos.length}/{MAX_PHOTOS}
          </Text>
        </View>
      )}
    </View>
  )
}
