// One Jest run over every project; each project's own jest.config.js sets its name and roots.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['apps', 'libs'].flatMap((dir) =>
  readdirSync(join(__dirname, dir))
    .map((name) => join(__dirname, dir, name, 'jest.config.js'))
    .filter(existsSync),
).concat(join(__dirname, 'bench', 'jest.config.js'));

// Integration tests talk to real servers and boot real apps; a hang still fails, just later.
module.exports = { projects, testTimeout: 30_000 };
