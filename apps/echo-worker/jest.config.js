module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'echo-worker',
  rootDir: __dirname,
};
