import { Allowlist, parseAllowlist } from './allowlist';
import { cidrContains, parseCidr } from './cidr';
import { parseIp } from './ip-address';

const ip = (text: string) => parseIp(text)!;

describe('parseAllowlist', () => {
  it('splits on commas, trims, lowercases, drops blanks and trailing dots', () => {
    expect(parseAllowlist(' Media.Internal. , 127.0.0.1/32,,*.corp.example ,::1/128, 10.0.0.5 ')).toEqual([
      'media.internal',
      '127.0.0.1/32',
      '*.corp.example',
      '::1/128',
      '10.0.0.5',
    ]);
    expect(parseAllowlist('')).toEqual([]);
  });

  it('names every entry that is neither a host nor a network', () => {
    expect(() => parseAllowlist('ok.example, http://x.example, 10.0.0.0/33, bad host')).toThrow(
      'not a host name, IP address or CIDR network: "http://x.example", "10.0.0.0/33", "bad host"',
    );
  });
});

describe('CIDR matching', () => {
  it.each([
    ['10.0.0.0/8', '10.255.1.1', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['172.16.0.0/12', '172.31.0.1', true],
    ['172.16.0.0/12', '172.32.0.1', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['fd00::/8', 'fd12::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['::1/128', '::1', true],
    ['127.0.0.0/8', '::ffff:127.0.0.9', true],
    ['127.0.0.0/8', '::1', false],
    ['::/0', '10.0.0.1', false],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(cidrContains(parseCidr(cidr)!, ip(address))).toBe(expected);
  });

  it('refuses prefixes out of range', () => {
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('::/129')).toBeNull();
    expect(parseCidr('10.0.0.0/')).toBeNull();
  });
});

describe('Allowlist', () => {
  const list = new Allowlist(['media.internal', '*.corp.example', '127.0.0.0/8', 'fd00::/8']);

  it('allows hosts by exact name or by subdomain wildcard', () => {
    expect(list.allowsHost('media.internal')).toBe(true);
    expect(list.allowsHost('media.internal.')).toBe(true);
    expect(list.allowsHost('cdn.corp.example')).toBe(true);
    expect(list.allowsHost('a.b.corp.example')).toBe(true);
    expect(list.allowsHost('corp.example')).toBe(false);
    expect(list.allowsHost('evilcorp.example')).toBe(false);
    expect(list.allowsHost('other.internal')).toBe(false);
  });

  it('allows addresses inside its networks, IPv4-mapped ones included', () => {
    expect(list.allowsAddress(ip('127.0.0.1'))).toBe(true);
    expect(list.allowsAddress(ip('::ffff:127.0.0.1'))).toBe(true);
    expect(list.allowsAddress(ip('fd00::5'))).toBe(true);
    expect(list.allowsAddress(ip('10.0.0.1'))).toBe(false);
    expect(list.allowsAddress(ip('::1'))).toBe(false);
  });
});
