// The built 问卷调查 subpackage: its pages are there, and no zod came with them (the screens import the
// domain's zod-free evaluator only). Needs `npm run build:weapp` (npm test builds first).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

const weapp = path.resolve(__dirname, '../../dist/weapp')
const survey = path.join(weapp, 'packages/survey')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : [p]
  })
}

/** Strings zod's runtime carries even minified (its internal property and class names). */
const ZOD_MARKERS = /_zod\b|\$ZodType|ZodError/

beforeAll(() => {
  if (!existsSync(path.join(weapp, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
})

test('the survey subpackage holds the resident and staff screens', () => {
  const app = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8'))
  const sub = (app.subPackages ?? []).find((s: { root: string }) => s.root === 'packages/survey')
  expect(sub?.pages).toEqual(expect.arrayContaining(['pages/list/index', 'pages/answer/index', 'pages/thanks/index', 'pages/manage/index', 'pages/edit/index', 'pages/results/index', 'pages/assist/index']))
  for (const page of sub.pages) expect(existsSync(path.join(survey, `${page}.js`))).toBe(true)
})

test('no zod in the survey subpackage', () => {
  const js = files(survey).filter((f) => f.endsWith('.js'))
  expect(js.length).toBeGreaterThan(0)
  const withZod = js.filter((f) => ZOD_MARKERS.test(readFileSync(f, 'utf8'))).map((f) => path.relative(weapp, f))
  expect(withZod).toEqual([])
  // …while the evaluator it runs is bundled in (a phrase only validateAnswers produces; the minifier may
  // write it as \u escapes).
  const phrase = '在当前作答情况下不显示，不能作答'
  const escaped = [...phrase].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
  expect(js.some((f) => {
    const code = readFileSync(f, 'utf8')
    return code.includes(phrase) || code.toLowerCase().includes(escaped)
  })).toBe(true)
})
