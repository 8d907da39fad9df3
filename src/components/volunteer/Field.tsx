import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import './vol.scss'

/** A labelled block of a form. Test hooks: `#<id>`, its error `.vol-field__error`. */
export function Field({
  label,
  required,
  hint,
  error,
  extra,
  children,
  id,
}: {
  label: string
  required?: boolean
  hint?: ReactNode
  error?: string | null
  extra?: ReactNode
  children?: ReactNode
  id?: string
}) {
  return (
    <View id={id} className='vol-field'>
      <View className='vol-field__head'>
        <Text className='vol-field__label'>
          {label}
          {required ? <Text className='vol-field__required'> *</Text> : null}
        </Text>
        {extra ? <View>{extra}</View> : null}
      </View>
      {children}
      {error ? <Text className='vol-field__error'>{error}</Text> : null}
      {hint ? <Text className='vol-field__hint'>{hint}</Text> : null}
    </View>
  )
}

/** A one-line text input (Taro's Input: a native input in WeChat, `<input>` inside `#<id>` in H5). */
export function TextInput({
  id,
  value,
  onChange,
  placeholder,
  type = 'text',
  maxlength,
  invalid,
  onBlur,
  onFocus,
  disabled,
}: {
  id: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  invalid?: boolean
  onBlur?: () => void
  onFocus?: () => void
  disabled?: boolean
}) {
  return (
    <Input
      id={id}
      className={`vol-input${invalid ? ' is-invalid' : ''}`}
      value={value}
      type={type}
      placeholder={placeholder}
      placeholderStyle='color:#b8aea4'
      maxlength={maxlength ?? 140}
      disabled={disabled}
      onInput={(e) => onChange(e.detail.value)}
      onBlur={onBlur}
      onFocus={onFocus}
    />
  )
}

export function TextArea({
  id,
  value,
  onChange,
  placeholder,
  maxlength,
}: {
  id: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxlength?: number
}) {
  return (
    <Textarea
      id={id}
      className='vol-textarea'
      value={value}
      placeholder={placeholder}
      placeholderStyle='color:#b8aea4'
      maxlength={maxlength ?? 500}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

/** A checkbox with its label. Test hooks: `#<id>`, `data-checked`. */
export function CheckBox({ id, checked, onChange, children }: { id: string; checked: boolean; onChange: (v: boolean) => void; children?: ReactNode }) {
  return (
    <View id={id} className={`vol-check${checked ? ' is-checked' : ''}`} data-checked={checked ? 'true' : 'false'} onClick={() => onChange(!checked)}>
      <View className='vol-check__box'>{checked ? <Text>✓</Text> : null}</View>
      <View className='vol-check__label'>{children}</View>
    </View>
  )
}
