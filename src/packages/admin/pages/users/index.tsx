import { useEffect, useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips, MultiChips } from '@/components/volunteer/Chips'
import { Field, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import type { Role } from '@/domain/core/roles'
import { callAction, type ClientFail, type OutputOf } from '@/services/cloud'
import { ROLE_LABELS, sortRoles } from '@/services/roles'
import { useBusy, useOffsetList } from '@/services/volunteerHooks'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

type User = OutputOf<'user', 'listUsers'>['items'][number]
type Unit = OutputOf<'city', 'listAllUnits'>['items'][number]
type Filter = 'all' | 'staff' | 'unit' | 'admin'
const GRANTABLE: Role[] = ['staff', 'unit', 'admin', 'volunteer']

/** Active units for the binding picker (one page of 100 is every unit a city has). */
function useActiveUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([])
  useEffect(() => {
    callAction('city', 'listAllUnits', { active: true, limit: 100 }).then((res) => res.ok && setUnits(res.data.items))
  }, [])
  return units
}

function UserRow({ u, onEdit }: { u: User; onEdit: () => void }) {
  return (
    <View className='cfg-row user-row' data-openid={u.openid} onClick={onEdit}>
      <View className='cfg-row__head'>
        <Text className='cfg-row__title'>{u.nickname}</Text>
        {sortRoles(u.roles)
          .filter((r) => r !== 'resident')
          .map((r) => (
            <ToneTag key={r} tone={r === 'admin' ? 'red' : r === 'staff' ? 'blue' : r === 'unit' ? 'orange' : 'green'} className='user-role'>
              {ROLE_LABELS[r]}
            </ToneTag>
          ))}
      </View>
      <Text className='cfg-row__meta'>
        {u.openid}
        {u.unit ? ` · ${u.unit.name}` : ''}
      </Text>
    </View>
  )
}

function Users() {
  const [filter, setFilter] = useState<Filter>('all')
  const [q, setQ] = useState('')
  const [found, setFound] = useState<User[] | null>(null)
  const [searchError, setSearchError] = useState<ClientFail | null>(null)
  const list = useOffsetList('user', 'listUsers', filter === 'all' ? {} : { role: filter }, [filter])
  const units = useActiveUnits()
  const [editing, setEditing] = useState<User | null>(null)
  const [roles, setRoles] = useState<Role[]>([])
  const [unitId, setUnitId] = useState<string | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()
  useReachBottom(() => list.loadMore())

  const search = () =>
    run(async () => {
      if (!q.trim()) return setFound(null)
      const res = await callAction('user', 'searchUsers', { q: q.trim() })
      setSearchError(res.ok ? null : res)
      setFound(res.ok ? res.data.items : [])
    })

  const edit = (u: User) => {
    setEditing(u)
    setRoles(u.roles.filter((r) => r !== 'resident'))
    setUnitId(u.unit?.id ?? null)
    setSheetError(null)
  }

  const save = () =>
    run(async () => {
      if (!editing) return
      if (roles.includes('unit') && !unitId) return setSheetError('责任单位人员必须绑定一个责任单位')
      const res = await callAction('user', 'setRoles', { openid: editing.openid, roles, unitId: roles.includes('unit') ? unitId : null })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已更新 ${res.data.nickname} 的角色：${sortRoles(res.data.roles).map((r) => ROLE_LABELS[r]).join('、')}（下次操作起生效）`)
      setEditing(null)
      setFound((prev) => prev?.map((u) => (u.openid === res.data.openid ? res.data : u)) ?? null)
      list.reload()
    })

  const rows = found ?? list.items
  return (
    <>
      <View className='cfg-bar'>
        <TextInput id='user-search' value={q} onChange={setQ} placeholder='昵称开头或 OPENID' maxlength={64} />
        <Button id='user-search-go' size='small' type='primary' disabled={busy} onClick={search}>
          查找
        </Button>
      </View>
      {found ? (
        <View className='cfg-bar'>
          <Text className='vol-muted'>查找“{q}”：{found.length} 人</Text>
          <Button size='small' fill='none' onClick={() => setFound(null)}>
            返回列表
          </Button>
        </View>
      ) : (
        <ChoiceChips
          idPrefix='user-filter'
          row
          options={[
            { value: 'all', label: '全部用户' },
            { value: 'staff', label: '创城办' },
            { value: 'unit', label: '责任单位' },
            { value: 'admin', label: '管理员' },
          ]}
          value={filter}
          onChange={(v) => v && setFilter(v)}
        />
      )}
      {message ? (
        <Notice id='user-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View id='user-list' className='cfg-list'>
        {searchError ? (
          <ErrorState error={searchError} onRetry={search} />
        ) : !found && list.loading ? (
          <Loading />
        ) : !found && list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : rows.length === 0 ? (
          <Empty icon='👥' title={found ? '没有找到这位用户' : '暂无用户'} description={found ? '用户需先打开过小程序；可按昵称开头或完整 OPENID 查找' : undefined} />
        ) : (
          rows.map((u) => <UserRow key={u.openid} u={u} onEdit={() => edit(u)} />)
        )}
      </View>
      {!found && list.hasMore ? (
        <View className='cfg-more' onClick={list.loadMore}>
          <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}

      <Sheet id='role-sheet' visible={!!editing} title={`设置角色 · ${editing?.nickname ?? ''}`} onClose={() => setEditing(null)} confirmText='保存' busy={busy} onConfirm={save}>
        <Field label='角色（市民身份始终保留）'>
          <MultiChips idPrefix='role' options={GRANTABLE.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={roles} onChange={setRoles} />
        </Field>
        {roles.includes('unit') ? (
          <Field label='所属责任单位' required>
            <ChoiceChips idPrefix='role-unit' options={units.map((u) => ({ value: u.id, label: u.shortName || u.name }))} value={unitId} onChange={setUnitId} />
          </Field>
        ) : null}
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
    </>
  )
}

/** 用户与角色. Test hooks: #page-admin-users, #user-search (+ #user-search-go), #user-filter-<role>, #user-list .user-row[data-openid], #role-sheet (#role-<role>, #role-unit-<unitId>, #role-sheet-confirm), #user-message. */
export default function UsersPage() {
  return (
    <PageShell id='page-admin-users' desk>
      <AdminOnly>
        <Users />
      </AdminOnly>
    </PageShell>
  )
}
