/**
 * One 红黑榜 issue for staff: the period's data proposals with their figures, the 红榜 and 黑榜 entries to
 * edit (each photo masked before submission), submission, and the admin's approval — which needs someone
 * who did not draft or edit it. Once published it is read-only: corrections and follow-ups are appended.
 *
 * Test hooks: #page-issue-edit (data-state, data-no), #issue-proposals (.adm-proposal data-key, .adm-proposal__use),
 * #issue-intro, #issue-red / #issue-black (.adm-entry data-key; inside: .entry-name input, .entry-reason /
 * .entry-problem / .entry-requirement textarea, .entry-remove, .entry-reports), #issue-add-red, #issue-add-black,
 * #issue-save, #issue-submit, #issue-approve, #issue-return (+ #issue-return-sheet, #issue-return-note),
 * #issue-recall, #issue-note-open (+ #issue-note-sheet: #issue-note-kind-<kind>, #issue-note-entry-<key>,
 * #issue-note-text, #issue-note-fixed), #issue-error, #issue-notice, #issue-view, #issue-reports-sheet.
 */
import { useEffect, useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Picker, Switch, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Chips, Field, Sheet, StatusTag, TextBox } from '@/components/report'
import {
  BLACK_STATUS_LABELS,
  BOARD_ROUTES,
  ENTRIES_MAX,
  ENTRY_TEXT_MAX,
  INTRO_MAX,
  ISSUE_STATE_LABELS,
  NAME_MAX,
  NOTE_KIND_LABELS,
  NOTE_TEXT_MAX,
  PROPOSAL_KIND_LABELS,
  SUBJECT_TYPE_LABELS,
  dayFromToday,
  dayValue,
  formatDay,
  newEntryKey,
  type Figures,
  type IssueStaff,
  type NoteKind,
  type Proposal,
  type SubjectType,
} from '@/services/board'
import { callAction, type OutputOf } from '@/services/cloud'
import { useTempUrls } from '@/services/hooks'
import { formatDateTime } from '@/services/report'
import { openPage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { onMasked } from '../../components/events'
import { PhotoSlots, slotIds, type SlotPhoto } from '../../components/PhotoSlots'
import '@/components/board/board.scss'
import '@/components/report/report.scss'
import '../../components/admin.scss'

interface RedDraft {
  key: string
  subjectType: SubjectType
  name: string
  reason: string
  photo: SlotPhoto | null
  proposalKey: string | null
  basis: Figures | null
}
interface BlackDraft {
  key: string
  subjectType: 'unit' | 'place'
  name: string
  problem: string
  requirement: string
  deadline: string
  reportIds: string[]
  photo: SlotPhoto | null
  proposalKey: string | null
  basis: Figures | null
  progress?: IssueStaff['black'][number]['progress']
}
type ReportOption = OutputOf<'board', 'issueReportOptions'>['items'][number]

const slot = (p: IssueStaff['red'][number]['photo']): SlotPhoto | null => (p ? { original: p.original, masked: p.masked, thumb: p.thumb, regions: p.regions } : null)

function draftsOf(i: IssueStaff): { red: RedDraft[]; black: BlackDraft[] } {
  return {
    red: i.red.map((e) => ({ key: e.key, subjectType: e.subjectType, name: e.name, reason: e.reason, photo: slot(e.photo), proposalKey: e.proposalKey, basis: e.basis })),
    black: i.black.map((e) => ({
      key: e.key,
      subjectType: e.subjectType,
      name: e.name,
      problem: e.problem,
      requirement: e.requirement,
      deadline: dayValue(e.deadline),
      reportIds: e.reportIds,
      photo: slot(e.photo),
      proposalKey: e.proposalKey,
      basis: e.basis,
      progress: e.progress,
    })),
  }
}

const RED_TYPES: SubjectType[] = ['unit', 'place', 'team', 'person']
const BLACK_TYPES: ('unit' | 'place')[] = ['unit', 'place']

export default function IssueEditPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const me = useAction('user', 'me', {})
  const [issue, setIssue] = useState<IssueStaff | null>(null)
  const [loadError, setLoadError] = useState<{ code: string; message: string } | null>(null)
  const [intro, setIntro] = useState('')
  const [red, setRed] = useState<RedDraft[]>([])
  const [black, setBlack] = useState<BlackDraft[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [sheet, setSheet] = useState<'return' | 'note' | 'reports' | null>(null)
  const [returnNote, setReturnNote] = useState('')
  const [note, setNote] = useState<{ kind: NoteKind; entryKey: string; text: string; fixed: boolean }>({ kind: 'correction', entryKey: '', text: '', fixed: false })
  const [picking, setPicking] = useState<{ key: string; options: ReportOption[] | null } | null>(null)

  const adopt = (i: IssueStaff) => {
    setIssue(i)
    setIntro(i.intro)
    const d = draftsOf(i)
    setRed(d.red)
    setBlack(d.black)
  }

  useEffect(() => {
    callAction('board', 'issueStaffDetail', { id }).then((res) => (res.ok ? adopt(res.data) : setLoadError(res)))
  }, [id])

  useEffect(
    () =>
      onMasked((m) => {
        const fix = <T extends { photo: SlotPhoto | null }>(es: T[]) => es.map((e) => (e.photo?.original === m.original ? { ...e, photo: { ...e.photo, masked: m.masked, thumb: m.thumb, regions: m.regions } } : e))
        setRed(fix)
        setBlack(fix)
        setError(null)
      }),
    [],
  )

  const ids = useMemo(() => slotIds([...red, ...black].flatMap((e) => (e.photo ? [e.photo] : []))), [red, black])
  const { urls } = useTempUrls(ids)

  if (loadError) return <PageShell desk id='page-issue-edit'><ErrorState message={loadError.message} /></PageShell>
  if (!issue) return <PageShell desk id='page-issue-edit'><Loading /></PageShell>

  const editable = issue.state === 'draft'
  const isAdmin = !!me.data?.roles.includes('admin')
  const used = new Set([...red, ...black].map((e) => e.proposalKey).filter(Boolean))
  const unmasked = [...red, ...black].filter((e) => e.photo && !e.photo.masked).length

  const payload = () => ({
    id: issue.id,
    version: issue.version,
    intro: intro.trim(),
    red: red.map((e) => ({ key: e.key, subjectType: e.subjectType, name: e.name.trim(), reason: e.reason.trim(), photo: e.photo ? { original: e.photo.original } : null, proposalKey: e.proposalKey })),
    black: black.map((e) => ({
      key: e.key,
      subjectType: e.subjectType,
      name: e.name.trim(),
      problem: e.problem.trim(),
      requirement: e.requirement.trim(),
      deadline: e.deadline,
      reportIds: e.reportIds,
      photo: e.photo ? { original: e.photo.original } : null,
      proposalKey: e.proposalKey,
    })),
  })

  const run = async <T,>(call: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>, done: (d: T) => void) => {
    setBusy(true)
    setError(null)
    const res = await call()
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      toast('未能完成，请查看提示')
      return false
    }
    done(res.data)
    return true
  }

  const save = () => run(() => callAction('board', 'issueSave', payload()), (d) => (adopt(d), toast('已保存', 'success')))
  const submit = async () => {
    setBusy(true)
    setError(null)
    const saved = await callAction('board', 'issueSave', payload())
    if (!saved.ok) {
      setBusy(false)
      return setError(saved.message)
    }
    adopt(saved.data)
    const res = await callAction('board', 'issueSubmit', { id: issue.id, version: saved.data.version })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    adopt(res.data)
    toast('已提交审核', 'success')
  }
  const approve = () => run(() => callAction('board', 'issueApprove', { id: issue.id, version: issue.version }), (d) => (adopt(d), toast(`已发布第${d.no}期`, 'success')))
  const sendBack = (text: string) => run(() => callAction('board', 'issueReturn', { id: issue.id, note: text }), (d) => (adopt(d), setSheet(null), toast('已退回修改')))
  const appendNote = () =>
    run(
      () => callAction('board', 'issueAppendNote', { id: issue.id, kind: note.kind, entryKey: note.entryKey || undefined, text: note.text.trim(), fixed: note.kind === 'followup' && note.fixed }),
      (d) => {
        setIssue({ ...issue, notes: d.notes })
        setSheet(null)
        setNote({ kind: 'correction', entryKey: '', text: '', fixed: false })
        toast('已追加', 'success')
      },
    )

  const adoptProposal = (p: Proposal) => {
    if (used.has(p.key)) return
    if (p.side === 'red') {
      if (red.length >= ENTRIES_MAX) return toast(`红榜最多 ${ENTRIES_MAX} 条`)
      setRed([...red, { key: newEntryKey(), subjectType: p.subject.type, name: p.subject.name, reason: `${issue.period.label}${p.figures.summary}。`, photo: null, proposalKey: p.key, basis: p.figures }])
    } else {
      if (black.length >= ENTRIES_MAX) return toast(`黑榜最多 ${ENTRIES_MAX} 条`)
      setBlack([
        ...black,
        {
          key: newEntryKey(),
          subjectType: p.subject.type === 'unit' ? 'unit' : 'place',
          name: p.subject.name,
          problem: `${issue.period.label}${p.figures.summary}，整改不到位。`,
          requirement: '立即整改到位，整改情况报市创城办。',
          deadline: dayFromToday(7),
          reportIds: p.reportIds,
          photo: null,
          proposalKey: p.key,
          basis: p.figures,
        },
      ])
    }
  }

  const openReports = async (e: BlackDraft) => {
    setPicking({ key: e.key, options: null })
    setSheet('reports')
    const p = issue.proposals.find((x) => x.key === e.proposalKey)
    const filter = p ? (p.subject.type === 'unit' ? { unitId: p.subject.id } : p.subject.type === 'place' ? { gridId: p.subject.id } : {}) : {}
    const res = await callAction('board', 'issueReportOptions', { id: issue.id, ...filter })
    setPicking({ key: e.key, options: res.ok ? res.data.items : [] })
  }

  const setR = (i: number, patch: Partial<RedDraft>) => setRed(red.map((e, k) => (k === i ? { ...e, ...patch } : e)))
  const setB = (i: number, patch: Partial<BlackDraft>) => setBlack(black.map((e, k) => (k === i ? { ...e, ...patch } : e)))
  const pickingEntry = picking ? black.find((e) => e.key === picking.key) : undefined

  return (
    <PageShell desk id='page-issue-edit'>
      <View data-state={issue.state} data-no={issue.no ?? ''} id='issue-state' className='card adm-meta' style={{ marginTop: '12px' }}>
        <View className='adm-card__head'>
          <Text className='adm-meta__title'>{issue.title}</Text>
          <Text className={`adm-state is-${issue.state}`}>{ISSUE_STATE_LABELS[issue.state]}</Text>
        </View>
        <Text className='adm-meta__line'>统计周期：{issue.period.label}</Text>
        <Text className='adm-meta__line'>
          {issue.author.name}起草{issue.editors > 1 ? `，${issue.editors} 人编辑` : ''}
          {issue.submittedBy ? ` · ${issue.submittedBy.name}提交审核` : ''}
          {issue.approvedBy && issue.publishedAt ? ` · ${issue.approvedBy.name}于${formatDateTime(issue.publishedAt)}审核发布` : ''}
        </Text>
        {issue.state === 'published' ? (
          <Text id='issue-view' className='adm-meta__line' style={{ color: '#c8161d' }} onClick={() => openPage(BOARD_ROUTES.honor(issue.id))}>
            查看公开页面 ›
          </Text>
        ) : null}
      </View>
      {issue.returned && issue.state === 'draft' ? (
        <View id='issue-notice' className='adm-notice'>
          {issue.returned.by.name}退回修改：{issue.returned.note}
        </View>
      ) : null}
      {issue.state === 'pending' && isAdmin && issue.iEdited ? (
        <View id='issue-notice' className='adm-notice'>
          您参与了本期的起草或修改，须由另一名管理员审核发布。
        </View>
      ) : null}

      {editable ? (
        <View id='issue-proposals' className='card adm-form'>
          <View className='bd-section__title'>
            <Text>数据建议</Text>
            <Text className='bd-section__extra'>{issue.period.label}</Text>
          </View>
          {issue.proposals.map((p) => (
            <View key={p.key} className='adm-proposal' data-key={p.key}>
              <Text className={`adm-proposal__kind${p.side === 'black' ? ' is-black' : ''}`}>
                {p.side === 'red' ? '红榜建议' : '黑榜建议'} · {PROPOSAL_KIND_LABELS[p.kind]}
              </Text>
              <View className='adm-proposal__row'>
                <Text className='adm-proposal__name'>{p.subject.name}</Text>
                <Text className={`adm-proposal__use${used.has(p.key) ? ' is-used' : ''}`} onClick={() => adoptProposal(p)}>
                  {used.has(p.key) ? '已采用' : p.side === 'red' ? '加入红榜' : '加入黑榜'}
                </Text>
              </View>
              <Text className='adm-proposal__figures'>
                依据：{p.figures.summary}
                {p.reportIds.length ? ` · 关联随手拍 ${p.reportIds.length} 件` : ''}
              </Text>
            </View>
          ))}
          {!issue.proposals.length ? <Text className='bd-muted'>本期数据不足，没有自动建议。</Text> : null}
          {issue.proposalNotes.map((n, i) => (
            <Text key={i} className='adm-hint'>
              · {n}
            </Text>
          ))}
        </View>
      ) : null}

      <View className='card adm-form'>
        <Field label='导语'>
          <TextBox id='issue-intro' value={intro} onChange={setIntro} max={INTRO_MAX} disabled={!editable} />
        </Field>
      </View>

      <View className='adm-band'>
        <Text>🏆 红榜（{red.length}）</Text>
        {editable ? (
          <Text id='issue-add-red' className='adm-band__add' onClick={() => red.length < ENTRIES_MAX && setRed([...red, { key: newEntryKey(), subjectType: 'unit', name: '', reason: '', photo: null, proposalKey: null, basis: null }])}>
            ＋ 添加
          </Text>
        ) : null}
      </View>
      <View id='issue-red'>
        {red.map((e, i) => (
          <View key={e.key} className='card adm-entry' data-key={e.key}>
            <View className='adm-entry__head'>
              <Text>红榜 {i + 1}</Text>
              {editable ? (
                <Text className='adm-entry__remove entry-remove' onClick={() => setRed(red.filter((_, k) => k !== i))}>
                  删除
                </Text>
              ) : null}
            </View>
            <Chips idPrefix={`red-${e.key}-type`} value={e.subjectType} onChange={(v) => editable && setR(i, { subjectType: v })} options={RED_TYPES.map((t) => ({ value: t, label: SUBJECT_TYPE_LABELS[t] }))} />
            <View className='entry-name' style={{ marginTop: '8px' }}>
              <TextBox single value={e.name} onChange={(v) => setR(i, { name: v })} max={NAME_MAX} min={2} placeholder='单位、地点、团队或个人名称' disabled={!editable} />
            </View>
            <View className='entry-reason'>
              <TextBox value={e.reason} onChange={(v) => setR(i, { reason: v })} max={ENTRY_TEXT_MAX} min={5} placeholder='表扬理由' disabled={!editable} />
            </View>
            {e.basis ? <Text className='adm-basis'>数据依据：{e.basis.summary}</Text> : null}
            {editable || e.photo ? (
              <Field label={editable ? '照片（可选，须打码）' : '照片'}>
                <PhotoSlots id={`red-${e.key}-photo`} photos={e.photo ? [e.photo] : []} urls={urls} max={1} readOnly={!editable} onChange={(ps) => setR(i, { photo: ps[0] ?? null })} />
              </Field>
            ) : null}
          </View>
        ))}
      </View>

      <View className='adm-band is-black'>
        <Text>⚠️ 黑榜（{black.length}）</Text>
        {editable ? (
          <Text
            id='issue-add-black'
            className='adm-band__add'
            onClick={() =>
              black.length < ENTRIES_MAX &&
              setBlack([...black, { key: newEntryKey(), subjectType: 'unit', name: '', problem: '', requirement: '', deadline: dayFromToday(7), reportIds: [], photo: null, proposalKey: null, basis: null }])
            }
          >
            ＋ 添加
          </Text>
        ) : null}
      </View>
      <View id='issue-black'>
        {black.map((e, i) => (
          <View key={e.key} className='card adm-entry is-black' data-key={e.key}>
            <View className='adm-entry__head'>
              <Text>黑榜 {i + 1}</Text>
              {editable ? (
                <Text className='adm-entry__remove entry-remove' onClick={() => setBlack(black.filter((_, k) => k !== i))}>
                  删除
                </Text>
              ) : e.progress ? (
                <Text className='bd-muted'>当前：{BLACK_STATUS_LABELS[e.progress.state]}</Text>
              ) : null}
            </View>
            <Chips idPrefix={`black-${e.key}-type`} value={e.subjectType} onChange={(v) => editable && setB(i, { subjectType: v })} options={BLACK_TYPES.map((t) => ({ value: t, label: SUBJECT_TYPE_LABELS[t] }))} />
            <View className='entry-name' style={{ marginTop: '8px' }}>
              <TextBox single value={e.name} onChange={(v) => setB(i, { name: v })} max={NAME_MAX} min={2} placeholder='单位或地点名称' disabled={!editable} />
            </View>
            <View className='entry-problem'>
              <TextBox value={e.problem} onChange={(v) => setB(i, { problem: v })} max={ENTRY_TEXT_MAX} min={5} placeholder='存在问题' disabled={!editable} />
            </View>
            <View className='entry-requirement'>
              <TextBox value={e.requirement} onChange={(v) => setB(i, { requirement: v })} max={ENTRY_TEXT_MAX} min={5} placeholder='整改要求' disabled={!editable} />
            </View>
            <Picker mode='date' value={e.deadline} disabled={!editable} onChange={(ev) => setB(i, { deadline: String(ev.detail.value) })}>
              <View className='adm-picker'>
                <Text>整改时限：{e.deadline} 前</Text>
                <Text>▾</Text>
              </View>
            </Picker>
            <View className='adm-proposal__row entry-reports' style={{ marginTop: '8px' }}>
              <Text className='adm-card__line'>关联随手拍 {e.reportIds.length} 件</Text>
              {editable ? (
                <Text className='adm-proposal__use' onClick={() => openReports(e)}>
                  选择
                </Text>
              ) : null}
            </View>
            {e.basis ? <Text className='adm-basis'>数据依据：{e.basis.summary}</Text> : null}
            {editable || e.photo ? (
              <Field label={editable ? '照片（可选，须打码）' : '照片'}>
                <PhotoSlots id={`black-${e.key}-photo`} photos={e.photo ? [e.photo] : []} urls={urls} max={1} readOnly={!editable} onChange={(ps) => setB(i, { photo: ps[0] ?? null })} />
              </Field>
            ) : null}
          </View>
        ))}
      </View>

      {issue.notes.length ? (
        <View className='card adm-form'>
          <View className='bd-section__title'>
            <Text>更正与跟进</Text>
          </View>
          {issue.notes.map((n, i) => (
            <Text key={i} className='adm-card__line'>
              【{NOTE_KIND_LABELS[n.kind]}】{formatDay(n.at, true)}：{n.text}
            </Text>
          ))}
        </View>
      ) : null}

      {error ? (
        <View id='issue-error' className='adm-error'>
          {error}
        </View>
      ) : null}
      {editable && unmasked ? <View className='adm-notice'>还有 {unmasked} 张照片未打码，提交前请逐张处理。</View> : null}
      <View className='adm-spacer' />

      <View className='adm-footer'>
        {issue.state === 'draft' ? (
          <>
            <Button id='issue-save' type='default' loading={busy} onClick={save}>
              保存
            </Button>
            <Button id='issue-submit' type='primary' loading={busy} onClick={submit}>
              提交审核
            </Button>
          </>
        ) : issue.state === 'pending' ? (
          isAdmin && !issue.iEdited ? (
            <>
              <Button id='issue-return' type='default' onClick={() => setSheet('return')}>
                退回修改
              </Button>
              <Button id='issue-approve' type='primary' loading={busy} onClick={approve}>
                审核发布
              </Button>
            </>
          ) : (
            <Button id='issue-recall' type='default' loading={busy} onClick={() => sendBack('起草人撤回修改')}>
              撤回修改
            </Button>
          )
        ) : (
          <Button id='issue-note-open' type='primary' onClick={() => setSheet('note')}>
            追加更正 / 跟进
          </Button>
        )}
      </View>

      <Sheet id='issue-return-sheet' visible={sheet === 'return'} title='退回修改' onClose={() => setSheet(null)} confirmText='退回' onConfirm={() => sendBack(returnNote.trim())} busy={busy} disabled={returnNote.trim().length < 2} danger>
        <TextBox id='issue-return-note' value={returnNote} onChange={setReturnNote} max={200} min={2} placeholder='需要修改的地方' />
      </Sheet>

      <Sheet id='issue-note-sheet' visible={sheet === 'note'} title='追加更正 / 跟进' onClose={() => setSheet(null)} confirmText='追加' onConfirm={appendNote} busy={busy} disabled={note.text.trim().length < 5}>
        <Text className='adm-hint'>已发布的红黑榜原文不作修改，更正和跟进情况将注明日期附在本期之后。</Text>
        <Field label='类型'>
          <Chips idPrefix='issue-note-kind' value={note.kind} onChange={(k) => setNote({ ...note, kind: k })} options={(['correction', 'followup'] as NoteKind[]).map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }))} />
        </Field>
        <Field label='涉及条目（可选）'>
          <Chips
            idPrefix='issue-note-entry'
            value={note.entryKey}
            onChange={(k) => setNote({ ...note, entryKey: k })}
            options={[{ value: '', label: '整期' }, ...issue.red.map((e, i) => ({ value: e.key, label: `红${i + 1} ${e.name}` })), ...issue.black.map((e, i) => ({ value: e.key, label: `黑${i + 1} ${e.name}` }))]}
          />
        </Field>
        <Field label='说明' required>
          <TextBox id='issue-note-text' value={note.text} onChange={(t) => setNote({ ...note, text: t })} max={NOTE_TEXT_MAX} min={5} placeholder={note.kind === 'correction' ? '更正的内容' : '整改跟进情况'} />
        </Field>
        {note.kind === 'followup' && issue.black.some((e) => e.key === note.entryKey) ? (
          <View className='adm-proposal__row'>
            <Text className='adm-card__line'>该黑榜条目已整改到位</Text>
            <Switch id='issue-note-fixed' checked={note.fixed} onChange={(ev) => setNote({ ...note, fixed: !!ev.detail.value })} />
          </View>
        ) : null}
        {error ? <View className='adm-error'>{error}</View> : null}
      </Sheet>

      <Sheet id='issue-reports-sheet' visible={sheet === 'reports'} title='关联随手拍' onClose={() => setSheet(null)} confirmText='完成' onConfirm={() => setSheet(null)}>
        {!picking?.options ? (
          <Loading compact />
        ) : picking.options.length === 0 ? (
          <Text className='bd-muted'>本期没有可关联的随手拍</Text>
        ) : (
          picking.options.map((r) => {
            const on = !!pickingEntry?.reportIds.includes(r.id)
            return (
              <View
                key={r.id}
                className='adm-report'
                onClick={() => {
                  const i = black.findIndex((x) => x.key === picking.key)
                  if (i < 0) return
                  const idsNow = black[i].reportIds
                  setB(i, { reportIds: on ? idsNow.filter((x) => x !== r.id) : [...idsNow, r.id].slice(0, 20) })
                }}
              >
                <Text className={`adm-report__check${on ? ' is-on' : ''}`}>{on ? '✓' : ''}</Text>
                <View className='adm-report__text'>
                  <StatusTag status={r.status} /> {r.unitName ?? ''} {r.overdue ? '· 超期' : ''}
                  <Text style={{ display: 'block' }}>{r.description}</Text>
                </View>
              </View>
            )
          })
        )}
      </Sheet>
    </PageShell>
  )
}
