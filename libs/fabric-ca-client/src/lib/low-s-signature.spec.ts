import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { P256_ORDER, decodeDerSignature, encodeDerSignature, isLowS, normaliseDerSignatureToLowS, toLowS } from './low-s-signature.ts';

const HALF = P256_ORDER >> 1n;

describe('low-S normalisation', () => {
  it('replaces s by n - s only above n/2, with n/2 itself kept', () => {
    expect(toLowS(1n)).toBe(1n);
    expect(toLowS(HALF)).toBe(HALF);
    expect(toLowS(HALF + 1n)).toBe(P256_ORDER - (HALF + 1n));
    expect(toLowS(P256_ORDER - 1n)).toBe(1n);
    expect(isLowS(HALF)).toBe(true);
    expect(isLowS(HALF + 1n)).toBe(false);
  });

  it('turns a high-S DER signature into the low-S one that still verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const data = Buffer.from('POST.payload');
    const { r, s } = decodeDerSignature(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
    const low = toLowS(s);
    const high = P256_ORDER - low;

    const normalised = normaliseDerSignatureToLowS(encodeDerSignature({ r, s: high }));

    expect(decodeDerSignature(normalised)).toEqual({ r, s: low });
    expect(isLowS(decodeDerSignature(normalised).s)).toBe(true);
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, normalised)).toBe(true);
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, encodeDerSignature({ r, s: high }))).toBe(true);
  });

  it('leaves a low-S signature byte for byte as it was', () => {
    const der = encodeDerSignature({ r: 5n, s: 7n });
    expect(normaliseDerSignatureToLowS(der).equals(der)).toBe(true);
  });

  it('encodes integers as positive minimal DER', () => {
    // 0x80 has its top bit set, so DER needs a leading zero byte; 0x7f does not.
    expect(encodeDerSignature({ r: 0x80n, s: 0x7fn }).toString('hex')).toBe('3007020200800201' + '7f');
    expect(decodeDerSignature(Buffer.from('3007020200800201' + '7f', 'hex'))).toEqual({ r: 0x80n, s: 0x7fn });
  });

  it('round-trips full-size values', () => {
    const values = { r: P256_ORDER - 2n, s: HALF };
    expect(decodeDerSignature(encodeDerSignature(values))).toEqual(values);
  });

  it('rejects what is not a DER ECDSA signature', () => {
    expect(() => decodeDerSignature(Buffer.alloc(64, 1))).toThrow(/Not a DER-encoded ECDSA signature/);
    expect(() => decodeDerSignature(Buffer.from('300602010102010100', 'hex'))).toThrow(/Not a DER/);
    expect(() => decodeDerSignature(Buffer.from('3006020181020101', 'hex'))).toThrow(/negative/);
  });
});
