import { useMemo } from 'react'
import { View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import './vol.scss'

/**
 * A QR code drawn as a grid of Views (no canvas, so it renders alike in WeChat and H5). Each row is one
 * flex line of runs (dark/light), so a 41-module code is a few hundred nodes, not 1,681. The size comes
 * from the class (`.qr-matrix` is square via its own width/height); proportions are flex ratios, exact.
 * Test hooks: `#<id>`, `data-text` (what the code encodes), `data-modules`.
 */
export function QrMatrix({ text, id, className }: { text: string; id?: string; className?: string }) {
  const rows = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text, 'Byte')
    qr.make()
    const n = qr.getModuleCount()
    const out: { dark: boolean; len: number }[][] = []
    for (let r = 0; r < n; r++) {
      const runs: { dark: boolean; len: number }[] = []
      for (let c = 0; c < n; c++) {
        const dark = qr.isDark(r, c)
        const last = runs[runs.length - 1]
        if (last && last.dark === dark) last.len++
        else runs.push({ dark, len: 1 })
      }
      out.push(runs)
    }
    return out
  }, [text])
  return (
    <View id={id} className={`qr-matrix${className ? ` ${className}` : ''}`} data-text={text} data-modules={String(rows.length)}>
      {rows.map((runs, r) => (
        <View key={r} className='qr-matrix__row'>
          {runs.map((run, i) => (
            <View key={i} className={`qr-matrix__run${run.dark ? ' is-dark' : ''}`} style={{ flex: `${run.len} ${run.len} 0` }} />
          ))}
        </View>
      ))}
    </View>
  )
}
