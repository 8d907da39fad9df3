import { Input, Text, Textarea, View } from '@tarojs/components'
import './report.scss'

export interface TextBoxProps {
  value: string
  onChange: (value: string) => void
  max: number
  /** Shown under the box when the text is shorter (after trimming). */
  min?: number
  placeholder?: string
  /** One line (Input) instead of a Textarea. */
  single?: boolean
  id?: string
  /** Taller box. */
  tall?: boolean
  disabled?: boolean
}

/** A text box with a length counter. Test hooks: `#<id> textarea` / `#<id> input`, `#<id>-count`. */
export function TextBox({ value, onChange, max, min, placeholder, single, id, tall, disabled }: TextBoxProps) {
  const length = value.trim().length
  const short = min !== undefined && length > 0 && length < min
  return (
    <View className={`text-box${tall ? ' text-box--tall' : ''}${short ? ' is-short' : ''}`}>
      {single ? (
        <Input
          id={id}
          className='text-box__input'
          value={value}
          maxlength={max}
          placeholder={placeholder}
          placeholderClass='text-box__placeholder'
          disabled={disabled}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Textarea
          id={id}
          className='text-box__area'
          value={value}
          maxlength={max}
          placeholder={placeholder}
          placeholderClass='text-box__placeholder'
          disabled={disabled}
          autoHeight={false}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      <View className='text-box__foot'>
        {short ? <Text className='text-box__hint'>至少 {min} 个字</Text> : <Text />}
        <Text id={id ? `${id}-count` : undefined} className='text-box__count'>
          {value.length}/{max}
        </Text>
      </View>
    </View>
  )
}
