import { useState } from 'react'
import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell, Section } from '@/components'
import { Button } from '@/components/nut'
import { Sheet } from '@/components/Sheet'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { useShownAgain } from '@/services/hooks'
import { useAction } from '@/services/useAction'
import { openPage } from '@/services/ui'
import { useBusy } from '@/services/volunteerHooks'
import {
  ITEM_KIND_LABELS,
  ROUTES_ASSESS,
  SCHEME_KIND_LABELS,
  SCHEME_STATUS_LABELS,
  formatDateTime,
  formatDay,
  formatScore,
  SCORE_STEP,
  type SchemeDetail,
} from '@/services/assess'
import { RoleGate } from '../../guard'
import '../../assess.scss'

function Ranking({ detail }: { detail: SchemeDetail }) {
  const groups = detail.ranking[0]?.groups.map((g) => g.group) ?? []
  return (
    <View className='as-card as-table' id='scheme-ranking'>
      <View className='as-table__row as-table__head'>
        <Text className='as-table__rank'>名次</Text>
        <Text className='as-table__unit'>单位</Text>
        {groups.map((g) => (
          <Text key={g} className='as-table__num'>
            {g}
          </Text>
        ))}
        <Text className='as-table__num'>待审核</Text>
        <Text className='as-table__total'>总分</Text>
      </View>
      {detail.ranking.map((r) => (
        <View
          key={r.unit.id}
          className='as-table__row ranking-row'
          data-unit={r.unit.id}
          data-rank={r.rank}
          data-total={r.total}
          onClick={() => openPage(ROUTES_ASSESS.card(detail.scheme.id, r.unit.id))}
        >
          <Text className='as-table__rank'>{r.rank}</Text>
          <Text className='as-table__unit as-link'>{r.unit.shortName || r.unit.name}</Text>
          {r.groups.map((g) => (
            <Text key={g.group} className='as-table__num'>
              {formatScore(g.score)}
            </Text>
          ))}
          <Text className='as-table__num'>{r.pending || ''}</Text>
          <Text className='as-table__total'>{formatScore(r.total)}</Text>
        </View>
      ))}
    </View>
  )
}

function Queue({ schemeId }: { schemeId: string }) {
  const queue = useAction('assess', 'reviewQueue', { schemeId }, [schemeId])
  useShownAgain(queue.reload)
  if (queue.loading && !queue.data) return <Loading />
  if (queue.error) return <ErrorState error={queue.error} onRetry={queue.reload} />
  const rows = queue.data?.items ?? []
  if (!rows.length) return <Text className='as-muted'>没有待审核的材料。</Text>
  return (
    <View id='review-queue'>
      {rows.map((r) => (
        <View key={r.unit.id} className='as-card queue-row' data-unit={r.unit.id} onClick={() => openPage(ROUTES_ASSESS.card(schemeId, r.unit.id))}>
          <View className='as-row'>
            <Text className='as-name'>{r.unit.name}</Text>
            <View className='as-spacer' />
            <ToneTag tone='orange'>{r.pending} 项待审核</ToneTag>
          </View>
          {r.items.map((i) => (
            <Text key={i.itemId} className='as-body'>
              · {i.title}
              {i.round > 1 ? `（第${i.round}次提交）` : ''} — {formatDateTime(i.submittedAt)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

type SchemeView = SchemeDetail['scheme']
type ItemView = SchemeView['items'][number]

/** The save payload of a draft with `items` in place of its own. */
function draftPayload(scheme: SchemeView, items: readonly ItemView[]) {
  return {
    id: scheme.id,
    version: scheme.version,
    title: scheme.title,
    kind: scheme.kind,
    period: scheme.period,
    scope: scheme.scope,
    teams: scheme.teams,
    items: items.map((i) => ({ id: i.id, group: i.group, title: i.title, guide: i.guide, points: i.points, kind: i.kind, rule: i.rule })),
  }
}

/** Edits one item of a draft (name, points, standard) or removes it. */
function ItemSheet({ scheme, item, onClose, onSaved }: { scheme: SchemeView; item: ItemView; onClose: () => void; onSaved: () => void }) {
  const [title, setTitle] = useState(item.title)
  const [points, setPoints] = useState(String(item.points))
  const [guide, setGuide] = useState(item.guide)
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const save = (items: ItemView[]) =>
    run(async () => {
      const res = await callAction('assess', 'schemeSave', draftPayload(scheme, items))
      if (!res.ok) return setError(res.message)
      onSaved()
    })
  const apply = () => {
    const n = Number(points)
    if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(n / SCORE_STEP)) return setError(`分值须为正数，以 ${SCORE_STEP} 分为单位`)
    return save(scheme.items.map((i) => (i.id === item.id ? { ...i, title: title.trim(), points: n, guide: guide.trim() } : i)))
  }
  return (
    <Sheet id='item-sheet' visible title={`修改考评项 · ${item.title}`} onClose={onClose} confirmText='保存' busy={busy} onConfirm={apply}>
      <Field label='考评项名称' required>
        <TextInput id='item-title' value={title} onChange={setTitle} maxlength={60} />
      </Field>
      <Field label='分值' required>
        <TextInput id='item-points' type='digit' value={points} onChange={setPoints} maxlength={5} />
      </Field>
      <Field label='考评标准'>
        <TextArea id='item-guide' value={guide} onChange={setGuide} maxlength={300} />
      </Field>
      {scheme.items.length > 1 ? (
        <Button id='item-delete' size='small' fill='outline' type='default' disabled={busy} onClick={() => save(scheme.items.filter((i) => i.id !== item.id))}>
          删除此项
        </Button>
      ) : null}
      {error ? (
        <Notice id='item-error' tone='red'>
          {error}
        </Notice>
      ) : null}
    </Sheet>
  )
}

function Scheme({ id }: { id: string }) {
  const detail = useAction('assess', 'schemeDetail', { schemeId: id }, [id])
  const [publishing, setPublishing] = useState(false)
  const [summary, setSummary] = useState('')
  const [message, setMessage] = useState<{ tone: 'green' | 'red'; text: string } | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [editing, setEditing] = useState<ItemView | null>(null)
  const [busy, run] = useBusy()
  usePullDownRefresh(() => {
    detail.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShownAgain(detail.reload)

  if (detail.loading && !detail.data) return <Loading />
  if (detail.error || !detail.data) return <ErrorState error={detail.error} onRetry={detail.reload} />
  const { scheme } = detail.data

  const open = () =>
    run(async () => {
      const res = await callAction('assess', 'schemeOpen', { schemeId: id, version: scheme.version })
      setMessage(res.ok ? { tone: 'green', text: `考评已启动，${res.data.unitCount} 个单位可以上传材料` } : { tone: 'red', text: res.message })
      detail.reload()
    })
  const recompute = () =>
    run(async () => {
      const res = await callAction('assess', 'recompute', { schemeId: id })
      setMessage(res.ok ? { tone: 'green', text: `已按${scheme.period.label}的数据重新计算：${res.data.units} 个单位，${res.data.changed} 个单位得分有变化` } : { tone: 'red', text: res.message })
      detail.reload()
    })
  const publish = () =>
    run(async () => {
      const res = await callAction('assess', 'publish', { schemeId: id, version: scheme.version, summary: summary.trim() })
      if (!res.ok) return setSheetError(res.message)
      setPublishing(false)
      openPage(ROUTES_ASSESS.bulletin(res.data.id))
      detail.reload()
    })

  const groups: { group: string; items: typeof scheme.items }[] = []
  for (const it of scheme.items) {
    const g = groups.find((x) => x.group === it.group)
    if (g) g.items.push(it)
    else groups.push({ group: it.group, items: [it] })
  }

  return (
    <View id='scheme-detail' data-status={scheme.status} data-version={scheme.version}>
      <View className='as-title'>
        <View className='as-row'>
          <Text className='as-title__text'>{scheme.title}</Text>
          <View className='as-spacer' />
          <ToneTag tone={scheme.status === 'open' ? 'orange' : scheme.status === 'published' ? 'green' : 'grey'}>{SCHEME_STATUS_LABELS[scheme.status]}</ToneTag>
        </View>
        <Text className='as-title__sub'>
          {SCHEME_KIND_LABELS[scheme.kind]} · {scheme.period.label}（{formatDay(scheme.period.start)} 至 {formatDay(new Date(Date.parse(scheme.period.end) - 1).toISOString())}）· 满分 {formatScore(scheme.totalPoints)} 分
          {scheme.computedAt ? ` · 数据更新于 ${formatDateTime(scheme.computedAt)}` : ''}
        </Text>
      </View>
      {message ? (
        <Notice id='scheme-message' tone={message.tone}>
          {message.text}
        </Notice>
      ) : null}
      <View className='as-actions'>
        {scheme.status === 'draft' ? (
          <Button id='scheme-open' type='primary' disabled={busy} onClick={open}>
            启动考评
          </Button>
        ) : null}
        {scheme.status === 'open' ? (
          <>
            <Button id='scheme-recompute' fill='outline' type='primary' disabled={busy} onClick={recompute}>
              重新计算数据项
            </Button>
            <Button id='scheme-publish' type='primary' disabled={busy} onClick={() => (setSheetError(null), setPublishing(true))}>
              发布通报
            </Button>
          </>
        ) : null}
        {scheme.status === 'published' && scheme.bulletinId ? (
          <Button id='scheme-bulletin' type='primary' onClick={() => openPage(ROUTES_ASSESS.bulletin(scheme.bulletinId!))}>
            查看通报
          </Button>
        ) : null}
      </View>

      {scheme.status !== 'draft' ? (
        <>
          <Section title='排名'>
            {detail.data.ranking.length ? <Ranking detail={detail.data} /> : <Text className='as-muted'>暂无参评单位。</Text>}
          </Section>
          {scheme.status === 'open' ? (
            <Section title='待审核材料'>
              <Queue schemeId={id} />
            </Section>
          ) : null}
        </>
      ) : (
        <Notice tone='blue'>
          参评范围：{scheme.scope.unitTypes.length ? `${scheme.scope.unitTypes.join('、')}类单位` : ''}
          {scheme.scope.unitIds.length ? `${scheme.scope.unitTypes.length ? '，另加' : ''}指定的 ${scheme.scope.unitIds.length} 个单位` : ''}。启动后为每个单位生成考评表，考评项和分值不再修改。
        </Notice>
      )}

      <Section title='考评项'>
        {groups.map((g) => (
          <View key={g.group}>
            <Text className='as-group'>
              {g.group}（{formatScore(g.items.reduce((s, i) => s + i.points, 0))} 分）
            </Text>
            {g.items.map((it) => (
              <View key={it.id} className='as-card scheme-item' data-item={it.id}>
                <View className='as-row'>
                  <Text className='as-name'>{it.title}</Text>
                  <View className='as-spacer' />
                  <ToneTag tone={it.kind === 'data' ? 'blue' : it.kind === 'field' ? 'purple' : 'grey'}>{ITEM_KIND_LABELS[it.kind]}</ToneTag>
                  <Text className='as-score' style={{ marginLeft: 8 }}>
                    {formatScore(it.points)}
                    <Text className='as-score__of'>分</Text>
                  </Text>
                </View>
                {it.guide ? <Text className='as-body'>{it.guide}</Text> : null}
                {it.ruleText ? <Text className='as-muted'>计分规则：{it.ruleText}</Text> : null}
                {scheme.status === 'draft' ? (
                  <View className='as-actions'>
                    <Button className='scheme-item__edit' size='small' fill='outline' type='primary' onClick={() => setEditing(it)}>
                      修改
                    </Button>
                  </View>
                ) : null}
              </View>
            ))}
          </View>
        ))}
      </Section>

      {editing ? (
        <ItemSheet
          scheme={scheme}
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            setMessage({ tone: 'green', text: '考评项已保存' })
            detail.reload()
          }}
        />
      ) : null}
      <Sheet id='publish-sheet' visible={publishing} title='发布考评通报' onClose={() => setPublishing(false)} confirmText='确认发布' busy={busy} onConfirm={publish}>
        <Text className='as-muted'>按当前总分排名发布，通报自动编号；发布后本方案的得分不再修改。请先审核完所有材料、重新计算数据项。</Text>
        <Field label='通报说明（可选）'>
          <TextArea id='publish-summary' value={summary} onChange={setSummary} placeholder='如：得分靠后的单位要对照扣分项逐项整改' maxlength={1000} />
        </Field>
        {sheetError ? (
          <Notice id='publish-error' tone='red'>
            {sheetError}
          </Notice>
        ) : null}
      </Sheet>
    </View>
  )
}

/** 考评方案 detail (staff). Test hooks: #page-assess-scheme, .scheme-item[data-item] .scheme-item__edit, #item-sheet (#item-title, #item-points, #item-guide, #item-delete), #scheme-detail[data-status], #scheme-open, #scheme-recompute, #scheme-publish, #publish-sheet (#publish-summary), #scheme-message, #scheme-ranking .ranking-row[data-unit][data-rank][data-total], #review-queue .queue-row[data-unit]. */
export default function SchemePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell desk id='page-assess-scheme'>
      <RoleGate roles={['staff', 'admin']} what='考评管理'>
        {() => (id ? <Scheme id={id} /> : <ErrorState title='缺少方案编号' error={{ ok: false, code: 'NOT_FOUND', message: '' }} />)}
      </RoleGate>
    </PageShell>
  )
}
