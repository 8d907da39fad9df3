/**
 * 红黑榜, one issue in full (the latest unless `?id=`): 红榜 entries with why and the figures behind them,
 * 黑榜 entries with the requirement, the deadline and — read live from their 随手拍 — where the rectification
 * stands now, then the corrections and follow-ups appended since publication, each with its date. The
 * published text itself never changes.
 *
 * Test hooks: #page-honor (data-no, data-id), #honor-title, #honor-period, #honor-red (.hb-entry data-key),
 * #honor-black (.hb-entry data-key, .hb-progress data-state), #honor-notes (.hb-note data-kind), #honor-prev,
 * #honor-next, #honor-archive, #honor-empty.
 */
import { useEffect, useMemo } from 'react'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { StatusTag } from '@/components/report'
import {
  BLACK_STATUS_LABELS,
  BLACK_STATUS_TONES,
  BOARD_ROUTES,
  NOTE_KIND_LABELS,
  SUBJECT_TYPE_LABELS,
  formatDay,
  type BlackPublic,
  type IssuePublic,
  type RedPublic,
} from '@/services/board'
import { useTempUrls } from '@/services/hooks'
import { openPage, replacePage } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { Photos, photoIds } from '../../components/Photos'
import '@/components/board/board.scss'
import '@/components/report/report.scss'
import '../../components/board.scss'

function RedItem({ e, i, urls }: { e: RedPublic; i: number; urls: Record<string, string> }) {
  return (
    <View className='hb-entry' data-key={e.key}>
      <Text className='hb-entry__no'>{i + 1}</Text>
      <View className='hb-entry__main'>
        <View className='hb-entry__head'>
          <Text className='hb-entry__name'>{e.name}</Text>
          <Text className='hb-entry__type'>{SUBJECT_TYPE_LABELS[e.subjectType]}</Text>
        </View>
        <Text className='hb-entry__text'>{e.reason}</Text>
        {e.basis ? <Text className='hb-entry__basis'>数据依据：{e.basis.summary}</Text> : null}
        {e.photo ? (
          <View className='hb-entry__photo'>
            <Photos photos={[e.photo]} urls={urls} single />
          </View>
        ) : null}
      </View>
    </View>
  )
}

function BlackItem({ e, i, urls, notes }: { e: BlackPublic; i: number; urls: Record<string, string>; notes: IssuePublic['notes'] }) {
  const p = e.progress
  const followups = notes.filter((n) => n.entryKey === e.key)
  return (
    <View className='hb-entry' data-key={e.key}>
      <Text className='hb-entry__no'>{i + 1}</Text>
      <View className='hb-entry__main'>
        <View className='hb-entry__head'>
          <Text className='hb-entry__name'>{e.name}</Text>
          <Text className='hb-entry__type'>{SUBJECT_TYPE_LABELS[e.subjectType]}</Text>
        </View>
        <Text className='hb-entry__label'>存在问题</Text>
        <Text className='hb-entry__text'>{e.problem}</Text>
        <Text className='hb-entry__label'>整改要求（{formatDay(e.deadline)}前）</Text>
        <Text className='hb-entry__text'>{e.requirement}</Text>
        {e.basis ? <Text className='hb-entry__basis'>数据依据：{e.basis.summary}</Text> : null}
        {e.photo ? (
          <View className='hb-entry__photo'>
            <Photos photos={[e.photo]} urls={urls} single />
          </View>
        ) : null}
        <View className='hb-progress' data-state={p.state}>
          <Text className={`exp-badge tone-${BLACK_STATUS_TONES[p.state]}`}>{BLACK_STATUS_LABELS[p.state]}</Text>
          <Text>
            {p.state === 'fixed' && p.fixedAt ? `${formatDay(p.fixedAt)}整改到位` : '当前整改状态'}
            {p.total ? ` · 关联随手拍 ${p.total} 件，已办结 ${p.fixed} 件` : ''}
          </Text>
          {e.reports.length ? e.reports.slice(0, 4).map((r) => <StatusTag key={r.id} status={r.status} />) : null}
        </View>
        {followups.length ? <Text className='bd-muted'>跟进：{followups[followups.length - 1].text}</Text> : null}
      </View>
    </View>
  )
}

export default function HonorPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  const res = useAction('board', 'issueDetail', id ? { id } : {}, [id])
  const issue = res.data?.issue ?? null
  usePullDownRefresh(() => res.reload())
  useEffect(() => {
    if (!res.loading) Taro.stopPullDownRefresh()
  }, [res.loading])
  const ids = useMemo(
    () => (issue ? [...issue.red, ...issue.black].flatMap((e) => (e.photo ? photoIds([e.photo]) : [])) : []),
    [issue],
  )
  const { urls } = useTempUrls(ids)
  useShareAppMessage(() => ({
    title: issue ? `${issue.title}（${issue.period.label}）` : '红黑榜',
    path: BOARD_ROUTES.honor(issue?.id),
  }))

  if (res.loading && !res.data) return <PageShell id='page-honor'><Loading text='正在加载红黑榜…' /></PageShell>
  if (res.error) return <PageShell id='page-honor'><ErrorState error={res.error} onRetry={res.reload} /></PageShell>
  if (!issue)
    return (
      <PageShell id='page-honor'>
        <Empty id='honor-empty' icon='🏆' title='红黑榜尚未发布' description='创城办发布的红黑榜会显示在这里，敬请关注。' />
      </PageShell>
    )

  const series = issue.title.replace(/\s*第\d+期$/, '')
  return (
    <PageShell id='page-honor' padded={false}>
      <View className='hb-poster' data-no={issue.no} data-id={issue.id}>
        <Text className='hb-poster__series'>{series}</Text>
        <Text id='honor-title' className='hb-poster__title'>
          红 黑 榜
        </Text>
        <Text className='hb-poster__no'>第 {issue.no} 期</Text>
        <Text id='honor-period' className='hb-poster__period'>
          {issue.period.label} · {formatDay(issue.publishedAt, true)}发布
        </Text>
      </View>
      <View className='page-shell__body hb-body'>
        {issue.intro ? (
          <View className='card hb-intro'>
            <Text className='bd-paragraph'>{issue.intro}</Text>
          </View>
        ) : null}

        <View className='hb-band is-red'>
          <Text>🏆 红 榜</Text>
          <Text className='hb-band__count'>表扬 {issue.red.length} 个</Text>
        </View>
        <View id='honor-red' className='hb-entries is-red'>
          {issue.red.length ? issue.red.map((e, i) => <RedItem key={e.key} e={e} i={i} urls={urls} />) : <View className='hb-entry'><Text className='bd-muted'>本期无红榜</Text></View>}
        </View>

        <View className='hb-band is-black'>
          <Text>⚠️ 黑 榜</Text>
          <Text className='hb-band__count'>曝光 {issue.black.length} 个</Text>
        </View>
        <View id='honor-black' className='hb-entries is-black'>
          {issue.black.length ? issue.black.map((e, i) => <BlackItem key={e.key} e={e} i={i} urls={urls} notes={issue.notes} />) : <View className='hb-entry'><Text className='bd-muted'>本期无黑榜</Text></View>}
        </View>

        {issue.notes.length ? (
          <View id='honor-notes' className='card hb-notes'>
            <View className='bd-section__title'>
              <Text>更正与跟进</Text>
              <Text className='bd-section__extra'>发布后追加，原文不变</Text>
            </View>
            {issue.notes.map((n, i) => (
              <View key={i} className={`hb-note${n.kind === 'followup' ? ' is-followup' : ''}`} data-kind={n.kind}>
                <View className='hb-note__head'>
                  <Text className='hb-note__kind'>{NOTE_KIND_LABELS[n.kind]}</Text>
                  <Text>{formatDay(n.at, true)}</Text>
                  {n.fixed ? <Text className='exp-badge tone-green'>已整改</Text> : null}
                </View>
                <Text className='bd-paragraph'>{n.text}</Text>
              </View>
            ))}
          </View>
        ) : null}

        <View className='hb-nav'>
          <Text id='honor-prev' className={`hb-nav__btn${issue.prevId ? '' : ' is-disabled'}`} onClick={() => issue.prevId && replacePage(BOARD_ROUTES.honor(issue.prevId))}>
            ‹ 上一期
          </Text>
          <Text id='honor-archive' className='hb-nav__btn is-primary' onClick={() => openPage(BOARD_ROUTES.archive)}>
            往期回顾
          </Text>
          <Text id='honor-next' className={`hb-nav__btn${issue.nextId ? '' : ' is-disabled'}`} onClick={() => issue.nextId && replacePage(BOARD_ROUTES.honor(issue.nextId))}>
            下一期 ›
          </Text>
        </View>
        <Text className='hb-footer'>示范市创建全国文明城市工作指挥部办公室</Text>
      </View>
    </PageShell>
  )
}
