/**
 * 问卷调查 (resident): the open surveys meant for me — 待填写 first, then those I answered — and, for staff,
 * the way into 问卷管理.
 * Test hooks: #page-survey-list, #survey-list, .survey-item (data-id, data-answered), #survey-manage-entry,
 * #survey-list-empty.
 */
import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { useAction } from '@/services'
import { AUDIENCE_LABELS } from '@/domain/survey/constants'
import type { OpenSurveyItem } from '@/domain/survey/schema'
import { SURVEY_ROUTES, formatDateTime, go, remaining } from '../../components/util'
import '../../components/survey.scss'

function audience(s: OpenSurveyItem): string {
  return s.audience === 'district' ? `${s.districtName ?? ''}居民` : AUDIENCE_LABELS[s.audience]
}

export default function SurveyListPage() {
  const list = useAction('survey', 'listOpen', {})
  const me = useAction('user', 'me', {})
  const isStaff = !!me.data?.roles.some((r) => r === 'staff' || r === 'admin')

  useDidShow(() => list.reload())
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading) Taro.stopPullDownRefresh()
  }, [list.loading])

  const items = list.data?.items ?? []
  const todo = items.filter((s) => !s.answered).length

  return (
    <PageShell id='page-survey-list' padded={false}>
      <View className='sq-page-head'>
        <Text className='sq-page-head__title'>问卷调查</Text>
        <Text className='sq-page-head__sub'>您的每一条意见，都是城市变得更好的理由。问卷结果将用于改进全国文明城市创建工作。</Text>
        {list.data ? (
          <View className='sq-page-head__meta'>
            <Text className='sq-chip'>{todo > 0 ? `${todo} 份待填写` : '暂无待填写问卷'}</Text>
            {list.data.profile.districtName ? <Text className='sq-chip'>所在辖区：{list.data.profile.districtName}</Text> : null}
          </View>
        ) : null}
      </View>

      <View className='page-shell__body'>
        {isStaff ? (
          <View id='survey-manage-entry' className='sq-banner tone-blue' onClick={() => go(SURVEY_ROUTES.manage)}>
            <Text className='sq-banner__icon'>🗂️</Text>
            <Text style={{ flex: 1 }}>创城办工作人员：进入问卷管理，新建问卷、查看统计结果、代录纸质问卷</Text>
            <Text>›</Text>
          </View>
        ) : null}

        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>进行中的问卷</Text>
          {items.length ? <Text className='sq-section-title__extra'>共 {items.length} 份</Text> : null}
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
            <Empty id='survey-list-empty' icon='📝' title='暂时没有进行中的问卷' description='新的问卷发布后会出现在这里，欢迎随时回来看看。' />
          </View>
        ) : (
          <View id='survey-list'>
            {items.map((s) => (
              <View
                key={s.id}
                className={`sq-survey survey-item${s.answered ? ' is-done' : ''}`}
                data-id={s.id}
                data-answered={s.answered ? '1' : '0'}
                onClick={() => go(s.answered && s.showResults ? SURVEY_ROUTES.thanks(s.id) : SURVEY_ROUTES.answer(s.id))}
              >
                {s.answered ? <Text className='sq-survey__stamp'>已填写</Text> : null}
                <View className='sq-survey__top'>
                  <Text className='sq-tag tone-red'>{audience(s)}</Text>
                  {s.wave > 1 ? <Text className='sq-tag tone-gold'>第 {s.wave} 轮</Text> : null}
                  {s.anonymous ? <Text className='sq-tag tone-grey'>匿名</Text> : null}
                </View>
                <Text className='sq-survey__title'>{s.title}</Text>
                {s.intro ? <Text className='sq-survey__intro'>{s.intro}</Text> : null}
                <View className='sq-survey__meta'>
                  <Text>共 {s.questionCount} 题</Text>
                  <Text>截止 {formatDateTime(s.closesAt)}</Text>
                  <Text>{remaining(s.closesAt)}</Text>
                </View>
                <View className='sq-survey__foot'>
                  <Text className='sq-survey__count'>{s.answered ? '感谢您的参与' : '约需 3 分钟'}</Text>
                  <Text className={`sq-btn is-small ${s.answered ? 'is-ghost' : 'is-primary'}`}>
                    {s.answered ? (s.showResults ? '查看结果' : '已提交') : '立即填写'}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        )}

        <View className='sq-card-plain' style={{ marginTop: '8px' }}>
          <Text className='sq-field-label'>关于问卷调查</Text>
          <Text className='sq-note'>· 问卷由市创建全国文明城市工作指挥部办公室（创城办）发布，结果用于改进城市管理和服务。</Text>
          <Text className='sq-note'>· 标注“匿名”的问卷不记录填写人身份；每人每份问卷只能提交一次。</Text>
          <Text className='sq-note'>· 填写中途离开，答案会保存在手机上，回来可以接着填。</Text>
        </View>
      </View>
    </PageShell>
  )
}
