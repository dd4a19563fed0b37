module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'clipper',
  rootDir: __dirname,
};
