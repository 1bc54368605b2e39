/** Order n of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

// Fabric's BCCSP accepts only s <= floor(n/2); it compares against n >> 1 exactly like this.
const P256_HALF_ORDER = P256_ORDER >> 1n;

export interface EcdsaSignatureValues {
  r: bigint;
  s: bigint;
}

/**
 * (r, s) and (r, n - s) are both valid signatures of the same digest; Fabric insists on the
 * lower one so that a signature cannot be altered into a second valid one.
 */
export function toLowS(s: bigint): bigint {
  return s > P256_HALF_ORDER ? P256_ORDER - s : s;
}

export function isLowS(s: bigint): boolean {
  return s <= P256_HALF_ORDER;
}

/** Parses an ASN.1 DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`. */
export function decodeDerSignature(der: Uint8Array): EcdsaSignatureValues {
  // A P-256 signature is at most 72 bytes, so every length here fits the short form.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) {
    throw new Error('Not a DER-encoded ECDSA signature.');
  }
  const first = readDerInteger(der, 2);
  const second = readDerInteger(der, first.next);
  if (second.next !== der.length) {
    throw new Error('Not a DER-encoded ECDSA signature: trailing bytes.');
  }
  return { r: first.value, s: second.value };
}

export function encodeDerSignature({ r, s }: EcdsaSignatureValues): Buffer {
  const body = Buffer.concat([encodeDerInteger(r), encodeDerInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** Re-encodes a DER ECDSA P-256 signature with s replaced by n - s when s is in the upper half. */
export function normaliseDerSignatureToLowS(der: Uint8Array): Buffer {
  const { r, s } = decodeDerSignature(der);
  return encodeDerSignature({ r, s: toLowS(s) });
}

function readDerInteger(der: Uint8Array, offset: number): { value: bigint; next: number } {
  const tag = der[offset];
  const length = der[offset + 1];
  if (tag !== 0x02 || length === undefined || length === 0 || length > 33 || offset + 2 + length > der.length) {
    throw new Error('Not a DER-encoded ECDSA signature: malformed INTEGER.');
  }
  const bytes = der.subarray(offset + 2, offset + 2 + length);
  if ((bytes[0] ?? 0) & 0x80) {
    throw new Error('Not a DER-encoded ECDSA signature: negative INTEGER.');
  }
  return { value: BigInt(`0x${Buffer.from(bytes).toString('hex')}`), next: offset + 2 + length };
}

function encodeDerInteger(value: bigint): Buffer {
  if (value <= 0n) {
    throw new Error('ECDSA signature values must be positive.');
  }
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  // DER integers are signed, so a set top bit needs a leading zero to stay positive.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0x00]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}
