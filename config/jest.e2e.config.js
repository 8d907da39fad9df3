// End-to-end tests: a real devcloud started like `npm start` (fresh data, demo city seeded) and
// Debian's chromium driven by playwright-core through the H5 build.
const base = require('./jest.config.js')

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
  globalTeardown: '<rootDir>/test/e2e/support/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/test/e2e/support/isolate-clock.ts'],
  testTimeout: 60000,
}
