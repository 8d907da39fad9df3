import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { CheckBox, Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction, type ClientFail } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy } from '@/services/volunteerHooks'
import {
  CODE_LENGTH,
  GOODS_KIND_LABELS,
  REDEMPTION_STATUS_LABELS,
  formatCode,
  formatDateTime,
  say,
  type GoodsKind,
  type GoodsView,
  type RedemptionCheck,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

type Tab = 'verify' | 'goods'

interface GoodsForm {
  id?: string
  name: string
  kind: GoodsKind
  shopName: string
  shopAddress: string
  description: string
  pointsPrice: string
  stock: string
  limitPerPerson: string
  active: boolean
}

const EMPTY_GOODS: GoodsForm = { name: '', kind: 'goods', shopName: '', shopAddress: '', description: '', pointsPrice: '10', stock: '20', limitPerPerson: '', active: true }

const normalizeCode = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase()

function Verify() {
  const [code, setCode] = useState('')
  const [checked, setChecked] = useState<RedemptionCheck | null>(null)
  const [result, setResult] = useState<{ tone: 'green' | 'red'; text: string; code?: string } | null>(null)
  const [busy, run] = useBusy()
  const clean = normalizeCode(code)

  const check = (raw = clean) =>
    run(async () => {
      setResult(null)
      setChecked(null)
      if (raw.length !== CODE_LENGTH) return setResult({ tone: 'red', text: `核销码应为 ${CODE_LENGTH} 位字母数字` })
      const res = await callAction('volunteer', 'checkRedemption', { code: raw })
      if (!res.ok) return setResult({ tone: 'red', text: res.message, code: res.code })
      setChecked(res.data)
    })

  const verify = () =>
    run(async () => {
      const res = await callAction('volunteer', 'verifyRedemption', { code: clean })
      if (!res.ok) return setResult({ tone: 'red', text: res.message, code: res.code })
      setChecked(res.data)
      setResult({ tone: 'green', text: `核销成功：${res.data.goodsName}（${res.data.volunteerName}）`, code: 'VERIFIED' })
      say('核销成功', 'success')
    })

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const raw = normalizeCode(res.result ?? '')
      setCode(raw)
      check(raw)
    } catch {
      // cancelled
    }
  }

  return (
    <View className='vol-card'>
      <Text className='vol-card__title'>兑换码核销</Text>
      <Text className='vol-card__sub'>输入志愿者出示的 10 位核销码{process.env.TARO_ENV === 'weapp' ? '，或扫描其二维码' : ''}，查询无误后确认核销。每个码只能核销一次。</Text>
      <View className='verify-input'>
        <TextInput id='verify-code-input' value={code} onChange={(v) => setCode(v)} placeholder='如 ABCD EFGH JK' maxlength={16} />
      </View>
      <View className='admin-row-actions'>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button size='small' fill='outline' type='default' onClick={scan}>
            扫码
          </Button>
        ) : null}
        <Button id='verify-check' size='small' type='primary' fill='outline' loading={busy} disabled={busy} onClick={() => check()}>
          查询
        </Button>
      </View>
      {checked ? (
        <View id='verify-result' className='verify-result' data-status={checked.status}>
          <View className='vol-row'>
            <Text className='verify-result__name'>{checked.goodsName}</Text>
            <ToneTag tone={checked.status === 'issued' ? 'green' : 'grey'}>{REDEMPTION_STATUS_LABELS[checked.status]}</ToneTag>
          </View>
          <Text className='vol-muted'>
            {checked.volunteerName} · {checked.points} 积分 · {formatDateTime(checked.createdAt)} 兑换
            {checked.shopName ? ` · ${checked.shopName}` : ''}
          </Text>
          <Text className='verify-result__code'>{formatCode(clean)}</Text>
          {checked.verifiedAt ? <Text className='vol-muted'>已于 {formatDateTime(checked.verifiedAt)} 核销</Text> : null}
          {checked.status === 'issued' ? (
            <View className='admin-row-actions'>
              <Button id='verify-confirm' type='primary' loading={busy} disabled={busy} onClick={verify}>
                确认核销
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {result ? (
        <Notice id='verify-message' tone={result.tone} code={result.code}>
          {result.text}
        </Notice>
      ) : null}
    </View>
  )
}

function Catalogue() {
  const goods = useAction('volunteer', 'listGoods', { includeInactive: true })
  const [editing, setEditing] = useState<GoodsForm | null>(null)
  const [error, setError] = useState<ClientFail | { message: string } | null>(null)
  const [busy, run] = useBusy()
  usePullDownRefresh(() => {
    goods.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const open = (g?: GoodsView) => {
    setError(null)
    setEditing(
      g
        ? {
            id: g.id,
            name: g.name,
            kind: g.kind,
            shopName: g.shop?.name ?? '',
            shopAddress: g.shop?.address ?? '',
            description: g.description,
            pointsPrice: String(g.pointsPrice),
            stock: String(g.stock),
            limitPerPerson: g.limitPerPerson ? String(g.limitPerPerson) : '',
            active: g.active,
          }
        : { ...EMPTY_GOODS },
    )
  }
  const set = <K extends keyof GoodsForm>(k: K, v: GoodsForm[K]) => setEditing((f) => (f ? { ...f, [k]: v } : f))

  const save = () =>
    run(async () => {
      if (!editing) return
      const price = Number(editing.pointsPrice)
      const stock = Number(editing.stock)
      const limit = editing.limitPerPerson.trim() ? Number(editing.limitPerPerson) : null
      if (editing.name.trim().length < 2) return setError({ message: '请填写名称（2–40 个字）' })
      if (!Number.isInteger(price) || price < 1) return setError({ message: '兑换积分应为正整数' })
      if (!Number.isInteger(stock) || stock < 0) return setError({ message: '库存应为不小于 0 的整数' })
      if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) return setError({ message: '每人限兑应为 1–100，不限请留空' })
      if (editing.kind === 'discount' && (editing.shopName.trim().length < 2 || editing.shopAddress.trim().length < 2)) return setError({ message: '特惠商户请填写商户名称和地址' })
      const res = await callAction('volunteer', 'saveGoods', {
        ...(editing.id ? { id: editing.id } : {}),
        name: editing.name.trim(),
        kind: editing.kind,
        ...(editing.kind === 'discount' ? { shopName: editing.shopName.trim(), shopAddress: editing.shopAddress.trim() } : {}),
        description: editing.description.trim(),
        pointsPrice: price,
        stock,
        limitPerPerson: limit,
        active: editing.active,
      })
      if (!res.ok) return setError(res)
      setEditing(null)
      say('已保存', 'success')
      goods.reload()
    })

  return (
    <View>
      <View className='vol-row catalogue-head'>
        <Text className='vol-muted'>商品与特惠（含已下架）</Text>
        <View className='vol-spacer' />
        <Button id='goods-new' size='small' type='primary' onClick={() => open()}>
          新增
        </Button>
      </View>
      {goods.loading && !goods.data ? (
        <Loading />
      ) : goods.error ? (
        <ErrorState error={goods.error} onRetry={goods.reload} />
      ) : !goods.data || goods.data.items.length === 0 ? (
        <Empty icon='🎁' title='还没有商品' actionText='新增商品' onAction={() => open()} />
      ) : (
        goods.data.items.map((g) => (
          <View key={g.id} className={`vol-card admin-goods${g.active ? '' : ' is-inactive'}`} data-id={g.id} onClick={() => open(g)}>
            <View className='vol-row'>
              <Text className='admin-goods__name'>{g.name}</Text>
              <ToneTag tone={g.kind === 'discount' ? 'purple' : 'gold'}>{GOODS_KIND_LABELS[g.kind]}</ToneTag>
              {!g.active ? <ToneTag tone='grey'>已下架</ToneTag> : null}
            </View>
            <Text className='vol-muted'>
              {g.pointsPrice} 积分 · 库存 {g.stock} · 已兑 {g.redeemedCount}
              {g.limitPerPerson ? ` · 每人限 ${g.limitPerPerson}` : ''}
              {g.shop ? ` · ${g.shop.name}` : ''}
            </Text>
          </View>
        ))
      )}
      <Sheet id='goods-sheet' visible={!!editing} title={editing?.id ? '编辑商品' : '新增商品'} onClose={() => setEditing(null)} confirmText='保存' busy={busy} onConfirm={save}>
        {editing ? (
          <View>
            <Field label='类型' required>
              <ChoiceChips
                idPrefix='goods-kind'
                options={(['goods', 'discount'] as GoodsKind[]).map((k) => ({ value: k, label: GOODS_KIND_LABELS[k] }))}
                value={editing.kind}
                onChange={(v) => v && set('kind', v)}
              />
            </Field>
            <Field label='名称' required>
              <TextInput id='goods-name' value={editing.name} onChange={(v) => set('name', v)} maxlength={40} />
            </Field>
            {editing.kind === 'discount' ? (
              <>
                <Field label='商户名称' required>
                  <TextInput id='goods-shop' value={editing.shopName} onChange={(v) => set('shopName', v)} maxlength={40} />
                </Field>
                <Field label='商户地址' required>
                  <TextInput id='goods-shop-address' value={editing.shopAddress} onChange={(v) => set('shopAddress', v)} maxlength={100} />
                </Field>
              </>
            ) : null}
            <Field label='说明'>
              <TextArea id='goods-description' value={editing.description} onChange={(v) => set('description', v)} placeholder='领取地点、时间、使用规则' maxlength={500} />
            </Field>
            <Field label='兑换积分' required>
              <TextInput id='goods-price' type='number' value={editing.pointsPrice} onChange={(v) => set('pointsPrice', v)} maxlength={6} />
            </Field>
            <Field label='库存' required>
              <TextInput id='goods-stock' type='number' value={editing.stock} onChange={(v) => set('stock', v)} maxlength={6} />
            </Field>
            <Field label='每人限兑' hint='留空为不限'>
              <TextInput id='goods-limit' type='number' value={editing.limitPerPerson} onChange={(v) => set('limitPerPerson', v)} maxlength={3} />
            </Field>
            <View className='vol-field'>
              <CheckBox id='goods-active' checked={editing.active} onChange={(v) => set('active', v)}>
                <Text>上架（志愿者可见、可兑换）</Text>
              </CheckBox>
            </View>
            {error ? <Notice tone='red'>{error.message}</Notice> : null}
          </View>
        ) : null}
      </Sheet>
    </View>
  )
}

/** 爱心超市 management. Test hooks: #page-vol-admin-mall, #mall-admin-tab-verify / -goods, #verify-code-input, #verify-check, #verify-result[data-status], #verify-confirm, #verify-message[data-code], #goods-new, .admin-goods[data-id], #goods-sheet. */
export default function AdminMallPage() {
  const [tab, setTab] = useState<Tab>('verify')
  return (
    <PageShell desk id='page-vol-admin-mall'>
      <StaffOnly>
        <Tabs
          idPrefix='mall-admin-tab'
          tabs={[
            { key: 'verify', label: '核销兑换码' },
            { key: 'goods', label: '商品管理' },
          ]}
          value={tab}
          onChange={setTab}
        />
        {tab === 'verify' ? <Verify /> : <Catalogue />}
      </StaffOnly>
    </PageShell>
  )
}
