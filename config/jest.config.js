// Unit and integration tests: domain rules, cloud functions and devcloud, all against devcloud's real store.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }]

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.{ts,tsx,js}'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    // Cloud function sources require the real SDK name; in tests it is devcloud's implementation.
    '^wx-server-sdk$': '<rootDir>/devcloud/sdk/index.js',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  testTimeout: 30000,
}
