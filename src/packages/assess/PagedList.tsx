import type { ReactNode } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading } from '@/components'
import type { PagedState } from '@/services/hooks'

/** Pull down to reload, reach the bottom to load more: the list pages of 考评 all behave so. */
export function usePageGestures(list: Pick<PagedState<unknown>, 'reload' | 'loadMore'>): void {
  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => list.loadMore())
}

/** A cursor-paged list with its loading, error, empty and 加载更多 states. */
export function PagedList<T>({ id, list, empty, children }: { id: string; list: PagedState<T>; empty: ReactNode; children: (item: T) => ReactNode }) {
  return (
    <View id={id}>
      {list.loading ? <Loading /> : list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : list.items.length === 0 ? empty : list.items.map(children)}
      {list.hasMore ? (
        <View className='as-more' onClick={list.loadMore}>
          <Text>{list.loadingMore ? '加载中…' : list.moreError ? '加载失败，点击重试' : '加载更多'}</Text>
        </View>
      ) : null}
    </View>
  )
}

