import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jetjobs-auth-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prefers JWT_SECRET and never touches the data directory', () => {
    const secret = 'x'.repeat(32);
    const dataDir = join(root, 'data');
    expect(resolveJwtSecret({ env: { JWT_SECRET: secret }, dataDir })).toBe(secret);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    const resolve = () => resolveJwtSecret({ env: { JWT_SECRET: 'hunter2' }, dataDir: root });
    expect(resolve).toThrow('JWT_SECRET must be at least 32 characters long (it has 7)');
    expect(resolve).not.toThrow(/hunter2/);
  });

  it('generates a private secret file once and reuses it', () => {
    const dataDir = join(root, 'nested', 'data');
    const first = resolveJwtSecret({ env: {}, dataDir });
    const file = join(dataDir, 'jwt-secret');
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret({ env: {}, dataDir })).toBe(first);
  });

  it('gives another data directory another secret', () => {
    const a = resolveJwtSecret({ env: {}, dataDir: join(root, 'a') });
    const b = resolveJwtSecret({ env: {}, dataDir: join(root, 'b') });
    expect(a).not.toBe(b);
  });
});
