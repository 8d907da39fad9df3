import { useEffect, useRef } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Role } from '@/domain/core/roles'
import { ErrorState, Loading, PageShell } from '@/components'
import { Cell, CellGroup, Tag } from '@/components/nut'
import { ROLE_LABELS, ROUTES, openPage, showComingSoon, sortRoles, switchToTab, useAction, type TabPage } from '@/services'
import './index.scss'

interface MineEntry {
  key: string
  title: string
  glyph: string
  tab?: TabPage
  /** A page outside the tab bar. */
  url?: string
  /** Shown only to holders of one of these roles. */
  roles?: Role[]
}

const PERSONAL: MineEntry[] = [
  { key: 'my-reports', title: '我的随手拍', glyph: '📷', url: ROUTES.myReports },
  { key: 'my-volunteer', title: '我的志愿服务', glyph: '🤝', tab: 'volunteer' },
  { key: 'time-bank', title: '时间存折', glyph: '⏳', url: '/packages/volunteer/pages/record/index' },
  { key: 'surveys', title: '问卷调查', glyph: '📝', url: '/packages/survey/pages/list/index' },
  { key: 'bulletins', title: '整改排名通报', glyph: '📣', url: '/packages/dashboard/pages/bulletin/index' },
]

const WORKBENCH: MineEntry[] = [
  { key: 'dispatch', title: '案件受理与派单', glyph: '📋', roles: ['staff'], url: ROUTES.staffQueue },
  { key: 'overdue', title: '超期督办', glyph: '⏰', roles: ['staff', 'admin'], url: ROUTES.staffOverdue },
  { key: 'dashboard', title: '数据看板', glyph: '📈', roles: ['staff', 'admin'], url: '/packages/dashboard/pages/index/index' },
  { key: 'tasks', title: '整改任务', glyph: '🛠️', roles: ['unit'], url: ROUTES.unitTasks },
  { key: 'unit-figures', title: '本单位整改数据', glyph: '📈', roles: ['unit'], url: '/packages/dashboard/pages/unit/index' },
  { key: 'review', title: '审核与曝光', glyph: '🔍', roles: ['staff', 'admin'] },
  { key: 'volunteer-admin', title: '志愿服务管理', glyph: '🧭', roles: ['staff'], url: '/packages/volunteer-admin/pages/index/index' },
  { key: 'survey-admin', title: '问卷管理', glyph: '🗳️', roles: ['staff', 'admin'], url: '/packages/survey/pages/manage/index' },
  { key: 'assess', title: '考评管理', glyph: '📊', roles: ['staff', 'admin'], url: '/packages/assess/pages/index/index' },
  { key: 'assess-unit', title: '单位考评', glyph: '📊', roles: ['unit'], url: '/packages/assess/pages/mine/index' },
  { key: 'ledger', title: '台账导出', glyph: '📒', roles: ['staff', 'admin'], url: '/packages/ledger/pages/export/index' },
  { key: 'audit-log', title: '操作日志', glyph: '🗒️', roles: ['admin'], url: '/packages/ledger/pages/audit/index' },
  { key: 'city-admin', title: '城市设置', glyph: '🏙️', roles: ['admin'], url: '/packages/admin/pages/index/index' },
]

const ABOUT: MineEntry[] = [
  { key: 'privacy', title: '隐私与账号', glyph: '🔒', url: '/packages/privacy/pages/account/index' },
  { key: 'about', title: '关于文明同行', glyph: 'ℹ️' },
]

function EntryGroup({ id, title, entries }: { id: string; title?: string; entries: MineEntry[] }) {
  if (entries.length === 0) return null
  return (
    <View id={id} className='mine-group'>
      <CellGroup title={title}>
        {entries.map((e) => (
          <Cell
            key={e.key}
            className='mine-entry'
            id={`mine-entry-${e.key}`}
            clickable
            title={
              <View className='mine-entry__title'>
                <Text className='mine-entry__glyph'>{e.glyph}</Text>
                <Text>{e.title}</Text>
              </View>
            }
            extra={<Text className='mine-entry__arrow'>›</Text>}
            onClick={() => (e.tab ? switchToTab(e.tab) : e.url ? openPage(e.url) : showComingSoon(e.title))}
          />
        ))}
      </CellGroup>
    </View>
  )
}

export default function MinePage() {
  const me = useAction('user', 'me', {})

  const refreshing = useRef(false)
  usePullDownRefresh(() => {
    refreshing.current = true
    me.reload()
  })
  useEffect(() => {
    if (refreshing.current && !me.loading) {
      refreshing.current = false
      Taro.stopPullDownRefresh()
    }
  }, [me.loading])

  const roles = sortRoles(me.data?.roles ?? [])
  const workbench = WORKBENCH.filter((e) => e.roles?.some((r) => roles.includes(r)))

  return (
    <PageShell id='page-mine' padded={false}>
      <View className='mine-hero'>
        {me.loading && !me.data ? (
          <Loading compact text='正在获取个人信息…' className='mine-hero__loading' />
        ) : me.error || !me.data ? (
          <View className='mine-hero__error card'>
            <ErrorState compact error={me.error} onRetry={me.reload} />
          </View>
        ) : (
          <View id='mine-profile' className='mine-profile'>
            <View className='mine-avatar'>
              <Text>{me.data.nickname.slice(0, 1)}</Text>
            </View>
            <View className='mine-profile__text'>
              <Text id='mine-nickname' className='mine-nickname'>
                {me.data.nickname}
              </Text>
              <View id='mine-roles' className='mine-roles'>
                {roles.map((role) => (
                  <Tag
                    key={role}
                    className={`role-badge role-badge--${role}`}
                    data-role={role}
                    round
                    background={role === 'resident' ? 'rgba(255,255,255,0.2)' : '#FFE2AA'}
                    color={role === 'resident' ? '#FFFFFF' : '#8A1A10'}
                  >
                    {ROLE_LABELS[role]}
                  </Tag>
                ))}
              </View>
              {me.data.unit ? (
                <Text id='mine-unit' className='mine-unit'>
                  所属单位：{me.data.unit.name}
                </Text>
              ) : null}
            </View>
          </View>
        )}
      </View>

      <View className='page-shell__body mine-body'>
        {me.data ? <EntryGroup id='mine-workbench' title='工作台' entries={workbench} /> : null}
        <EntryGroup id='mine-personal' title='我的参与' entries={PERSONAL} />
        <EntryGroup id='mine-about' entries={ABOUT} />
        <View className='mine-footer'>
          <Text>文明同行 · 全国文明城市创建市民参与平台</Text>
        </View>
      </View>
    </PageShell>
  )
}
