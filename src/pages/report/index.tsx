import { View } from '@tarojs/components'
import { Empty, PageHeader, PageShell } from '@/components'
import '../placeholder.scss'

/** 随手拍 — placeholder until the reporting flow lands. Test hooks: #page-report, #report-placeholder. */
export default function ReportPage() {
  return (
    <PageShell id='page-report'>
      <PageHeader title='随手拍' subtitle='发现不文明现象和城市管理问题，拍一拍就能上报' />
      <View className='card placeholder-card'>
        <Empty
          id='report-placeholder'
          icon='📷'
          title='随手拍即将上线'
          description='在这里拍照、选择问题分类并定位上报，创城办受理派单，责任单位限时整改，全程进度可查。'
        />
      </View>
    </PageShell>
  )
}
