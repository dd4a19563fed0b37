import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the dev scripts' module under test; tools/dev is not an Nx project
import { reachablePostgresBinDir } from '../../../../tools/dev/lib/postgres-binaries.mjs';

const INITDB = '#!/bin/sh\necho initdb\n';

/** A small stand-in for the package's native tree, in a folder only its owner can enter. */
function privateNativeTree(root: string): string {
  const native = join(root, 'private', 'native');
  for (const dir of ['bin', 'lib', 'share']) mkdirSync(join(native, dir), { recursive: true });
  chmodSync(join(root, 'private'), 0o700);
  writeFileSync(join(native, 'bin/initdb'), INITDB, { mode: 0o755 });
  writeFileSync(join(native, 'lib/libpq.so.5.18'), 'library', { mode: 0o644 });
  symlinkSync('libpq.so.5.18', join(native, 'lib/libpq.so.5'));
  writeFileSync(join(native, 'share/postgres.bki'), 'catalog', { mode: 0o644 });
  return native;
}

describe('reachablePostgresBinDir', () => {
  let root: string;
  let cacheRoot: string;
  let native: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jetjobs-pg-binaries-'));
    cacheRoot = join(root, 'cache');
    mkdirSync(cacheRoot);
    native = privateNativeTree(root);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the binaries in place when PostgreSQL runs as this user', () => {
    expect(reachablePostgresBinDir(native, {}, { cacheRoot })).toBe(join(native, 'bin'));
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;

  asRoot('copies a tree the postgres user cannot reach to a root-owned, mode-755 folder', () => {
    const bin = reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot });
    const copy = dirname(bin);
    expect(dirname(copy)).toBe(cacheRoot);
    expect(readFileSync(join(bin, 'initdb'), 'utf8')).toBe(INITDB);
    expect(statSync(join(bin, 'initdb')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(copy, 'lib/libpq.so.5'))).toBe('libpq.so.5.18');
    for (const dir of [copy, bin, join(copy, 'lib'), join(copy, 'share')]) {
      expect(statSync(dir).uid).toBe(0);
      expect(statSync(dir).mode & 0o777).toBe(0o755);
    }
  });

  asRoot('reuses an intact copy', () => {
    const bin = reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot });
    const inode = statSync(dirname(bin)).ino;
    expect(reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot })).toBe(bin);
    expect(statSync(dirname(bin)).ino).toBe(inode);
  });

  asRoot('replaces a copy whose content or modes were changed', () => {
    const bin = reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot });
    rmSync(join(bin, 'initdb'));
    writeFileSync(join(bin, 'initdb'), '#!/bin/sh\necho tampered\n', { mode: 0o755 });
    expect(reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot })).toBe(bin);
    expect(readFileSync(join(bin, 'initdb'), 'utf8')).toBe(INITDB);

    chmodSync(join(dirname(bin), 'share'), 0o777);
    reachablePostgresBinDir(native, { uid: 101 }, { cacheRoot });
    expect(statSync(join(dirname(bin), 'share')).mode & 0o777).toBe(0o755);
  });
});
