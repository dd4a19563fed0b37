import { ConfigError } from '@jetjobs/config';
import { loadClipperConfig } from './clipper-config';

describe('clipper configuration', () => {
  it('defaults to the local pipeline', () => {
    expect(loadClipperConfig({})).toMatchObject({ STT_BACKEND: 'pocketsphinx', CAPTION_BACKEND: 'local', CLIPPER_MAX_CLIPS: 15, WORKER_CONCURRENCY: 1, JETJOBS_SOURCE_URL_ALLOWLIST: [], JETJOBS_SOURCE_IDLE_TIMEOUT_MS: 30_000 });
  });

  it('takes remote backends with their URL and prices', () => {
    const config = loadClipperConfig({
      STT_BACKEND: 'openai', STT_API_URL: 'http://127.0.0.1:9000/v1', STT_PRICE_PER_MINUTE_USD: '0.01',
      CAPTION_BACKEND: 'openai', CAPTION_API_URL: 'https://api.example.com/v1', CAPTION_MODEL: 'small', JETJOBS_SOURCE_URL_ALLOWLIST: 'media.internal, 10.0.0.0/8',
    });
    expect(config).toMatchObject({ STT_PRICE_PER_MINUTE_USD: 0.01, CAPTION_MODEL: 'small', JETJOBS_SOURCE_URL_ALLOWLIST: ['media.internal', '10.0.0.0/8'] });
  });

  it('refuses a remote backend without its URL, naming the variable', () => {
    expect(() => loadClipperConfig({ STT_BACKEND: 'openai', CAPTION_BACKEND: 'openai' })).toThrow(ConfigError);
    expect(() => loadClipperConfig({ STT_BACKEND: 'openai' })).toThrow(/STT_API_URL: required when STT_BACKEND=openai/);
    expect(() => loadClipperConfig({ CAPTION_BACKEND: 'openai', CAPTION_API_URL: 'ftp://x' })).toThrow(/CAPTION_API_URL/);
  });

  it('refuses unknown backends, bad numbers and a bad allowlist with readable messages', () => {
    expect(() => loadClipperConfig({ STT_BACKEND: 'whisper.cpp' })).toThrow(/STT_BACKEND/);
    expect(() => loadClipperConfig({ CLIPPER_MAX_CLIPS: '40' })).toThrow(/CLIPPER_MAX_CLIPS/);
    expect(() => loadClipperConfig({ JETJOBS_SOURCE_URL_ALLOWLIST: 'not a host!' })).toThrow(/JETJOBS_SOURCE_URL_ALLOWLIST: not a host name/);
  });
});
