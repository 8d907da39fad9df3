import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { QrMatrix } from '@/components/volunteer/QrMatrix'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import {
  GOODS_KIND_LABELS,
  REDEMPTION_STATUS_LABELS,
  confirmDialog,
  formatCode,
  formatDateTime,
  newClientId,
  openVolunteerPage,
  say,
  type GoodsView,
  type RedemptionView,
} from '@/services/volunteer'
import '../../volunteer.scss'
import './index.scss'

type Tab = 'goods' | 'codes'

const GOODS_GLYPHS: Record<string, string> = { goods: '🎁', discount: '🏪' }

/**
 * 爱心超市. Test hooks: #page-vol-mall, #mall-points[data-points], #mall-tab-goods / -codes,
 * .goods-card[data-id][data-price][data-stock] with .goods-price, .goods-stock, .goods-redeem,
 * #redeem-sheet with #redeem-code[data-code], .redemption-item[data-status] with .redemption-code[data-code],
 * .redemption-cancel, .redemption-qr, #mall-message.
 */
export default function MallPage() {
  const [tab, setTab] = useState<Tab>('goods')
  const profile = useAction('volunteer', 'myProfile', {})
  const goods = useAction('volunteer', 'listGoods', {})
  const approved = profile.data?.profile?.status === 'approved'
  const codes = useOffsetList('volunteer', 'myRedemptions', {}, [approved])
  const [issued, setIssued] = useState<RedemptionView | null>(null)
  const [qrOf, setQrOf] = useState<RedemptionView | null>(null)
  const [message, setMessage] = useState<{ tone: 'red' | 'green'; text: string } | null>(null)
  const [busy, run] = useBusy()

  useOnShowAgain(() => {
    profile.reload()
    goods.reload()
    codes.reload()
  })
  usePullDownRefresh(() => {
    profile.reload()
    goods.reload()
    codes.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const points = profile.data?.profile?.points ?? 0

  const redeem = (g: GoodsView) =>
    run(async () => {
      setMessage(null)
      const ok = await confirmDialog('确认兑换', `使用 ${g.pointsPrice} 积分兑换「${g.name}」？兑换后积分将被扣除，凭核销码到${g.shop ? g.shop.name : '爱心超市'}领取。`, '确认兑换')
      if (!ok) return
      const res = await callAction('volunteer', 'redeem', { goodsId: g.id, clientId: newClientId() })
      if (!res.ok) {
        setMessage({ tone: 'red', text: res.message })
        goods.reload()
        return
      }
      setIssued(res.data.redemption)
      profile.reload()
      goods.reload()
      codes.reload()
    })

  const cancelCode = (r: RedemptionView) =>
    run(async () => {
      const ok = await confirmDialog('取消兑换', `取消「${r.goodsName}」的兑换？${r.points} 积分将退回您的账户。`, '取消兑换', true)
      if (!ok) return
      const res = await callAction('volunteer', 'cancelRedemption', { id: r.id })
      if (!res.ok) return setMessage({ tone: 'red', text: res.message })
      say('已取消，积分已退回')
      profile.reload()
      goods.reload()
      codes.reload()
    })

  return (
    <PageShell id='page-vol-mall' padded={false}>
      <View className='mall-hero'>
        <View>
          <Text className='mall-hero__title'>爱心超市</Text>
          <Text className='mall-hero__sub'>志愿服务 1 小时积 1 分，积分兑换生活用品和商户优惠</Text>
        </View>
        <View className='mall-hero__points'>
          <Text id='mall-points' className='mall-hero__points-value' data-points={String(points)}>
            {profile.loading && !profile.data ? '…' : points}
          </Text>
          <Text className='mall-hero__points-label'>我的积分</Text>
        </View>
      </View>

      <View className='page-shell__body'>
        {profile.data && !approved ? (
          <Notice tone='orange' id='mall-not-volunteer'>
            {profile.data.profile ? '志愿者注册审核通过后即可兑换。' : '注册成为志愿者、参加志愿服务获得积分后即可兑换。'}
            {!profile.data.profile ? (
              <Text className='mall-link' onClick={() => openVolunteerPage('register')}>
                {' '}
                去注册 ›
              </Text>
            ) : null}
          </Notice>
        ) : null}

        <Tabs
          idPrefix='mall-tab'
          tabs={[
            { key: 'goods', label: '兑换商品' },
            { key: 'codes', label: '我的兑换码', count: codes.items.filter((c) => c.status === 'issued').length || null },
          ]}
          value={tab}
          onChange={setTab}
        />

        {message ? (
          <Notice id='mall-message' tone={message.tone}>
            {message.text}
          </Notice>
        ) : null}

        {tab === 'goods' ? (
          <View id='mall-goods' className='mall-goods'>
            {goods.loading && !goods.data ? (
              <Loading text='正在加载商品…' />
            ) : goods.error ? (
              <ErrorState error={goods.error} onRetry={goods.reload} />
            ) : !goods.data || goods.data.items.length === 0 ? (
              <Empty icon='🎁' title='暂无可兑换的商品' description='爱心超市正在备货，稍后再来看看。' />
            ) : (
              goods.data.items.map((g) => {
                const soldOut = g.stock <= 0
                const short = points < g.pointsPrice
                return (
                  <View key={g.id} className='goods-card' data-id={g.id} data-price={String(g.pointsPrice)} data-stock={String(g.stock)}>
                    <View className='goods-card__icon'>
                      <Text>{GOODS_GLYPHS[g.kind] ?? '🎁'}</Text>
                    </View>
                    <View className='goods-card__main'>
                      <View className='vol-row'>
                        <Text className='goods-card__name'>{g.name}</Text>
                        <ToneTag tone={g.kind === 'discount' ? 'purple' : 'gold'}>{GOODS_KIND_LABELS[g.kind]}</ToneTag>
                      </View>
                      {g.shop ? (
                        <Text className='vol-muted goods-card__shop'>
                          {g.shop.name} · {g.shop.address}
                        </Text>
                      ) : null}
                      {g.description ? <Text className='goods-card__desc'>{g.description}</Text> : null}
                      <View className='goods-card__foot'>
                        <Text className='goods-price'>{g.pointsPrice}</Text>
                        <Text className='goods-price__unit'>积分</Text>
                        <Text className='goods-stock vol-muted'>
                          {soldOut ? '已兑完' : `库存 ${g.stock}`}
                          {g.limitPerPerson ? ` · 每人限 ${g.limitPerPerson}` : ''}
                        </Text>
                        <View className='vol-spacer' />
                        <Button
                          className='goods-redeem'
                          size='small'
                          type='primary'
                          disabled={!approved || soldOut || short || busy}
                          onClick={() => redeem(g)}
                        >
                          {soldOut ? '已兑完' : short && approved ? '积分不足' : '兑换'}
                        </Button>
                      </View>
                    </View>
                  </View>
                )
              })
            )}
          </View>
        ) : (
          <View id='mall-codes' className='mall-codes'>
            {!approved ? (
              <Empty icon='🎫' title='还没有兑换码' description='注册志愿者并获得积分后即可兑换。' />
            ) : codes.loading ? (
              <Loading />
            ) : codes.error ? (
              <ErrorState error={codes.error} onRetry={codes.reload} />
            ) : codes.items.length === 0 ? (
              <Empty icon='🎫' title='还没有兑换记录' description='兑换商品后，核销码会保存在这里。' actionText='去兑换' onAction={() => setTab('goods')} />
            ) : (
              codes.items.map((r) => (
                <View key={r.id} className={`vol-card redemption-item is-${r.status}`} data-id={r.id} data-status={r.status}>
                  <View className='vol-row'>
                    <Text className='redemption-item__name'>{r.goodsName}</Text>
                    <ToneTag tone={r.status === 'issued' ? 'green' : 'grey'}>{REDEMPTION_STATUS_LABELS[r.status]}</ToneTag>
                  </View>
                  <Text className='vol-muted'>
                    {r.points} 积分 · {formatDateTime(r.createdAt)} 兑换{r.shopName ? ` · ${r.shopName}` : ''}
                    {r.verifiedAt ? ` · ${formatDateTime(r.verifiedAt)} 核销` : ''}
                  </Text>
                  {r.code ? (
                    <View className='redemption-item__code-row'>
                      <Text className='redemption-code' data-code={r.code}>
                        {formatCode(r.code)}
                      </Text>
                      <View className='vol-spacer' />
                      <Text className='redemption-qr mall-link' onClick={() => setQrOf(r)}>
                        二维码
                      </Text>
                      <Text className='redemption-cancel mall-link is-muted' onClick={() => cancelCode(r)}>
                        取消
                      </Text>
                    </View>
                  ) : null}
                </View>
              ))
            )}
          </View>
        )}
      </View>

      <Sheet id='redeem-sheet' visible={!!issued} title='兑换成功' onClose={() => setIssued(null)} confirmText='查看我的兑换码' onConfirm={() => {
        setIssued(null)
        setTab('codes')
      }}>
        {issued ? <CodeView r={issued} idPrefix='redeem' /> : null}
      </Sheet>
      <Sheet id='code-sheet' visible={!!qrOf} title='核销码' onClose={() => setQrOf(null)}>
        {qrOf ? <CodeView r={qrOf} idPrefix='code' /> : null}
      </Sheet>
    </PageShell>
  )
}

function CodeView({ r, idPrefix }: { r: RedemptionView; idPrefix: string }) {
  return (
    <View className='code-view'>
      <Text className='code-view__name'>{r.goodsName}</Text>
      {r.code ? (
        <>
          <QrMatrix text={r.code} className='code-view__qr' id={`${idPrefix}-qr`} />
          <Text id={`${idPrefix}-code`} className='code-view__code' data-code={r.code}>
            {formatCode(r.code)}
          </Text>
        </>
      ) : null}
      <Text className='code-view__hint'>请向{r.shopName ?? '爱心超市工作人员'}出示此码核销领取。核销码仅可使用一次，请勿转发他人。</Text>
    </View>
  )
}
