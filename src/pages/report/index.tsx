/**
 * 随手拍 (tab): photograph a problem, place it, pick its category, describe it, check for the same problem
 * nearby (附议 instead), submit. The draft lives on the device until the report is in.
 *
 * Test hooks: #page-report; #report-form; #report-photos (PhotoPicker: #report-photos-add, .picker-photo);
 * #report-location… (LocationPanel); #report-categories… (CategoryPicker); #report-description (textarea
 * inside), #report-description-count; #report-nearby (.nearby-item); #report-submit; #report-progress
 * (data-phase); #report-error (data-code, data-stage) with #report-retry; #report-problems; #report-dup-sheet
 * with #report-dup-sheet-confirm (不是同一问题，继续提交); #report-cosigned with #report-discard, #report-cosigned-view; #report-success
 * (data-id) with #report-success-view, #report-success-new; #report-my-entry; #report-draft-restored.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Field, PhotoPicker, Sheet, TextBox, type PickedPhoto } from '@/components/report'
import { SUBSCRIBE_ON_SUBMIT } from '@/domain/report/subscribe'
import { callAction, uploadFile } from '@/services/cloud'
import {
  clearDraft,
  countCategoryUse,
  draftHasContent,
  emptyDraft,
  loadCategoryUsage,
  loadDraft,
  saveDraft,
  takePreselectedCategory,
  type DraftError,
  type ReportDraft,
} from '@/services/draft'
import { useNow } from '@/services/hooks'
import { releasePhoto } from '@/services/image'
import { composeAddress, describePlace, getFix, openLocationSettings, type Point } from '@/services/location'
import { getMe } from '@/services/me'
import { reportPhotoCloudPath, submitPhotoScope } from '@/services/photoPath'
import {
  ADDRESS_MAX,
  DAILY_REPORT_LIMIT,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  DUPLICATE_RADIUS_M,
  DUPLICATE_WINDOW_DAYS,
  PHOTOS_MAX,
  PHOTOS_MIN,
  shortId,
  type NearbyItem,
} from '@/services/report'
import { ROUTES, openPage, toast } from '@/services/ui'
import { useAction, useDevUserId } from '@/services/useAction'
import { CategoryPicker } from './CategoryPicker'
import { LocationPanel } from './LocationPanel'
import { NearbyList } from './NearbyList'
import '@/components/report/report.scss'
import './index.scss'

type Phase = 'idle' | 'checking' | 'uploading' | 'submitting'
type LocState = 'idle' | 'locating' | 'ready' | 'error'

interface NearbyState {
  key: string
  items: NearbyItem[]
  loading: boolean
  failed: boolean
}

const PHASE_TEXT: Record<Exclude<Phase, 'idle'>, string> = {
  checking: '正在查询附近是否已有人反映…',
  uploading: '正在上传照片…',
  submitting: '正在提交…',
}

/** A fix older than this is taken again when the tab is shown before any photo was added. */
const STALE_FIX_MS = 5 * 60 * 1000

const nearbyKeyOf = (d: ReportDraft): string =>
  d.location && d.categoryId ? `${d.location.lat.toFixed(5)},${d.location.lng.toFixed(5)},${d.categoryId}` : ''

function problemsOf(d: ReportDraft): string[] {
  const out: string[] = []
  if (d.photos.length < PHOTOS_MIN) out.push(`请至少拍摄 ${PHOTOS_MIN} 张现场照片`)
  if (!d.location) out.push('请先获取问题位置')
  if (!d.categoryId) out.push('请选择问题分类')
  if (d.description.trim().length < DESCRIPTION_MIN) out.push(`问题描述至少 ${DESCRIPTION_MIN} 个字`)
  return out
}

/** WeChat only, and only with real template ids: ask to be told how the report goes. Refusal is fine. */
function askSubscribe(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const ids = SUBSCRIBE_ON_SUBMIT.filter((id) => !/PLACEHOLDER/.test(id))
  if (ids.length === 0) return
  Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).catch(() => {})
}

export default function ReportPage() {
  const identity = useDevUserId()
  const now = useNow(60000)
  const categories = useAction('city', 'listCategories', {})
  const categoryList = useMemo(() => categories.data?.items ?? [], [categories.data])
  const [usage, setUsage] = useState<Record<string, number>>(() => loadCategoryUsage())

  // ----------------------------------------------------------------------------------------------- draft
  const [draft, setDraftState] = useState<ReportDraft>(() => loadDraft() ?? emptyDraft())
  const [restored, setRestored] = useState(() => {
    const d = loadDraft()
    return !!d && draftHasContent(d)
  })
  const draftRef = useRef(draft)
  const [storageFull, setStorageFull] = useState(false)
  const setDraft = useCallback((update: (d: ReportDraft) => ReportDraft) => {
    const next = update(draftRef.current)
    draftRef.current = next
    setDraftState(next)
    setStorageFull(!saveDraft(next))
  }, [])

  // H5: another identity has its own draft.
  const lastIdentity = useRef(identity)
  useEffect(() => {
    if (lastIdentity.current === identity) return
    lastIdentity.current = identity
    const d = loadDraft() ?? emptyDraft()
    draftRef.current = d
    setDraftState(d)
    setRestored(draftHasContent(d))
    setUsage(loadCategoryUsage())
    setSuccess(null)
    setCosigned({})
  }, [identity])


  // -------------------------------------------------------------------------------------------- location
  const [locState, setLocState] = useState<LocState>(draft.location ? 'ready' : 'idle')
  const [locError, setLocError] = useState<string | null>(null)
  const [locDenied, setLocDenied] = useState(false)
  const [naming, setNaming] = useState(false)
  const nameSeq = useRef(0)

  const nameLocation = useCallback(
    async (pin: Point) => {
      const seq = ++nameSeq.current
      setNaming(true)
      const res = await callAction('city', 'locate', pin)
      if (seq !== nameSeq.current) return
      setNaming(false)
      const place = describePlace(res.ok ? res.data : null)
      setDraft((d) => (d.location ? { ...d, location: { ...d.location, ...place } } : d))
    },
    [setDraft],
  )

  const locate = useCallback(async () => {
    setLocState('locating')
    setLocError(null)
    const fix = await getFix()
    if (!fix.ok) {
      setLocState(draftRef.current.location ? 'ready' : 'error')
      setLocError(fix.message)
      setLocDenied(fix.denied)
      if (draftRef.current.location) toast(fix.message)
      return
    }
    setLocDenied(false)
    setDraft((d) => ({
      ...d,
      location: {
        lat: fix.point.lat,
        lng: fix.point.lng,
        fixLat: fix.point.lat,
        fixLng: fix.point.lng,
        accuracy: fix.accuracy,
        fixedAt: Date.now(),
        area: '',
        grid: '',
        inCity: false,
      },
    }))
    setLocState('ready')
    await nameLocation(fix.point)
  }, [nameLocation, setDraft])

  const locateRef = useRef(locate)
  locateRef.current = locate

  useDidShow(() => {
    const pre = takePreselectedCategory()
    if (pre) setDraft((d) => ({ ...d, categoryId: pre }))
    // Back on the tab later, before any photo: the resident may have moved, so locate again. (A draft with
    // photos keeps its place: that is where they were taken.)
    const d = draftRef.current
    if (d.location && d.photos.length === 0 && Date.now() - (d.location.fixedAt ?? 0) > STALE_FIX_MS) locateRef.current()
  })

  // First visit (or a draft without a place): locate once.
  useEffect(() => {
    if (!draftRef.current.location) locate()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity])

  const moveTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const movePin = useCallback(
    (pin: Point) => {
      setDraft((d) => (d.location ? { ...d, location: { ...d.location, lat: pin.lat, lng: pin.lng } } : d))
      if (moveTimer.current) clearTimeout(moveTimer.current)
      moveTimer.current = setTimeout(() => nameLocation(pin), 350)
    },
    [nameLocation, setDraft],
  )

  const address = draft.location
    ? composeAddress({ area: draft.location.area, grid: draft.location.grid, inCity: draft.location.inCity }, draft.location, draft.addressDetail, ADDRESS_MAX)
    : ''

  // ---------------------------------------------------------------------------------------------- nearby
  const [nearby, setNearby] = useState<NearbyState>({ key: '', items: [], loading: false, failed: false })
  const nearbyKey = nearbyKeyOf(draft)
  const fetchNearby = useCallback(async (d: ReportDraft): Promise<NearbyState> => {
    const key = nearbyKeyOf(d)
    if (!key || !d.location || !d.categoryId) return { key, items: [], loading: false, failed: false }
    setNearby((s) => ({ ...s, key, loading: true }))
    const res = await callAction('report', 'nearbyOpen', { lat: d.location.lat, lng: d.location.lng, categoryId: d.categoryId, radiusM: DUPLICATE_RADIUS_M })
    const state = { key, items: res.ok ? res.data.items : [], loading: false, failed: !res.ok }
    setNearby((s) => (nearbyKeyOf(draftRef.current) === key ? state : s))
    return state
  }, [])
  useEffect(() => {
    if (!nearbyKey || naming) return
    const t = setTimeout(() => fetchNearby(draftRef.current), 500)
    return () => clearTimeout(t)
  }, [nearbyKey, naming, fetchNearby, identity])

  const [cosigning, setCosigning] = useState<string | null>(null)
  const [cosigned, setCosigned] = useState<Record<string, number>>({})
  const [cosignedId, setCosignedId] = useState<string | null>(null)
  const cosign = async (id: string) => {
    if (cosigning) return
    setCosigning(id)
    const res = await callAction('report', 'cosign', { id })
    setCosigning(null)
    if (!res.ok) return toast(res.message)
    setCosigned((c) => ({ ...c, [id]: res.data.cosignCount }))
    setCosignedId(id)
    setDupSheet(false)
    toast('已附议，感谢您的参与', 'success')
  }

  // ---------------------------------------------------------------------------------------------- submit
  const [phase, setPhase] = useState<Phase>('idle')
  const [uploading, setUploading] = useState<string[]>([])
  const [uploadDone, setUploadDone] = useState(0)
  const [showProblems, setShowProblems] = useState(false)
  const [dupSheet, setDupSheet] = useState(false)
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null)
  const [success, setSuccess] = useState<{ id: string; replayed: boolean } | null>(null)
  const busy = useRef(false)

  const fail = (error: DraftError) => setDraft((d) => ({ ...d, lastError: error }))

  const upload = async (): Promise<string[] | null> => {
    const me = await getMe()
    if (!me.ok) {
      fail({ code: me.code, message: me.message, stage: 'upload' })
      return null
    }
    setPhase('uploading')
    const pending = draftRef.current.photos.filter((p) => !p.fileID)
    setUploadDone(draftRef.current.photos.length - pending.length)
    for (const photo of pending) {
      setUploading([photo.name])
      const res = await uploadFile(photo.path, reportPhotoCloudPath(me.data.openid, submitPhotoScope(draftRef.current.clientId), photo.name))
      setUploading([])
      if (!res.ok) {
        fail({ code: res.code, message: res.message, stage: 'upload' })
        return null
      }
      setDraft((d) => ({ ...d, photos: d.photos.map((p) => (p.name === photo.name ? { ...p, fileID: res.data.fileID } : p)) }))
      setUploadDone((n) => n + 1)
    }
    return draftRef.current.photos.map((p) => p.fileID!).filter(Boolean)
  }

  const send = async () => {
    const fileIDs = await upload()
    if (!fileIDs) return
    const d = draftRef.current
    if (!d.location || !d.categoryId) return
    setPhase('submitting')
    const res = await callAction('report', 'submit', {
      clientId: d.clientId,
      categoryId: d.categoryId,
      description: d.description.trim(),
      photos: fileIDs,
      location: { lat: d.location.lat, lng: d.location.lng, address },
    })
    if (!res.ok) {
      // A photo the server cannot find is uploaded again on the next try.
      const issues = 'issues' in res ? (res.issues ?? []) : []
      const missing = new Set(issues.map((i) => /^photos\.(\d+)$/.exec(i.path)?.[1]).filter(Boolean).map(Number))
      setDraft((x) => ({
        ...x,
        lastError: { code: res.code, message: res.message, stage: 'submit' },
        photos: missing.size ? x.photos.map((p, i) => (missing.has(i) ? { ...p, fileID: null } : p)) : x.photos,
      }))
      return
    }
    countCategoryUse(d.categoryId)
    setUsage(loadCategoryUsage())
    d.photos.forEach((p) => releasePhoto(p.path))
    clearDraft()
    const fresh = emptyDraft()
    draftRef.current = fresh
    setDraftState(fresh)
    setRestored(false)
    setShowProblems(false)
    setConfirmedKey(null)
    setCosigned({})
    setCosignedId(null)
    setSuccess({ id: res.data.report.id, replayed: res.data.replayed })
  }

  const submit = async (skipNearby = false) => {
    if (busy.current) return
    const d = draftRef.current
    if (problemsOf(d).length) {
      setShowProblems(true)
      toast(problemsOf(d)[0])
      return
    }
    askSubscribe() // must run in the tap itself, before anything is awaited
    busy.current = true
    setDraft((x) => ({ ...x, lastError: null }))
    try {
      const key = nearbyKeyOf(d)
      if (!skipNearby && key !== confirmedKey) {
        setPhase('checking')
        const found = nearby.key === key && !nearby.loading && !nearby.failed ? nearby : await fetchNearby(d)
        const open = found.items.filter((i) => !(i.id in cosigned))
        if (open.length > 0) {
          setDupSheet(true)
          return
        }
      }
      await send()
    } finally {
      busy.current = false
      setPhase('idle')
      setUploading([])
    }
  }

  const continueAfterNearby = () => {
    setConfirmedKey(nearbyKey)
    setDupSheet(false)
    submit(true)
  }

  const discard = () => {
    draftRef.current.photos.forEach((p) => releasePhoto(p.path))
    clearDraft()
    const fresh = emptyDraft()
    fresh.location = draftRef.current.location
    draftRef.current = fresh
    setDraftState(fresh)
    setRestored(false)
    setCosignedId(null)
    setShowProblems(false)
  }

  // ------------------------------------------------------------------------------------------------ view
  const working = phase !== 'idle'
  const problems = problemsOf(draft)
  const error = draft.lastError
  const total = draft.photos.length

  if (success) {
    return (
      <PageShell id='page-report' className='report-success-page'>
        <View id='report-success' className='card report-success' data-id={success.id}>
          <View className='report-success__icon'>
            <Text>✓</Text>
          </View>
          <Text className='report-success__title'>{success.replayed ? '该随手拍已提交过' : '提交成功'}</Text>
          <Text className='report-success__no'>编号 {shortId(success.id)}</Text>
          <Text className='report-success__text'>感谢您为城市文明出一份力！创城办审核后将派给责任单位限时整改，每一步进展都可以在“我的随手拍”中查看。</Text>
          <View className='report-success__actions'>
            <Button id='report-success-view' type='primary' block onClick={() => openPage(ROUTES.reportDetail(success.id))}>
              查看办理进度
            </Button>
            <Button
              id='report-success-new'
              fill='outline'
              type='primary'
              block
              onClick={() => {
                setSuccess(null)
                locate()
              }}
            >
              再拍一条
            </Button>
          </View>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell id='page-report' padded={false}>
      <View className='rp-hero'>
        <View className='rp-hero__row'>
          <View>
            <Text className='rp-hero__title'>随手拍</Text>
            <Text className='rp-hero__sub'>发现问题拍一拍，受理、整改进度全程可查</Text>
          </View>
          <Text id='report-my-entry' className='rp-hero__link' onClick={() => openPage(ROUTES.myReports)}>
            我的随手拍 ›
          </Text>
        </View>
      </View>

      <View id='report-form' className='page-shell__body rp-body'>
        {restored ? (
          <View id='report-draft-restored' className='rp-banner tone-gold'>
            <Text className='rp-banner__glyph'>📝</Text>
            <Text className='rp-banner__text'>已恢复上次未提交的草稿，可继续编辑后提交。</Text>
            <Text className='report-link' onClick={discard}>
              清空
            </Text>
          </View>
        ) : null}

        {cosignedId ? (
          <View id='report-cosigned' className='rp-banner tone-green'>
            <Text className='rp-banner__glyph'>🤝</Text>
            <View className='rp-banner__text'>
              <Text>您已附议附近的同一问题，创城办会一并处理，无需重复提交。</Text>
              <View className='report-banner-actions'>
                <Text id='report-cosigned-view' className='report-link' onClick={() => openPage(ROUTES.reportDetail(cosignedId))}>
                  查看该问题
                </Text>
                <Text id='report-discard' className='report-link' onClick={discard}>
                  清空草稿
                </Text>
              </View>
            </View>
          </View>
        ) : null}

        <View className='card rp-card'>
          <Field label='现场照片' required extra={<Text>{total}/{PHOTOS_MAX}</Text>} id='report-photos-field'>
            <PhotoPicker
              id='report-photos'
              photos={draft.photos}
              max={PHOTOS_MAX}
              uploading={uploading}
              disabled={working}
              onAdd={(p: PickedPhoto) => setDraft((d) => ({ ...d, photos: [...d.photos, p].slice(0, PHOTOS_MAX), lastError: null }))}
              onRemove={(name) =>
                setDraft((d) => {
                  const gone = d.photos.find((p) => p.name === name)
                  if (gone) releasePhoto(gone.path)
                  return { ...d, photos: d.photos.filter((p) => p.name !== name) }
                })
              }
            />
            <Text className='rp-hint'>照片会在手机上压缩并去除拍摄位置、机型等隐私信息后再上传；请勿拍摄他人面部特写。</Text>
          </Field>
        </View>

        <View className='card rp-card'>
          <Field label='问题位置' required>
            <LocationPanel
              location={draft.location}
              state={locState}
              error={locError}
              naming={naming}
              address={address}
              addressDetail={draft.addressDetail}
              onAddressDetail={(v) => setDraft((d) => ({ ...d, addressDetail: v }))}
              onLocate={locDenied && process.env.TARO_ENV === 'weapp' ? openLocationSettings : locate}
              onMove={movePin}
              disabled={working}
            />
          </Field>
        </View>

        <View className='card rp-card'>
          <Field label='问题分类' required>
            {categories.loading && !categories.data ? (
              <Loading compact text='正在加载问题分类…' />
            ) : categories.error ? (
              <ErrorState compact error={categories.error} onRetry={categories.reload} />
            ) : (
              <CategoryPicker
                categories={categoryList}
                usage={usage}
                value={draft.categoryId}
                disabled={working}
                onChange={(id) => setDraft((d) => ({ ...d, categoryId: id }))}
              />
            )}
          </Field>
        </View>

        {nearby.key === nearbyKey && nearby.items.length > 0 ? (
          <View id='report-nearby' className='card rp-card report-nearby'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>附近已有人反映</Text>
              <Text className='rp-card__extra'>
                {DUPLICATE_RADIUS_M} 米内 · 近 {DUPLICATE_WINDOW_DAYS} 天
              </Text>
            </View>
            <Text className='rp-hint'>如果是同一个问题，点“附议”即可，创城办会合并处理、优先督办。</Text>
            <NearbyList
              items={nearby.items}
              now={now}
              cosigning={cosigning}
              cosigned={cosigned}
              onCosign={cosign}
              onOpen={(id) => openPage(ROUTES.reportDetail(id))}
            />
          </View>
        ) : null}

        <View className='card rp-card'>
          <Field label='问题描述' required>
            <TextBox
              id='report-description'
              value={draft.description}
              onChange={(v) => setDraft((d) => ({ ...d, description: v }))}
              min={DESCRIPTION_MIN}
              max={DESCRIPTION_MAX}
              tall
              disabled={working}
              placeholder='请描述看到的问题，如：人行道上共享单车堆放，行人无法通行'
            />
          </Field>
        </View>

        {showProblems && problems.length > 0 ? (
          <View id='report-problems' className='rp-banner tone-orange'>
            <Text className='rp-banner__glyph'>⚠️</Text>
            <View className='rp-banner__text'>
              {problems.map((p) => (
                <Text key={p} className='report-problem'>
                  {p}
                </Text>
              ))}
            </View>
          </View>
        ) : null}

        {error && !working ? (
          <View id='report-error' className='rp-banner tone-red' data-code={error.code} data-stage={error.stage}>
            <Text className='rp-banner__glyph'>{error.code === 'NETWORK' ? '📡' : '⚠️'}</Text>
            <View className='rp-banner__text'>
              <Text className='report-error__title'>{error.stage === 'upload' ? '照片上传失败' : error.code === 'RATE_LIMITED' ? '暂时不能提交' : '提交未成功'}</Text>
              <Text className='report-error__message'>{error.message}</Text>
              <Text className='report-error__hint'>
                {error.code === 'RATE_LIMITED' ? '草稿已保存在本机，按上面的提示稍后再提交。' : '草稿已保存在本机，可随时重试。'}
              </Text>
            </View>
            {error.code !== 'RATE_LIMITED' ? (
              <Button id='report-retry' size='small' type='primary' onClick={() => submit()}>
                重试
              </Button>
            ) : null}
          </View>
        ) : null}

        {storageFull ? (
          <View className='rp-banner tone-orange'>
            <Text className='rp-banner__glyph'>💾</Text>
            <Text className='rp-banner__text'>手机存储空间不足，草稿未能完整保存；提交前请不要关闭页面。</Text>
          </View>
        ) : null}

        {working ? (
          <View id='report-progress' className='report-progress' data-phase={phase}>
            <View className='picker-spinner' />
            <Text className='report-progress__text'>
              {phase === 'uploading' ? `正在上传照片 ${Math.min(uploadDone + 1, total)}/${total}…` : PHASE_TEXT[phase]}
            </Text>
          </View>
        ) : null}

        <View className='report-submit'>
          <Button id='report-submit' type='primary' block size='large' loading={working} disabled={working} onClick={() => submit()}>
            {working ? '提交中' : '提交随手拍'}
          </Button>
          <Text className='report-submit__hint'>提交即表示您承诺所反映情况属实。每人每天最多提交 {DAILY_REPORT_LIMIT} 条。</Text>
        </View>
      </View>

      <Sheet
        visible={dupSheet}
        title='附近已有相同问题'
        id='report-dup-sheet'
        onClose={() => setDupSheet(false)}
        confirmText='不是同一问题，继续提交'
        onConfirm={continueAfterNearby}
      >
        <Text className='rp-hint report-dup-hint'>
          {DUPLICATE_RADIUS_M} 米内近 {DUPLICATE_WINDOW_DAYS} 天已有市民反映同类问题、正在处理。如是同一问题，附议即可，无需重复提交。
        </Text>
        <NearbyList
          items={nearby.items}
          now={now}
          cosigning={cosigning}
          cosigned={cosigned}
          onCosign={cosign}
          onOpen={(id) => openPage(ROUTES.reportDetail(id))}
        />
      </Sheet>
    </PageShell>
  )
}
