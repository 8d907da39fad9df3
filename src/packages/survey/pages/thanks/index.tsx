/**
 * 提交成功: thanks, and — where staff allow it — the current results (overall rates and the choice
 * questions' charts; never the free text).
 * Test hooks: #page-survey-thanks, #survey-thanks, #survey-public-results, .sq-rate, .sq-bars,
 * #survey-thanks-back.
 */
import { Text, View } from '@tarojs/components'
import { Loading, PageShell } from '@/components'
import { callAction, switchToTab } from '@/services'
import { OptionBars, RateCard } from '../../components/Charts'
import { useCall } from '../../components/useCall'
import { SURVEY_ROUTES, replaceWith, routeParam } from '../../components/util'
import '../../components/survey.scss'

export default function SurveyThanksPage() {
  const id = routeParam('id')
  const results = useCall(() => callAction('survey', 'publicResults', { id }), [id])
  const data = results.data

  return (
    <PageShell id='page-survey-thanks'>
      <View id='survey-thanks' className='sq-card-plain' style={{ marginTop: '16px' }}>
        <View className='sq-thanks'>
          <View className='sq-thanks__badge'>
            <Text>✓</Text>
          </View>
          <Text className='sq-thanks__title'>提交成功，感谢您的参与！</Text>
          <Text className='sq-thanks__text'>您的意见已经送达创城办。我们会认真研究每一条意见建议，持续改进城市管理和服务。</Text>
          <View className='sq-actions' style={{ marginTop: '18px', justifyContent: 'center' }}>
            <Text id='survey-thanks-back' className='sq-btn is-ghost' onClick={() => replaceWith(SURVEY_ROUTES.list)}>
              返回问卷列表
            </Text>
            <Text className='sq-btn' onClick={() => switchToTab('home')}>
              回到首页
            </Text>
          </View>
        </View>
      </View>

      {results.loading && !data ? (
        <Loading compact text='正在加载当前结果…' />
      ) : data ? (
        <View id='survey-public-results'>
          <View className='sq-section-title'>
            <Text className='sq-section-title__text'>当前结果</Text>
            <Text className='sq-section-title__extra'>已有 {data.responses} 份有效答卷</Text>
          </View>
          {data.metrics.length ? (
            <View className='sq-rates'>
              {data.metrics.map((m) => (
                <RateCard key={m.metric} metric={m} />
              ))}
            </View>
          ) : null}
          {data.questions.map((q, i) => (
            <View key={q.id} className='sq-card-plain' style={{ marginTop: i === 0 ? '12px' : undefined }}>
              <Text className='sq-title' style={{ marginBottom: '12px' }}>
                {q.title}
              </Text>
              <OptionBars question={q} />
              <Text className='sq-note' style={{ marginTop: '8px' }}>
                {q.answered} 人作答{q.conditional ? '（仅对部分受访者显示）' : ''}
              </Text>
            </View>
          ))}
          <Text className='sq-note' style={{ textAlign: 'center', padding: '8px 0 16px' }}>
            结果实时更新，以问卷结束后的正式统计为准
          </Text>
        </View>
      ) : null}
    </PageShell>
  )
}
