import Taro from '@tarojs/taro'

/** The 打码 tool tells the editor that opened it what was confirmed (same JS context in WeChat and H5). */
export const MASKED_EVENT = 'board:masked'
export interface MaskedEvent {
  original: string
  masked: string
  thumb: string
  regions: number
}
export const emitMasked = (e: MaskedEvent): void => {
  Taro.eventCenter.trigger(MASKED_EVENT, e)
}
export function onMasked(handler: (e: MaskedEvent) => void): () => void {
  Taro.eventCenter.on(MASKED_EVENT, handler)
  return () => Taro.eventCenter.off(MASKED_EVENT, handler)
}
