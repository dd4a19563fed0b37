module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'job-registry',
  rootDir: __dirname,
};
