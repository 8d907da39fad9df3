import { useState } from 'react'
import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Sheet } from '@/components/Sheet'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { useShownAgain, useTempUrls } from '@/services/hooks'
import { choosePhotos, previewPhotos } from '@/services/image'
import { useAction } from '@/services/useAction'
import { useBusy } from '@/services/volunteerHooks'
import {
  ITEM_KIND_LABELS,
  ITEM_STATE_LABELS,
  MATERIAL_FILES_MAX,
  SCORE_STEP,
  STATE_TONES,
  formatDateTime,
  formatScore,
  uploadMaterial,
  type CardItemView,
  type CardView,
} from '@/services/assess'
import { RoleGate, isStaff } from '../../guard'
import '../../assess.scss'

function Thumbs({ files, id }: { files: string[]; id?: string }) {
  const { urls, failed } = useTempUrls(files)
  const list = files.map((f) => urls[f] ?? '')
  return (
    <View className='as-thumbs' id={id}>
      {files.map((f, i) =>
        list[i] ? (
          <Image key={f} className='as-thumb material-thumb' src={list[i]} mode='aspectFill' onClick={() => previewPhotos(list, list[i])} />
        ) : (
          <View key={f} className='as-thumb' />
        ),
      )}
      {failed ? <Text className='as-muted'>部分图片暂时无法显示</Text> : null}
    </View>
  )
}

/** 待提交 is the unit's to do only for material; field items wait for the 督查组, data items for 重新计算. */
function stateLabel(item: CardItemView): string {
  if (item.kind === 'data') return item.state === 'scored' ? '已计算' : '待计算'
  if (item.kind === 'field' && item.state === 'todo') return '待评分'
  return ITEM_STATE_LABELS[item.state]
}

function Item({ item, canUpload, canReview, onUpload, onReview }: { item: CardItemView; canUpload: boolean; canReview: boolean; onUpload: () => void; onReview: () => void }) {
  const uploadable = canUpload && item.kind === 'material' && item.state !== 'approved'
  const reviewable = canReview && ((item.kind === 'material' && (item.state === 'submitted' || item.state === 'approved')) || item.kind === 'field')
  return (
    <View className='as-card card-item' data-item={item.id} data-state={item.state} data-score={item.score ?? ''} data-rev={item.rev}>
      <View className='as-row'>
        <Text className='as-name'>{item.title}</Text>
        <View className='as-spacer' />
        <ToneTag tone={STATE_TONES[item.state]}>{stateLabel(item)}</ToneTag>
        <Text className='as-score card-item__score' style={{ marginLeft: 8 }}>
          {formatScore(item.score)}
          <Text className='as-score__of'>/{formatScore(item.points)}</Text>
        </Text>
      </View>
      <Text className='as-muted'>{ITEM_KIND_LABELS[item.kind]}{item.guide ? ` · ${item.guide}` : ''}</Text>
      {item.figure ? (
        <View className='as-figure card-item__figure'>
          <Text className='as-figure__text'>{item.figure.text}</Text>
          <Text className='as-muted'>{item.figure.detail}</Text>
          {item.ruleText ? <Text className='as-muted'>计分规则：{item.ruleText}</Text> : null}
        </View>
      ) : item.kind === 'data' ? (
        <Text className='as-body'>尚未计算。{item.ruleText ? `计分规则：${item.ruleText}` : ''}</Text>
      ) : null}
      {item.material ? (
        <View className='card-item__material'>
          <Text className='as-body'>{item.material.note}</Text>
          <Thumbs files={item.material.files} />
          <Text className='as-muted'>
            {item.material.by.name} 于 {formatDateTime(item.material.at)} 提交{item.material.round > 1 ? `（第${item.material.round}次）` : ''}
          </Text>
        </View>
      ) : null}
      {item.review ? (
        <Notice tone={item.review.verdict === 'returned' ? 'red' : 'green'}>
          {item.review.verdict === 'returned' ? '退回补充' : item.review.verdict === 'approved' ? '审核通过' : '督查评分'}
          {item.review.score !== null ? ` ${formatScore(item.review.score)} 分` : ''}
          {item.review.comment ? `：${item.review.comment}` : ''}（{item.review.by.name}，{formatDateTime(item.review.at)}）
        </Notice>
      ) : null}
      {uploadable || reviewable ? (
        <View className='as-actions'>
          {uploadable ? (
            <Button className='card-item__upload' size='small' type='primary' onClick={onUpload}>
              {item.state === 'todo' ? '上传材料' : item.state === 'returned' ? '补充材料' : '修改材料'}
            </Button>
          ) : null}
          {reviewable ? (
            <Button className='card-item__review' size='small' type='primary' onClick={onReview}>
              {item.kind === 'field' ? (item.state === 'scored' ? '修改得分' : '录入得分') : item.state === 'approved' ? '重新评分' : '审核'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

function UploadSheet({ schemeId, unitId, item, onClose, onDone }: { schemeId: string; unitId: string; item: CardItemView; onClose: () => void; onDone: (card: CardView) => void }) {
  const [files, setFiles] = useState<string[]>(item.material?.files ?? [])
  const [note, setNote] = useState(item.material?.note ?? '')
  const [error, setError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [busy, run] = useBusy()

  const add = async () => {
    const room = MATERIAL_FILES_MAX - files.length
    if (room <= 0) return setError(`最多 ${MATERIAL_FILES_MAX} 个材料文件`)
    const chosen = await choosePhotos(room)
    if (!chosen.ok) return chosen.cancelled ? undefined : setError(chosen.message)
    setUploading(true)
    setError(null)
    const res = await uploadMaterial(chosen.paths.slice(0, room), { schemeId, unitId, itemId: item.id })
    setUploading(false)
    if (!res.ok) return setError(res.message)
    setFiles((prev) => [...prev, ...res.fileIds])
  }
  const submit = () =>
    run(async () => {
      if (!files.length) return setError('请至少上传 1 张材料图片')
      if (note.trim().length < 2) return setError('请填写材料说明（至少 2 个字）')
      const res = await callAction('assess', 'submitMaterial', { schemeId, itemId: item.id, rev: item.rev, files, note: note.trim() })
      if (!res.ok) return setError(res.message)
      onDone(res.data)
    })

  return (
    <Sheet id='material-sheet' visible title={`上传材料 · ${item.title}`} onClose={onClose} confirmText='提交审核' busy={busy || uploading} onConfirm={submit}>
      {item.review?.verdict === 'returned' ? <Notice tone='red'>退回意见：{item.review.comment}</Notice> : null}
      <Field label={`材料图片（${files.length}/${MATERIAL_FILES_MAX}）`} required hint='图片会压缩后上传，只有创城办和本单位可见'>
        <Thumbs files={files} id='material-files' />
        <View className='as-row'>
          <Button id='material-add' size='small' fill='outline' type='primary' disabled={uploading || files.length >= MATERIAL_FILES_MAX} onClick={add}>
            {uploading ? '上传中…' : '添加图片'}
          </Button>
          {files.length ? (
            <Button id='material-clear' size='small' fill='outline' type='default' onClick={() => setFiles([])}>
              清空重选
            </Button>
          ) : null}
        </View>
      </Field>
      <Field label='材料说明' required>
        <TextArea id='material-note' value={note} onChange={setNote} placeholder='说明开展了哪些工作、图片分别是什么' maxlength={500} />
      </Field>
      {error ? (
        <Notice id='material-error' tone='red'>
          {error}
        </Notice>
      ) : null}
    </Sheet>
  )
}

function ReviewSheet({ schemeId, unitId, item, onClose, onDone }: { schemeId: string; unitId: string; item: CardItemView; onClose: () => void; onDone: (card: CardView) => void }) {
  const field = item.kind === 'field'
  const [verdict, setVerdict] = useState<'approved' | 'returned'>('approved')
  const [score, setScore] = useState(item.score !== null ? String(item.score) : '')
  const [comment, setComment] = useState(item.review?.comment ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const save = () =>
    run(async () => {
      const n = Number(score)
      const needScore = field || verdict === 'approved'
      if (needScore && (score.trim() === '' || !Number.isFinite(n) || n < 0 || n > item.points || !Number.isInteger(n / SCORE_STEP))) {
        return setError(`请填写 0 到 ${formatScore(item.points)} 之间的得分（以 ${SCORE_STEP} 分为单位）`)
      }
      if (!field && verdict === 'returned' && comment.trim().length < 2) return setError('退回补充请写明需要补充的内容')
      const res = field
        ? await callAction('assess', 'fieldScore', { schemeId, unitId, itemId: item.id, rev: item.rev, score: n, comment: comment.trim() })
        : await callAction('assess', 'review', { schemeId, unitId, itemId: item.id, rev: item.rev, verdict, ...(verdict === 'approved' ? { score: n } : {}), comment: comment.trim() })
      if (!res.ok) return setError(res.message)
      onDone(res.data)
    })
  return (
    <Sheet id='review-sheet' visible title={`${field ? '实地考察评分' : '审核材料'} · ${item.title}`} onClose={onClose} confirmText={field || verdict === 'approved' ? '保存得分' : '退回补充'} danger={!field && verdict === 'returned'} busy={busy} onConfirm={save}>
      {!field ? (
        <Field label='审核结果' required>
          <View className='as-row'>
            <Button id='review-approve' size='small' type={verdict === 'approved' ? 'primary' : 'default'} fill={verdict === 'approved' ? 'solid' : 'outline'} onClick={() => setVerdict('approved')}>
              通过并评分
            </Button>
            <Button id='review-return' size='small' type={verdict === 'returned' ? 'primary' : 'default'} fill={verdict === 'returned' ? 'solid' : 'outline'} onClick={() => setVerdict('returned')}>
              退回补充
            </Button>
          </View>
        </Field>
      ) : null}
      {field || verdict === 'approved' ? (
        <Field label={`得分（满分 ${formatScore(item.points)} 分）`} required>
          <TextInput id='review-score' type='digit' value={score} onChange={setScore} placeholder={`0–${formatScore(item.points)}`} maxlength={5} />
        </Field>
      ) : null}
      <Field label={field ? '督查情况' : verdict === 'returned' ? '需要补充的内容' : '审核意见'} required={!field && verdict === 'returned'}>
        <TextArea id='review-comment' value={comment} onChange={setComment} placeholder={verdict === 'returned' ? '如：请补充本季度创城例会记录' : '可选'} maxlength={200} />
      </Field>
      {error ? (
        <Notice id='review-error' tone='red'>
          {error}
        </Notice>
      ) : null}
    </Sheet>
  )
}

/** The unit's 志愿服务队, whose 周五环境整治 attendance is its turnout; staff link it while the 考评 is open. */
function TeamRow({ schemeId, card, editable, onDone }: { schemeId: string; card: CardView; editable: boolean; onDone: (card: CardView) => void }) {
  const options = useAction('assess', 'schemeOptions', {}, [])
  const [picking, setPicking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const name = card.teamId ? (options.data?.teams.find((t) => t.id === card.teamId)?.name ?? card.teamId) : '未关联'
  const pick = (teamId: string | null) =>
    run(async () => {
      const res = await callAction('assess', 'setTeam', { schemeId, unitId: card.unit.id, teamId })
      if (!res.ok) return setError(res.message)
      setPicking(false)
      onDone(res.data)
    })
  return (
    <View className='as-card as-row' id='card-team' data-team={card.teamId ?? ''}>
      <Text className='as-body'>志愿服务队：{name}</Text>
      <View className='as-spacer' />
      {editable ? (
        <Button id='card-team-edit' size='small' fill='outline' type='primary' onClick={() => (setError(null), setPicking(true))}>
          设置
        </Button>
      ) : null}
      {picking ? (
        <Sheet id='team-sheet' visible title='周五环境整治出勤按哪支志愿服务队统计' onClose={() => setPicking(false)}>
          {(options.data?.teams ?? []).map((t) => (
            <Button key={t.id} className='team-option' size='small' type={t.id === card.teamId ? 'primary' : 'default'} fill={t.id === card.teamId ? 'solid' : 'outline'} disabled={busy} onClick={() => pick(t.id)}>
              {t.name}
            </Button>
          ))}
          <Button size='small' fill='outline' type='default' disabled={busy} onClick={() => pick(null)}>
            不关联
          </Button>
          {error ? <Notice tone='red'>{error}</Notice> : null}
        </Sheet>
      ) : null}
    </View>
  )
}

function Card({ schemeId, unitId, staff }: { schemeId: string; unitId?: string; staff: boolean }) {
  const res = useAction('assess', 'cardDetail', { schemeId, ...(unitId ? { unitId } : {}) }, [schemeId, unitId])
  const [override, setOverride] = useState<CardView | null>(null)
  const [uploading, setUploading] = useState<CardItemView | null>(null)
  const [reviewing, setReviewing] = useState<CardItemView | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const reload = () => (setOverride(null), res.reload())
  usePullDownRefresh(() => {
    reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShownAgain(reload)

  if (res.loading && !res.data) return <Loading />
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />
  const { scheme } = res.data
  const card = override ?? res.data.card
  const open = scheme.status === 'open'
  const groups: { group: string; items: CardItemView[] }[] = []
  for (const it of card.items) {
    const g = groups.find((x) => x.group === it.group)
    if (g) g.items.push(it)
    else groups.push({ group: it.group, items: [it] })
  }
  const done = (text: string) => (next: CardView) => {
    setOverride(next)
    setUploading(null)
    setReviewing(null)
    setMessage(text)
  }

  return (
    <View id='card-detail' data-unit={card.unit.id} data-total={card.total} data-rank={card.rank}>
      <View className='as-title'>
        <Text className='as-title__text'>{card.unit.name}</Text>
        <Text className='as-title__sub'>{scheme.title}</Text>
      </View>
      <View className='as-card as-row' id='card-summary'>
        <View>
          <Text className='as-muted'>当前总分</Text>
          <View>
            <Text className='as-score' id='card-total'>
              {formatScore(card.total)}
            </Text>
            <Text className='as-score__of'>/ {formatScore(card.totalPoints)} 分</Text>
          </View>
        </View>
        <View className='as-spacer' />
        <View>
          <Text className='as-muted'>{scheme.status === 'published' ? '通报名次' : '当前名次'}</Text>
          <Text className='as-score' id='card-rank' style={{ display: 'block', textAlign: 'right' }}>
            {card.rank}
            <Text className='as-score__of'>/{card.of}</Text>
          </Text>
        </View>
      </View>
      {staff && card.items.some((i) => i.rule?.metric === 'friday_turnout') ? <TeamRow schemeId={schemeId} card={card} editable={open} onDone={done('已设置志愿服务队，重新计算后生效')} /> : null}
      {scheme.status === 'published' ? <Notice tone='green'>本次考评已发布通报，得分不再修改。</Notice> : null}
      {scheme.status === 'open' && !staff ? <Notice tone='blue'>材料审核项请上传图片和说明；数据评分项由系统按记录计算，实地考察项由督查组评分。</Notice> : null}
      {message ? (
        <Notice id='card-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      {groups.map((g) => (
        <View key={g.group}>
          <Text className='as-group'>
            {g.group}（{formatScore(g.items.reduce((s, i) => s + (i.score ?? 0), 0))}/{formatScore(g.items.reduce((s, i) => s + i.points, 0))} 分）
          </Text>
          {g.items.map((it) => (
            <Item key={it.id} item={it} canUpload={open && !staff} canReview={open && staff} onUpload={() => setUploading(it)} onReview={() => setReviewing(it)} />
          ))}
        </View>
      ))}
      {uploading ? <UploadSheet schemeId={schemeId} unitId={card.unit.id} item={uploading} onClose={() => setUploading(null)} onDone={done('材料已提交，等待创城办审核')} /> : null}
      {reviewing ? <ReviewSheet schemeId={schemeId} unitId={card.unit.id} item={reviewing} onClose={() => setReviewing(null)} onDone={done('已保存')} /> : null}
    </View>
  )
}

/**
 * A unit's 考评表: the unit's own (unit handlers), any unit's (staff, `unitId`). Test hooks: #page-assess-card,
 * #card-detail[data-total][data-rank], #card-total, #card-rank, .card-item[data-item][data-state][data-score] with
 * .card-item__upload / .card-item__review, #material-sheet (#material-add, #material-note), #review-sheet
 * (#review-approve, #review-return, #review-score, #review-comment), #card-message.
 */
export default function CardPage() {
  const { params } = useRouter()
  const schemeId = params.schemeId ?? ''
  return (
    <PageShell desk id='page-assess-card'>
      <RoleGate roles={['staff', 'admin', 'unit']} what='考评表'>
        {(me) => <Card schemeId={schemeId} unitId={params.unitId || undefined} staff={isStaff(me.roles)} />}
      </RoleGate>
    </PageShell>
  )
}
