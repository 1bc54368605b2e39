import { describe, expect, it } from 'vitest';
import { auditEntryOf } from './audit-entry.ts';

const envelope = (source: string, subject: string, data: unknown) => ({ specversion: '1.0' as const, id: 'e-1', source, type: 't', subject, time: '2026-11-24T10:00:00.000Z', datacontenttype: 'application/json' as const, data });

describe('auditEntryOf', () => {
  it('takes the signer, asset, request, transaction and block of a chain event', () => {
    const entry = auditEntryOf('gridledger.chain.access-granted.v1', envelope('/gridledger/ledger', 'asset-9', {
      event: 'AccessGranted', txId: 'tx-7', blockNumber: '42', signer: { mspId: 'RegulatorMSP', uid: 'reg-1', role: 'regulator' }, subjects: { assetId: 'asset-9', requestId: 'req-3' }, data: {},
    }));
    expect(entry).toMatchObject({ action: 'chain.access-granted', service: 'ledger', actorUid: 'reg-1', actorMsp: 'RegulatorMSP', actorRole: 'regulator', assetId: 'asset-9', requestId: 'req-3', txId: 'tx-7', blockNumber: '42', occurredAt: '2026-11-24T10:00:00.000Z' });
  });

  it('takes the user a service acted for from a service event', () => {
    const entry = auditEntryOf('gridledger.storage.file-downloaded.v1', envelope('/gridledger/storage', 'asset-1', { assetId: 'asset-1', requestId: 'req-1', consumerId: 'con-1' }));
    expect(entry).toMatchObject({ action: 'storage.file-downloaded', service: 'storage', actorUid: 'con-1', assetId: 'asset-1', requestId: 'req-1', txId: null, actorMsp: null });
  });

  it('keeps an event it does not understand, with what it can read', () => {
    const entry = auditEntryOf('gridledger.identity.org-created.v1', envelope('/gridledger/identity', 'GridMSP', { mspId: 'GridMSP', name: 'Grid' }));
    expect(entry).toMatchObject({ action: 'identity.org-created', actorMsp: 'GridMSP', actorUid: null, assetId: null, data: { name: 'Grid' } });
  });
});
