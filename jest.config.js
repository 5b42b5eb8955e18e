/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // Source files import lazily-loaded modules with their compiled .js name; map it back to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // A hang guard only, never a speed check: the suite must pass on two cores shared with other busy jobs,
  // where a test that takes 3 s alone can take a minute. Tests wait for events (see eventually()), not for time.
  testTimeout: 300_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // The end-to-end suites start servers and bot processes; two workers suit the 2-core machines.
  maxWorkers: 2,
};
