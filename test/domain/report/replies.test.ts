import { CATEGORY_GROUPS } from '@/domain/city/category'
import {
  REJECTION_REASONS,
  rejectionReply,
  renderReply,
  REPLY_KINDS,
  REPLY_VARS,
  replyTemplates,
  REASON_MAX,
  NOTE_MAX,
} from '@/domain/report'

describe('reply templates', () => {
  it('every kind has templates for every category group (and without one)', () => {
    for (const kind of REPLY_KINDS)
      for (const group of [...CATEGORY_GROUPS, null]) expect(replyTemplates(kind, group).length).toBeGreaterThan(0)
  })

  it('a group’s own wording comes first, then the generic one', () => {
    const t = replyTemplates('verifyClose', '环境卫生')
    expect(t[0].id).toBe('verifyClose:环境卫生:0')
    expect(t.at(-1)!.id).toBe('verifyClose:通用:0')
    expect(replyTemplates('verifyClose', null).map((x) => x.id)).toEqual(['verifyClose:通用:0'])
  })

  it('reject offers one reply per reason', () => {
    expect(replyTemplates('reject', '交通秩序').map((t) => t.id)).toEqual(REJECTION_REASONS.map((r) => `reject:${r}`))
    expect(rejectionReply('not_civic')).toContain('12345')
  })

  it('ids are unique, placeholders are known, and rendered text fits the fields it is sent in', () => {
    const vars = { category: '占道经营', unit: '大武口区城市管理综合执法局', deadline: '12月31日', original: '9a2f0c1e64a1b2c3', days: 12, reason: '隔离桩未安装到位' }
    for (const kind of REPLY_KINDS)
      for (const group of [...CATEGORY_GROUPS, null]) {
        const ts = replyTemplates(kind, group)
        expect(new Set(ts.map((t) => t.id)).size).toBe(ts.length)
        for (const t of ts) {
          for (const [, name] of t.text.matchAll(/\{(\w+)\}/g)) expect(REPLY_VARS).toContain(name)
          const text = renderReply(t.text, vars)
          expect(text).not.toMatch(/\{\w+\}/)
          // reject text and sendBack/outOfScope reasons go into ≤200-char fields, notes into ≤500
          const max = ['reject', 'sendBack', 'outOfScope'].includes(kind) ? REASON_MAX : NOTE_MAX
          expect(text.length).toBeLessThanOrEqual(max)
        }
      }
  })

  it('renderReply fills what it knows and leaves the rest visible', () => {
    expect(renderReply('已交由{unit}处理，整改时限至{deadline}。', { unit: '城管局', deadline: '5月9日' })).toBe('已交由城管局处理，整改时限至5月9日。')
    expect(renderReply('超期{days}天，{unit}', { days: 2 })).toBe('超期2天，{unit}')
  })
})
