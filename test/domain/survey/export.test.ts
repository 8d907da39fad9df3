import fs from 'node:fs'
import path from 'node:path'
import { exportTable, formatChinaTime, neutralizeFormula, toCsv } from '@/domain/survey/export'
import { BRANCHY } from './fixtures'

describe('export table', () => {
  it('one row per response: number, China time, district, channel, quality, then the answers as labels', () => {
    const table = exportTable(BRANCHY, [
      { no: 1, submittedAt: '2025-06-01T16:05:09.000Z', districtName: '文华区', channel: 'online', flags: [], counted: true, answers: { q1: 'a', q2: 's1', q3: ['a', 'c'], q4: 'yes', q5: '好' } },
      { no: 2, submittedAt: new Date('2025-06-02T01:00:00.000Z'), districtName: '滨河区', channel: 'assisted', flags: ['straightline'], counted: false, answers: { q1: 'b', q4: 'no' } },
      { no: 3, submittedAt: '2025-06-02T02:00:00.000Z', districtName: '高新区', channel: 'online', flags: ['too_fast'], counted: true, answers: { q1: 'c', q4: 'no' } },
    ])
    expect(table[0]).toEqual(['受访者编号', '提交时间', '辖区', '填写方式', '数据质量', '1. 题目q1', '2. 题目q2', '3. 题目q3', '4. 题目q4', '5. 题目q5', '6. 题目q6'])
    expect(table[1]).toEqual(['1', '2025-06-02 00:05:09', '文华区', '线上填写', '正常', '甲', '很不满意', '甲；丙', '是', '好', ''])
    expect(table[2]).toEqual(['2', '2025-06-02 09:00:00', '滨河区', '工作人员代录', '疑似敷衍：量表题全部相同', '乙', '', '', '否', '', ''])
    expect(table[3][4]).toBe('已复核计入（用时过短）')
  })

  it('formats China time whatever the input', () => {
    expect(formatChinaTime('2024-12-31T16:00:00Z')).toBe('2025-01-01 00:00:00')
    expect(formatChinaTime('nonsense')).toBe('')
  })
})

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv([
      ['编号', '=header stays'],
      ['1', '含,逗号'],
      ['2', '含"引号"'],
      ['3', '换\n行'],
      ['4', '=1+1'],
      ['5', '-2'],
      ['6', '@SUM(A1)'],
      ['7', '普通'],
    ])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      '编号,=header stays',
      '1,"含,逗号"',
      '2,"含""引号"""',
      '3,"换\n行"',
      "4,'=1+1",
      "5,'-2",
      "6,'@SUM(A1)",
      '7,普通',
      '',
    ])
    expect(neutralizeFormula('+86')).toBe("'+86")
    expect(neutralizeFormula('很好')).toBe('很好')
  })
})

describe('the answer screen can use the pure modules without zod', () => {
  const ZOD_FREE = ['constants', 'logic', 'definition', 'stats', 'careless', 'person', 'template', 'compat', 'tally', 'export', 'results']
  const dir = path.resolve(__dirname, '../../../src/domain/survey')

  it.each(ZOD_FREE)('%s.ts imports zod-free modules only (types excepted)', (name) => {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const src = fs.readFileSync(file, 'utf8')
      for (const m of src.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, typeOnly, spec] = m
        if (typeOnly) continue
        expect([path.relative(dir, file), spec]).not.toEqual([path.relative(dir, file), 'zod'])
        expect(spec.startsWith('.')).toBe(true)
        visit(path.resolve(path.dirname(file), `${spec}.ts`))
      }
    }
    visit(path.join(dir, `${name}.ts`))
  })
})
