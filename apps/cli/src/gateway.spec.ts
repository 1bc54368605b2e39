import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { displayUrl, ipfsUrl, networkReason } from './gateway.ts';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('ipfsUrl', () => {
  it('puts /ipfs/<cid> under the gateway, keeping a path prefix', () => {
    expect(ipfsUrl(new URL('http://127.0.0.1:18080/'), CID).href).toBe(`http://127.0.0.1:18080/ipfs/${CID}`);
    expect(ipfsUrl(new URL('https://gw.example/mirror/'), 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG').href).toBe(
      'https://gw.example/mirror/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG',
    );
  });

  it('refuses a CID that is not a single path segment', () => {
    for (const cid of ['', '../../api/v0/shutdown', `${CID}?filename=x`, `${CID}/x`, 'a b', 'x'.repeat(257)]) {
      expect(() => ipfsUrl(new URL('http://127.0.0.1:18080/'), cid)).toThrow(CliError);
    }
  });
});

describe('displayUrl', () => {
  it('removes credentials and leaves other URLs alone', () => {
    expect(displayUrl(new URL(`https://user:secret@gw.example/ipfs/${CID}`))).toBe(`https://gw.example/ipfs/${CID}`);
    expect(displayUrl(new URL('http://127.0.0.1:18080/ipfs/x'))).toBe('http://127.0.0.1:18080/ipfs/x');
  });
});

describe('networkReason', () => {
  it('finds the system error code or undici\'s reason under fetch failed / terminated, also inside an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(networkReason(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    const both = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ENETUNREACH' })]), { code: undefined });
    expect(networkReason(new TypeError('fetch failed', { cause: both }))).toBe('ENETUNREACH');
    const closed = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(networkReason(new TypeError('terminated', { cause: closed }))).toBe('other side closed');
    expect(networkReason(new TypeError('terminated'))).toBe('terminated');
  });
});
