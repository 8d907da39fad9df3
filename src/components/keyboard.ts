/**
 * Keyboard-friendly list rows on a desktop browser: Tab reaches the row, Enter or Space opens it, and
 * `.desk-row:focus-visible` (desk.scss) shows where focus is. Spread onto the row's View:
 *   <View className='card desk-row' onClick={open} {...pressable(open)}>
 * The mini-program has no keyboard; there the props are left out.
 */
type Pressable = { tabIndex?: number; role?: string; onKeyDown?: (e: { key?: string; preventDefault?: () => void }) => void }

export function pressable(open: () => void): Pressable {
  if (process.env.TARO_ENV !== 'h5') return {}
  return {
    tabIndex: 0,
    role: 'button',
    onKeyDown: (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.()
        open()
      }
    },
  }
}
