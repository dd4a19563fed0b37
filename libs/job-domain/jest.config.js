module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'job-domain',
  rootDir: __dirname,
};
