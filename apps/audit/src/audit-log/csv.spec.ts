import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit-entry.ts';
import { auditCsv } from './csv.ts';

const entry: AuditEntry = {
  eventId: 'e-1', topic: 't', action: 'chain.asset-registered', service: 'ledger', subject: 's', occurredAt: '2026-11-24T10:00:00.000Z',
  actorUid: 'u,1', actorMsp: 'GridMSP', actorRole: '=cmd()', assetId: 'a "1"', requestId: null, txId: 'tx', blockNumber: '3', data: {},
};

describe('auditCsv', () => {
  it('writes a header and one escaped row per entry', () => {
    const [header, row, end] = auditCsv([entry]).split('\r\n');
    expect(header).toBe('occurredAt,action,service,actorUid,actorMsp,actorRole,assetId,requestId,txId,blockNumber,eventId');
    expect(row).toBe(`2026-11-24T10:00:00.000Z,chain.asset-registered,ledger,"u,1",GridMSP,'=cmd(),"a ""1""",,tx,3,e-1`);
    expect(end).toBe('');
  });
});
