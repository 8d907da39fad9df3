import { Text, View } from '@tarojs/components'
import { Empty, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ToneTag } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { usePaged, useShownAgain } from '@/services/hooks'
import { openPage } from '@/services/ui'
import { ROUTES_ASSESS, SCHEME_KIND_LABELS, SCHEME_STATUS_LABELS, formatScore } from '@/services/assess'
import { RoleGate } from '../../guard'
import { PagedList, usePageGestures } from '../../PagedList'
import '../../assess.scss'

function MyCards() {
  const list = usePaged((cursor) => callAction('assess', 'myCards', { cursor, limit: 10 }), [])
  usePageGestures(list)
  useShownAgain(list.reload)
  return (
    <>
      <View className='as-title as-row'>
        <View>
          <Text className='as-title__text'>单位考评</Text>
          <Text className='as-title__sub'>上传考评材料，查看得分、名次和考评通报</Text>
        </View>
        <View className='as-spacer' />
        <Button size='small' fill='outline' type='default' id='open-bulletins' onClick={() => openPage(ROUTES_ASSESS.bulletins)}>
          考评通报
        </Button>
      </View>
      <PagedList id='my-cards' list={list} empty={<Empty icon='📊' title='暂无考评' description='创城办启动考评后，本单位的考评表会出现在这里' />}>
        {(c) => (
          <View key={c.scheme.id} className='as-card my-card' data-scheme={c.scheme.id} data-total={c.total} data-rank={c.rank} onClick={() => openPage(ROUTES_ASSESS.card(c.scheme.id))}>
            <View className='as-row'>
              <Text className='as-name'>{c.scheme.title}</Text>
              <View className='as-spacer' />
              <ToneTag tone={c.scheme.status === 'open' ? 'orange' : 'green'}>{SCHEME_STATUS_LABELS[c.scheme.status]}</ToneTag>
            </View>
            <Text className='as-muted'>
              {SCHEME_KIND_LABELS[c.scheme.kind]} · {c.scheme.period.label}
            </Text>
            <View className='as-row' style={{ marginTop: 8 }}>
              <Text className='as-score'>{formatScore(c.total)}</Text>
              <Text className='as-score__of'>/{formatScore(c.scheme.totalPoints)} 分</Text>
              <View className='as-spacer' />
              <Text className='as-body'>
                第 {c.rank} 名 / 共 {c.of} 个单位
              </Text>
            </View>
            {c.scheme.status === 'open' && (c.todo || c.returned || c.pending) ? (
              <Text className='as-muted'>
                {[c.todo ? `${c.todo} 项材料待上传` : '', c.returned ? `${c.returned} 项退回补充` : '', c.pending ? `${c.pending} 项审核中` : ''].filter(Boolean).join(' · ')}
              </Text>
            ) : null}
          </View>
        )}
      </PagedList>
    </>
  )
}

/** 单位考评 (unit handlers): their unit's 考评表 per scheme. Test hooks: #page-assess-mine, #my-cards .my-card[data-scheme][data-total][data-rank]. */
export default function MinePage() {
  return (
    <PageShell desk id='page-assess-mine'>
      <RoleGate roles={['unit']} what='单位考评'>
        {() => <MyCards />}
      </RoleGate>
    </PageShell>
  )
}
