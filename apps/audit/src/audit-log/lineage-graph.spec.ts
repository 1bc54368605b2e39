import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit-entry.ts';
import { lineageGraph } from './lineage-graph.ts';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  eventId: 'e', topic: 't', action: 'chain.asset-registered', service: 'ledger', subject: 'a-1', occurredAt: '2026-11-24T10:00:00.000Z', actorUid: 'own-1',
  actorMsp: 'GridMSP', actorRole: 'owner', assetId: 'a-1', requestId: null, txId: 'tx-1', blockNumber: '5', data: {}, ...overrides,
});

describe('lineageGraph', () => {
  it('links users to their organisation, actions to the asset or its grant, and grants to the asset', () => {
    const { nodes, edges } = lineageGraph('a-1', [
      entry({}),
      entry({ action: 'chain.access-requested', actorUid: 'con-1', actorMsp: 'ConsumerMSP', actorRole: 'consumer', requestId: 'r-1', txId: 'tx-2' }),
      entry({ action: 'chain.access-granted', actorUid: 'reg-1', actorMsp: 'RegulatorMSP', actorRole: 'regulator', requestId: 'r-1', txId: 'tx-3' }),
    ]);
    expect(nodes.map((n) => n.id).sort()).toEqual(['asset:a-1', 'grant:r-1', 'org:ConsumerMSP', 'org:GridMSP', 'org:RegulatorMSP', 'user:ConsumerMSP:con-1', 'user:GridMSP:own-1', 'user:RegulatorMSP:reg-1'].sort());
    expect(edges).toContainEqual({ from: 'user:GridMSP:own-1', to: 'asset:a-1', action: 'chain.asset-registered', at: '2026-11-24T10:00:00.000Z', txId: 'tx-1' });
    expect(edges).toContainEqual(expect.objectContaining({ from: 'user:RegulatorMSP:reg-1', to: 'grant:r-1', action: 'chain.access-granted', txId: 'tx-3' }));
    expect(edges.filter((e) => e.action === 'concerns')).toEqual([expect.objectContaining({ from: 'grant:r-1', to: 'asset:a-1' })]);
    expect(edges.filter((e) => e.action === 'member of')).toHaveLength(3);
  });

  it('attributes an action without a user to the service that reported it', () => {
    const { nodes, edges } = lineageGraph('a-1', [entry({ action: 'storage.file-anchored', actorUid: null, actorMsp: null, service: 'storage' })]);
    expect(nodes.map((n) => n.id)).toContain('service:storage');
    expect(edges).toContainEqual(expect.objectContaining({ from: 'service:storage', to: 'asset:a-1', action: 'storage.file-anchored' }));
  });
});
