import { ActionError } from '../../src/domain/core/envelope'
import type { ActionContext } from './router'

/** msgSecCheck scenes: 1 资料 (profiles), 2 评论, 3 论坛 (posts, reports), 4 社交日志. */
export type TextScene = 1 | 2 | 3 | 4

/**
 * Content security for user-written text (WeChat requires it for UGC): `security.msgSecCheck` v2.
 * Anything but `pass` is refused as INVALID_INPUT on `field`. The function calling it must declare
 * `security.msgSecCheck` in its config.json `permissions.openapi`. Errors of the check itself
 * propagate (fail closed) and surface as INTERNAL.
 */
export async function checkText(
  ctx: Pick<ActionContext, 'cloud' | 'openid'>,
  opts: { content: string; scene: TextScene; field: string; label: string },
): Promise<void> {
  if (!opts.content.trim()) return
  const res = (await ctx.cloud.openapi.security.msgSecCheck({
    openid: ctx.openid,
    scene: opts.scene,
    version: 2,
    content: opts.content,
  })) as { result?: { suggest?: string } }
  const suggest = res?.result?.suggest ?? 'pass'
  if (suggest !== 'pass') {
    const message = `${opts.label}含有不适宜发布的内容，请修改后再提交`
    throw new ActionError('INVALID_INPUT', message, [{ path: opts.field, message }])
  }
}
