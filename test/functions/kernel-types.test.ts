/**
 * Handler type-safety, checked by `npm run typecheck` (tsc includes test/): each handler gets its
 * action's parsed input and must return its action's output. The `@ts-expect-error` lines fail the
 * typecheck if the kernel ever stops rejecting them.
 */
import { z } from 'zod'
import { createFunction, defineHandler, type Handlers } from '../../cloudfunctions/kernel'
import { defineAction, defineContract } from '../../src/domain/core/contract'

const c = defineContract('typed', {
  add: defineAction({
    summary: '加法',
    roles: ['resident'],
    input: z.object({ a: z.number(), b: z.number().default(1), note: z.string().trim().optional() }).strict(),
    output: z.object({ sum: z.number() }),
  }),
})

// Correct: `b` is a number after parsing (default applied); the result matches the output schema.
const good: Handlers<typeof c> = {
  add: ({ a, b }, ctx) => {
    const roles: string[] = ctx.roles
    void roles
    return { sum: a + b }
  },
}

const wrongOutput: Handlers<typeof c> = {
  // @ts-expect-error — `sum` must be a number
  add: ({ a }) => ({ sum: String(a) }),
}

const wrongInput: Handlers<typeof c> = {
  // @ts-expect-error — there is no input field `c`
  add: ({ c: x }) => ({ sum: x }),
}

// @ts-expect-error — a handler for an action the contract does not have
const extra: Handlers<typeof c> = { add: () => ({ sum: 1 }), subtract: () => ({ sum: 0 }) }

// @ts-expect-error — the handler for `add` is missing
const missing: Handlers<typeof c> = {}

// Handlers defined one by one (in separate files) are typed the same way.
const add = defineHandler(c, 'add', ({ a, b }) => ({ sum: a + b }))
// @ts-expect-error — wrong output type
defineHandler(c, 'add', () => ({ sum: 'x' }))
// @ts-expect-error — no such action
defineHandler(c, 'subtract', () => ({ sum: 0 }))

describe('handler typing', () => {
  it('builds with correctly typed handlers', () => {
    expect(typeof createFunction(c, good).main).toBe('function')
    expect(typeof createFunction(c, { add }).main).toBe('function')
    expect([wrongOutput, wrongInput, extra, missing]).toHaveLength(4)
  })
})
