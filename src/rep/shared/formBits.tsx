/** 管理页各表单共用的小件：字段下的一句错误、是/否两选一、数字输入的换算。 */
import { Text } from '@tarojs/components'
import { ChipGroup } from '@/components/ChipGroup'
import type { ParseResult } from '@/core/shared/schema'

/** 表单的第一条错误：字段名来自 parsePayload（与函数拒绝时同一句中文）；没有字段的是整张表的。 */
export type FormError = { field?: string; message: string } | null

export const errorOf = <T,>(result: ParseResult<T>): FormError => (result.ok ? null : { field: result.field, message: result.message })

/** 某个字段下的错误。`fields` 里列出的都不是时，`field="*"` 的那一行显示它（表单级）。 */
export function FieldError({ error, field, id, fields }: { error: FormError; field: string; id: string; fields?: string[] }) {
  if (!error) return null
  const here = field === '*' ? !error.field || !(fields ?? []).includes(error.field) : error.field === field
  if (!here) return null
  return (
    <Text className="error-text field-error" id={id}>
      {error.message}
    </Text>
  )
}

type YesNo = 'yes' | 'no'
const YES_NO = (yes: string, no: string) => [
  { value: 'yes' as const, label: yes },
  { value: 'no' as const, label: no },
]

/** 是/否：还没选时两项都不亮（表单会提示"请选择…"）。 */
export function YesNoChips({
  name,
  value,
  yes,
  no,
  onChange,
}: {
  name: string
  value: boolean | null
  yes: string
  no: string
  onChange: (v: boolean) => void
}) {
  const current: YesNo | null = value === null ? null : value ? 'yes' : 'no'
  return <ChipGroup name={name} options={YES_NO(yes, no)} value={current} onChange={(v) => onChange(v === 'yes')} />
}

/** 输入框里的数字：空着是"没填"（校验说"请填写…"），不是 0。 */
export const toCount = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()))
