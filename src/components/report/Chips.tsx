import { Text, View } from '@tarojs/components'
import './report.scss'

export interface ChipOption<V extends string> {
  value: V
  label: string
  glyph?: string
}

/** One-of chips. Test hooks: `#<idPrefix>-<value>`, `.chip.is-active`. */
export function Chips<V extends string>({
  options,
  value,
  onChange,
  idPrefix,
  wrap = true,
}: {
  options: readonly ChipOption<V>[]
  value: V | null | undefined
  onChange: (value: V) => void
  idPrefix: string
  wrap?: boolean
}) {
  return (
    <View className={`chips${wrap ? '' : ' chips--row'}`}>
      {options.map((o) => (
        <View
          key={o.value}
          id={`${idPrefix}-${o.value}`}
          className={`chip${o.value === value ? ' is-active' : ''}`}
          data-value={o.value}
          onClick={() => onChange(o.value)}
        >
          {o.glyph ? <Text className='chip__glyph'>{o.glyph}</Text> : null}
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
