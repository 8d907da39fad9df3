/**
 * 曝光详情 (public): the masked photos, the requirement and deadline, where the problem stands — following its
 * 随手拍: 整改中, 逾期未整改, 整改待核验, 已整改 with the after-photos and the date — the unit's 回应, follow,
 * share. The named unit's handler answers here.
 *
 * Test hooks: #page-exposure-detail (data-status, data-id), #exposure-status, #exposure-title, #exposure-photos,
 * #exposure-compare (before/after), #exposure-after-photos, #exposure-fixed-at, #exposure-requirement,
 * #exposure-replies (.xd-reply), #exposure-reply-box (#exposure-reply-text, #exposure-reply-submit),
 * #exposure-follow (data-following), #exposure-share, #exposure-views, #exposure-manage.
 */
import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell, categoryGlyph } from '@/components'
import { Button } from '@/components/nut'
import { StatusBadge, deadlineLine } from '@/components/board'
import { TextBox } from '@/components/report'
import { BOARD_ROUTES, EXPOSURE_FIXED_TEMPLATE, EXPOSURE_STATUS_TONES, REPLY_MAX, formatCount, formatDay } from '@/services/board'
import { useCategoryIndex, usePlaceNames } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { useTempUrls } from '@/services/hooks'
import { formatDateTime } from '@/services/report'
import { openPage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { Photos, photoIds } from '../../components/Photos'
import '@/components/report/report.scss'
import '../../components/board.scss'

function askToSubscribe(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve()
  return Taro.requestSubscribeMessage({ tmplIds: [EXPOSURE_FIXED_TEMPLATE], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then(() => undefined)
    .catch(() => undefined)
}

export default function ExposureDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useAction('board', 'exposureDetail', { id }, [id])
  const me = useAction('user', 'me', {})
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const [following, setFollowing] = useState<{ on: boolean; n: number } | null>(null)
  const [reply, setReply] = useState('')
  const [busy, setBusy] = useState(false)
  const d = detail.data

  useEffect(() => {
    if (d) setFollowing({ on: d.following, n: d.followers })
  }, [d])
  usePullDownRefresh(() => detail.reload())
  useEffect(() => {
    if (!detail.loading) Taro.stopPullDownRefresh()
  }, [detail.loading])

  const ids = useMemo(() => (d ? [...photoIds(d.photos), ...photoIds(d.after.photos)] : []), [d])
  const { urls } = useTempUrls(ids)

  useShareAppMessage(() => ({
    title: d ? `【曝光台】${d.title}` : '曝光台',
    path: `/packages/board/pages/exposure/index?id=${encodeURIComponent(id)}`,
    imageUrl: d?.photos[0] ? urls[d.photos[0].url] : undefined,
  }))

  if (detail.loading && !d) return <PageShell id='page-exposure-detail'><Loading text='正在加载…' /></PageShell>
  if (!d) return <PageShell id='page-exposure-detail'><ErrorState error={detail.error} onRetry={detail.reload} /></PageShell>

  const now = Date.now()
  const when = deadlineLine(d, now)
  const category = cats.byId[d.categoryId]
  const place = [d.place.districtId ? places.district[d.place.districtId] : '', d.place.streetId ? places.street[d.place.streetId] : '', d.place.label].filter(Boolean).join(' · ')
  const isStaff = !!me.data?.roles.some((r) => r === 'staff' || r === 'admin')
  const fixed = d.status === 'fixed'

  const toggleFollow = async () => {
    if (!following || busy) return
    setBusy(true)
    if (!following.on) await askToSubscribe()
    const res = await callAction('board', 'exposureFollow', { id, follow: !following.on })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    setFollowing({ on: res.data.following, n: res.data.followers })
    toast(res.data.following ? '已关注，整改完成后将通知您' : '已取消关注', res.data.following ? 'success' : 'none')
  }

  const share = () => {
    if (process.env.TARO_ENV === 'weapp') return toast('点击右上角“…”分享给好友')
    const link = typeof window !== 'undefined' ? window.location.href.replace(/([?&])as=[^&#]*&?/, '$1').replace(/[?&]$/, '') : ''
    Taro.setClipboardData({ data: `【曝光台】${d.title} ${link}` })
      .then(() => toast('链接已复制，可粘贴分享', 'success'))
      .catch(() => toast('复制失败，请手动复制地址栏链接'))
  }

  const sendReply = async () => {
    if (reply.trim().length < 5 || busy) return
    setBusy(true)
    const res = await callAction('board', 'exposureReply', { id, text: reply.trim() })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    setReply('')
    toast('回应已发布', 'success')
    detail.reload()
  }

  return (
    <PageShell id='page-exposure-detail' padded={false}>
      <View className={`xd-banner tone-${EXPOSURE_STATUS_TONES[d.status]}`} id='exposure-status' data-status={d.status}>
        <StatusBadge status={d.status} large />
        <Text className='xd-banner__text'>{when.text}</Text>
      </View>
      <View className='page-shell__body xd-body' data-id={d.id}>
        <View className='card xd-main'>
          <Text id='exposure-title' className='xd-title'>
            {d.title}
          </Text>
          <View className='xd-tags'>
            <Text className='xd-tag'>
              {categoryGlyph(category?.icon, category?.group)} {category?.name ?? '创城问题'}
            </Text>
            {d.fromReport ? <Text className='xd-tag is-source'>来源：市民随手拍</Text> : <Text className='xd-tag is-source'>来源：创城办督查</Text>}
          </View>
          <View className='xd-rows'>
            <View className='xd-row'>
              <Text className='xd-row__k'>问题地点</Text>
              <Text className='xd-row__v'>{place}</Text>
            </View>
            <View className='xd-row'>
              <Text className='xd-row__k'>责任单位</Text>
              <Text className='xd-row__v'>{d.unit.name}</Text>
            </View>
            <View className='xd-row'>
              <Text className='xd-row__k'>整改时限</Text>
              <Text className={`xd-row__v${d.status === 'overdue' ? ' is-red' : ''}`}>{formatDay(d.deadline, true)} 前</Text>
            </View>
            {fixed && d.fixedAt ? (
              <View className='xd-row'>
                <Text className='xd-row__k'>整改完成</Text>
                <Text id='exposure-fixed-at' className='xd-row__v'>
                  {formatDay(d.fixedAt, true)}
                </Text>
              </View>
            ) : null}
            <View className='xd-row'>
              <Text className='xd-row__k'>曝光时间</Text>
              <Text className='xd-row__v'>{formatDateTime(d.publishedAt)}</Text>
            </View>
          </View>
        </View>

        {fixed && d.after.photos.length ? (
          <View className='card bd-section' id='exposure-compare'>
            <View className='bd-section__title'>
              <Text>整改前后对比</Text>
              <Text className='bd-section__extra'>点击查看大图</Text>
            </View>
            <View className='xd-compare'>
              <View className='xd-compare__col'>
                <Text className='xd-compare__head'>整改前</Text>
                <Photos id='exposure-photos' photos={d.photos} urls={urls} single />
              </View>
              <View className='xd-compare__col'>
                <Text className='xd-compare__head is-after'>整改后</Text>
                <Photos id='exposure-after-photos' photos={d.after.photos} urls={urls} single />
              </View>
            </View>
            {d.after.note ? (
              <View className='xd-fix'>
                <Text className='bd-paragraph'>整改情况：{d.after.note}</Text>
              </View>
            ) : null}
          </View>
        ) : (
          <View className='card bd-section'>
            <View className='bd-section__title'>
              <Text>现场照片</Text>
              <Text className='bd-section__extra'>{d.photos.length} 张</Text>
            </View>
            <Photos id='exposure-photos' photos={d.photos} urls={urls} large={d.photos.length <= 2} />
          </View>
        )}

        <View className='card bd-section'>
          <View className='bd-section__title'>
            <Text>整改要求</Text>
          </View>
          <View className='xd-requirement' id='exposure-requirement'>
            <Text className='bd-paragraph'>{d.requirement}</Text>
          </View>
        </View>

        <View className='card bd-section' id='exposure-replies'>
          <View className='bd-section__title'>
            <Text>责任单位回应</Text>
            <Text className='bd-section__extra'>{d.replies.length ? `${d.replies.length} 条` : ''}</Text>
          </View>
          {d.replies.length ? (
            d.replies.map((r, i) => (
              <View key={i} className='xd-reply'>
                <View className='xd-reply__head'>
                  <Text className='xd-reply__unit'>{r.unitName}</Text>
                  <Text className='bd-muted'>{formatDateTime(r.at)}</Text>
                </View>
                <Text className='bd-paragraph'>{r.text}</Text>
              </View>
            ))
          ) : (
            <Text className='bd-muted'>责任单位尚未回应</Text>
          )}
          {d.canReply ? (
            <View id='exposure-reply-box' className='xd-reply-box'>
              <TextBox id='exposure-reply-text' value={reply} onChange={setReply} max={REPLY_MAX} min={5} placeholder='以单位名义回应：已采取的措施、整改计划和完成时间' />
              <Button id='exposure-reply-submit' type='primary' block loading={busy} disabled={reply.trim().length < 5} onClick={sendReply}>
                发布回应
              </Button>
            </View>
          ) : null}
        </View>

        <Text className='xd-privacy'>照片中的人脸、车牌等个人信息已做打码处理</Text>
        {isStaff ? (
          <View id='exposure-manage' className='hb-nav__btn is-primary' onClick={() => openPage(BOARD_ROUTES.exposureEdit({ id }))}>
            <Text>管理此曝光</Text>
          </View>
        ) : null}
      </View>

      <View className='xd-bar'>
        <Text id='exposure-views' className='xd-bar__stat'>
          👁 {formatCount(d.views)} 浏览 · {following?.n ?? d.followers} 人关注
        </Text>
        <Text id='exposure-share' className='xd-bar__btn' onClick={share}>
          分享
        </Text>
        <Text id='exposure-follow' data-following={following?.on ? 'true' : 'false'} className={`xd-bar__btn ${following?.on ? 'is-on' : 'is-primary'}`} onClick={toggleFollow}>
          {following?.on ? '★ 已关注' : '☆ 关注整改'}
        </Text>
      </View>
    </PageShell>
  )
}
