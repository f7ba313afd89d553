import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

/** 加载中、出错、空列表三种占位，页面里不再各写一遍。 */
export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state-view state-view--loading">
      <Loading type="spinner" />
      <Text className="muted">{text}</Text>
    </View>
  )
}

interface Action {
  text: string
  onClick: () => void
}

function StateAction({ action, primary }: { action?: Action; primary?: boolean }) {
  if (!action) return null
  return (
    <View className="state-view__action">
      <Button className="state-view__button" type={primary ? 'primary' : 'default'} onClick={action.onClick}>
        {action.text}
      </Button>
    </View>
  )
}

/** 图标不用 NutUI 默认的外链图片：内网与离线时它显示为破图。 */
const icon = (glyph: string) => <View className="state-view__icon">{glyph}</View>

/**
 * 出错：网络或服务问题给"重试"；没有权限、找不到之类重试也没用的，给"回楼栋首页"之类的出路。
 */
export function ErrorView({ message, title = '出了点问题', onRetry, action }: { message: string; title?: string; onRetry?: () => void; action?: Action }) {
  return (
    <View className="state-view state-view--error">
      <Empty image={icon('!')} title={title} description={message} />
      <StateAction action={onRetry ? { text: '重试', onClick: onRetry } : action} primary={!onRetry} />
    </View>
  )
}

export function EmptyView({ title, description, action }: { title: string; description?: string; action?: Action }) {
  return (
    <View className="state-view state-view--empty">
      <Empty image={icon('空')} title={title} description={description} />
      <StateAction action={action} primary />
    </View>
  )
}
