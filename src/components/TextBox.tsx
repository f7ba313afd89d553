import { View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import { LengthHint } from './LengthHint'
import './TextBox.scss'

export interface TextBoxProps {
  /** 放在外层：测试与"跳到出错的格"用它；里面的 textarea 用 `#id textarea` 找。 */
  id?: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** 字数上限（取自 src/core 的 schema 常量）；给了就在框下显示"已写/上限"，超出时直说超了几个字。 */
  max?: number
  /** 字数提示的 id，默认 `${id}-length`。 */
  lengthId?: string
  /** 加在 NutUI 文本框外层上，页面用它定底色、圆角和最小高度。 */
  className?: string
  onBlur?: () => void
}

/**
 * 所有多行输入共用的文本框。
 * - 随字数长高，外层一起长：NutUI 给外层定了 40px 高，H5 里里面的 textarea 长高、外层不动，九十来个字后文字压到下面的卡片上、挡住点按；
 * - 不设上限截断（NutUI 默认 140 字就截）：字照样留在框里，LengthHint 提示删减，提交时同一份 schema 拒收。
 */
export function TextBox({ id, value, onChange, placeholder, max, lengthId, className, onBlur }: TextBoxProps) {
  return (
    <View className="text-box" id={id}>
      <TextArea className={className} placeholder={placeholder} value={value} maxLength={-1} autoSize onChange={onChange} onBlur={onBlur} />
      {max !== undefined && <LengthHint value={value} max={max} id={lengthId ?? (id ? `${id}-length` : undefined)} />}
    </View>
  )
}
