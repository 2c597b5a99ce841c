/**
 * jest and its helpers live in tools/ (tools/package.json, installed by `npm test` on first use),
 * not in the root node_modules: the transform names ts-jest by its path, and modulePaths lets
 * the tests import supertest, fast-check, playwright-core and axe-core from there.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/setup-fast-check.ts'],
  modulePaths: ['<rootDir>/tools/node_modules'],
  transform: {
    '^.+\\.m?[tj]s$': ['<rootDir>/tools/node_modules/ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!d3-hierarchy/)'],
};
