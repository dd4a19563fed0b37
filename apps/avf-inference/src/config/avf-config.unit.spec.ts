import { ConfigError } from '@jetjobs/config';
import { loadAvfConfig } from './avf-config';

describe('loadAvfConfig', () => {
  it('defaults to the local backend with 50-frame sequences and ±15 lags', () => {
    expect(loadAvfConfig({})).toMatchObject({ AVF_BACKEND: 'local', AVF_SEQUENCE_LENGTH: 50, AVF_MAX_LAG_FRAMES: 15, WORKER_CONCURRENCY: 1, AVF_KSERVE_BINARY: true });
  });

  it('refuses the kserve backend without its server and model, naming both', () => {
    const attempt = () => loadAvfConfig({ AVF_BACKEND: 'kserve' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/AVF_KSERVE_URL: required when AVF_BACKEND=kserve[\s\S]*AVF_KSERVE_MODEL: required/);
  });

  it('accepts a complete kserve configuration', () => {
    const config = loadAvfConfig({ AVF_BACKEND: 'kserve', AVF_KSERVE_URL: 'http://models:8080', AVF_KSERVE_MODEL: 'avf', AVF_KSERVE_BINARY: 'false' });
    expect(config).toMatchObject({ AVF_KSERVE_URL: 'http://models:8080', AVF_KSERVE_MODEL: 'avf', AVF_KSERVE_BINARY: false });
  });

  it('names a bad value and the variable it came from', () => {
    expect(() => loadAvfConfig({ AVF_BACKEND: 'gpu' })).toThrow(/AVF_BACKEND/);
    expect(() => loadAvfConfig({ AVF_KSERVE_URL: 'ftp://models' })).toThrow(/AVF_KSERVE_URL: an http\(s\) URL/);
    expect(() => loadAvfConfig({ AVF_SEQUENCE_LENGTH: '20' })).toThrow(/AVF_MAX_LAG_FRAMES: must be under half of AVF_SEQUENCE_LENGTH \(20\)/);
  });
});
