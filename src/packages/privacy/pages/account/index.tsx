/**
 * 隐私与账号: the consent on record, the full texts, 导出我的信息 (查阅、复制) and 注销账号.
 * Test hooks: #page-account, #account-consent (data-state current|outdated|none), #account-export,
 * #account-export-result, #account-delete, #account-delete-sheet (input #account-delete-input,
 * #account-delete-sheet-confirm), #account-deleted.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button, Cell, CellGroup } from '@/components/nut'
import { Sheet } from '@/components/Sheet'
import { callAction, type OutputOf } from '@/services/cloud'
import { DELETE_ACCOUNT_PHRASE, POLICY_ROUTE, PRIVACY_VERSION, clearConsent, localConsent } from '@/services/privacy'
import { openPage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import '../../privacy.scss'

type MyData = OutputOf<'user', 'exportMyData'>

const formatTime = (iso: string): string => {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function ExportSummary({ data }: { data: MyData }) {
  const rows: [string, string][] = [
    ['昵称', data.profile.nickname],
    ['注册时间', data.profile.registeredAt ? formatTime(data.profile.registeredAt) : '—'],
    ['同意隐私政策', data.profile.consent ? `${data.profile.consent.version}（${formatTime(data.profile.consent.at)}）` : '未记录'],
    ['随手拍', `${data.reports.total} 条`],
    ['志愿者登记', data.volunteer ? `${data.volunteer.name}，${data.volunteer.mobile}${data.volunteer.idNumberMasked ? `，证件 ${data.volunteer.idNumberMasked}` : ''}` : '无'],
    ['问卷资料', data.survey ? `所在辖区已记录${data.survey.mobileOnFile ? '，手机号仅存摘要' : ''}` : '无'],
    ['关注与附议', `${data.follows} 条`],
  ]
  return (
    <View id='account-export-result' className='privacy-card'>
      <Text className='privacy-card__title'>我们保存的您的信息</Text>
      <Text className='privacy-card__meta'>导出时间 {formatTime(data.exportedAt)}</Text>
      {rows.map(([k, v]) => (
        <View key={k} className='privacy-row'>
          <Text className='privacy-row__key'>{k}</Text>
          <Text className='privacy-row__value'>{v}</Text>
        </View>
      ))}
      <Button
        className='privacy-card__btn'
        size='small'
        onClick={() => Taro.setClipboardData({ data: JSON.stringify(data, null, 2) }).then(() => toast('已复制完整数据'))}
      >
        复制完整数据（JSON）
      </Button>
    </View>
  )
}

export default function AccountPage() {
  const me = useAction('user', 'me', {})
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<MyData | null>(null)
  const [sheet, setSheet] = useState(false)
  const [phrase, setPhrase] = useState('')
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [deleted, setDeleted] = useState(false)

  const local = localConsent()
  const consent = me.data?.consent ?? (local ? { version: local.version, at: local.at } : null)
  const consentState = !consent ? 'none' : consent.version === PRIVACY_VERSION ? 'current' : 'outdated'

  const runExport = async () => {
    if (exporting) return
    setExporting(true)
    const res = await callAction('user', 'exportMyData', {})
    setExporting(false)
    if (!res.ok) return toast(res.message)
    setExported(res.data)
  }

  const runDelete = async () => {
    if (deleting) return
    setDeleting(true)
    setDeleteError(null)
    const res = await callAction('user', 'deleteAccount', { confirm: DELETE_ACCOUNT_PHRASE })
    setDeleting(false)
    if (!res.ok) return setDeleteError(res.message)
    clearConsent()
    setSheet(false)
    setDeleted(true)
  }

  if (deleted) {
    return (
      <PageShell id='page-account' className='privacy-page'>
        <View id='account-deleted' className='privacy-card privacy-card--done'>
          <Text className='privacy-card__title'>账号已注销</Text>
          <Text className='policy-section__p'>您的个人信息已删除；您提交的随手拍作为城市问题记录匿名保留，不再与您关联。感谢您对文明城市创建的参与。</Text>
          <Button type='primary' block onClick={() => Taro.reLaunch({ url: '/pages/home/index' })}>
            返回首页
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell id='page-account' className='privacy-page'>
      <View id='account-consent' className='privacy-card' data-state={consentState}>
        <Text className='privacy-card__title'>隐私政策</Text>
        {me.loading && !me.data ? (
          <Loading compact text='正在读取…' />
        ) : me.error && !local ? (
          <ErrorState compact error={me.error} onRetry={me.reload} />
        ) : (
          <Text className='policy-section__p'>
            {consentState === 'current'
              ? `您已于 ${formatTime(consent!.at)} 同意当前版本（${PRIVACY_VERSION}）。`
              : consentState === 'outdated'
                ? `隐私政策已更新至 ${PRIVACY_VERSION}，您此前同意的是 ${consent!.version}，使用相关功能时会请您重新确认。`
                : '您尚未同意隐私政策，拍照、定位和志愿者登记等功能会先请您确认。'}
          </Text>
        )}
      </View>

      <CellGroup>
        <Cell title='隐私政策' clickable extra='›' onClick={() => openPage(POLICY_ROUTE('privacy'))} />
        <Cell title='用户服务协议' clickable extra='›' onClick={() => openPage(POLICY_ROUTE('terms'))} />
      </CellGroup>

      <View className='privacy-card'>
        <Text className='privacy-card__title'>查阅、复制我的信息</Text>
        <Text className='policy-section__p'>查看我们保存的与您有关的全部个人信息，可复制完整数据。</Text>
        <Button id='account-export' className='privacy-card__btn' loading={exporting} onClick={runExport}>
          {exported ? '重新导出' : '导出我的信息'}
        </Button>
      </View>
      {exported ? <ExportSummary data={exported} /> : null}

      <View className='privacy-card'>
        <Text className='privacy-card__title'>注销账号</Text>
        <Text className='policy-section__p'>
          注销后将删除您的昵称、志愿者实名登记、问卷资料、关注与附议记录，志愿服务证明作废；您提交的随手拍和服务时长记录将匿名保留，不再与您关联。注销不可恢复。
        </Text>
        <Button id='account-delete' className='privacy-card__btn' type='danger' fill='outline' onClick={() => setSheet(true)}>
          注销账号
        </Button>
      </View>

      <Sheet
        id='account-delete-sheet'
        visible={sheet}
        title='确认注销账号'
        onClose={() => setSheet(false)}
        confirmText='确认注销'
        danger
        busy={deleting}
        disabled={phrase.trim() !== DELETE_ACCOUNT_PHRASE}
        onConfirm={runDelete}
      >
        <Text className='policy-section__p'>请输入“{DELETE_ACCOUNT_PHRASE}”以确认。此操作不可撤销。</Text>
        <Input id='account-delete-input' className='privacy-input' value={phrase} placeholder={DELETE_ACCOUNT_PHRASE} onInput={(e) => setPhrase(e.detail.value)} />
        {deleteError ? (
          <Text id='account-delete-error' className='privacy-error'>
            {deleteError}
          </Text>
        ) : null}
      </Sheet>
    </PageShell>
  )
}
