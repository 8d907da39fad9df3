import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageHeader, PageShell } from '@/components'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

const TOOLS = [
  { key: 'users', glyph: '👥', title: '用户与角色', desc: '授予或取消创城办、责任单位、管理员角色，绑定单位', url: '/packages/admin/pages/users/index' },
  { key: 'units', glyph: '🏢', title: '责任单位', desc: '单位名称、类型、辖区、联系人与经办人，停用', url: '/packages/admin/pages/units/index' },
  { key: 'grids', glyph: '🗺️', title: '网格与包保', desc: '街道、网格、微网格的范围与包保单位', url: '/packages/admin/pages/grids/index' },
  { key: 'categories', glyph: '🏷️', title: '问题分类', desc: '图标、默认整改时限、默认单位类型、启用与排序', url: '/packages/admin/pages/categories/index' },
]

/** 城市设置. Test hooks: #page-admin, #admin-tool-<key>. */
export default function AdminHome() {
  return (
    <PageShell id='page-admin' desk>
      <AdminOnly>
        <PageHeader title='城市设置' subtitle='修改只影响新的随手拍与派单，已派出的记录保留原单位与时限' />
        <View className='cfg-hub'>
          {TOOLS.map((t) => (
            <View key={t.key} id={`admin-tool-${t.key}`} className='cfg-hub__item' onClick={() => Taro.navigateTo({ url: t.url })}>
              <Text className='cfg-hub__glyph'>{t.glyph}</Text>
              <Text className='cfg-hub__title'>{t.title}</Text>
              <Text className='cfg-hub__desc'>{t.desc}</Text>
            </View>
          ))}
        </View>
      </AdminOnly>
    </PageShell>
  )
}
