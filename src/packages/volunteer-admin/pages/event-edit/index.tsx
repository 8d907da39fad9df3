import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { CheckBox, Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice } from '@/components/volunteer/Notice'
import { callAction, type ClientFail } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy } from '@/services/volunteerHooks'
import {
  CAPACITY_MAX,
  POSTS_MAX,
  POST_KINDS,
  POST_KIND_LABELS,
  POST_TASKS,
  POST_TASK_LABELS,
  SERVICE_TYPES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_LABELS,
  chinaLocalToIso,
  formatHours,
  isoToChinaDate,
  isoToChinaTime,
  pageUrl,
  say,
  type EventDetail,
  type PostKind,
  type PostTask,
  type ServiceType,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

type Mode = 'single' | 'series'

interface PostForm {
  key: number
  id?: string
  name: string
  kind: PostKind
  task: PostTask
  needed: string
}

interface Form {
  title: string
  type: ServiceType
  address: string
  districtId: string | null
  point: { lat: number; lng: number } | null
  located: boolean
  meetingPoint: string
  date: string
  startTime: string
  durationMinutes: number
  deadlineMinutes: number
  capacity: string
  organiserName: string
  teamId: string | null
  notes: string
  posts: PostForm[]
  // series
  weekday: number
  weeks: number
  publish: boolean
}

let postKey = 0
const post = (name: string, kind: PostKind, task: PostTask, needed: number, id?: string): PostForm => ({ key: ++postKey, id, name, kind, task, needed: String(needed) })

interface Template {
  key: string
  label: string
  apply: (f: Form) => Form
}

const TEMPLATES: Template[] = [
  {
    key: 'friday',
    label: '🧹 周五环境整治',
    apply: (f) => ({
      ...f,
      title: '周五环境整治 · 幸福里片区',
      type: 'environment',
      meetingPoint: '幸福里社区党群服务中心门口',
      startTime: '15:00',
      durationMinutes: 120,
      deadlineMinutes: 120,
      capacity: '20',
      organiserName: '市文明办',
      weekday: 5,
      notes: '请穿志愿者马甲、自带手套和水杯；扫帚、垃圾袋等工具由社区统一发放。到达后扫码签到，结束时扫码签退。',
      posts: [
        post('小区楼道与绿化带', 'compound', 'cleanup', 6),
        post('沿街商户门前', 'street', 'cleanup', 4),
        post('路口文明劝导', 'intersection', 'persuasion', 2),
        post('农贸市场周边秩序', 'market', 'order', 3),
      ],
    }),
  },
  {
    key: 'traffic',
    label: '🚦 文明交通劝导',
    apply: (f) => ({
      ...f,
      title: '文明交通劝导 · 早高峰',
      type: 'traffic',
      meetingPoint: '路口东北角岗亭',
      startTime: '07:00',
      durationMinutes: 120,
      deadlineMinutes: 720,
      capacity: '8',
      organiserName: '文明交通志愿服务队',
      weekday: 6,
      notes: '劝导行人和非机动车各行其道、不闯红灯，电动车驾乘人员佩戴头盔。请着反光背心，注意自身安全。',
      posts: [post('东向西人行横道', 'intersection', 'persuasion', 4), post('南向北人行横道', 'intersection', 'persuasion', 4)],
    }),
  },
  { key: 'blank', label: '空白活动', apply: (f) => ({ ...f, title: '', notes: '', meetingPoint: '', posts: [] }) },
]

const WEEKDAY_OPTIONS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: String(i + 1), label: `周${d}` }))
const TIME_OPTIONS = ['07:00', '08:00', '09:00', '10:00', '14:00', '14:30', '15:00', '16:00', '19:00'].map((t) => ({ value: t, label: t }))
const DURATION_OPTIONS = [60, 90, 120, 180, 240, 480].map((m) => ({ value: String(m), label: `${formatHours(m)} 小时` }))
const DEADLINE_OPTIONS = [
  { value: '60', label: '开始前 1 小时' },
  { value: '120', label: '开始前 2 小时' },
  { value: '720', label: '开始前 12 小时' },
  { value: '1440', label: '开始前 1 天' },
]
const WEEKS_OPTIONS = [2, 4, 8, 12].map((w) => ({ value: String(w), label: `${w} 周` }))

function emptyForm(now: number): Form {
  return {
    title: '',
    type: 'environment',
    address: '',
    districtId: null,
    point: null,
    located: false,
    meetingPoint: '',
    date: isoToChinaDate(now + 3 * 86400000),
    startTime: '15:00',
    durationMinutes: 120,
    deadlineMinutes: 120,
    capacity: '20',
    organiserName: '市文明办',
    teamId: null,
    notes: '',
    posts: [],
    weekday: 5,
    weeks: 4,
    publish: true,
  }
}

function fromEvent(e: EventDetail, base: Form): Form {
  const start = Date.parse(e.startAt)
  return {
    ...base,
    title: e.title,
    type: e.type,
    address: e.place.address,
    point: { lat: e.place.lat, lng: e.place.lng },
    located: true,
    meetingPoint: e.meetingPoint ?? '',
    date: isoToChinaDate(e.startAt),
    startTime: isoToChinaTime(e.startAt),
    durationMinutes: Math.round((Date.parse(e.endAt) - start) / 60000),
    deadlineMinutes: Math.round((start - Date.parse(e.signupDeadline)) / 60000),
    capacity: String(e.capacity),
    organiserName: e.organiserName,
    teamId: e.team?.id ?? null,
    notes: e.notes ?? '',
    posts: e.posts.map((p) => post(p.name, p.kind, p.task, p.needed, p.id)),
  }
}

function Loader({ id, mode }: { id: string; mode: Mode }) {
  const existing = useAction('volunteer', 'getEvent', { id }, [id])
  if (existing.loading && !existing.data) return <Loading text='正在加载活动…' />
  if (!existing.data) return <ErrorState error={existing.error} onRetry={existing.reload} />
  return <Editor id={id} mode={mode} initial={existing.data} />
}

function Editor({ id, mode, initial }: { id: string | null; mode: Mode; initial: EventDetail | null }) {
  const districts = useAction('city', 'listDistricts', {})
  const teams = useAction('volunteer', 'listTeams', {})
  const [form, setForm] = useState<Form>(() => (initial ? fromEvent(initial, emptyForm(Date.now())) : TEMPLATES[0].apply(emptyForm(Date.now()))))
  const [template, setTemplate] = useState<string | null>(id ? null : 'friday')
  const [error, setError] = useState<ClientFail | { code: string; message: string } | null>(null)
  const [busy, run] = useBusy()
  const days = useMemo(() => {
    const out: { value: string; label: string }[] = []
    for (let i = 0; i < 21; i++) {
      const t = Date.now() + i * 86400000
      const d = new Date(t + 8 * 3600000)
      out.push({ value: isoToChinaDate(t), label: `${d.getUTCMonth() + 1}/${d.getUTCDate()} 周${'日一二三四五六'[d.getUTCDay()]}` })
    }
    return out
  }, [])

  // Default place: the first district's centre, until the organiser picks one or locates.
  useEffect(() => {
    const first = districts.data?.items[0]
    if (!id && first && !form.districtId && !form.located) {
      setForm((f) => ({ ...f, districtId: first.id, point: first.center, address: f.address || `${first.name}幸福里社区` }))
    }
  }, [districts.data, id, form.districtId, form.located])

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }))
  const setPost = (key: number, patch: Partial<PostForm>) => setForm((f) => ({ ...f, posts: f.posts.map((p) => (p.key === key ? { ...p, ...patch } : p)) }))

  const locate = async () => {
    try {
      const res = await Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' })
      setForm((f) => ({ ...f, point: { lat: res.latitude, lng: res.longitude }, located: true }))
      say('已使用当前位置')
    } catch {
      say('定位失败，请选择区县')
    }
  }

  const submit = (publish: boolean) =>
    run(async () => {
      setError(null)
      const fail = (message: string) => setError({ code: 'INVALID_INPUT', message })
      const capacity = Number(form.capacity)
      if (form.title.trim().length < 2) return fail('请填写活动名称（2–40 个字）')
      if (!form.address.trim()) return fail('请填写活动地点')
      if (!form.point) return fail('请选择区县或使用当前位置，用于签到距离核验')
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > CAPACITY_MAX) return fail(`招募人数应为 1–${CAPACITY_MAX} 人`)
      if (form.organiserName.trim().length < 2) return fail('请填写组织单位')
      const posts = []
      for (const p of form.posts) {
        const needed = Number(p.needed)
        if (!p.name.trim()) return fail('请填写每个点位的名称')
        if (!Number.isInteger(needed) || needed < 1 || needed > 100) return fail(`点位「${p.name}」所需人数应为 1–100`)
        posts.push({ ...(p.id ? { id: p.id } : {}), name: p.name.trim(), kind: p.kind, task: p.task, needed })
      }
      const fields = {
        title: form.title.trim(),
        type: form.type,
        place: { address: form.address.trim(), lat: form.point.lat, lng: form.point.lng },
        ...(form.meetingPoint.trim() ? { meetingPoint: form.meetingPoint.trim() } : {}),
        capacity,
        organiserName: form.organiserName.trim(),
        ...(form.teamId ? { teamId: form.teamId } : {}),
        ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
        posts,
      }
      if (mode === 'series') {
        const res = await callAction('volunteer', 'createSeries', {
          template: fields,
          weekday: form.weekday,
          startTime: form.startTime,
          durationMinutes: form.durationMinutes,
          deadlineMinutes: form.deadlineMinutes,
          weeks: form.weeks,
          publish: form.publish,
        })
        if (!res.ok) return setError(res)
        say(`已生成 ${res.data.created.length} 场活动`, 'success')
        const first = res.data.created[0] ?? res.data.existing[0]
        if (first) Taro.redirectTo({ url: pageUrl('adminEvent', { id: first }) })
        else Taro.navigateBack()
        return
      }
      const startAt = chinaLocalToIso(form.date, form.startTime)
      if (!startAt) return fail('请选择日期和开始时间')
      const start = Date.parse(startAt)
      const res = await callAction('volunteer', 'saveEvent', {
        ...(id ? { id } : {}),
        ...fields,
        startAt,
        endAt: new Date(start + form.durationMinutes * 60000).toISOString(),
        signupDeadline: new Date(start - form.deadlineMinutes * 60000).toISOString(),
      })
      if (!res.ok) return setError(res)
      if (publish && res.data.status === 'draft') {
        const pub = await callAction('volunteer', 'publishEvent', { id: res.data.id })
        if (!pub.ok) return setError(pub)
      }
      say(publish ? '已发布' : '已保存', 'success')
      Taro.redirectTo({ url: pageUrl('adminEvent', { id: res.data.id }) })
    })

  const isDraft = !initial || initial.status === 'draft'
  return (
    <View id='event-form'>
      <View className='admin-title'>
        <Text className='admin-title__text'>{id ? '编辑活动' : mode === 'series' ? '生成每周活动' : '新建活动'}</Text>
        <Text className='admin-title__sub'>
          {mode === 'series' ? '按模板每周固定时间生成活动（如每周五环境整治），按日期不重复生成。' : '保存为草稿，或直接发布：开始前 7 天开放报名。'}
        </Text>
      </View>

      {!id ? (
        <View className='vol-card'>
          <Field label='从模板开始'>
            <ChoiceChips
              idPrefix='tpl'
              options={TEMPLATES.map((t) => ({ value: t.key, label: t.label }))}
              value={template}
              onChange={(v) => {
                const t = TEMPLATES.find((x) => x.key === v)
                if (!t) return
                setTemplate(t.key)
                setForm((f) => t.apply(f))
              }}
            />
          </Field>
        </View>
      ) : null}

      <View className='vol-card'>
        <Field label='活动名称' required>
          <TextInput id='ev-title' value={form.title} onChange={(v) => set('title', v)} placeholder='如：周五环境整治 · 幸福里片区' maxlength={40} />
        </Field>
        <Field label='活动类型' required>
          <ChoiceChips idPrefix='ev-type' options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t], glyph: SERVICE_TYPE_GLYPHS[t] }))} value={form.type} onChange={(v) => v && set('type', v)} />
        </Field>
        <Field
          label='活动地点'
          required
          hint={form.point ? `签到核验坐标：${form.point.lat.toFixed(5)}, ${form.point.lng.toFixed(5)}（${form.located ? '当前位置' : '区县中心'}），签到须在 500 米内` : undefined}
          extra={
            <Text className='ev-locate' onClick={locate}>
              {form.located ? '✓ 已定位' : '使用当前位置'}
            </Text>
          }
        >
          <ChoiceChips
            idPrefix='ev-district'
            options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={form.located ? null : form.districtId}
            onChange={(v) => {
              const d = districts.data?.items.find((x) => x.id === v)
              if (d) setForm((f) => ({ ...f, districtId: d.id, point: d.center, located: false }))
            }}
          />
          <View className='ev-gap' />
          <TextInput id='ev-address' value={form.address} onChange={(v) => set('address', v)} placeholder='详细地点' maxlength={100} />
        </Field>
        <Field label='集合地点'>
          <TextInput id='ev-meeting' value={form.meetingPoint} onChange={(v) => set('meetingPoint', v)} placeholder='如：社区党群服务中心门口' maxlength={100} />
        </Field>
      </View>

      <View className='vol-card'>
        {mode === 'series' ? (
          <>
            <Field label='每周' required>
              <ChoiceChips idPrefix='ev-weekday' options={WEEKDAY_OPTIONS} value={String(form.weekday)} onChange={(v) => v && set('weekday', Number(v))} />
            </Field>
            <Field label='生成周数' required hint='之后每周由系统自动补足未来两周的活动。'>
              <ChoiceChips idPrefix='ev-weeks' options={WEEKS_OPTIONS} value={String(form.weeks)} onChange={(v) => v && set('weeks', Number(v))} />
            </Field>
          </>
        ) : (
          <Field label='日期' required>
            <ChoiceChips idPrefix='ev-date' row options={days.some((d) => d.value === form.date) ? days : [{ value: form.date, label: form.date }, ...days]} value={form.date} onChange={(v) => v && set('date', v)} />
          </Field>
        )}
        <Field label='开始时间' required>
          <ChoiceChips
            idPrefix='ev-time'
            row
            options={TIME_OPTIONS.some((t) => t.value === form.startTime) ? TIME_OPTIONS : [{ value: form.startTime, label: form.startTime }, ...TIME_OPTIONS]}
            value={form.startTime}
            onChange={(v) => v && set('startTime', v)}
          />
        </Field>
        <Field label='活动时长' required>
          <ChoiceChips
            idPrefix='ev-duration'
            options={DURATION_OPTIONS.some((d) => d.value === String(form.durationMinutes)) ? DURATION_OPTIONS : [{ value: String(form.durationMinutes), label: `${formatHours(form.durationMinutes)} 小时` }, ...DURATION_OPTIONS]}
            value={String(form.durationMinutes)}
            onChange={(v) => v && set('durationMinutes', Number(v))}
          />
        </Field>
        <Field label='报名截止' required>
          <ChoiceChips
            idPrefix='ev-deadline'
            options={DEADLINE_OPTIONS.some((d) => d.value === String(form.deadlineMinutes)) ? DEADLINE_OPTIONS : [{ value: String(form.deadlineMinutes), label: `开始前 ${form.deadlineMinutes} 分钟` }, ...DEADLINE_OPTIONS]}
            value={String(form.deadlineMinutes)}
            onChange={(v) => v && set('deadlineMinutes', Number(v))}
          />
        </Field>
        <Field label='招募人数' required hint='报满后可候补，有人取消时按顺序递补。'>
          <TextInput id='ev-capacity' type='number' value={form.capacity} onChange={(v) => set('capacity', v)} maxlength={3} />
        </Field>
        <Field label='组织单位' required>
          <TextInput id='ev-organiser' value={form.organiserName} onChange={(v) => set('organiserName', v)} maxlength={40} />
        </Field>
        <Field label='限定服务队' hint='不选则所有注册志愿者均可报名。'>
          <ChoiceChips idPrefix='ev-team' allowClear options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))} value={form.teamId} onChange={(v) => set('teamId', v)} />
        </Field>
        <Field label='注意事项'>
          <TextArea id='ev-notes' value={form.notes} onChange={(v) => set('notes', v)} placeholder='着装、工具、安全提示等' maxlength={1000} />
        </Field>
      </View>

      <View id='ev-posts' className='vol-card'>
        <View className='vol-row'>
          <Text className='vol-card__title'>点位与任务（{form.posts.length}）</Text>
          <View className='vol-spacer' />
          <Text
            id='ev-post-add'
            className='ev-locate'
            onClick={() => form.posts.length < POSTS_MAX && set('posts', [...form.posts, post('', 'street', form.type === 'traffic' ? 'persuasion' : 'cleanup', 2)])}
          >
            + 添加点位
          </Text>
        </View>
        {form.posts.length === 0 ? <Text className='vol-muted'>可按街道、小区、路口设置点位，安排人员并查看缺员情况。</Text> : null}
        {form.posts.map((p, i) => (
          <View key={p.key} className='ev-post' data-index={String(i)}>
            <View className='vol-row'>
              <Text className='ev-post__index'>点位 {i + 1}</Text>
              <View className='vol-spacer' />
              <Text className='ev-post__remove' onClick={() => set('posts', form.posts.filter((x) => x.key !== p.key))}>
                删除
              </Text>
            </View>
            <TextInput id={`ev-post-name-${i}`} value={p.name} onChange={(v) => setPost(p.key, { name: v })} placeholder='点位名称，如：人民路与解放路交叉口' maxlength={40} />
            <View className='ev-post__chips'>
              <ChoiceChips idPrefix={`ev-post-kind-${i}`} options={POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))} value={p.kind} onChange={(v) => v && setPost(p.key, { kind: v })} />
              <ChoiceChips idPrefix={`ev-post-task-${i}`} options={POST_TASKS.map((k) => ({ value: k, label: POST_TASK_LABELS[k] }))} value={p.task} onChange={(v) => v && setPost(p.key, { task: v })} />
            </View>
            <View className='vol-row ev-post__needed'>
              <Text className='vol-muted'>所需人数</Text>
              <View className='ev-post__needed-input'>
                <TextInput id={`ev-post-needed-${i}`} type='number' value={p.needed} onChange={(v) => setPost(p.key, { needed: v })} maxlength={3} />
              </View>
            </View>
          </View>
        ))}
      </View>

      {mode === 'series' ? (
        <View className='vol-card'>
          <CheckBox id='ev-publish' checked={form.publish} onChange={(v) => set('publish', v)}>
            <Text>生成后直接发布（开始前 7 天开放报名）</Text>
          </CheckBox>
        </View>
      ) : null}

      {error ? (
        <Notice id='ev-error' tone='red' code={error.code}>
          {error.message}
        </Notice>
      ) : null}

      <View className='ev-submit'>
        {mode === 'series' ? (
          <Button id='ev-submit' type='primary' block loading={busy} disabled={busy} onClick={() => submit(form.publish)}>
            生成 {form.weeks} 周活动
          </Button>
        ) : (
          <>
            <Button id='ev-save' type='primary' fill='outline' loading={busy} disabled={busy} onClick={() => submit(false)}>
              {isDraft ? '保存草稿' : '保存修改'}
            </Button>
            {isDraft ? (
              <Button id='ev-submit' type='primary' loading={busy} disabled={busy} onClick={() => submit(true)}>
                保存并发布
              </Button>
            ) : null}
          </>
        )}
      </View>
    </View>
  )
}

/**
 * Create / edit an event, or a weekly series. Test hooks: #page-vol-admin-edit, #tpl-<friday|traffic|blank>,
 * #ev-title, #ev-type-<t>, #ev-district-<id>, #ev-address, #ev-meeting, #ev-date-<YYYY-MM-DD>, #ev-time-<HH:mm>,
 * #ev-duration-<min>, #ev-deadline-<min>, #ev-capacity, #ev-organiser, #ev-team-<id>, #ev-notes, #ev-post-add,
 * #ev-post-name-<i>, #ev-post-needed-<i>, #ev-weekday-<1..7>, #ev-weeks-<n>, #ev-publish, #ev-save, #ev-submit, #ev-error.
 */
export default function EventEditPage() {
  const { params } = useRouter()
  return (
    <PageShell desk id='page-vol-admin-edit'>
      <StaffOnly>
        {params.id ? <Loader id={params.id} mode='single' /> : <Editor id={null} mode={params.mode === 'series' ? 'series' : 'single'} initial={null} />}
      </StaffOnly>
    </PageShell>
  )
}
