// All e2e files share one devcloud; each starts and ends on real time so no file inherits another's clock.
import { clock } from './browser'

beforeAll(() => clock({ reset: true }))
afterAll(() => clock({ reset: true }))
