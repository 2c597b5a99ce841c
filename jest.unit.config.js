/**
 * `npm run test:unit`: the fast loop. Everything in-process: no browser (tests/e2e) and no
 * spawned CLI (tests/cli/main.test.ts runs the built CLI as a user would, and
 * tests/web/file-creator-process.test.ts a built module), so no build first.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.config.js'),
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/tests/e2e/',
    '<rootDir>/tests/cli/main\\.test\\.ts$',
    '<rootDir>/tests/web/file-creator-process\\.test\\.ts$',
  ],
};
