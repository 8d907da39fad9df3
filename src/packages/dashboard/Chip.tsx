import { Text } from '@tarojs/components'
import { pressable } from '@/components/keyboard'

/** One choice chip in a dashboard hero, reachable with Tab and chosen with Enter on a desk. */
export function Chip({ on, label, pick, data }: { on: boolean; label: string; pick: () => void; data: Record<string, string> }) {
  return (
    <Text className={`dash-chip desk-row ${on ? 'is-on' : ''}`} aria-pressed={on} onClick={pick} {...pressable(pick)} {...data}>
      {label}
    </Text>
  )
}
