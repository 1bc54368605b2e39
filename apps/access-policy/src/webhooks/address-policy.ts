import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may not point by default: every range that is not the public internet (RFC 6890
 * and its successors), so a webhook cannot make this service reach its own network or the cloud's
 * metadata endpoint.
 */
type Range = readonly [address: string, prefix: number, type: 'ipv4' | 'ipv6'];

const SPECIAL_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const SPECIAL_V6: readonly (readonly [string, number])[] = [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];
const LOOPBACK: readonly Range[] = [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']];

export interface AddressPolicy {
  /** the dev topology: a receiver on this machine, over plain HTTP */
  allowLoopback: boolean;
  /** ranges an operator opened on purpose (`10.20.0.0/16`, `fd00:1::/64`) */
  allowedCidrs: readonly string[];
}

export type AddressVerdict = { allowed: true; loopback: boolean } | { allowed: false; reason: string };

const special = blockList([...SPECIAL_V4.map(([a, p]): Range => [a, p, 'ipv4']), ...SPECIAL_V6.map(([a, p]): Range => [a, p, 'ipv6'])]);
const loopback = blockList(LOOPBACK);

/** Parses `a.b.c.d/n` and `x::/n`, throwing a sentence that names a bad entry (configuration is checked at boot). */
export function parseCidrs(entries: readonly string[]): BlockList {
  return blockList(entries.map((entry) => {
    const [address = '', prefix = ''] = entry.split('/');
    const family = isIP(address);
    const bits = Number(prefix);
    if (!family || !/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" is not a CIDR range (10.20.0.0/16, fd00:1::/64)`);
    return [address, bits, family === 4 ? 'ipv4' : 'ipv6'] satisfies Range;
  }));
}

/** Whether a webhook may connect to `address` (an IP literal, already resolved). */
export function checkAddress(address: string, policy: AddressPolicy, allowed: BlockList = parseCidrs(policy.allowedCidrs)): AddressVerdict {
  const plain = unmapIpv4(address);
  const family = isIP(plain);
  if (!family) return { allowed: false, reason: `${address} is not an IP address` };
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const isLoopback = loopback.check(plain, type);
  if (allowed.check(plain, type)) return { allowed: true, loopback: isLoopback };
  if (isLoopback) return policy.allowLoopback ? { allowed: true, loopback: true } : { allowed: false, reason: `${address} is a loopback address` };
  if (special.check(plain, type)) return { allowed: false, reason: `${address} is in a private, link-local or reserved range` };
  return { allowed: true, loopback: false };
}

/** `::ffff:10.0.0.1` (and its hex spelling) is 10.0.0.1 to the kernel, so it is judged as that. */
export function unmapIpv4(address: string): string {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  const dotted = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1] && isIP(dotted[1]) === 4) return dotted[1];
  const hex = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2] && isIP(lower) === 6) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return lower;
}

function blockList(ranges: readonly Range[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, type] of ranges) list.addSubnet(address, prefix, type);
  return list;
}
