import { sign, type KeyObject } from 'node:crypto';

/** The group orders of the curves Fabric CAs issue keys on. */
const CURVE_ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

function readLength(der: Uint8Array, at: number): { length: number; next: number } {
  const first = der[at] ?? 0;
  if (first < 0x80) return { length: first, next: at + 1 };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 1; i <= bytes; i++) length = (length << 8) | (der[at + i] ?? 0);
  return { length, next: at + 1 + bytes };
}

function readInteger(der: Uint8Array, at: number): { value: bigint; next: number } {
  if (der[at] !== 0x02) throw new Error('not a DER ECDSA signature');
  const { length, next } = readLength(der, at + 1);
  return { value: BigInt(`0x${Buffer.from(der.subarray(next, next + length)).toString('hex') || '0'}`), next: next + length };
}

function encodeInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  // a leading 1 bit would read as negative: DER prefixes a zero byte
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const body = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

function encodeSequence(parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}

/**
 * What Fabric expects of an ECDSA signature over SHA-256(message): DER, with S in the lower half
 * of the group order (peers refuse a high S, which would let anyone make a second valid signature
 * of the same bytes). Made with OpenSSL through node:crypto, several times faster than the
 * pure-JavaScript signer fabric-gateway ships, which is what a service signing for many users needs.
 */
export function signFabricMessage(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve ?? '';
  const order = CURVE_ORDERS[curve];
  if (privateKey.asymmetricKeyType !== 'ec' || order === undefined) throw new Error(`a Fabric signing key is ECDSA on P-256 or P-384, not ${privateKey.asymmetricKeyType ?? '?'} ${curve}`);
  const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  const { next } = readLength(der, 1);
  const r = readInteger(der, next);
  const s = readInteger(der, r.next);
  if (s.value <= order / 2n) return new Uint8Array(der);
  return new Uint8Array(encodeSequence([encodeInteger(r.value), encodeInteger(order - s.value)]));
}
