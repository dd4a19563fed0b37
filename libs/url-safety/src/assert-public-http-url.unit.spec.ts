import { CodedError } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from './assert-public-http-url';
import type { HostLookup } from './host-lookup';

/** A resolver with fixed answers: these tests are about the decision, not about DNS. */
const dns: Record<string, string[]> = {
  'videos.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
  'internal.example.com': ['10.1.2.3'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
};
const lookup: HostLookup = async (host) => {
  const found = dns[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};
const check = (url: string, allowlist: string[] = []) => assertPublicHttpUrl(url, { allowlist, lookup });
const refusal = async (url: string, allowlist: string[] = []): Promise<CodedError> => {
  const error = await check(url, allowlist).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CodedError)) throw new Error(`expected a CodedError for ${url}, got ${String(error)}`);
  expect(error.code).toBe('validation_failed');
  return error;
};

describe('assertPublicHttpUrl', () => {
  it('returns the parsed URL of a public http(s) host', async () => {
    expect((await check('https://videos.example.com/a.mp4?x=1')).href).toBe('https://videos.example.com/a.mp4?x=1');
    expect((await check('http://93.184.215.14:8080/v.mp4')).port).toBe('8080');
    expect((await check('https://[2606:4700:4700::1111]/v')).hostname).toBe('[2606:4700:4700::1111]');
  });

  it.each([
    ['ftp://videos.example.com/a.mp4', 'URL scheme "ftp" is not supported: use an http:// or https:// URL'],
    ['file:///etc/passwd', 'URL scheme "file" is not supported'],
    ['javascript:alert(1)', 'URL scheme "javascript" is not supported'],
    ['data:text/plain,hi', 'URL scheme "data" is not supported'],
    ['not a url', '"not a url" is not a valid URL: use an absolute http:// or https:// URL'],
    ['/relative/path.mp4', 'is not a valid URL'],
  ])('refuses %s', async (url, message) => {
    expect((await refusal(url)).message).toContain(message);
  });

  it.each([
    ['http://127.0.0.1/v.mp4', '127.0.0.1 is a loopback address: only URLs on the public internet are accepted'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://10.0.0.1/', '10.0.0.1 is a private network address'],
    ['http://192.168.0.10:9000/', '192.168.0.10 is a private network address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (where cloud metadata services live)'],
    ['http://100.64.1.1/', 'carrier-grade NAT'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'private network'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is a loopback address'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['http://224.0.0.1/', 'multicast'],
  ])('refuses the internal literal address in %s', async (url, message) => {
    expect((await refusal(url)).message).toContain(message);
  });

  it.each([
    ['http://metadata.example.com/', 'Host "metadata.example.com" resolves to a link-local address', '169.254'],
    ['http://internal.example.com/', 'Host "internal.example.com" resolves to a private network address', '10.1.2.3'],
    ['http://mapped.example.com/', 'resolves to a loopback address', '7f00'],
    // One private address among public ones is enough: a connection might use it.
    ['http://rebind.example.com/', 'resolves to a private network address', '10.0.0.7'],
  ])('refuses a host name resolving to an internal address, without saying which: %s', async (url, message, address) => {
    const refused = (await refusal(url)).message;
    expect(refused).toContain(message);
    expect(refused).not.toContain(address);
  });

  it('refuses a host that does not resolve, saying so', async () => {
    expect((await refusal('https://nope.example.com/x')).message).toBe('Host "nope.example.com" could not be resolved (ENOTFOUND): check the URL');
  });

  it('gives up on a resolver that does not answer', async () => {
    const never: HostLookup = () => new Promise(() => undefined);
    const attempt = assertPublicHttpUrl('https://slow.example.com/', { allowlist: [], lookup: never, lookupTimeoutMs: 20 });
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('could not be resolved (ETIMEOUT)') });
  });

  it('lets internal hosts through when the allowlist names the host or covers the address', async () => {
    expect((await check('http://internal.example.com/v', ['internal.example.com'])).hostname).toBe('internal.example.com');
    expect((await check('http://internal.example.com/v', ['*.example.com'])).hostname).toBe('internal.example.com');
    expect((await check('http://internal.example.com/v', ['10.0.0.0/8'])).hostname).toBe('internal.example.com');
    expect((await check('http://127.0.0.1:8080/v', ['127.0.0.1/32'])).port).toBe('8080');
    expect((await check('http://[::1]/v', ['::1'])).hostname).toBe('[::1]');
    expect((await check('http://[::ffff:127.0.0.1]/v', ['127.0.0.0/8'])).protocol).toBe('http:');
  });

  it('still refuses what the allowlist does not cover', async () => {
    expect((await refusal('http://metadata.example.com/', ['10.0.0.0/8', 'internal.example.com'])).message).toContain('resolves to a link-local address');
    expect((await refusal('http://127.0.0.2/', ['127.0.0.1/32'])).message).toContain('127.0.0.2 is a loopback address');
    expect((await refusal('ftp://internal.example.com/', ['internal.example.com'])).message).toContain('scheme');
  });
});
