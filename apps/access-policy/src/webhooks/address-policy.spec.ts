import { describe, expect, it } from 'vitest';
import { checkAddress, parseCidrs, unmapIpv4, type AddressPolicy } from './address-policy.ts';

const strict: AddressPolicy = { allowLoopback: false, allowedCidrs: [] };
const allowed = (address: string, policy = strict) => checkAddress(address, policy).allowed;

describe('checkAddress', () => {
  it('allows public IPv4 and IPv6 addresses', () => {
    expect(allowed('93.184.215.14')).toBe(true);
    expect(allowed('2606:4700:4700::1111')).toBe(true);
  });

  it('refuses private, loopback, link-local, shared, reserved and multicast IPv4', () => {
    for (const address of ['10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '127.0.0.1', '127.8.9.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.0.2.1', '198.18.0.1', '224.0.0.1', '255.255.255.255']) {
      expect(allowed(address), address).toBe(false);
    }
    expect(allowed('172.32.0.1')).toBe(true);
  });

  it('refuses IPv6 loopback, unspecified, unique-local, link-local, multicast and documentation ranges', () => {
    for (const address of ['::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1', '2001:db8::1', '64:ff9b::a00:1']) {
      expect(allowed(address), address).toBe(false);
    }
  });

  it('judges an IPv4-mapped IPv6 address as the IPv4 address it is', () => {
    expect(allowed('::ffff:10.0.0.1')).toBe(false);
    expect(allowed('::ffff:169.254.169.254')).toBe(false);
    expect(allowed('::ffff:a9fe:a9fe')).toBe(false);
    expect(allowed('0:0:0:0:0:ffff:7f00:1')).toBe(false);
    expect(allowed('::ffff:93.184.215.14')).toBe(true);
    expect(unmapIpv4('::FFFF:0a00:0001')).toBe('10.0.0.1');
  });

  it('lets loopback through only in the dev topology, and says it is loopback', () => {
    expect(checkAddress('127.0.0.1', { allowLoopback: true, allowedCidrs: [] })).toEqual({ allowed: true, loopback: true });
    expect(checkAddress('::1', { allowLoopback: true, allowedCidrs: [] })).toEqual({ allowed: true, loopback: true });
    expect(allowed('10.0.0.1', { allowLoopback: true, allowedCidrs: [] })).toBe(false);
  });

  it('opens the ranges an operator allow-listed, and only those', () => {
    const policy = { allowLoopback: false, allowedCidrs: ['10.20.0.0/16', 'fd00:1::/64'] };
    expect(allowed('10.20.3.4', policy)).toBe(true);
    expect(allowed('::ffff:10.20.3.4', policy)).toBe(true);
    expect(allowed('10.21.0.1', policy)).toBe(false);
    expect(allowed('fd00:1::5', policy)).toBe(true);
    expect(allowed('fd00:2::5', policy)).toBe(false);
  });
});

describe('parseCidrs', () => {
  it('refuses what is not a range, naming it', () => {
    expect(() => parseCidrs(['10.0.0.0/33'])).toThrow('"10.0.0.0/33" is not a CIDR range');
    expect(() => parseCidrs(['example.com/8'])).toThrow('"example.com/8"');
    expect(() => parseCidrs(['10.0.0.0'])).toThrow('"10.0.0.0"');
  });
});
