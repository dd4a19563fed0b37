module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'persistence',
  rootDir: __dirname,
  // Integration tests create and drop databases; on a loaded two-core machine a CREATE DATABASE
  // alone can take seconds, past Jest's 5 s default.
  testTimeout: 30_000,
};
