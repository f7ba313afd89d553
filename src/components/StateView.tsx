import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

/** 加载中、出错、空列表三种占位,页面里不再各写一遍。 */
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

export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state-view state-view--error">
      <Empty status="error" title="出了点问题" description={message} />
      <StateAction action={onRetry ? { text: '重试', onClick: onRetry } : undefined} />
    </View>
  )
}

export function EmptyView({ title, description, action }: { title: string; description?: string; action?: Action }) {
  return (
    <View className="state-view state-view--empty">
      <Empty title={title} description={description} />
      <StateAction action={action} primary />
    </View>
  )
}
