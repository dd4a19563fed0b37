import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '@jetjobs/auth';
import { clientSettings } from './client-settings';
import { writeContexts } from './context-store';

describe('where client commands find the gateway and credential', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const io = () => ({ env, cwd: dir, stdout: () => undefined });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jj-settings-'));
    env = { JETJOBS_CONFIG_DIR: join(dir, 'config'), JETJOBS_DATA_DIR: join(dir, 'data') };
    writeContexts(env, {
      current: 'prod',
      contexts: { prod: { gateway: 'https://prod.example', apiKey: 'jj_prod_key' }, staging: { gateway: 'https://staging.example', token: 'staging-jwt' } },
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes flags first', () => {
    env['JETJOBS_GATEWAY'] = 'http://env.example';
    env['JETJOBS_TOKEN'] = 'env-jwt';
    expect(clientSettings('t', { gateway: 'http://flag.example', token: 'flag-jwt' }, io())).toEqual({ gateway: 'http://flag.example', credential: { token: 'flag-jwt' }, source: 'flags' });
  });

  it('then the environment', () => {
    env['JETJOBS_GATEWAY'] = 'http://env.example';
    env['JETJOBS_API_KEY'] = 'jj_env_key';
    expect(clientSettings('t', {}, io())).toEqual({ gateway: 'http://env.example', credential: { apiKey: 'jj_env_key' }, source: 'environment' });
  });

  it('then the current context, or the one --context names', () => {
    expect(clientSettings('t', {}, io())).toEqual({ gateway: 'https://prod.example', credential: { apiKey: 'jj_prod_key' }, source: 'context prod' });
    expect(clientSettings('t', { context: 'staging' }, io())).toEqual({ gateway: 'https://staging.example', credential: { token: 'staging-jwt' }, source: 'context staging' });
    expect(() => clientSettings('t', { context: 'nowhere' }, io())).toThrow('no context "nowhere"');
  });

  it("never sends a context's credential to a gateway named elsewhere", () => {
    const settings = clientSettings('t', { gateway: 'http://other.example' }, io());
    expect(settings.gateway).toBe('http://other.example');
    expect(settings.source).toBe('local development defaults');
  });

  it('else the local npm start gateway with a development token for project dev, without admin', () => {
    writeContexts(env, { current: null, contexts: {} });
    const settings = clientSettings('t', {}, io());
    expect(settings.gateway).toBe('http://127.0.0.1:8080');
    const token = 'token' in settings.credential ? settings.credential.token : '';
    const claims = verifyToken(token, { secret: readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8').trim() });
    expect(claims).toMatchObject({ projectId: 'dev' });
    expect([...claims.scopes]).toContain('job:write');
    expect([...claims.scopes]).not.toContain('admin');
  });
});
