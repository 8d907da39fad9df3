import { useEffect, useMemo, useRef } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Category } from '@/domain/city/category'
import { Empty, ErrorState, Loading, PageShell, Section, categoryGlyph, groupGlyph } from '@/components'
import { ROUTES, openPage, showComingSoon, switchToTab, useAction, type TabPage } from '@/services'
import { setPreselectedCategory } from '@/services/draft'
import { BOARD_ROUTES } from '@/services/board'
import './index.scss'

interface Entry {
  key: string
  label: string
  hint: string
  glyph: string
  tone: 'red' | 'gold' | 'blue' | 'green' | 'orange' | 'purple'
  tab?: TabPage
  /** A page outside the tab bar. */
  url?: string
}

const ENTRIES: Entry[] = [
  { key: 'report', label: '随手拍', hint: '发现问题随手报', glyph: '📷', tone: 'red', tab: 'report' },
  { key: 'ranking', label: '红黑榜', hint: '文明单位点评', glyph: '🏆', tone: 'gold', url: BOARD_ROUTES.honor() },
  { key: 'exposure', label: '曝光台', hint: '不文明行为曝光', glyph: '📢', tone: 'orange', tab: 'exposure' },
  { key: 'survey', label: '问卷调查', hint: '市民满意度测评', glyph: '📝', tone: 'blue', url: '/packages/survey/pages/list/index' },
  { key: 'volunteer', label: '志愿活动', hint: '报名参与服务', glyph: '🤝', tone: 'green', tab: 'volunteer' },
  { key: 'my-reports', label: '我的随手拍', hint: '查看办理进度', glyph: '🗂️', tone: 'purple', url: ROUTES.myReports },
]

interface CategoryGroup {
  name: string
  items: Category[]
}

function groupCategories(items: Category[]): CategoryGroup[] {
  const groups = new Map<string, Category[]>()
  for (const c of [...items].filter((c) => c.active !== false).sort((a, b) => a.order - b.order)) {
    const list = groups.get(c.group) ?? []
    list.push(c)
    groups.set(c.group, list)
  }
  return Array.from(groups, ([name, list]) => ({ name, items: list }))
}

export default function HomePage() {
  const me = useAction('user', 'me', {})
  const categories = useAction('city', 'listCategories', {})
  const groups = useMemo(() => groupCategories(categories.data?.items ?? []), [categories.data])

  // Pull-to-refresh: reload both, stop the spinner when both settle.
  const refreshing = useRef(false)
  usePullDownRefresh(() => {
    refreshing.current = true
    me.reload()
    categories.reload()
  })
  useEffect(() => {
    if (refreshing.current && !me.loading && !categories.loading) {
      refreshing.current = false
      Taro.stopPullDownRefresh()
    }
  }, [me.loading, categories.loading])

  const openEntry = (entry: Entry) => {
    if (entry.tab) switchToTab(entry.tab)
    else if (entry.url) openPage(entry.url)
    else showComingSoon(entry.label)
  }

  const nickname = me.data?.nickname
  return (
    <PageShell id='page-home' padded={false}>
      <View className='home-hero'>
        <View className='home-hero__brand'>
          <Text id='home-title' className='home-hero__title'>
            文明同行
          </Text>
          <Text className='home-hero__tagline'>共建全国文明城市 · 人人参与 人人共享</Text>
        </View>
        <View className='home-hero__mark'>
          <Text>文明</Text>
        </View>
      </View>

      <View className='page-shell__body home-body'>
        <View className='card home-greeting-card'>
          <View className='home-avatar'>
            <Text>{nickname ? nickname.slice(0, 1) : '文'}</Text>
          </View>
          <View className='home-greeting-card__text'>
            <Text
              id='home-greeting'
              className={`home-greeting${me.loading && !me.data ? ' is-loading' : ''}`}
              data-state={me.data ? 'ready' : me.error ? 'error' : 'loading'}
            >
              {nickname ? `你好，${nickname}` : me.error ? '你好，市民朋友' : '你好…'}
            </Text>
            {me.error && !me.data ? (
              <Text className='home-greeting__sub home-greeting-retry' onClick={me.reload}>
                未能获取身份信息，点此重试
              </Text>
            ) : (
              <Text className='home-greeting__sub'>感谢您为城市文明出一份力</Text>
            )}
          </View>
        </View>

        <View id='home-entries' className='card home-entries'>
          {ENTRIES.map((entry) => (
            <View
              key={entry.key}
              id={`home-entry-${entry.key}`}
              className='home-entry'
              data-entry={entry.key}
              onClick={() => openEntry(entry)}
            >
              <View className={`home-entry__icon tone-${entry.tone}`}>
                <Text>{entry.glyph}</Text>
              </View>
              <Text className='home-entry__label'>{entry.label}</Text>
              <Text className='home-entry__hint'>{entry.hint}</Text>
            </View>
          ))}
        </View>

        <Section
          id='home-categories'
          title='常见问题分类'
          extra={groups.length > 0 ? <Text>共 {groups.reduce((n, g) => n + g.items.length, 0)} 类</Text> : null}
        >
          {categories.loading && !categories.data ? (
            <View className='card'>
              <Loading compact text='正在加载问题分类…' />
            </View>
          ) : categories.error ? (
            <View className='card'>
              <ErrorState compact error={categories.error} onRetry={categories.reload} />
            </View>
          ) : groups.length === 0 ? (
            <View className='card'>
              <Empty
                compact
                icon='🗂️'
                title='暂无问题分类'
                description='创城办还没有配置随手拍问题分类，稍后再来看看吧。'
              />
            </View>
          ) : (
            groups.map((group) => (
              <View key={group.name} className='card category-group' data-group={group.name}>
                <View className='category-group__head'>
                  <Text className='category-group__glyph'>{groupGlyph(group.name)}</Text>
                  <Text className='category-group__title'>{group.name}</Text>
                  <Text className='category-group__count'>{group.items.length} 类</Text>
                </View>
                <View className='category-list'>
                  {group.items.map((c) => (
                    <View
                      key={c.id}
                      id={`category-${c.id}`}
                      className='category-item'
                      data-id={c.id}
                      onClick={() => {
                        setPreselectedCategory(c.id)
                        switchToTab('report')
                      }}
                    >
                      <View className='category-icon'>
                        <Text>{categoryGlyph(c.icon, c.group)}</Text>
                      </View>
                      <View className='category-item__text'>
                        <Text className='category-name'>{c.name}</Text>
                        <Text className='category-deadline'>整改时限 {c.deadlineDays} 天</Text>
                      </View>
                    </View>
                  ))}
                </View>
              </View>
            ))
          )}
        </Section>

        <View className='home-footer'>
          <Text>文明城市 你我共建</Text>
        </View>
      </View>
    </PageShell>
  )
}
