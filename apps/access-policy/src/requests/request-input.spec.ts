import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { describe, expect, it } from 'vitest';
import { createRequestSchema, keyReleaseSchema, listQuerySchema, parseInput } from './request-input.ts';

describe('request input', () => {
  const pair = generateRecipientKeyPair();
  const raw = Buffer.from(pair.publicKey).toString('base64');

  it('takes the recipient key as PEM or as raw base64, and keeps it as raw base64', () => {
    expect(parseInput(keyReleaseSchema, { publicKey: pair.publicKeyPem })).toEqual({ publicKey: raw });
    expect(parseInput(keyReleaseSchema, { publicKey: raw })).toEqual({ publicKey: raw });
  });

  it('refuses what is not a key, a duration or an id, naming the field', () => {
    expect(() => parseInput(keyReleaseSchema, { publicKey: 'AAAA' })).toThrow(/publicKey: must be an X25519 public key/);
    expect(() => parseInput(createRequestSchema, { assetId: 'a1', purpose: 'research', durationSeconds: 'soon' })).toThrow(/durationSeconds/);
    expect(() => parseInput(createRequestSchema, { assetId: '../etc', purpose: 'research', durationSeconds: 3600 })).toThrow(/assetId/);
    expect(() => parseInput(createRequestSchema, { assetId: 'a1', purpose: 'research', durationSeconds: 3600, price: 0 })).toThrow();
  });

  it('reads a list query: statuses comma-separated and checked', () => {
    expect(parseInput(listQuerySchema, { view: 'owner', status: 'pending-owner,granted' })).toMatchObject({ view: 'owner', status: ['pending-owner', 'granted'], limit: 100 });
    expect(() => parseInput(listQuerySchema, { status: 'approved' })).toThrow(/status approved is not one of/);
  });
});
