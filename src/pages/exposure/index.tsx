import { View } from '@tarojs/components'
import { Empty, PageHeader, PageShell } from '@/components'
import '../placeholder.scss'

/** 曝光台 — placeholder. Test hooks: #page-exposure, #exposure-placeholder. */
export default function ExposurePage() {
  return (
    <PageShell id='page-exposure'>
      <PageHeader title='曝光台' subtitle='不文明行为与逾期未整改问题公开曝光' />
      <View className='card placeholder-card'>
        <Empty
          id='exposure-placeholder'
          icon='📢'
          title='曝光台正在建设中'
          description='这里将公开经核实的不文明行为和逾期未整改的问题，以及整改前后对比，接受市民监督。'
        />
      </View>
    </PageShell>
  )
}
