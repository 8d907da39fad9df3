import { View } from '@tarojs/components'
import { Empty, PageHeader, PageShell } from '@/components'
import '../placeholder.scss'

/** 志愿 — placeholder. Test hooks: #page-volunteer, #volunteer-placeholder. */
export default function VolunteerPage() {
  return (
    <PageShell id='page-volunteer'>
      <PageHeader title='志愿服务' subtitle='文明交通、环境清洁、关爱帮扶，一起出份力' />
      <View className='card placeholder-card'>
        <Empty
          id='volunteer-placeholder'
          icon='🤝'
          title='志愿活动即将开放报名'
          description='这里将发布志愿服务活动，报名、签到签退后自动累计服务时长，记入您的时间存折。'
        />
      </View>
    </PageShell>
  )
}
