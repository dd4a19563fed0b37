module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'url-safety',
  rootDir: __dirname,
};
