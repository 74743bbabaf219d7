/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(fast-xml-parser|strnum|commander|zod|write-file-atomic|@middy)/)'],
  reporters: ['default', '<rootDir>/test/support/passed-failed-reporter.js'],
  setupFiles: ['<rootDir>/test/support/quiet-logs.js', '<rootDir>/test/support/plain-terminal.js'],
  testTimeout: 30000,
};
