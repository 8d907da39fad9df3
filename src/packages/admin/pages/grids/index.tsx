import { useEffect, useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { ToneTag } from '@/components/volunteer/Notice'
import { useAction } from '@/services/useAction'
import { useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import { GRID_KIND_LABELS } from '../../constants'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

const EDIT = '/packages/admin/pages/grid-edit/index'

function Grids() {
  const districts = useAction('city', 'listDistricts', {})
  const [districtId, setDistrictId] = useState<string | null>(null)
  const streets = useAction('city', 'listStreets', districtId ? { districtId } : {}, [districtId])
  const [streetId, setStreetId] = useState<string | null>(null)
  const list = useOffsetList('city', 'listGrids', streetId ? { streetId } : { districtId: districtId ?? undefined }, [streetId, districtId], 50)
  useReachBottom(() => list.loadMore())
  useOnShowAgain(() => list.reload())

  useEffect(() => {
    if (!districtId && districts.data?.items[0]) setDistrictId(districts.data.items[0].id)
  }, [districts.data, districtId])

  if (districts.loading && !districts.data) return <Loading />
  if (districts.error) return <ErrorState error={districts.error} onRetry={districts.reload} />
  return (
    <>
      <ChoiceChips idPrefix='grid-district' row options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} value={districtId} onChange={(v) => (setDistrictId(v), setStreetId(null))} />
      <ChoiceChips idPrefix='grid-street' row allowClear options={(streets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} value={streetId} onChange={setStreetId} />
      <View className='cfg-bar'>
        <Text className='vol-muted'>点网格修改范围与包保单位；新的随手拍按新范围定位、按新包保单位推荐派单</Text>
        <View className='vol-spacer' />
        <Button id='grid-add' size='small' type='primary' disabled={!streetId} onClick={() => Taro.navigateTo({ url: `${EDIT}?streetId=${streetId}` })}>
          {streetId ? '新增网格' : '先选街道再新增'}
        </Button>
      </View>
      <View id='grid-list' className='cfg-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🗺️' title='这里还没有网格' />
        ) : (
          list.items.map((g) => (
            <View key={g.id} className='cfg-row grid-row' data-id={g.id} data-unit={g.unit?.id ?? ''} onClick={() => Taro.navigateTo({ url: `${EDIT}?id=${g.id}` })}>
              <View className='cfg-row__head'>
                <Text className='cfg-row__title'>{g.name}</Text>
                <ToneTag tone={g.kind === 'grid' ? 'blue' : 'grey'}>{GRID_KIND_LABELS[g.kind]}</ToneTag>
              </View>
              <Text className='cfg-row__meta grid-row__unit'>
                包保单位：{g.unit?.name ?? '未设置'} · {g.area.type === 'circle' ? `圆形 半径 ${g.area.radius} 米` : `多边形 ${g.area.points.length} 个顶点`}
              </Text>
            </View>
          ))
        )}
      </View>
      {list.hasMore ? (
        <View className='cfg-more' onClick={list.loadMore}>
          <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}
    </>
  )
}

/** 网格与包保. Test hooks: #page-admin-grids, #grid-district-<id>, #grid-street-<id>, #grid-add, #grid-list .grid-row[data-id][data-unit]. */
export default function GridsPage() {
  return (
    <PageShell id='page-admin-grids' desk>
      <AdminOnly>
        <Grids />
      </AdminOnly>
    </PageShell>
  )
}
