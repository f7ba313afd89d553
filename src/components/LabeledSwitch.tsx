import { Switch } from '@nutui/nutui-react-taro'
import type { SwitchProps } from '@nutui/nutui-react-taro'
import { activatesOnKey } from './a11y'

/**
 * 带名字的开关：读屏念出"匿名提交 开关 关"。
 * NutUI 的 Switch 写的是小程序的属性名（aria-role、aria-checked）：小程序里正对，H5 里 aria-role 不是合法属性，
 * 没有 role 的元素上 aria-checked 也不允许（axe 的 critical）。H5 里换成 role="switch"，小程序里照旧并补上名字。
 * H5 里键盘停在开关上按 Enter 或空格就切换（同 a11y 的 asButton）：NutUI 的开关能停焦点，却只认点击。
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
          ...activatesOnKey,
        }
      : { ariaLabel: label }
  return <Switch {...props} {...(a11y as Partial<SwitchProps>)} />
}
