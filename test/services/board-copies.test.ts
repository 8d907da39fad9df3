import { periodContaining, chinaYear } from '../../src/domain/board/period'
import { boardPhotoCloudPath as domainPath, BOARD_PHOTO_ROOT } from '../../src/domain/board/photo'
import { BOARD_TEMPLATES } from '../../src/domain/board/subscribe'
import { EXPOSURE_STATUS_LABELS as DOMAIN_LABELS } from '../../src/domain/board/exposure'
import { chinaDayNumber } from '../../src/domain/report/time'
import { boardPhotoCloudPath, EXPOSURE_FIXED_TEMPLATE, EXPOSURE_STATUS_LABELS, periodStartOf, BOARD_PHOTO_ROOT as CLIENT_ROOT } from '../../src/services/board'

// The app keeps zod-free copies of a few domain rules (src/services/board.ts); they must agree.
describe('client copies of the board rules', () => {
  it('start periods where the domain does', () => {
    for (const t of ['2024-05-09T02:00:00.000Z', '2024-12-31T17:00:00.000Z', '2025-03-02T15:59:59.000Z', '2023-01-01T00:00:00.000Z']) {
      const now = Date.parse(t)
      for (const cadence of ['daily', 'weekly', 'biweekly', 'monthly'] as const) {
        expect([cadence, t, periodStartOf(cadence, now, '2024-01-08')]).toEqual([cadence, t, periodContaining(cadence, chinaDayNumber(new Date(now)), '2024-01-08').startDay])
      }
    }
    expect(chinaYear('2024-12-31T17:00:00.000Z')).toBe(2025)
  })

  it('upload into the same folder, ask for the same template, say the same labels', () => {
    const at = new Date('2024-05-09T20:00:00.000Z')
    expect(boardPhotoCloudPath('o-staff', at, 'a.jpg')).toBe(domainPath('o-staff', at, 'a.jpg'))
    expect(CLIENT_ROOT).toBe(BOARD_PHOTO_ROOT)
    expect(EXPOSURE_FIXED_TEMPLATE).toBe(BOARD_TEMPLATES.exposureFixed)
    expect(EXPOSURE_STATUS_LABELS).toEqual(DOMAIN_LABELS)
  })
})
