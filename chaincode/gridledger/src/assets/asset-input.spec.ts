import { assetInput, cidV0, cidV1, expectThrows, sha, type Json } from '../test-support/fixtures.ts';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, MAX_PRICE_CREDITS, ROLES } from '@gridledger/domain';
import { MAX_SIZE_BYTES, parseKeyRotation, parseMetadataPatch, parsePolicy, parseRegistration } from './asset-input.ts';

const policy = (overrides: Json = {}): Json => ({ allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 3600, maxDownloads: 2, ...overrides });

describe('parseRegistration', () => {
  it('returns exactly the registration fields, normalising the policy lists', () => {
    const parsed = parseRegistration(assetInput('a1', { policy: policy({ allowedOrgs: ['GridMSP', 'ConsumerMSP', 'GridMSP'], allowedRoles: ['owner', 'consumer'] }) }));
    expect(Object.keys(parsed).sort()).toEqual(
      ['category', 'ciphertextSha256', 'cid', 'description', 'encryptionScheme', 'id', 'plaintextSha256', 'policy', 'priceCredits', 'sensitivity', 'sizeBytes', 'title'].sort(),
    );
    expect(parsed.policy.allowedOrgs).toEqual(['ConsumerMSP', 'GridMSP']);
    expect(parsed.policy.allowedRoles).toEqual(['consumer', 'owner']);
    expect(parsed.priceCredits).toBe(100);
  });

  it('takes a missing description as empty and numbers given as decimal strings', () => {
    const parsed = parseRegistration(assetInput('a1', { description: undefined, priceCredits: '25', sizeBytes: '0' }));
    expect(parsed).toMatchObject({ description: '', priceCredits: 25, sizeBytes: 0 });
  });

  it('accepts the largest values allowed', () => {
    const parsed = parseRegistration(assetInput('a1', {
      title: 't'.repeat(200), description: 'd'.repeat(4000), priceCredits: MAX_PRICE_CREDITS, sizeBytes: MAX_SIZE_BYTES, encryptionScheme: 'e'.repeat(64),
      policy: policy({ maxDurationSeconds: MAX_POLICY_DURATION_SECONDS, maxDownloads: MAX_POLICY_DOWNLOADS }),
    }));
    expect(parsed.sizeBytes).toBe(1024 ** 5);
  });

  it.each<[string, Json, RegExp]>([
    ['an unknown field', { owner: 'mallory' }, /asset has unknown field\(s\): owner/],
    ['a missing id', { id: undefined }, /id must be a string/],
    ['a malformed id', { id: 'a b' }, /id may hold only/],
    ['an empty title', { title: '' }, /title must be 1 to 200/],
    ['an oversize title', { title: 't'.repeat(201) }, /title must be 1 to 200/],
    ['an oversize description', { description: 'd'.repeat(4001) }, /description must be 0 to 4000/],
    ['an unknown category', { category: 'weather' }, /category must be one of/],
    ['an unknown sensitivity', { sensitivity: 'secret' }, /sensitivity must be one of public, internal, sensitive, critical/],
    ['a sensitivity in the wrong case', { sensitivity: 'Public' }, /sensitivity must be one of/],
    ['a malformed CID', { cid: 'not-a-cid' }, /cid must be 46 to 101 characters/],
    ['a CID with a bad alphabet', { cid: `Qm${'0'.repeat(44)}` }, /cid must be an IPFS CID/],
    ['an upper-case ciphertext hash', { ciphertextSha256: sha('x').toUpperCase() }, /ciphertextSha256 must be a SHA-256 digest/],
    ['a short plaintext hash', { plaintextSha256: 'abc' }, /plaintextSha256 must be 64 to 64 characters/],
    ['a negative size', { sizeBytes: -1 }, /sizeBytes must be between 0 and/],
    ['an absurd size', { sizeBytes: MAX_SIZE_BYTES + 1 }, /sizeBytes must be between 0 and/],
    ['a fractional size', { sizeBytes: 1.5 }, /sizeBytes must be a whole number/],
    ['an encryption scheme with a space', { encryptionScheme: 'AES 256' }, /encryptionScheme may hold only/],
    ['a negative price', { priceCredits: -1 }, /priceCredits must be between 0 and 1000000000/],
    ['an absurd price', { priceCredits: MAX_PRICE_CREDITS + 1 }, /priceCredits must be between/],
    ['a price as a float string', { priceCredits: '1.0' }, /priceCredits must be a whole number/],
    ['no policy', { policy: undefined }, /policy must be an object/],
    ['a policy array', { policy: [] }, /policy must be an object/],
  ])('refuses %s', (_label, overrides, message) => {
    expectThrows(() => parseRegistration(assetInput('a1', overrides)), 'INVALID_ARGUMENT', message);
  });
});

describe('parsePolicy', () => {
  it.each<[string, Json, RegExp]>([
    ['an unknown member', { maxDownload: 3 }, /policy has unknown field\(s\): maxDownload/],
    ['an MSP id that is not one', { allowedOrgs: ['Grid MSP'] }, /policy\.allowedOrgs\[0\] must be an MSP id/],
    ['more than 32 organisations', { allowedOrgs: Array.from({ length: 33 }, (_, i) => `Org${i}MSP`) }, /at most 32 entries/],
    ['an unknown role', { allowedRoles: ['consumer', 'auditor'] }, /policy\.allowedRoles\[1\] must be one of owner, consumer, regulator, admin/],
    ['more roles than there are', { allowedRoles: [...ROLES, 'owner'] }, /at most 4 entries/],
    ['an oversize purpose', { allowedPurposes: ['p'.repeat(65)] }, /policy\.allowedPurposes\[0\] must be 1 to 64/],
    ['an empty purpose', { allowedPurposes: [''] }, /policy\.allowedPurposes\[0\] must be 1 to 64/],
    ['a zero duration', { maxDurationSeconds: 0 }, /policy\.maxDurationSeconds must be between 1 and/],
    ['a duration over ten years', { maxDurationSeconds: MAX_POLICY_DURATION_SECONDS + 1 }, /policy\.maxDurationSeconds must be between/],
    ['a missing duration', { maxDurationSeconds: undefined }, /policy\.maxDurationSeconds must be a whole number/],
    ['zero downloads', { maxDownloads: 0 }, /policy\.maxDownloads must be between 1 and 1000000/],
    ['absurd downloads', { maxDownloads: MAX_POLICY_DOWNLOADS + 1 }, /policy\.maxDownloads must be between/],
  ])('refuses %s', (_label, overrides, message) => {
    const input = policy(overrides);
    for (const [k, v] of Object.entries(input)) if (v === undefined) delete input[k];
    expectThrows(() => parsePolicy(input), 'INVALID_ARGUMENT', message);
  });

  it('defaults absent lists to empty', () => {
    expect(parsePolicy({ maxDurationSeconds: 60, maxDownloads: 1 })).toEqual({ allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 60, maxDownloads: 1 });
  });
});

describe('parseMetadataPatch', () => {
  it('keeps only the fields given', () => {
    expect(parseMetadataPatch({ title: 'New title' })).toEqual({ title: 'New title' });
    expect(parseMetadataPatch({ priceCredits: 0, sensitivity: 'critical', description: '' })).toEqual({ priceCredits: 0, sensitivity: 'critical', description: '' });
  });

  it('refuses an empty patch, unknown and immutable fields, and bad values', () => {
    expectThrows(() => parseMetadataPatch({}), 'INVALID_ARGUMENT', /patch changes nothing/);
    for (const field of ['cid', 'owner', 'status', 'keyVersion', 'plaintextSha256']) {
      expectThrows(() => parseMetadataPatch({ [field]: 'x' }), 'INVALID_ARGUMENT', new RegExp(`patch has unknown field\\(s\\): ${field}`));
    }
    expectThrows(() => parseMetadataPatch({ sensitivity: 'top-secret' }), 'INVALID_ARGUMENT', /sensitivity must be one of/);
    expectThrows(() => parseMetadataPatch({ priceCredits: -5 }), 'INVALID_ARGUMENT', /priceCredits/);
    expectThrows(() => parseMetadataPatch({ title: null }), 'INVALID_ARGUMENT', /title must be a string/);
    expectThrows(() => parseMetadataPatch({ policy: { maxDurationSeconds: 60 } }), 'INVALID_ARGUMENT', /policy\.maxDownloads/);
  });
});

describe('parseKeyRotation', () => {
  const rotation = (overrides: Json = {}): Json => ({
    cid: cidV1('v2'), ciphertextSha256: sha('c2'), plaintextSha256: sha('p'), sizeBytes: 10, encryptionScheme: 'AES-256-GCM', keyVersion: 2, ...overrides,
  });

  it('parses a rotation', () => {
    expect(parseKeyRotation(rotation({ cid: cidV0('v2') }))).toEqual({ cid: cidV0('v2'), ciphertextSha256: sha('c2'), plaintextSha256: sha('p'), sizeBytes: 10, encryptionScheme: 'AES-256-GCM', keyVersion: 2 });
  });

  it.each<[string, Json, RegExp]>([
    ['an unknown field', { title: 'x' }, /rotation has unknown field\(s\): title/],
    ['key version 1', { keyVersion: 1 }, /keyVersion must be between 2 and 1000000/],
    ['an absurd key version', { keyVersion: 1_000_001 }, /keyVersion must be between 2/],
    ['a malformed CID', { cid: 'QmShort' }, /cid must be/],
    ['a malformed hash', { ciphertextSha256: 'z'.repeat(64) }, /ciphertextSha256 must be a SHA-256/],
    ['a negative size', { sizeBytes: -10 }, /sizeBytes must be between/],
  ])('refuses %s', (_label, overrides, message) => {
    expectThrows(() => parseKeyRotation(rotation(overrides)), 'INVALID_ARGUMENT', message);
  });
});
