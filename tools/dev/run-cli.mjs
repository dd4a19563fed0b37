// `npm run -s cli -- <command> ...`: runs the jetjobs CLI, compiling it first when its sources
// (or those of the libs it references) changed. The compiler stays silent unless it fails, so that
// `TOKEN=$(npm run -s cli -- token --project p1)` captures the token and nothing else.
// Only the CLI's own project graph is built, so a half-finished service cannot break the CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './lib/paths.mjs';

const CLI_PROJECT = join(ROOT, 'apps/cli/tsconfig.json');
const CLI_MAIN = join(ROOT, 'apps/cli/dist/main.js');

if (!existsSync(join(ROOT, 'node_modules'))) {
  process.stderr.write('jetjobs: dependencies are not installed: run npm ci (or npm start) first\n');
  process.exit(1);
}
if (!existsSync(CLI_MAIN) || projects(CLI_PROJECT).some(isStale)) build();

const child = spawn(process.execPath, [CLI_MAIN, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));

function build() {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', CLI_PROJECT], { cwd: ROOT, encoding: 'utf8' });
  if (result.status === 0) return;
  process.stderr.write(`jetjobs: building the CLI failed:\n${result.stdout}${result.stderr}`);
  process.exit(1);
}

/** The tsconfig.json files of a project and, transitively, of every project it references. */
function projects(tsconfig, seen = new Set()) {
  if (seen.has(tsconfig)) return [];
  seen.add(tsconfig);
  const { references = [] } = JSON.parse(readFileSync(tsconfig, 'utf8'));
  const children = references.map(({ path }) => {
    const target = resolve(dirname(tsconfig), path);
    return target.endsWith('.json') ? target : join(target, 'tsconfig.json');
  });
  return [tsconfig, ...children.flatMap((child) => projects(child, seen))];
}

/** tsc -b rewrites a project's build info whenever it rebuilds it: older than any input = stale. */
function isStale(tsconfig) {
  const dir = dirname(tsconfig);
  const buildInfo = join(dir, 'dist/tsconfig.tsbuildinfo');
  if (!existsSync(buildInfo)) return true;
  const built = statSync(buildInfo).mtimeMs;
  return [tsconfig, ...sources(join(dir, 'src'))].some((file) => statSync(file).mtimeMs > built);
}

function sources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
