// 对照页：一段文字、一个 NutUI Cell、一个 NutUI Button。首个有意义的内容是 #bare-title。
import { Text, View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'

export default function Index() {
  return (
    <View>
      <Text id='bare-title'>1号楼</Text>
      <Cell title='春晖苑' description='对照页' />
      <Button type='primary'>我要报事</Button>
    </View>
  )
}
