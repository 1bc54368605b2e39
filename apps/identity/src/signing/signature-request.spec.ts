import { describe, expect, it } from 'vitest';
import { parseBody } from '../users/user-input.ts';
import { signatureRequestSchema } from './signature-request.ts';

const valid = { userId: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11', kind: 'proposal', bytes: Buffer.from('proposal bytes').toString('base64') };
const parse = (body: unknown) => parseBody(signatureRequestSchema, body);

describe('signature request body', () => {
  it('takes the bytes to sign and the optional proofs', () => {
    expect(parse(valid)).toEqual(valid);
    const full = { ...valid, kind: 'transaction', commandId: '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d', attestation: 'a.b.c', userAccessToken: 'x.y.z' };
    expect(parse(full)).toEqual(full);
  });

  it('refuses a bare digest, another kind, no bytes, bytes over 1 MiB and unknown fields, naming the field', () => {
    expect(() => parse({ userId: valid.userId, digest: Buffer.alloc(32).toString('base64'), purpose: 'old API' })).toThrow(/kind|bytes|digest/);
    expect(() => parse({ ...valid, kind: 'commit' })).toThrow('kind: kind must be proposal or transaction');
    expect(() => parse({ ...valid, bytes: '' })).toThrow(/^bytes: /);
    expect(() => parse({ ...valid, bytes: 'not base64!' })).toThrow('bytes: bytes must be base64');
    expect(() => parse({ ...valid, bytes: Buffer.alloc(1024 * 1024 + 1).toString('base64') })).toThrow('bytes: bytes must be at most 1 MiB');
    expect(parse({ ...valid, bytes: Buffer.alloc(1024 * 1024).toString('base64') }).bytes).toHaveLength(1_398_104);
    expect(() => parse({ ...valid, commandId: 'not-a-uuid' })).toThrow(/^commandId: /);
    expect(() => parse({ ...valid, userId: 'nobody' })).toThrow(/^userId: /);
  });
});
