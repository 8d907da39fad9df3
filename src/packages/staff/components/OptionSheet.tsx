import { Text, View } from '@tarojs/components'
import { Sheet } from '@/components/report'

export interface Option {
  value: string
  label: string
  sub?: string
}

/** Pick one of a list (filters, units). Test hooks: `#<id>`, `.option` with `data-value`. */
export function OptionSheet({
  id,
  title,
  visible,
  options,
  value,
  onPick,
  onClose,
  header,
}: {
  id: string
  title: string
  visible: boolean
  options: Option[]
  value: string
  onPick: (value: string) => void
  onClose: () => void
  header?: React.ReactNode
}) {
  return (
    <Sheet visible={visible} title={title} onClose={onClose} id={id}>
      {header}
      <View className='option-list'>
        {options.map((o) => (
          <View
            key={o.value || '_all'}
            className={`option${o.value === value ? ' is-active' : ''}`}
            data-value={o.value}
            onClick={() => {
              onPick(o.value)
              onClose()
            }}
          >
            <View>
              <Text>{o.label}</Text>
              {o.sub ? <Text className='option__sub'>{o.sub}</Text> : null}
            </View>
            {o.value === value ? <Text className='option__check'>✓</Text> : null}
          </View>
        ))}
      </View>
    </Sheet>
  )
}
