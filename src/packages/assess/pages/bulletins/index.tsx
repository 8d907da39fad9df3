import { Text, View } from '@tarojs/components'
import { Empty, PageShell } from '@/components'
import { callAction } from '@/services/cloud'
import { usePaged } from '@/services/hooks'
import { openPage } from '@/services/ui'
import { ROUTES_ASSESS, SCHEME_KIND_LABELS, formatDay } from '@/services/assess'
import { RoleGate } from '../../guard'
import { PagedList, usePageGestures } from '../../PagedList'
import '../../assess.scss'

function Bulletins() {
  const list = usePaged((cursor) => callAction('assess', 'bulletinList', { cursor, limit: 20 }), [])
  usePageGestures(list)
  return (
    <>
      <View className='as-title'>
        <Text className='as-title__text'>考评通报</Text>
        <Text className='as-title__sub'>创城办发布的各单位考评排名，发布后不再修改</Text>
      </View>
      <PagedList id='bulletin-list' list={list} empty={<Empty icon='📄' title='暂无考评通报' />}>
        {(b) => (
          <View key={b.id} className='as-card bulletin-row' data-id={b.id} onClick={() => openPage(ROUTES_ASSESS.bulletin(b.id))}>
            <Text className='as-muted'>考评通报{b.number}</Text>
            <Text className='as-name' style={{ display: 'block' }}>
              {b.title}
            </Text>
            <Text className='as-muted'>
              {SCHEME_KIND_LABELS[b.kind]} · {b.unitCount} 个单位 · {formatDay(b.publishedAt)} 发布
            </Text>
          </View>
        )}
      </PagedList>
    </>
  )
}

/** 考评通报 list (staff and units). Test hooks: #page-assess-bulletins, #bulletin-list .bulletin-row[data-id]. */
export default function BulletinsPage() {
  return (
    <PageShell desk id='page-assess-bulletins'>
      <RoleGate roles={['staff', 'admin', 'unit']} what='考评通报'>
        {() => <Bulletins />}
      </RoleGate>
    </PageShell>
  )
}
