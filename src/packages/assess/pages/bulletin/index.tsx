import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { useAction } from '@/services/useAction'
import { SCHEME_KIND_LABELS, formatDay, formatScore } from '@/services/assess'
import { RoleGate } from '../../guard'
import '../../assess.scss'

function Bulletin({ id, ownUnit }: { id: string; ownUnit: string | null }) {
  const res = useAction('assess', 'bulletinDetail', { id }, [id])
  if (res.loading && !res.data) return <Loading />
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />
  const b = res.data
  return (
    <View id='bulletin-detail' data-no={b.no}>
      <View className='as-title' style={{ textAlign: 'center' }}>
        <Text className='as-muted' id='bulletin-number'>
          考评通报{b.number}
        </Text>
        <Text className='as-title__text'>{b.title}结果通报</Text>
        <Text className='as-title__sub'>
          {SCHEME_KIND_LABELS[b.kind]} · {b.periodLabel} · {b.publishedBy.name} {formatDay(b.publishedAt)} 发布
        </Text>
      </View>
      {b.summary ? (
        <View className='as-card'>
          <Text className='as-body' id='bulletin-summary'>
            {b.summary}
          </Text>
        </View>
      ) : null}
      <View className='as-card as-table' id='bulletin-rows'>
        <View className='as-table__row as-table__head'>
          <Text className='as-table__rank'>名次</Text>
          <Text className='as-table__unit'>单位</Text>
          {b.groups.map((g) => (
            <Text key={g.group} className='as-table__num'>
              {g.group}
              {'\n'}({formatScore(g.points)})
            </Text>
          ))}
          <Text className='as-table__total'>总分({formatScore(b.totalPoints)})</Text>
        </View>
        {b.rows.map((r) => (
          <View
            key={r.unit.id}
            className={`as-table__row bulletin-unit${r.unit.id === ownUnit ? ' is-own' : ''}`}
            data-unit={r.unit.id}
            data-rank={r.rank}
            data-total={r.total}
            style={r.unit.id === ownUnit ? { background: '#fbeaea' } : undefined}
          >
            <Text className='as-table__rank'>{r.rank}</Text>
            <Text className='as-table__unit'>{r.unit.name}</Text>
            {r.groups.map((g) => (
              <Text key={g.group} className='as-table__num'>
                {formatScore(g.score)}
              </Text>
            ))}
            <Text className='as-table__total'>{formatScore(r.total)}</Text>
          </View>
        ))}
      </View>
      <Text className='as-muted'>本通报发布后不再修改；如有更正，以创城办另行发布的通报为准。</Text>
    </View>
  )
}

/** One 考评通报. Test hooks: #page-assess-bulletin, #bulletin-detail[data-no], #bulletin-number, #bulletin-rows .bulletin-unit[data-unit][data-rank][data-total]. */
export default function BulletinPage() {
  const { params } = useRouter()
  return (
    <PageShell desk id='page-assess-bulletin'>
      <RoleGate roles={['staff', 'admin', 'unit']} what='考评通报'>
        {(me) => <Bulletin id={params.id ?? ''} ownUnit={me.unitId} />}
      </RoleGate>
    </PageShell>
  )
}
