import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Tone } from '@/services/volunteer'
import './vol.scss'

const GLYPHS: Partial<Record<Tone, string>> = { red: '⚠️', green: '✅', orange: '⏳', blue: 'ℹ️', grey: 'ℹ️', gold: '⭐', purple: '🔔' }

/** An inline message that stays until replaced. Test hooks: `#<id>`, `data-tone`, `data-code`. */
export function Notice({ id, tone = 'blue', children, code, glyph }: { id?: string; tone?: Tone; children?: ReactNode; code?: string; glyph?: string }) {
  return (
    <View id={id} className={`vol-notice tone-${tone}`} data-tone={tone} data-code={code ?? ''}>
      <Text className='vol-notice__glyph'>{glyph ?? GLYPHS[tone] ?? 'ℹ️'}</Text>
      <Text className='vol-notice__text'>{children}</Text>
    </View>
  )
}

export function ToneTag({ tone, children, className, id }: { tone: Tone; children?: ReactNode; className?: string; id?: string }) {
  return (
    <Text id={id} className={`vol-tag tone-${tone}${className ? ` ${className}` : ''}`}>
      {children}
    </Text>
  )
}

/** Segmented tabs. Test hooks: `#<idPrefix>-<key>`, `.vol-tab.is-active`. */
export function Tabs<K extends string>({
  tabs,
  value,
  onChange,
  idPrefix,
}: {
  tabs: readonly { key: K; label: string; count?: number | null }[]
  value: K
  onChange: (key: K) => void
  idPrefix: string
}) {
  return (
    <View className='vol-tabs'>
      {tabs.map((t) => (
        <View
          key={t.key}
          id={`${idPrefix}-${t.key}`}
          className={`vol-tab${t.key === value ? ' is-active' : ''}`}
          data-key={t.key}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
          {t.count ? <Text className='vol-tab__count'>{t.count}</Text> : null}
        </View>
      ))}
    </View>
  )
}

/** A thin progress bar (0–1). */
export function Bar({ ratio, full, gold, id }: { ratio: number; full?: boolean; gold?: boolean; id?: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, ratio)) * 1000) / 10
  return (
    <View id={id} className='vol-bar' data-ratio={String(pct)}>
      <View className={`vol-bar__fill${full ? ' is-full' : ''}${gold ? ' is-gold' : ''}`} style={{ width: `${pct}%` }} />
    </View>
  )
}
