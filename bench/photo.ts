/**
 * The photo pipeline on a 12-megapixel photo: the app's own H5 compression (`compressPhoto` from
 * src/services/image.ts, bundled as it is with Taro stubbed out) in Debian's chromium. The test photo is
 * drawn at bench time — a street scene's gradients and shapes with sensor-like noise, saved as a JPEG at
 * quality 0.92 like a phone camera's — so nothing big is committed.
 */
import path from 'node:path'
import { build } from 'esbuild'
import { launch } from '../test/e2e/support/browser'
import type { PhotoResult } from './results'

const ROOT = path.resolve(__dirname, '..')

async function bundleImageModule(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(ROOT, 'src/services/image.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'BenchImage',
    platform: 'browser',
    target: 'chrome100',
    alias: { '@tarojs/taro': path.join(ROOT, 'bench/taro-stub.ts') },
    define: { 'process.env.TARO_ENV': '"h5"' },
    logLevel: 'warning',
  })
  return out.outputFiles[0].text
}

export async function photoBench(): Promise<PhotoResult> {
  const code = await bundleImageModule()
  const browser = await launch()
  try {
    const page = await browser.newPage()
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ content: code })
    return await page.evaluate(async () => {
      const W = 4000
      const H = 3000
      const canvas = document.createElement('canvas')
      canvas.width = W
      canvas.height = H
      const g = canvas.getContext('2d')!
      let seed = 12345
      const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)
      const sky = g.createLinearGradient(0, 0, 0, H * 0.5)
      sky.addColorStop(0, '#7fa8d6')
      sky.addColorStop(1, '#dfe8f0')
      g.fillStyle = sky
      g.fillRect(0, 0, W, H)
      for (let i = 0; i < 400; i++) {
        const x = rand() * W
        const w = 60 + rand() * 400
        const h = 200 + rand() * 1400
        const fill = g.createLinearGradient(x, H - h, x + w, H)
        fill.addColorStop(0, `hsl(${rand() * 360},${10 + rand() * 40}%,${30 + rand() * 50}%)`)
        fill.addColorStop(1, `hsl(${rand() * 360},${10 + rand() * 40}%,${20 + rand() * 40}%)`)
        g.fillStyle = fill
        g.fillRect(x, H * 0.9 - h, w, h)
      }
      for (let i = 0; i < 3000; i++) {
        g.fillStyle = `hsla(${rand() * 360},50%,${20 + rand() * 60}%,0.6)`
        g.beginPath()
        g.arc(rand() * W, H * 0.5 + rand() * H * 0.5, 3 + rand() * 40, 0, Math.PI * 2)
        g.fill()
      }
      // Sensor noise, as in any phone photo (it is what makes camera JPEGs big).
      const img = g.getImageData(0, 0, W, H)
      const d = img.data
      for (let i = 0; i < d.length; i += 4) {
        const n = (rand() - 0.5) * 24
        d[i] += n
        d[i + 1] += n
        d[i + 2] += n
      }
      g.putImageData(img, 0, 0)
      const original = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92))
      const url = URL.createObjectURL(original)
      const started = performance.now()
      const out = await (window as any).BenchImage.compressPhoto(url)
      const ms = Math.round((performance.now() - started) * 10) / 10
      return { bytes_in: original.size, bytes_out: out.size, ms, width_in: W, height_in: H, width_out: out.width, height_out: out.height }
    })
  } finally {
    await browser.close()
  }
}
