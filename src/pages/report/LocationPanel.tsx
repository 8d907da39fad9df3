/**
 * 问题位置: the device's fix, its place in the city's grid map, and a pin the resident can move onto the
 * problem (the fix is where the phone is, often across the street from the problem).
 *   WeChat: the Taro <Map> with a fixed centre pin; dragging the map moves the pin.
 *   H5 (no map there): a square of ±100 m around the fix — tap a cell or nudge 5 m at a time.
 * Test hooks: #report-location, #report-location-address, #report-location-locate, #report-location-state
 * (data-state idle|locating|ready|error), #report-nudge (H5), #report-nudge-{n,s,e,w}, #report-nudge-reset,
 * .nudge-cell (data-east, data-north), #report-nudge-offset, #report-address-detail.
 */
import { useRef } from 'react'
import Taro from '@tarojs/taro'
import { Map, Text, View } from '@tarojs/components'
import { Button } from '@/components/nut'
import { TextBox } from '@/components/report'
import type { DraftLocation } from '@/services/draft'
import { describeOffset, distanceMeters, formatPoint, offsetBetween, offsetPoint, type Point } from '@/services/location'
import { ADDRESS_MAX } from '@/services/report'

export const NUDGE_LIMIT_M = 100
const NUDGE_STEP_M = 5
const CELLS = 9
const CELL_M = (2 * NUDGE_LIMIT_M) / (CELLS - 1) // 25 m between cell centres

export interface LocationPanelProps {
  location: DraftLocation | null
  state: 'idle' | 'locating' | 'ready' | 'error'
  error: string | null
  /** city.locate for the current pin is running. */
  naming: boolean
  addressDetail: string
  onAddressDetail: (v: string) => void
  onLocate: () => void
  onMove: (pin: Point) => void
  /** The address that will be sent (place + detail). */
  address: string
  disabled?: boolean
}

const clamp = (v: number) => Math.max(-NUDGE_LIMIT_M, Math.min(NUDGE_LIMIT_M, v))

function Nudge({ location, onMove, disabled }: { location: DraftLocation; onMove: (p: Point) => void; disabled?: boolean }) {
  const fix = { lat: location.fixLat, lng: location.fixLng }
  const { eastM, northM } = offsetBetween(fix, location)
  const moveTo = (e: number, n: number) => !disabled && onMove(offsetPoint(fix, clamp(e), clamp(n)))
  const nudge = (de: number, dn: number) => moveTo(eastM + de, northM + dn)
  // Pin position in % of the square (north up).
  const left = 50 + (clamp(eastM) / (NUDGE_LIMIT_M + CELL_M / 2)) * 50
  const top = 50 - (clamp(northM) / (NUDGE_LIMIT_M + CELL_M / 2)) * 50
  const moved = Math.round(distanceMeters(fix, location))
  const half = (CELLS - 1) / 2
  return (
    <View id='report-nudge' className='nudge'>
      <View className='nudge__square'>
        {Array.from({ length: CELLS * CELLS }, (_, i) => {
          const east = (i % CELLS) - half
          const north = half - Math.floor(i / CELLS)
          return (
            <View
              key={i}
              className={`nudge-cell${east === 0 || north === 0 ? ' is-axis' : ''}`}
              data-east={east * CELL_M}
              data-north={north * CELL_M}
              onClick={() => moveTo(east * CELL_M, north * CELL_M)}
            />
          )
        })}
        <View className='nudge__fix' />
        <View className='nudge__pin' style={{ left: `${left}%`, top: `${top}%` }}>
          <Text className='nudge__pin-glyph'>📍</Text>
        </View>
        <Text className='nudge__north'>北</Text>
        <Text className='nudge__scale'>每格 {CELL_M} 米</Text>
      </View>
      <View className='nudge__side'>
        <View className='nudge__pad'>
          <View id='report-nudge-n' className='nudge__btn nudge__btn--n' onClick={() => nudge(0, NUDGE_STEP_M)}>
            <Text>▲</Text>
          </View>
          <View id='report-nudge-w' className='nudge__btn nudge__btn--w' onClick={() => nudge(-NUDGE_STEP_M, 0)}>
            <Text>◀</Text>
          </View>
          <View id='report-nudge-reset' className='nudge__btn nudge__btn--c' onClick={() => moveTo(0, 0)}>
            <Text>复位</Text>
          </View>
          <View id='report-nudge-e' className='nudge__btn nudge__btn--e' onClick={() => nudge(NUDGE_STEP_M, 0)}>
            <Text>▶</Text>
          </View>
          <View id='report-nudge-s' className='nudge__btn nudge__btn--s' onClick={() => nudge(0, -NUDGE_STEP_M)}>
            <Text>▼</Text>
          </View>
        </View>
        <Text id='report-nudge-offset' className='nudge__offset' data-east={Math.round(eastM)} data-north={Math.round(northM)}>
          {moved ? `已微调：${describeOffset(eastM, northM)}` : '图钉在定位点'}
        </Text>
        <Text className='nudge__hint'>点方格或箭头（每次 {NUDGE_STEP_M} 米），把图钉移到问题所在处，最远 {NUDGE_LIMIT_M} 米</Text>
      </View>
    </View>
  )
}

function WeappMap({ location, onMove }: { location: DraftLocation; onMove: (p: Point) => void }) {
  // The map's centre is the pin; it starts at the current pin and follows the resident's drag.
  const start = useRef({ lat: location.lat, lng: location.lng })
  const moved = Math.round(distanceMeters({ lat: location.fixLat, lng: location.fixLng }, location))
  return (
    <View className='loc-map'>
      <Map
        id='report-map'
        className='loc-map__map'
        latitude={start.current.lat}
        longitude={start.current.lng}
        scale={18}
        showLocation
        onRegionChange={(e) => {
          if (e.detail.type !== 'end') return
          Taro.createMapContext('report-map')
            .getCenterLocation({})
            .then((c) => onMove({ lat: c.latitude, lng: c.longitude }))
            .catch(() => {})
        }}
        onError={() => {}}
      />
      <View className='loc-map__pin'>
        <Text className='loc-map__pin-glyph'>📍</Text>
      </View>
      <Text className='loc-map__hint'>{moved ? `距定位点 ${moved} 米` : '拖动地图，让图钉对准问题位置'}</Text>
    </View>
  )
}

export function LocationPanel(props: LocationPanelProps) {
  const { location, state, error, naming, onLocate, onMove, disabled } = props
  return (
    <View id='report-location' className='loc'>
      <View id='report-location-state' className='loc__head' data-state={state}>
        <Text className='loc__glyph'>📍</Text>
        <View className='loc__text'>
          {state === 'locating' && !location ? (
            <Text className='loc__address is-muted'>正在获取位置…</Text>
          ) : location ? (
            <>
              <Text id='report-location-address' className='loc__address' data-in-city={location.inCity ? 'true' : 'false'}>
                {naming ? '正在识别所在网格…' : location.inCity ? location.area : '不在本市网格范围内'}
              </Text>
              <Text className='loc__sub'>
                {location.inCity && location.grid ? `${location.grid} · ` : ''}
                {formatPoint(location)}
                {location.accuracy ? ` · 精度约 ${location.accuracy} 米` : ''}
              </Text>
            </>
          ) : (
            <Text className='loc__address is-error'>{error ?? '尚未定位'}</Text>
          )}
        </View>
        <Button id='report-location-locate' size='small' fill='outline' type='primary' disabled={disabled || state === 'locating'} onClick={onLocate}>
          {state === 'locating' ? '定位中' : location ? '重新定位' : '获取位置'}
        </Button>
      </View>
      {location && state !== 'locating' ? (
        process.env.TARO_ENV === 'weapp' ? (
          <WeappMap key={`${location.fixLat},${location.fixLng}`} location={location} onMove={onMove} />
        ) : (
          <Nudge location={location} onMove={onMove} disabled={disabled} />
        )
      ) : null}
      {location ? (
        <View className='loc__detail'>
          <TextBox
            single
            id='report-address-detail'
            value={props.addressDetail}
            onChange={props.onAddressDetail}
            max={30}
            placeholder='补充位置（选填）：门牌号、店名、路口'
            disabled={disabled}
          />
          <Text className='loc__final'>上报地址：{props.address.slice(0, ADDRESS_MAX)}</Text>
        </View>
      ) : null}
    </View>
  )
}
