module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'avf-inference',
  rootDir: __dirname,
  // A job here decodes and face-analyses real video; on a shared two-core machine one can take
  // well over the default 30 s. A hang still fails, just later.
  testTimeout: 120_000,
};
