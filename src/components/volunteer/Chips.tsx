import { Text, View } from '@tarojs/components'
import './vol.scss'

export interface ChipOption<V extends string> {
  value: V
  label: string
  glyph?: string
  disabled?: boolean
}

/** One-of chips. Test hooks: `#<idPrefix>-<value>`, `.vol-chip.is-active`, `data-value`. */
export function ChoiceChips<V extends string>({
  options,
  value,
  onChange,
  idPrefix,
  row,
  allowClear,
}: {
  options: readonly ChipOption<V>[]
  value: V | null | undefined
  onChange: (value: V | null) => void
  idPrefix: string
  /** One scrolling line instead of wrapping. */
  row?: boolean
  /** Tapping the chosen chip again clears the choice. */
  allowClear?: boolean
}) {
  return (
    <View className={`vol-chips${row ? ' vol-chips--row' : ''}`}>
      {options.map((o) => (
        <View
          key={o.value}
          id={`${idPrefix}-${o.value}`}
          className={`vol-chip${o.value === value ? ' is-active' : ''}${o.disabled ? ' is-disabled' : ''}`}
          data-value={o.value}
          onClick={() => {
            if (o.disabled) return
            onChange(allowClear && o.value === value ? null : o.value)
          }}
        >
          {o.glyph ? <Text className='vol-chip__glyph'>{o.glyph}</Text> : null}
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Many-of chips. Test hooks: `#<idPrefix>-<value>`, `.vol-chip.is-active`, `data-value`. */
export function MultiChips<V extends string>({
  options,
  value,
  onChange,
  idPrefix,
  max,
}: {
  options: readonly ChipOption<V>[]
  value: readonly V[]
  onChange: (value: V[]) => void
  idPrefix: string
  max?: number
}) {
  const toggle = (v: V) => {
    if (value.includes(v)) onChange(value.filter((x) => x !== v))
    else if (!max || value.length < max) onChange([...value, v])
  }
  return (
    <View className='vol-chips'>
      {options.map((o) => (
        <View
          key={o.value}
          id={`${idPrefix}-${o.value}`}
          className={`vol-chip${value.includes(o.value) ? ' is-active' : ''}`}
          data-value={o.value}
          onClick={() => toggle(o.value)}
        >
          {o.glyph ? <Text className='vol-chip__glyph'>{o.glyph}</Text> : null}
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
