module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'fault-suite',
  rootDir: __dirname,
};
