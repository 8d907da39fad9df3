/**
 * 随手拍详情. The reporter sees everything (photos with their check state, before/after, deadline, every
 * step, the reply) and rates after 销号 or answers the 回访; another resident sees the public view and can 附议.
 *
 * Test hooks: #page-report-detail (data-view own|public, data-status), #detail-status, #detail-progress,
 * #detail-deadline, #detail-resolution, #detail-photos, #detail-before-after, #detail-info, #detail-timeline,
 * #detail-rate (chips #detail-rate-<score>, #detail-rate-comment, #detail-rate-submit, #detail-rate-error),
 * #detail-rating, #detail-revisit (#detail-revisit-<answer>, #detail-revisit-comment, #detail-revisit-submit),
 * #detail-cosign, #detail-original.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell, categoryGlyph } from '@/components'
import { Button } from '@/components/nut'
import { Chips, DeadlineBadge, PhotoGrid, StatusTag, TextBox, Timeline } from '@/components/report'
import { useCategoryIndex, usePlaceNames } from '@/services/catalog'
import { callAction, type OutputOf } from '@/services/cloud'
import { useShownAgain } from '@/services/hooks'
import {
  COMMENT_MAX,
  NEGATIVE_COMMENT_MIN,
  PROGRESS_STEPS,
  RATING_GLYPHS,
  RATING_LABELS,
  RATING_SCORES,
  REVISIT_ANSWER_LABELS,
  STATUS_DESCRIPTIONS,
  formatDate,
  formatDateTime,
  isOpenStatus,
  isWithUnit,
  progressIndex,
  shortId,
  type RatingScore,
  type ReportStatus,
  type RevisitAnswer,
} from '@/services/report'
import { ROUTES, replacePage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import '@/components/report/report.scss'
import './index.scss'

type Detail = OutputOf<'report', 'detail'>
type Own = Extract<Detail, { view: 'own' }>
type Public = Extract<Detail, { view: 'public' }>

function Progress({ status }: { status: ReportStatus }) {
  const at = progressIndex(status)
  return (
    <View id='detail-progress' className='progress'>
      {PROGRESS_STEPS.map((step, i) => (
        <View key={step} className={`progress__step${i <= at ? ' is-done' : ''}${i === at ? ' is-current' : ''}`}>
          <View className='progress__dot'>
            <Text>{i < at || (i === at && status === 'closed') ? '✓' : i + 1}</Text>
          </View>
          <Text className='progress__label'>{step}</Text>
          {i < PROGRESS_STEPS.length - 1 ? <View className={`progress__bar${i < at ? ' is-done' : ''}`} /> : null}
        </View>
      ))}
    </View>
  )
}

function StatusCard({ id, status, createdAt, categoryName, glyph }: { id: string; status: ReportStatus; createdAt: string; categoryName: string; glyph: string }) {
  const closedNotFixed = status === 'rejected' || status === 'duplicate' || status === 'out_of_scope'
  return (
    <View id='detail-status' className='card rp-card detail-status' data-status={status}>
      <View className='detail-status__row'>
        <View className='detail-status__cat'>
          <Text className='detail-status__glyph'>{glyph}</Text>
          <Text className='detail-status__name'>{categoryName}</Text>
        </View>
        <StatusTag status={status} large />
      </View>
      <Text className='detail-status__desc'>{STATUS_DESCRIPTIONS[status]}</Text>
      <Text className='detail-status__meta'>
        编号 {shortId(id)} · 提交于 {formatDateTime(createdAt)}
      </Text>
      {!closedNotFixed ? <Progress status={status} /> : null}
    </View>
  )
}

function RateCard({ id, onDone }: { id: string; onDone: () => void }) {
  const [score, setScore] = useState<RatingScore | null>(null)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const needsComment = score === 'unsatisfied'
  const ready = score !== null && (!needsComment || comment.trim().length >= NEGATIVE_COMMENT_MIN)
  const submit = async () => {
    if (!score || !ready || busy) return
    setBusy(true)
    setError(null)
    const res = await callAction('report', 'rate', { id, score, comment: comment.trim() || undefined })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast(score === 'unsatisfied' ? '已反馈，创城办将重新处理' : '感谢您的评价', 'success')
    onDone()
  }
  return (
    <View id='detail-rate' className='card rp-card detail-rate'>
      <View className='rp-card__title'>
        <Text className='rp-card__heading'>评价处理结果</Text>
        <Text className='rp-card__extra'>销号后 7 天内可评价</Text>
      </View>
      <View className='rate-options'>
        {RATING_SCORES.map((s) => (
          <View key={s} id={`detail-rate-${s}`} className={`rate-option${score === s ? ' is-active' : ''} rate-option--${s}`} onClick={() => setScore(s)}>
            <Text className='rate-option__glyph'>{RATING_GLYPHS[s]}</Text>
            <Text className='rate-option__label'>{RATING_LABELS[s]}</Text>
          </View>
        ))}
      </View>
      {score ? (
        <TextBox
          id='detail-rate-comment'
          value={comment}
          onChange={setComment}
          max={COMMENT_MAX}
          min={needsComment ? NEGATIVE_COMMENT_MIN : undefined}
          placeholder={needsComment ? '请说明哪里不满意（必填），创城办将重新处理' : '说说您的感受（选填）'}
        />
      ) : null}
      {error ? (
        <Text id='detail-rate-error' className='form-error'>
          {error}
        </Text>
      ) : null}
      <Button id='detail-rate-submit' className='detail-rate__submit' type='primary' block loading={busy} disabled={!ready || busy} onClick={submit}>
        提交评价
      </Button>
    </View>
  )
}

function RevisitCard({ id, onDone }: { id: string; onDone: () => void }) {
  const [answer, setAnswer] = useState<RevisitAnswer | null>(null)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const needsComment = answer === 'not_fixed'
  const ready = answer !== null && (!needsComment || comment.trim().length >= NEGATIVE_COMMENT_MIN)
  const submit = async () => {
    if (!answer || !ready || busy) return
    setBusy(true)
    setError(null)
    const res = await callAction('report', 'revisit', { id, answer, comment: comment.trim() || undefined })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast(answer === 'not_fixed' ? '已反馈，创城办将重新处理' : '感谢您的回复', 'success')
    onDone()
  }
  return (
    <View id='detail-revisit' className='card rp-card'>
      <View className='rp-card__title'>
        <Text className='rp-card__heading'>回访</Text>
        <Text className='rp-card__extra'>销号后回访</Text>
      </View>
      <Text className='rp-hint'>您反映的问题目前是否仍然解决？如问题反弹，请选择“未解决”并说明现状。</Text>
      <View className='detail-gap' />
      <Chips
        idPrefix='detail-revisit'
        options={(['fixed', 'not_fixed'] as RevisitAnswer[]).map((a) => ({ value: a, label: REVISIT_ANSWER_LABELS[a], glyph: a === 'fixed' ? '👍' : '👎' }))}
        value={answer}
        onChange={setAnswer}
      />
      {answer ? (
        <TextBox
          id='detail-revisit-comment'
          value={comment}
          onChange={setComment}
          max={COMMENT_MAX}
          min={needsComment ? NEGATIVE_COMMENT_MIN : undefined}
          placeholder={needsComment ? '请说明问题现状（必填）' : '补充说明（选填）'}
        />
      ) : null}
      {error ? <Text className='form-error'>{error}</Text> : null}
      <Button id='detail-revisit-submit' className='detail-rate__submit' type='primary' block loading={busy} disabled={!ready || busy} onClick={submit}>
        提交回访
      </Button>
    </View>
  )
}

function OwnView({ d, reload }: { d: Own; reload: () => void }) {
  const cats = useCategoryIndex()
  const cat = cats.byId[d.categoryId]
  const withUnit = isWithUnit(d.status)
  return (
    <>
      <StatusCard id={d.id} status={d.status} createdAt={d.createdAt} categoryName={cat?.name ?? '随手拍'} glyph={categoryGlyph(cat?.icon, cat?.group)} />
      {d.dispatch && withUnit ? (
        <View className='detail-block'>
          <DeadlineBadge id='detail-deadline' deadline={d.dispatch.deadline} overdue={d.overdue} escalations={d.escalations} />
        </View>
      ) : null}
      {d.resolution?.note || d.resolution?.kind === 'duplicate' ? (
        <View id='detail-resolution' className='card rp-card detail-reply'>
          <Text className='detail-reply__title'>创城办答复</Text>
          {d.resolution.note ? <Text className='detail-reply__text'>{d.resolution.note}</Text> : null}
          {d.resolution.mergedInto ? (
            <Text id='detail-original' className='report-link-inline' onClick={() => replacePage(ROUTES.reportDetail(d.resolution!.mergedInto!))}>
              查看原问题（编号 {shortId(d.resolution.mergedInto)}）›
            </Text>
          ) : null}
        </View>
      ) : null}
      {d.canRate ? <RateCard id={d.id} onDone={reload} /> : null}
      {d.canRevisit ? <RevisitCard id={d.id} onDone={reload} /> : null}
      {d.rating ? (
        <View id='detail-rating' className='card rp-card detail-rating' data-score={d.rating.score}>
          <Text className='detail-rating__glyph'>{RATING_GLYPHS[d.rating.score]}</Text>
          <View className='detail-rating__text'>
            <Text className='detail-rating__score'>您的评价：{RATING_LABELS[d.rating.score]}</Text>
            {d.rating.comment ? <Text className='detail-rating__comment'>{d.rating.comment}</Text> : null}
            <Text className='detail-rating__at'>{formatDateTime(d.rating.at)}</Text>
          </View>
        </View>
      ) : null}

      {d.rectification ? (
        <View id='detail-before-after' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>整改前后对比</Text>
            <Text className='rp-card__extra'>{formatDateTime(d.rectification.at)} 整改</Text>
          </View>
          <View className='compare'>
            <View className='compare__col'>
              <Text className='compare__label'>整改前</Text>
              <PhotoGrid photos={d.photos.slice(0, 1)} className='compare__grid' />
            </View>
            <View className='compare__col'>
              <Text className='compare__label is-after'>整改后</Text>
              <PhotoGrid photos={d.rectification.photos.slice(0, 1)} emptyText='照片审核中' className='compare__grid' />
            </View>
          </View>
          {d.rectification.note ? <Text className='detail-reply__text'>整改说明：{d.rectification.note}</Text> : null}
        </View>
      ) : null}

      <View id='detail-photos' className='card rp-card'>
        <View className='rp-card__title'>
          <Text className='rp-card__heading'>问题描述</Text>
        </View>
        <Text className='detail-desc'>{d.description}</Text>
        <PhotoGrid photos={d.photos} />
        {d.photos.some((p) => p.checked === 'pending') ? <Text className='rp-hint'>标“审核中”的照片通过内容审核后才对他人可见。</Text> : null}
      </View>

      <View id='detail-info' className='card rp-card'>
        <View className='rp-kv'>
          <Text className='rp-kv__k'>问题位置</Text>
          <Text className='rp-kv__v'>{d.location.address}</Text>
        </View>
        {d.dispatch ? (
          <View className='rp-kv'>
            <Text className='rp-kv__k'>责任单位</Text>
            <Text className='rp-kv__v'>
              {d.dispatch.unitName}
              {d.dispatch.round > 1 ? `（第 ${d.dispatch.round} 次派单）` : ''}
            </Text>
          </View>
        ) : null}
        {d.closedAt ? (
          <View className='rp-kv'>
            <Text className='rp-kv__k'>办结时间</Text>
            <Text className='rp-kv__v'>{formatDateTime(d.closedAt)}</Text>
          </View>
        ) : null}
        <View className='rp-kv'>
          <Text className='rp-kv__k'>附议</Text>
          <Text className='rp-kv__v'>{d.cosignCount > 0 ? `${d.cosignCount} 位市民也反映了这个问题` : '暂无'}</Text>
        </View>
      </View>

      <View className='card rp-card'>
        <View className='rp-card__title'>
          <Text className='rp-card__heading'>办理进度</Text>
          <Text className='rp-card__extra'>共 {d.timeline.length} 步</Text>
        </View>
        <Timeline id='detail-timeline' events={d.timeline} />
      </View>
    </>
  )
}

function PublicView({ d, reload }: { d: Public; reload: () => void }) {
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const cat = cats.byId[d.categoryId]
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const cosign = async () => {
    setBusy(true)
    const res = await callAction('report', 'cosign', { id: d.id })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    setDone(true)
    toast('已附议，感谢您的参与', 'success')
    reload()
  }
  const place = [d.place.districtId && places.district[d.place.districtId], d.place.streetId && places.street[d.place.streetId]].filter(Boolean).join(' · ')
  return (
    <>
      <StatusCard id={d.id} status={d.status} createdAt={d.createdAt} categoryName={cat?.name ?? '随手拍'} glyph={categoryGlyph(cat?.icon, cat?.group)} />
      {d.dispatch && isWithUnit(d.status) ? (
        <View className='detail-block'>
          <DeadlineBadge id='detail-deadline' deadline={d.dispatch.deadline} overdue={d.overdue} />
        </View>
      ) : null}
      {d.resolution?.mergedInto ? (
        <View id='detail-resolution' className='card rp-card detail-reply'>
          <Text className='detail-reply__title'>已合并处理</Text>
          <Text id='detail-original' className='report-link-inline' onClick={() => replacePage(ROUTES.reportDetail(d.resolution!.mergedInto!))}>
            查看原问题（编号 {shortId(d.resolution.mergedInto)}）›
          </Text>
        </View>
      ) : null}
      {d.rectification ? (
        <View id='detail-before-after' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>整改前后对比</Text>
          </View>
          <View className='compare'>
            <View className='compare__col'>
              <Text className='compare__label'>整改前</Text>
              <PhotoGrid photos={d.photos.slice(0, 1)} emptyText='照片审核中' className='compare__grid' />
            </View>
            <View className='compare__col'>
              <Text className='compare__label is-after'>整改后</Text>
              <PhotoGrid photos={d.rectification.photos.slice(0, 1)} emptyText='照片审核中' className='compare__grid' />
            </View>
          </View>
        </View>
      ) : null}
      <View id='detail-photos' className='card rp-card'>
        <View className='rp-card__title'>
          <Text className='rp-card__heading'>问题描述</Text>
        </View>
        <Text className='detail-desc'>{d.description}</Text>
        <PhotoGrid photos={d.photos} emptyText='照片审核中' />
      </View>
      <View id='detail-info' className='card rp-card'>
        <View className='rp-kv'>
          <Text className='rp-kv__k'>所在区域</Text>
          <Text className='rp-kv__v'>{place || '—'}</Text>
        </View>
        {d.dispatch ? (
          <View className='rp-kv'>
            <Text className='rp-kv__k'>责任单位</Text>
            <Text className='rp-kv__v'>{d.dispatch.unitName}</Text>
          </View>
        ) : null}
        <View className='rp-kv'>
          <Text className='rp-kv__k'>附议</Text>
          <Text className='rp-kv__v'>{d.cosignCount > 0 ? `${d.cosignCount} 人` : '暂无'}</Text>
        </View>
        {d.closedAt ? (
          <View className='rp-kv'>
            <Text className='rp-kv__k'>办结</Text>
            <Text className='rp-kv__v'>{formatDate(d.closedAt, true)}</Text>
          </View>
        ) : null}
      </View>
      {isOpenStatus(d.status) ? (
        <View className='detail-cosign'>
          <Button id='detail-cosign' type='primary' block loading={busy} disabled={busy || done} onClick={cosign}>
            {done ? '已附议' : '我也遇到了，附议'}
          </Button>
          <Text className='rp-hint detail-cosign__hint'>附议的问题创城办会合并处理、优先督办；办理进展会通知您。</Text>
        </View>
      ) : null}
    </>
  )
}

export default function ReportDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useAction('report', 'detail', { id }, [id])

  usePullDownRefresh(() => detail.reload())
  useEffect(() => {
    if (!detail.loading) Taro.stopPullDownRefresh()
  }, [detail.loading])
  useShownAgain(() => detail.reload())

  const d = detail.data
  return (
    <PageShell id='page-report-detail' className='desk-wide'>
      <View data-view={d?.view ?? ''} data-status={d?.status ?? ''} id='report-detail' className='detail'>
        {!id ? (
          <View className='card'>
            <ErrorState title='缺少问题编号' message='请从“我的随手拍”进入查看。' />
          </View>
        ) : detail.loading && !d ? (
          <View className='card'>
            <Loading text='正在加载详情…' />
          </View>
        ) : detail.error || !d ? (
          <View className='card'>
            <ErrorState id='detail-error' error={detail.error} onRetry={detail.reload} />
          </View>
        ) : d.view === 'own' ? (
          <OwnView d={d} reload={detail.reload} />
        ) : (
          <PublicView d={d} reload={detail.reload} />
        )}
      </View>
    </PageShell>
  )
}
