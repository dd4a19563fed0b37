import { loadConfig } from './load-config';
import { sourceFetchEnv, sourceUrlEnv, webhookUrlEnv } from './url-allowlist-env';

const gatewayLike = { ...sourceUrlEnv, ...webhookUrlEnv };

describe('URL allowlists', () => {
  it('keeps media sources and webhooks apart', () => {
    const config = loadConfig(gatewayLike, { JETJOBS_SOURCE_URL_ALLOWLIST: 'media.internal, 10.0.0.0/8', JETJOBS_WEBHOOK_URL_ALLOWLIST: 'hooks.internal' });
    expect(config.JETJOBS_SOURCE_URL_ALLOWLIST).toEqual(['media.internal', '10.0.0.0/8']);
    expect(config.JETJOBS_WEBHOOK_URL_ALLOWLIST).toEqual(['hooks.internal']);
    expect(loadConfig(webhookUrlEnv, { JETJOBS_SOURCE_URL_ALLOWLIST: 'media.internal' }).JETJOBS_WEBHOOK_URL_ALLOWLIST).toEqual([]);
  });

  it.each([
    ['the gateway', gatewayLike],
    ['a worker', sourceFetchEnv],
    ['the registry', webhookUrlEnv],
  ])('refuses the retired single list in %s, naming the two that replace it', (_who, shape) => {
    expect(() => loadConfig(shape, { JETJOBS_URL_ALLOWLIST: 'media.internal' })).toThrow(
      /JETJOBS_URL_ALLOWLIST: no longer read.*JETJOBS_SOURCE_URL_ALLOWLIST.*JETJOBS_WEBHOOK_URL_ALLOWLIST/,
    );
    expect(() => loadConfig(shape, { JETJOBS_URL_ALLOWLIST: ' ' })).not.toThrow();
  });

  it('names a bad entry and the variable it is in', () => {
    expect(() => loadConfig(gatewayLike, { JETJOBS_WEBHOOK_URL_ALLOWLIST: 'ok.example, http://x' })).toThrow(
      /JETJOBS_WEBHOOK_URL_ALLOWLIST: not a host name, IP address or CIDR network: "http:\/\/x"/,
    );
  });

  it('bounds a silent source at 30 s unless told otherwise', () => {
    expect(loadConfig(sourceFetchEnv, {}).JETJOBS_SOURCE_IDLE_TIMEOUT_MS).toBe(30_000);
    expect(loadConfig(sourceFetchEnv, { JETJOBS_SOURCE_IDLE_TIMEOUT_MS: '5000' }).JETJOBS_SOURCE_IDLE_TIMEOUT_MS).toBe(5_000);
    expect(() => loadConfig(sourceFetchEnv, { JETJOBS_SOURCE_IDLE_TIMEOUT_MS: '0' })).toThrow(/JETJOBS_SOURCE_IDLE_TIMEOUT_MS/);
  });
});
