import { sign, type KeyObject } from 'node:crypto';

/** The group orders of the curves Fabric CAs issue keys on. */
const CURVE_ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/** A DER INTEGER: big-endian, no leading zeros, and a zero byte before a leading 1 bit (else it reads as negative). */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const body = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/**
 * What Fabric expects of an ECDSA signature over SHA-256(message): DER, with S in the lower half
 * of the group order (peers refuse a high S, which would let anyone make a second valid signature
 * of the same bytes). Made with OpenSSL through node:crypto, several times faster than the
 * pure-JavaScript signer fabric-gateway ships, which is what a service signing for many users needs.
 * OpenSSL's signature is taken as raw r‖s, so S can be normalised before the DER is written.
 */
export function signFabricMessage(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve ?? '';
  const order = CURVE_ORDERS[curve];
  if (privateKey.asymmetricKeyType !== 'ec' || order === undefined) throw new Error(`a Fabric signing key is ECDSA on P-256 or P-384, not ${privateKey.asymmetricKeyType ?? '?'} ${curve}`);
  const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  const r = BigInt(`0x${raw.subarray(0, half).toString('hex')}`);
  const s = BigInt(`0x${raw.subarray(half).toString('hex')}`);
  const body = Buffer.concat([derInteger(r), derInteger(s <= order / 2n ? s : order - s)]);
  // P-384 signatures can pass 127 bytes: DER then writes the length in one extra byte
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), length, body]));
}

/**
 * A fabric-gateway signer over the whole message, for a gateway connected with `hash: hash.none`
 * (it then hands the signer the bytes, not their digest): OpenSSL hashes and signs them. The
 * gateway's own private-key signer works on a digest in pure JavaScript, which was a fifth of the
 * ledger service's CPU under load (a CPU profile during the benchmark's service-signed burst).
 */
export function fabricMessageSigner(privateKey: KeyObject): (message: Uint8Array) => Promise<Uint8Array> {
  return async (message) => signFabricMessage(privateKey, message);
}
