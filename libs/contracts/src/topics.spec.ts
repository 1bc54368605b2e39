import { describe, expect, it } from 'vitest';
import { cloudEvent } from './cloud-event.ts';
import { IDENTITY_TOPICS } from './identity/identity-events.ts';
import { parsePayload } from './topics.ts';
import { LEDGER_TOPICS } from './ledger/ledger-events.ts';
import { CHAIN_TOPICS, chainEventKey } from './chain/chain-events.ts';

describe('contracts', () => {
  it('names topics gridledger.<domain>.<event>.v<N>', () => {
    for (const topic of Object.values(IDENTITY_TOPICS)) expect(topic).toMatch(/^gridledger\.[a-z-]+\.[a-z-]+\.v\d+$/);
  });

  it('validates a payload at the consumer and rejects one that does not fit', () => {
    const ok = { userId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11', mspId: 'GridMSP', reason: 'left the company', suspendedBy: '0d1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d' };
    expect(parsePayload(IDENTITY_TOPICS.userSuspended, ok)).toEqual(ok);
    expect(() => parsePayload(IDENTITY_TOPICS.userSuspended, { ...ok, userId: 'not-a-uuid' })).toThrow();
  });

  it('validates a signature log entry, signed or refused', () => {
    const signed = {
      outcome: 'signed', code: null, service: 'ledger', userId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11', kind: 'proposal',
      function: 'access:ApproveRequest', txId: 'ab12', commandId: '0d1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d', attestedBy: 'access-policy', at: '2026-11-24T08:00:00.000Z',
    };
    expect(parsePayload(IDENTITY_TOPICS.signatureLogged, signed)).toEqual(signed);
    const refused = { ...signed, outcome: 'refused', code: 'UNDECODABLE', function: null, txId: null, commandId: null, attestedBy: null };
    expect(parsePayload(IDENTITY_TOPICS.signatureLogged, refused)).toEqual(refused);
    expect(() => parsePayload(IDENTITY_TOPICS.signatureLogged, { ...signed, outcome: 'maybe' })).toThrow();
  });

  it('wraps data in a CloudEvents 1.0 envelope', () => {
    const event = cloudEvent({ id: 'e1', source: '/identity', type: IDENTITY_TOPICS.orgCreated, subject: 'GridMSP', time: new Date(0), data: { mspId: 'GridMSP', name: 'Grid' } });
    expect(event).toMatchObject({ specversion: '1.0', datacontenttype: 'application/json', time: '1970-01-01T00:00:00.000Z' });
  });

  it('validates ledger answers and relayed chain events at the consumer', () => {
    const asset = {
      docType: 'asset', id: 'asset-1', owner: { mspId: 'GridMSP', uid: 'u1' }, title: 'Feeder 12', description: '', category: 'load-curve', sensitivity: 'internal',
      cid: 'bafy', ciphertextSha256: 'c'.repeat(64), plaintextSha256: 'p'.repeat(64), sizeBytes: 11, encryptionScheme: 'aes-256-gcm', keyVersion: 1, priceCredits: 0,
      policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 3600, maxDownloads: 3 }, status: 'active',
      createdAt: '2026-11-24T08:00:00.000Z', updatedAt: '2026-11-24T08:00:00.000Z',
    };
    const failed = { commandId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11', txId: null, stage: 'endorsement', code: 'POLICY_DENIED', message: 'organisation X is not allowed' };
    expect(parsePayload(LEDGER_TOPICS.txFailed, failed)).toEqual(failed);
    expect(() => parsePayload(LEDGER_TOPICS.txFailed, { ...failed, stage: 'somewhere' })).toThrow();
    const event = {
      event: 'AssetRegistered', version: 1, txId: 'abc', timestamp: '2026-11-24T08:00:00.000Z',
      signer: { mspId: 'GridMSP', uid: 'u1', role: 'owner' }, subjects: { assetId: 'asset-1', uid: 'u1' }, data: { asset }, blockNumber: '42',
    };
    expect(parsePayload(CHAIN_TOPICS.AssetRegistered, event)).toEqual(event);
    expect(chainEventKey(event)).toBe('asset-1');
    expect(() => parsePayload(CHAIN_TOPICS.AssetRegistered, { ...event, event: 'SomethingElse' })).toThrow();
    // one event per topic, and its data as the chaincode emits it
    expect(() => parsePayload(CHAIN_TOPICS.AssetRegistered, { ...event, event: 'AssetRetired' })).toThrow();
    expect(() => parsePayload(CHAIN_TOPICS.AssetRegistered, { ...event, data: { asset: { ...asset, sizeBytes: '11' } } })).toThrow(/sizeBytes/);
    // a field a newer chaincode adds does not break an older consumer
    const newer = { ...event, data: { asset: { ...asset, version: 2 }, note: 'later' } };
    expect(parsePayload(CHAIN_TOPICS.AssetRegistered, newer)).toEqual(newer);
  });
});
