import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { callAction } from '@/services/cloud'
import type { ReplyKind } from '@/services/report'

interface Template {
  id: string
  title: string
  text: string
}

/**
 * 答复模板 for one step: one tap fills the note (the server fills what it knows, the form the rest).
 * Test hooks: `.reply-template` with `data-id`.
 */
export function ReplyTemplates({
  reportId,
  kind,
  onPick,
  filter,
}: {
  reportId: string
  kind: ReplyKind
  onPick: (text: string, id: string) => void
  /** Keep only some (e.g. the chosen rejection reason's). */
  filter?: (t: Template) => boolean
}) {
  const [items, setItems] = useState<Template[] | null>(null)
  useEffect(() => {
    let alive = true
    setItems(null)
    callAction('report', 'replyTemplates', { id: reportId, kind }).then((res) => {
      if (alive) setItems(res.ok ? res.data.items : [])
    })
    return () => {
      alive = false
    }
  }, [reportId, kind])
  const shown = (items ?? []).filter((t) => !filter || filter(t))
  if (!items) return <Text className='staff-section-note'>正在加载答复模板…</Text>
  if (shown.length === 0) return null
  return (
    <View className='reply-templates'>
      {shown.map((t) => (
        <Text key={t.id} className='reply-template' data-id={t.id} onClick={() => onPick(t.text, t.id)}>
          ✎ {t.title}
        </Text>
      ))}
    </View>
  )
}
