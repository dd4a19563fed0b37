import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runChild } from './child-run';

export const PYTHON_PACKAGE = resolve(__dirname, '../../../../clients/python');
export const PYTHON = process.env['PYTHON'] ?? 'python3';
/** Python tests are skipped, saying so, only where no interpreter exists. */
export const hasPython = spawnSync(PYTHON, ['--version']).status === 0;

/**
 * A fresh virtualenv in `dir` with the client installed as a user would, offline: `--no-index`
 * proves nothing, the build backend included, comes from a package index. Returns its python.
 */
export async function venvWithClient(dir: string): Promise<string> {
  const venv = join(dir, 'venv');
  const created = await runChild(PYTHON, ['-m', 'venv', venv]);
  if (created.code !== 0) throw new Error(`python -m venv failed:\n${created.output}`);
  const python = join(venv, 'bin', 'python');
  const installed = await runChild(python, ['-m', 'pip', 'install', '--no-build-isolation', '--no-index', '--disable-pip-version-check', PYTHON_PACKAGE]);
  if (!installed.output.includes('Successfully installed jetjobs-0.1.0')) throw new Error(`pip install failed:\n${installed.output}`);
  return python;
}
