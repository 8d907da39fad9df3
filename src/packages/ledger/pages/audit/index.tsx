import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import type { AuditEntry } from '@/domain/audit/entry'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { pressable } from '@/components/keyboard'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field } from '@/components/volunteer/Field'
import { ToneTag } from '@/components/volunteer/Notice'
import { ROLE_LABELS, callAction, useAction, usePaged, type InputOf } from '@/services'
import { STATUS_LABELS as REPORT_STATUS_LABELS } from '@/services/report'
import { RolesOnly } from '../../guard'
import { dayEndIso, dayStartIso, formatTime } from '../../constants'
import { diffLines } from './diff'
import '../../ledger.scss'

type Search = InputOf<'audit', 'search'>

const OUTCOMES = [
  { value: 'ok', label: '成功' },
  { value: 'refused', label: '被拒绝' },
] as const

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 1))

/** Field names handlers put in before/after, in words (others show as they are). */
const KEY_LABELS: Record<string, string> = { status: '状态', version: '版本', unit: '责任单位', deadline: '整改时限', active: '启用', name: '名称' }
/** A report's status in words; the code stays in the title. */
const valueLabel = (type: string, key: string, v: string) =>
  type === 'report' && key === 'status' && v in REPORT_STATUS_LABELS ? REPORT_STATUS_LABELS[v as keyof typeof REPORT_STATUS_LABELS] : v

/** One entry's changes as key: before → after, then the input it was called with. */
function EntryDetail({ e }: { e: AuditEntry }) {
  return (
    <View className='audit-detail' id={`audit-detail-${e.id}`}>
      {e.error ? (
        <Text className='audit-detail__error'>
          拒绝原因：{e.error.message}（{e.error.code}）
        </Text>
      ) : null}
      {e.changes.length === 0 ? <Text className='ledger-muted'>未记录前后变化</Text> : null}
      {e.changes.map((c, i) => (
        <View key={i} className='audit-change' data-target={c.targetId ?? ''} data-type={c.targetType}>
          <Text className='audit-change__head'>
            {c.targetType}
            {c.targetId ? ` · ${c.targetId}` : ''}
            {c.summary ? ` · ${c.summary}` : ''}
          </Text>
          {diffLines(c.before, c.after).map((d) => (
            <View key={d.key} className='audit-diff' data-key={d.key} data-before={d.before} data-after={d.after}>
              <Text className='audit-diff__key'>{KEY_LABELS[d.key] ?? (d.key || '值')}</Text>
              <Text className='audit-diff__before'>{valueLabel(c.targetType, d.key, d.before)}</Text>
              <Text className='audit-diff__arrow'>→</Text>
              <Text className='audit-diff__after'>{valueLabel(c.targetType, d.key, d.after)}</Text>
            </View>
          ))}
        </View>
      ))}
      <Text className='audit-detail__label'>调用参数</Text>
      <Text className='audit-detail__input'>{json(e.input)}</Text>
      <Text className='ledger-muted'>请求编号 {e.requestId}</Text>
    </View>
  )
}

function EntryRow({ e, open, onToggle }: { e: AuditEntry; open: boolean; onToggle: () => void }) {
  const who = e.actor.nickname || e.actor.openid
  const roles = e.actor.roles.filter((r) => r !== 'resident').map((r) => ROLE_LABELS[r]).join('、')
  return (
    <View className={`audit-row${open ? ' is-open' : ''}`} data-id={e.id} data-action={e.action} data-actor={e.actor.openid} data-outcome={e.outcome} data-target={e.targetId ?? ''}>
      <View className='audit-row__main desk-row' onClick={onToggle} {...pressable(onToggle)} aria-expanded={open}>
        <Text className='audit-col audit-col--time'>{formatTime(e.at)}</Text>
        <View className='audit-col audit-col--who'>
          <Text className='audit-who'>{who}</Text>
          <Text className='ledger-muted'>{roles || '—'}</Text>
        </View>
        <View className='audit-col audit-col--what'>
          <Text className='audit-label'>{e.actionLabel}</Text>
          <Text className='ledger-muted'>{e.action}</Text>
        </View>
        <Text className='audit-col audit-col--target'>{e.targetId ?? '—'}</Text>
        <View className='audit-col audit-col--outcome'>
          <ToneTag tone={e.outcome === 'ok' ? 'green' : 'red'}>{e.outcome === 'ok' ? '成功' : '被拒绝'}</ToneTag>
        </View>
      </View>
      {open ? <EntryDetail e={e} /> : null}
    </View>
  )
}

function AuditLog() {
  const catalog = useAction('audit', 'catalog', {})
  const fns = [...new Set((catalog.data?.items ?? []).map((i) => i.fn))]
  const [draft, setDraft] = useState({ actor: '', targetId: '', fn: null as string | null, action: null as string | null, outcome: null as 'ok' | 'refused' | null, from: '', to: '' })
  const [query, setQuery] = useState<Omit<Search, 'cursor' | 'limit'>>({})
  const [open, setOpen] = useState<string | null>(null)
  const list = usePaged<AuditEntry>((cursor) => callAction('audit', 'search', { ...query, ...(cursor ? { cursor } : {}), limit: 30 }), [JSON.stringify(query)])
  const actions = (catalog.data?.items ?? []).filter((i) => i.fn === draft.fn)

  const apply = () => {
    const q: Omit<Search, 'cursor' | 'limit'> = {}
    if (draft.actor.trim()) q.actor = draft.actor.trim()
    if (draft.targetId.trim()) q.targetId = draft.targetId.trim()
    if (draft.fn) q.fn = draft.fn
    if (draft.fn && draft.action) q.action = draft.action
    if (draft.outcome) q.outcome = draft.outcome
    if (draft.from) q.from = dayStartIso(draft.from)
    if (draft.to) q.to = dayEndIso(draft.to)
    setOpen(null)
    setQuery(q)
  }

  return (
    <View className='desk-wide'>
      <View className='card audit-filters' id='audit-filters'>
        <View className='audit-filters__grid'>
          <Field label='操作人（OPENID）'>
            <Input id='audit-actor' className='ledger-input' value={draft.actor} placeholder='如 demo-staff' onInput={(e) => setDraft({ ...draft, actor: e.detail.value })} onConfirm={apply} />
          </Field>
          <Field label='对象编号'>
            <Input id='audit-target' className='ledger-input' value={draft.targetId} placeholder='如 随手拍编号' onInput={(e) => setDraft({ ...draft, targetId: e.detail.value })} onConfirm={apply} />
          </Field>
          <Field label='功能'>
            <Picker mode='selector' range={['全部', ...fns]} onChange={(e) => setDraft({ ...draft, fn: Number(e.detail.value) ? fns[Number(e.detail.value) - 1] : null, action: null })}>
              <View id='audit-fn' className='ledger-picker' data-value={draft.fn ?? ''}>
                <Text>{draft.fn ?? '全部'}</Text>
              </View>
            </Picker>
          </Field>
          <Field label='操作'>
            <Picker mode='selector' range={['全部', ...actions.map((a) => a.label)]} disabled={!draft.fn} onChange={(e) => setDraft({ ...draft, action: Number(e.detail.value) ? actions[Number(e.detail.value) - 1].action : null })}>
              <View id='audit-action' className='ledger-picker' data-value={draft.action ?? ''}>
                <Text>{draft.action ? (actions.find((a) => a.action === draft.action)?.label ?? draft.action) : draft.fn ? '全部' : '先选择功能'}</Text>
              </View>
            </Picker>
          </Field>
          <Field label='起始日期'>
            <Picker mode='date' value={draft.from} onChange={(e) => setDraft({ ...draft, from: String(e.detail.value) })}>
              <View id='audit-from' className='ledger-picker'>
                <Text>{draft.from || '不限'}</Text>
              </View>
            </Picker>
          </Field>
          <Field label='截止日期'>
            <Picker mode='date' value={draft.to} onChange={(e) => setDraft({ ...draft, to: String(e.detail.value) })}>
              <View id='audit-to' className='ledger-picker'>
                <Text>{draft.to || '不限'}</Text>
              </View>
            </Picker>
          </Field>
        </View>
        <Field label='结果'>
          <ChoiceChips idPrefix='audit-outcome' options={OUTCOMES} value={draft.outcome} allowClear onChange={(v) => setDraft({ ...draft, outcome: v })} />
        </Field>
        <Button id='audit-search' type='primary' size='small' onClick={apply}>
          查询
        </Button>
      </View>

      <View id='audit-list' className='audit-list card'>
        <View className='audit-row__main audit-row--head'>
          <Text className='audit-col audit-col--time'>时间</Text>
          <Text className='audit-col audit-col--who'>操作人</Text>
          <Text className='audit-col audit-col--what'>操作</Text>
          <Text className='audit-col audit-col--target'>对象</Text>
          <Text className='audit-col audit-col--outcome'>结果</Text>
        </View>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🗒️' title='没有符合条件的操作记录' description='调整筛选条件后再查询' />
        ) : (
          list.items.map((e) => <EntryRow key={e.id} e={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />)
        )}
        {list.moreError ? <ErrorState compact error={list.moreError} onRetry={list.loadMore} /> : null}
        {list.hasMore && !list.loading ? (
          <View id='audit-more' className='ledger-more' onClick={list.loadMore} {...pressable(list.loadMore)}>
            <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 操作日志 (admin). Test hooks: #page-ledger-audit, #audit-actor, #audit-target, #audit-search, #audit-list .audit-row[data-id][data-action][data-actor][data-outcome] (Enter or click on .audit-row__main expands), #audit-detail-<id> .audit-diff[data-key][data-before][data-after], #audit-more. */
export default function AuditLogPage() {
  return (
    <PageShell desk id='page-ledger-audit'>
      <RolesOnly roles={['admin']} what='操作日志仅向管理员开放。'>
        <AuditLog />
      </RolesOnly>
    </PageShell>
  )
}
