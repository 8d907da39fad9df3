/**
 * The kernel's message-push hook (`options.events`): a push WeChat delivers to the function runs its
 * handler; nothing a mini-program user sends can pass for one.
 */
import { z } from 'zod'
import { createFunction } from '../../cloudfunctions/kernel'
import { defineAction, defineContract } from '../../src/domain/core/contract'
import { startCloud, type TestCloud } from '../support/runtime'

const pushContract = defineContract('pushprobe', {
  ping: defineAction({ summary: '探测', roles: ['resident'], input: z.object({}), output: z.object({ pong: z.literal(true) }) }),
})

const received: { event: string; openid: string | null; traceId: unknown }[] = []
const pushprobe = createFunction(pushContract, { ping: () => ({ pong: true as const }) }, {
  events: {
    wxa_media_check: (event, ctx) => {
      received.push({ event: ctx.event, openid: ctx.openid, traceId: event.trace_id })
      return { seen: true }
    },
  },
})
const plain = createFunction(defineContract('plainprobe', { ping: pushContract.actions.ping }), { ping: () => ({ pong: true as const }) })

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ seed: false, functions: { pushprobe, plainprobe: plain }, messagePushFunction: 'pushprobe' })
})
afterAll(async () => {
  await cloud?.close()
})
beforeEach(() => {
  received.length = 0
})

const push = { ToUserName: 'gh_000000000000', MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', result: { suggest: 'pass' } }

describe('message-push events', () => {
  it('runs the handler for a push, with the OPENID WeChat attaches as the user it is about', async () => {
    const res = await cloud.rt.invoke('pushprobe', push, { openid: 'o-pushed-about', source: 'wx_unknown' })
    expect(res).toEqual({ ok: true, data: { seen: true } })
    expect(received).toEqual([{ event: 'wxa_media_check', openid: 'o-pushed-about', traceId: 't-1' }])
    expect(await cloud.rt.invoke('pushprobe', push, { source: 'wx_unknown' })).toEqual({ ok: true, data: { seen: true } })
    expect(received[1].openid).toBeNull()
  })

  it('is what devcloud delivers a media-check verdict to', async () => {
    const { traceId } = await require('wx-server-sdk').openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.invalid/a.jpg', mediaType: 2 })
    await cloud.rt.settle()
    expect(received).toEqual([{ event: 'wxa_media_check', openid: null, traceId }])
  })

  it('never takes a mini-program (or HTTP) call for a push', async () => {
    for (const source of ['wx_client', 'wx_devtools', 'wx_client,scf', 'wx_http']) {
      const res = await cloud.rt.invoke('pushprobe', push, { openid: 'o-forger', source })
      expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    }
    // A client call carries userInfo (WeChat injects it); an event that has it is not a push either.
    const res = await cloud.rt.invoke('pushprobe', { ...push, userInfo: { openId: 'o-forger' } }, { source: 'wx_unknown' })
    expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    // An action is an action, even with an Event field.
    expect(await cloud.as('o-forger').call('pushprobe', 'ping', {})).toEqual({ ok: true, data: { pong: true } })
    expect(await cloud.rt.invoke('pushprobe', { ...push, action: 'ping' }, { openid: 'o-forger' })).toMatchObject({ ok: true })
    expect(received).toEqual([])
  })

  it('answers UNKNOWN_ACTION for an event without a handler, or a function without events', async () => {
    expect(await cloud.rt.invoke('pushprobe', { ...push, Event: 'user_enter_tempsession' }, { source: 'wx_unknown' })).toMatchObject({ code: 'UNKNOWN_ACTION' })
    expect(await cloud.rt.invoke('pushprobe', { ...push, Event: 'toString' }, { source: 'wx_unknown' })).toMatchObject({ code: 'UNKNOWN_ACTION' })
    expect(await cloud.rt.invoke('plainprobe', push, { source: 'wx_unknown' })).toMatchObject({ code: 'UNKNOWN_ACTION' })
  })
})
