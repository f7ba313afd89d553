import { Text, View } from '@tarojs/components'
import { textLength } from '@/core/shared/textLength'
import './LengthHint.scss'

/**
 * 有字数上限的输入框下面的"已写 / 上限"，超出时直说超了几个字。
 * 输入框本身不再设 maxLength：设了的话粘贴进来的长文字会被悄悄截掉（52 字的标题发出去只剩 40 字）；
 * 现在字照样留在框里，这里提示删减，提交时同一份校验（schema 的 max）拒收。长短与校验用同一个数法（core 的 textLength）。
 */
/** 超出上限时提交要拒收的话（与 LengthHint 说的一致）；没超出为 null。 */
export function overLimit(label: string, value: string, max: number): string | null {
  const over = textLength(value) - max
  return over > 0 ? `${label}超出 ${over} 个字，最多 ${max} 个字，请删减后再提交` : null
}

export function LengthHint({ value, max, id }: { value: string; max: number; id?: string }) {
  const over = textLength(value) - max
  return (
    <View className="length-hint" id={id}>
      {over > 0 ? (
        <Text className="error-text length-hint__over">
          超出 {over} 个字，最多 {max} 个字，请删减后再提交
        </Text>
      ) : (
        <Text />
      )}
      <Text className={`length-hint__count ${over > 0 ? 'length-hint__count--over' : ''}`}>
        {textLength(value)}/{max}
      </Text>
    </View>
  )
}
