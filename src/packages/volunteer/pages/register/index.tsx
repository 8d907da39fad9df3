import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips, MultiChips } from '@/components/volunteer/Chips'
import { CheckBox, Field, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { callAction, type ClientFail } from '@/services/cloud'
import { CONSENT_REQUIRED_MESSAGE, ensureConsent } from '@/services/privacy'
import { useAction } from '@/services/useAction'
import { useBusy } from '@/services/volunteerHooks'
import {
  AVAILABILITY,
  AVAILABILITY_LABELS,
  MOBILE_RE,
  REAL_NAME_RE,
  REGISTRATION_STATUS_LABELS,
  SERVICE_TYPES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_LABELS,
  SKILLS,
  SKILL_LABELS,
  formatDateTime,
  isValidIdNumber,
  maskIdNumber,
  openVolunteerPage,
  say,
  askSubscribe,
  SUBSCRIBE_ON_REGISTER,
  type Availability,
  type ServiceType,
  type Skill,
  type VolunteerOwnView,
} from '@/services/volunteer'
import './index.scss'

type Gender = 'male' | 'female'

interface Form {
  name: string
  mobile: string
  idNumber: string
  gender: Gender | null
  skills: Skill[]
  services: ServiceType[]
  districtId: string | null
  streetId: string | null
  availability: Availability[]
  teamId: string | null
  consent: boolean
}

const EMPTY: Form = {
  name: '',
  mobile: '',
  idNumber: '',
  gender: null,
  skills: [],
  services: [],
  districtId: null,
  streetId: null,
  availability: [],
  teamId: null,
  consent: false,
}

function fromProfile(p: VolunteerOwnView): Form {
  return {
    name: p.name,
    mobile: p.mobile,
    idNumber: '',
    gender: p.gender,
    skills: p.skills,
    services: p.services,
    districtId: p.area?.districtId ?? null,
    streetId: p.area?.streetId ?? null,
    availability: p.availability,
    teamId: p.team?.id ?? null,
    consent: false,
  }
}

type Errors = Partial<Record<keyof Form, string>>

function validate(f: Form): Errors {
  const e: Errors = {}
  if (!REAL_NAME_RE.test(f.name.trim())) e.name = '请填写真实姓名（2–30 个汉字或字母）'
  if (!MOBILE_RE.test(f.mobile.trim())) e.mobile = '请填写 11 位手机号码'
  if (f.idNumber.trim() && !isValidIdNumber(f.idNumber.trim())) e.idNumber = '身份证号码不正确，请核对'
  if (f.services.length === 0) e.services = '请至少选择一项服务意向'
  if (f.availability.length === 0) e.availability = '请至少选择一个可服务时间'
  if (!f.consent) e.consent = '请阅读并同意《志愿者服务协议》和个人信息处理规则'
  return e
}

/** The text of what is collected and why (shown in full above the consent box). */
const CONSENT_ITEMS: [string, string][] = [
  ['姓名、手机号码', '用于志愿者实名登记、活动组织联系和出具志愿服务证明'],
  ['身份证号码（选填）', '仅用于在志愿服务证明上核对身份和防止重复注册；系统只保存掩码（如 4101**********123X）和不可还原的校验值，不保存完整号码'],
  ['专长、服务意向、服务区域、可服务时间、所属服务队', '用于安排活动点位和派发就近的服务需求'],
  ['签到签退时的位置', '仅在扫码签到、签退时获取一次，用于核验您在活动现场，不做持续定位'],
]

/** Field errors the server named (issues[].path), if any. */
function serverFieldErrors(fail: ClientFail): Errors {
  const issues = (fail as { issues?: { path?: string; message?: string }[] }).issues ?? []
  const out: Errors = {}
  for (const i of issues) {
    const key = String(i.path ?? '').split('.')[0] as keyof Form
    if (key && !out[key]) out[key] = i.message ?? '填写有误'
  }
  return out
}

/**
 * 志愿者实名注册 and its state. Test hooks: #page-vol-register, #reg-status[data-status], #reg-edit, form
 * inputs #reg-name / #reg-mobile / #reg-id (H5: the <input> inside), #reg-id-masked, #reg-id-change,
 * chips #reg-skill-<v> / #reg-service-<v> / #reg-availability-<v> / #reg-district-<id> / #reg-street-<id> /
 * #reg-team-<id> / #reg-gender-<v>, #reg-consent, #reg-consent-text, #reg-submit, #reg-error.
 */
export default function RegisterPage() {
  const profile = useAction('volunteer', 'myProfile', {})
  const districts = useAction('city', 'listDistricts', {})
  const teams = useAction('volunteer', 'listTeams', {})
  const [form, setForm] = useState<Form>(EMPTY)
  const [editing, setEditing] = useState(false)
  const [idFocused, setIdFocused] = useState(false)
  const [errors, setErrors] = useState<Errors>({})
  const [serverError, setServerError] = useState<ClientFail | null>(null)
  const [busy, run] = useBusy()
  const streets = useAction('city', 'listStreets', form.districtId ? { districtId: form.districtId } : {}, [form.districtId])

  const current = profile.data?.profile ?? null
  // A first registration opens the form; an existing one shows its state until 修改.
  useEffect(() => {
    if (!profile.data) return
    const p = profile.data.profile
    if (p) setForm(fromProfile(p))
    setEditing(!p)
  }, [profile.data])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const idValid = form.idNumber.trim() !== '' && isValidIdNumber(form.idNumber.trim())
  const showMasked = idValid && !idFocused

  const submit = () =>
    run(async () => {
      const found = validate(form)
      setErrors(found)
      setServerError(null)
      if (Object.keys(found).length > 0) {
        say(Object.values(found)[0] ?? '请完善信息')
        return
      }
      // 实名信息 is personal information: only with the privacy consent.
      if (!(await ensureConsent())) {
        say(CONSENT_REQUIRED_MESSAGE)
        return
      }
      // 审核结果通知 (WeChat only).
      await askSubscribe(SUBSCRIBE_ON_REGISTER)
      const res = await callAction('volunteer', 'register', {
        name: form.name.trim(),
        mobile: form.mobile.trim(),
        ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim().toUpperCase() } : {}),
        ...(form.gender ? { gender: form.gender } : {}),
        skills: form.skills,
        services: form.services,
        ...(form.districtId ? { districtId: form.districtId } : {}),
        ...(form.streetId ? { streetId: form.streetId } : {}),
        availability: form.availability,
        ...(form.teamId ? { teamId: form.teamId } : {}),
        consent: true,
      })
      if (!res.ok) {
        setServerError(res)
        setErrors(serverFieldErrors(res))
        return
      }
      say('已提交，等待审核', 'success')
      profile.reload()
    })

  const districtOptions = useMemo(() => (districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })), [districts.data])
  const streetOptions = useMemo(
    () => (streets.data?.items ?? []).filter((s) => s.districtId === form.districtId).map((s) => ({ value: s.id, label: s.name })),
    [streets.data, form.districtId],
  )
  const teamOptions = useMemo(
    () => (teams.data?.items ?? []).filter((t) => t.active).map((t) => ({ value: t.id, label: t.name })),
    [teams.data],
  )

  if (profile.loading && !profile.data) {
    return (
      <PageShell id='page-vol-register'>
        <Loading text='正在加载…' />
      </PageShell>
    )
  }
  if (profile.error) {
    return (
      <PageShell id='page-vol-register'>
        <ErrorState error={profile.error} onRetry={profile.reload} />
      </PageShell>
    )
  }

  return (
    <PageShell id='page-vol-register'>
      {current && !editing ? (
        <StatusCard profile={current} onEdit={() => setEditing(true)} />
      ) : (
        <View className='reg-intro'>
          <Text className='reg-intro__title'>{current ? '修改注册信息' : '志愿者实名注册'}</Text>
          <Text className='reg-intro__sub'>依据《志愿服务条例》实行实名注册。提交后由创城办审核，通过后即可报名志愿活动。</Text>
        </View>
      )}

      {editing ? (
        <View id='reg-form'>
          <View className='vol-card'>
            <Text className='vol-card__title'>基本信息</Text>
            <Field label='姓名' required error={errors.name} id='reg-field-name'>
              <TextInput id='reg-name' value={form.name} onChange={(v) => set('name', v)} placeholder='与身份证一致的真实姓名' maxlength={30} invalid={!!errors.name} />
            </Field>
            <Field label='手机号码' required error={errors.mobile} id='reg-field-mobile' hint='用于活动通知和组织者联系；组织者只能看到带掩码的号码。'>
              <TextInput id='reg-mobile' type='number' value={form.mobile} onChange={(v) => set('mobile', v)} placeholder='11 位手机号码' maxlength={11} invalid={!!errors.mobile} />
            </Field>
            <Field
              label='身份证号码'
              error={errors.idNumber}
              id='reg-field-id'
              hint={current?.idNumberMasked && !form.idNumber ? `已登记：${current.idNumberMasked}。如需更改请重新填写。` : '选填。用于志愿服务证明核对身份，系统只保存掩码。'}
            >
              {showMasked ? (
                <View className='reg-id-masked'>
                  <Text id='reg-id-masked' className='reg-id-masked__text'>
                    {maskIdNumber(form.idNumber.trim().toUpperCase())}
                  </Text>
                  <Text id='reg-id-change' className='reg-id-masked__change' onClick={() => setIdFocused(true)}>
                    修改
                  </Text>
                </View>
              ) : (
                <TextInput
                  id='reg-id'
                  type='idcard'
                  value={form.idNumber}
                  onChange={(v) => set('idNumber', v)}
                  onFocus={() => setIdFocused(true)}
                  onBlur={() => setIdFocused(false)}
                  placeholder='18 位身份证号码（选填）'
                  maxlength={18}
                  invalid={!!errors.idNumber}
                />
              )}
            </Field>
            <Field label='性别' id='reg-field-gender'>
              <ChoiceChips
                idPrefix='reg-gender'
                allowClear
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
                value={form.gender}
                onChange={(v) => set('gender', v)}
              />
            </Field>
          </View>

          <View className='vol-card'>
            <Text className='vol-card__title'>服务意愿</Text>
            <Field label='服务意向' required error={errors.services} id='reg-field-services'>
              <MultiChips
                idPrefix='reg-service'
                options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t], glyph: SERVICE_TYPE_GLYPHS[t] }))}
                value={form.services}
                onChange={(v) => set('services', v)}
              />
            </Field>
            <Field label='专长技能' id='reg-field-skills' hint='选填，可多选：组织者据此安排点位，派发便民服务需求。'>
              <MultiChips idPrefix='reg-skill' options={SKILLS.map((s) => ({ value: s, label: SKILL_LABELS[s] }))} value={form.skills} onChange={(v) => set('skills', v)} />
            </Field>
            <Field label='可服务时间' required error={errors.availability} id='reg-field-availability'>
              <MultiChips
                idPrefix='reg-availability'
                options={AVAILABILITY.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] }))}
                value={form.availability}
                onChange={(v) => set('availability', v)}
              />
            </Field>
            <Field label='服务区域' id='reg-field-area' hint='选填：您希望就近参加服务的区县和街道。'>
              {districts.loading && !districts.data ? (
                <Text className='vol-muted'>正在加载辖区…</Text>
              ) : districts.error ? (
                <Text className='vol-muted' onClick={districts.reload}>
                  辖区加载失败，点此重试
                </Text>
              ) : (
                <ChoiceChips
                  idPrefix='reg-district'
                  allowClear
                  options={districtOptions}
                  value={form.districtId}
                  onChange={(v) => setForm((f) => ({ ...f, districtId: v, streetId: null }))}
                />
              )}
              {form.districtId && streetOptions.length > 0 ? (
                <View className='reg-streets'>
                  <ChoiceChips idPrefix='reg-street' allowClear options={streetOptions} value={form.streetId} onChange={(v) => set('streetId', v)} />
                </View>
              ) : null}
            </Field>
            <Field label='志愿服务队' id='reg-field-team' hint='选填：加入所在单位或社区的服务队，可接收派给服务队的服务需求。'>
              {teams.loading && !teams.data ? (
                <Text className='vol-muted'>正在加载服务队…</Text>
              ) : teamOptions.length === 0 ? (
                <Text className='vol-muted'>暂无可加入的服务队</Text>
              ) : (
                <ChoiceChips idPrefix='reg-team' allowClear options={teamOptions} value={form.teamId} onChange={(v) => set('teamId', v)} />
              )}
            </Field>
          </View>

          <View className='vol-card'>
            <Text className='vol-card__title'>个人信息处理规则</Text>
            <View id='reg-consent-text' className='reg-consent-text'>
              <Text className='reg-consent-text__lead'>为开展志愿服务，我们将收集和使用以下信息：</Text>
              {CONSENT_ITEMS.map(([what, why]) => (
                <View key={what} className='reg-consent-item'>
                  <Text className='reg-consent-item__what'>{what}</Text>
                  <Text className='reg-consent-item__why'>{why}</Text>
                </View>
              ))}
              <Text className='reg-consent-text__foot'>
                以上信息仅用于志愿服务的组织、记录和证明，由示范市志愿服务联合会和创城办保管，不向无关第三方提供。您可以随时在“时间存折”查看服务记录，或联系创城办更正、删除您的信息。
              </Text>
            </View>
            <View className='reg-consent-box'>
              <CheckBox id='reg-consent' checked={form.consent} onChange={(v) => set('consent', v)}>
                <Text>我已阅读并同意《志愿者服务协议》和上述个人信息处理规则，所填信息真实有效。</Text>
              </CheckBox>
              {errors.consent ? <Text className='vol-field__error'>{errors.consent}</Text> : null}
            </View>
          </View>

          {serverError ? (
            <Notice id='reg-error' tone='red' code={serverError.code}>
              {serverError.message}
            </Notice>
          ) : null}

          <View className='reg-submit'>
            <Button id='reg-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
              {current ? '重新提交审核' : '提交注册'}
            </Button>
            {current ? (
              <Text className='reg-cancel-edit' onClick={() => setEditing(false)}>
                取消修改
              </Text>
            ) : null}
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}

function StatusCard({ profile, onEdit }: { profile: VolunteerOwnView; onEdit: () => void }) {
  const tone = profile.status === 'approved' ? 'green' : profile.status === 'pending' ? 'orange' : 'red'
  return (
    <View id='reg-status' className={`vol-card reg-status reg-status--${profile.status}`} data-status={profile.status}>
      <View className='vol-row'>
        <Text className='reg-status__glyph'>{profile.status === 'approved' ? '🎉' : profile.status === 'pending' ? '⏳' : '📝'}</Text>
        <View className='reg-status__text'>
          <Text className='reg-status__title'>
            {profile.status === 'approved' ? '您已是注册志愿者' : profile.status === 'pending' ? '注册信息已提交，等待审核' : '注册未通过审核'}
          </Text>
          <Text className='vol-muted'>
            提交于 {formatDateTime(profile.appliedAt)}
            {profile.reviewedAt ? ` · 审核于 ${formatDateTime(profile.reviewedAt)}` : ''}
          </Text>
        </View>
        <ToneTag tone={tone}>{REGISTRATION_STATUS_LABELS[profile.status]}</ToneTag>
      </View>
      {profile.status === 'rejected' && profile.reviewNote ? (
        <Notice tone='red' id='reg-review-note'>
          审核意见：{profile.reviewNote}
        </Notice>
      ) : null}
      {profile.status === 'pending' ? <Notice tone='orange'>创城办一般在 2 个工作日内完成审核，审核结果将通过微信服务通知告知您。审核前可修改信息后重新提交。</Notice> : null}
      <View className='reg-status__facts'>
        <Fact label='姓名' value={profile.name} />
        <Fact label='手机号码' value={profile.mobile} />
        <Fact label='身份证号' value={profile.idNumberMasked ?? '未登记'} />
        <Fact label='服务意向' value={profile.services.map((s) => SERVICE_TYPE_LABELS[s]).join('、')} />
        {profile.skills.length > 0 ? <Fact label='专长' value={profile.skills.map((s) => SKILL_LABELS[s]).join('、')} /> : null}
        <Fact label='服务时间' value={profile.availability.map((a) => AVAILABILITY_LABELS[a]).join('、')} />
        {profile.area ? <Fact label='服务区域' value={profile.area.label} /> : null}
        {profile.team ? <Fact label='服务队' value={profile.team.name} /> : null}
      </View>
      <View className='reg-status__actions'>
        {profile.status === 'approved' ? (
          <Button id='reg-go-record' type='primary' size='small' onClick={() => openVolunteerPage('record')}>
            查看时间存折
          </Button>
        ) : (
          <Button id='reg-edit' type='primary' fill='outline' size='small' onClick={onEdit}>
            {profile.status === 'pending' ? '修改后重新提交' : '修改并重新提交'}
          </Button>
        )}
      </View>
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='vol-fact'>
      <Text className='vol-fact__label'>{label}</Text>
      <Text className='vol-fact__text'>{value}</Text>
    </View>
  )
}
