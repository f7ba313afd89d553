import { Text, View } from '@tarojs/components'
import { asButton } from '@/components/a11y'

export interface ChipOption<V extends string> {
  value: V
  label: string
}

interface Props<V extends string> {
  /** 用于测试与无障碍的分组名。 */
  name: string
  options: readonly ChipOption<V>[]
  value: V | null
  onChange: (value: V) => void
}

/** 单选标签组：比下拉选择器少一次点击，居民一眼能看到全部选项。 */
export function ChipGroup<V extends string>({ name, options, value, onChange }: Props<V>) {
  return (
    <View className={`chips chips--${name}`}>
      {options.map((o) => (
        <View
          {...asButton}
          key={o.value}
          id={`${name}-${o.value}`}
          className={`chip ${o.value === value ? 'chip--active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
