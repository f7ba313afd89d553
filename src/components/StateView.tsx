import { Empty, Loading } from '@nutui/nutui-react-taro'
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

export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Empty
      className="state-view state-view--error"
      status="error"
      title="出了点问题"
      description={message}
      actions={onRetry ? [{ text: '重试', onClick: onRetry }] : []}
    />
  )
}

export function EmptyView({ title, description, action }: { title: string; description?: string; action?: { text: string; onClick: () => void } }) {
  return (
    <Empty
      className="state-view state-view--empty"
      title={title}
      description={description}
      actions={action ? [{ text: action.text, type: 'primary', onClick: action.onClick }] : []}
    />
  )
}
