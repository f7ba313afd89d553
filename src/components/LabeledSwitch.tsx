import { Switch } from '@nutui/nutui-react-taro'
import type { SwitchProps } from '@nutui/nutui-react-taro'

/**
 * 带名字的开关：读屏念出"匿名提交 开关 关"。
 * NutUI 的 Switch 写的是小程序的属性名（aria-role、aria-checked）：小程序里正对，H5 里 aria-role 不是合法属性，
 * 没有 role 的元素上 aria-checked 也不允许（axe 的 critical）。H5 里换成 role="switch"，小程序里照旧并补上名字。
 */
export function LabeledSwitch({ label, ...props }: Partial<SwitchProps> & { label: string }) {
  const checked = Boolean(props.checked)
  const a11y =
    process.env.TARO_ENV === 'h5'
      ? {
          ariaRole: undefined,
          ariaChecked: undefined,
          ariaDisabled: undefined,
          role: 'switch',
          'aria-checked': checked ? 'true' : 'false',
          'aria-label': label,
        }
      : { ariaLabel: label }
  return <Switch {...props} {...(a11y as Partial<SwitchProps>)} />
}
