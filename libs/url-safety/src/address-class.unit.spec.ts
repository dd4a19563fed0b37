import { classifyAddress } from './address-class';
import { formatIp, parseIp } from './ip-address';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([['8.8.8.8'], ['1.1.1.1'], ['93.184.215.14'], ['172.15.255.255'], ['172.32.0.0'], ['100.63.255.255'], ['100.128.0.0'], ['169.253.255.255'], ['11.0.0.1'], ['223.255.255.255']])(
    'IPv4 %s, just outside the ranges, is public',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
    },
  );

  it.each([
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([['2606:4700:4700::1111'], ['2001:4860:4860::8888'], ['fbff::1'], ['fe00::1']])('IPv6 %s is public', (address) => {
    expect(classifyAddress(address)).toBe('public');
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:100.64.0.1', 'cgnat'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:0808:0808::1', 'public'],
  ])('an IPv6 address embedding IPv4 (%s) takes the class of the IPv4 address: %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses text that is not an address', () => {
    expect(() => classifyAddress('localhost')).toThrow('"localhost" is not an IP address');
    expect(() => classifyAddress('127.1')).toThrow('not an IP address');
  });
});

describe('parseIp and formatIp', () => {
  it.each([
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['10.1.2.3', '10.1.2.3'],
  ])('round-trips %s as %s', (text, formatted) => {
    const ip = parseIp(text);
    expect(ip).not.toBeNull();
    expect(formatIp(ip!)).toBe(formatted);
  });

  it('returns null for host names and malformed literals', () => {
    for (const text of ['example.com', '1.2.3', '1.2.3.256', ':::1', '']) expect(parseIp(text)).toBeNull();
  });

  it('takes dotted-quad IPv4 only, not the shorthand forms ipaddr.js would read (127.1, hex, one number)', () => {
    for (const text of ['127.1', '0x7f.0.0.1', '0177.0.0.1', '2130706433']) expect(parseIp(text)).toBeNull();
  });
});
