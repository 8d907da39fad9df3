/**
 * 问卷管理 (staff, admin): every survey by status with its answer counts; new from the 全国文明城市创建
 * template or blank. A draft opens in the builder, a published or closed survey in its results.
 * Test hooks: #page-survey-manage, #survey-manage-tab-<all|draft|published|closed>, #survey-new-template,
 * #survey-new-blank, .manage-item (data-id, data-status, data-phase), #survey-manage-more.
 */
import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { pressable } from '@/components/keyboard'
import { callAction, type ClientEnvelope } from '@/services'
import { AUDIENCE_LABELS, PHASE_LABELS, type SurveyStatus } from '@/domain/survey/constants'
import type { SurveyListItem } from '@/domain/survey/schema'
import { useCall } from '../../components/useCall'
import { PHASE_TONE, SURVEY_ROUTES, formatDateTime, go, toast } from '../../components/util'
import '../../components/survey.scss'

type Tab = 'all' | SurveyStatus
const TABS: { value: Tab; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'closed', label: '已结束' },
]
const PAGE = 20

export default function SurveyManagePage() {
  const [tab, setTab] = useState<Tab>('all')
  const [limit, setLimit] = useState(PAGE)
  const [creating, setCreating] = useState(false)
  const list = useCall(
    (): Promise<ClientEnvelope<{ items: SurveyListItem[]; hasMore: boolean }>> =>
      callAction('survey', 'list', tab === 'all' ? { limit } : { status: tab, limit }),
    [tab, limit],
  )

  useDidShow(() => list.reload())
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading) Taro.stopPullDownRefresh()
  }, [list.loading])

  async function create(template: boolean) {
    if (creating) return
    setCreating(true)
    const res = await callAction('survey', 'create', template ? { template: 'civilized-city' } : {})
    setCreating(false)
    if (!res.ok) {
      toast(res.message)
      return
    }
    go(SURVEY_ROUTES.edit(res.data.id))
  }

  const items = list.data?.items ?? []

  return (
    <PageShell desk id='page-survey-manage' padded={false}>
      <View className='sq-page-head'>
        <Text className='sq-page-head__title'>问卷管理</Text>
        <Text className='sq-page-head__sub'>设计问卷、发布调查、查看知晓率/支持率/满意度/参与率，导出答卷，代录纸质问卷。</Text>
      </View>
      <View className='page-shell__body'>
        <View className='sq-card-plain' style={{ marginTop: '16px' }}>
          <Text className='sq-field-label'>新建问卷</Text>
          <View className='sq-actions'>
            <Text id='survey-new-template' className={`sq-btn is-primary${creating ? ' is-disabled' : ''}`} onClick={() => create(true)}>
              从“文明城市创建”模板新建
            </Text>
            <Text id='survey-new-blank' className={`sq-btn${creating ? ' is-disabled' : ''}`} onClick={() => create(false)}>
              空白问卷
            </Text>
          </View>
          <Text className='sq-note' style={{ marginTop: '8px' }}>
            模板已包含知晓、支持、分领域满意度和参与四类题目，按本地实际增删修改即可。
          </Text>
        </View>

        <View className='sq-tabs'>
          {TABS.map((t) => (
            <View
              key={t.value}
              id={`survey-manage-tab-${t.value}`}
              className={`sq-tab${tab === t.value ? ' is-active' : ''}`}
              onClick={() => {
                setTab(t.value)
                setLimit(PAGE)
              }}
            >
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>

        {list.loading && !list.data ? (
          <View className='sq-card-plain'>
            <Loading text='正在加载问卷…' />
          </View>
        ) : list.error ? (
          <View className='sq-card-plain'>
            <ErrorState error={list.error} onRetry={list.reload} />
          </View>
        ) : items.length === 0 ? (
          <View className='sq-card-plain'>
            <Empty icon='🗂️' title='还没有问卷' description='从模板新建一份，几分钟就能发布。' />
          </View>
        ) : (
          <View id='survey-manage-list'>
            {items.map((s) => (
              <View
                key={s.id}
                className='sq-survey manage-item desk-row'
                data-id={s.id}
                data-status={s.status}
                data-phase={s.phase}
                onClick={() => go(s.status === 'draft' ? SURVEY_ROUTES.edit(s.id) : SURVEY_ROUTES.results(s.id))}
                {...pressable(() => go(s.status === 'draft' ? SURVEY_ROUTES.edit(s.id) : SURVEY_ROUTES.results(s.id)))}
              >
                <View className='sq-survey__top'>
                  <Text className={`sq-tag tone-${PHASE_TONE[s.phase]}`}>{PHASE_LABELS[s.phase]}</Text>
                  <Text className='sq-tag tone-gold'>第 {s.wave} 轮</Text>
                  <Text className='sq-tag tone-grey'>{s.audience === 'district' ? `${s.districtName ?? ''}居民` : AUDIENCE_LABELS[s.audience]}</Text>
                </View>
                <Text className='sq-survey__title'>{s.title}</Text>
                <View className='sq-survey__meta'>
                  <Text>{s.questionCount} 题</Text>
                  <Text>
                    {formatDateTime(s.opensAt)} — {formatDateTime(s.closesAt)}
                  </Text>
                </View>
                <View className='sq-survey__foot'>
                  <Text className='sq-survey__count'>
                    {s.status === 'draft' ? (
                      '草稿，尚未发布'
                    ) : (
                      <>
                        <Text className='sq-survey__count-num'>{s.responses}</Text> 份有效答卷
                        {s.flagged ? `，${s.flagged} 份待复核` : ''}
                      </>
                    )}
                  </Text>
                  <Text className='sq-btn is-small is-ghost'>{s.status === 'draft' ? '继续编辑' : '查看结果'}</Text>
                </View>
              </View>
            ))}
            {list.data?.hasMore ? (
              <View id='survey-manage-more' className='sq-btn' style={{ width: '100%' }} onClick={() => setLimit((n) => Math.min(100, n + PAGE))}>
                <Text>加载更多</Text>
              </View>
            ) : null}
          </View>
        )}
      </View>
    </PageShell>
  )
}
