module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'event-store-nest',
  rootDir: __dirname,
};
