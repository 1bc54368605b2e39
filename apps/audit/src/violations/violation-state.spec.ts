import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit-log/audit-entry.ts';
import { afterSighting, sightingOf, transition } from './violation-state.ts';

const entry = (action: string, data: Record<string, unknown>): AuditEntry => ({
  eventId: 'e-1', topic: `gridledger.${action}.v1`, action, service: 's', subject: 'a-1', occurredAt: '2026-12-04T10:00:00.000Z',
  actorUid: null, actorMsp: null, actorRole: null, assetId: 'a-1', requestId: null, txId: null, blockNumber: null, data,
});

describe('violation state machine', () => {
  it('acknowledges an open violation and resolves an open or acknowledged one', () => {
    expect(transition('open', 'acknowledge')).toEqual({ to: 'acknowledged' });
    expect(transition('open', 'resolve')).toEqual({ to: 'resolved' });
    expect(transition('acknowledged', 'resolve')).toEqual({ to: 'resolved' });
  });

  it('refuses doing the same twice, and acknowledging what is resolved', () => {
    expect(transition('acknowledged', 'acknowledge')).toEqual({ refusal: expect.objectContaining({ status: 409, code: 'ALREADY_IN_STATE' }) });
    expect(transition('resolved', 'resolve')).toEqual({ refusal: expect.objectContaining({ status: 409, code: 'ALREADY_IN_STATE' }) });
    expect(transition('resolved', 'acknowledge')).toEqual({ refusal: expect.objectContaining({ status: 409, code: 'FAILED_PRECONDITION', message: expect.stringMatching(/reopens/) }) });
  });

  it('reopens a resolved violation found again after its resolution, and nothing else', () => {
    expect(afterSighting('resolved', '2026-12-04T10:00:00.000Z', '2026-12-04T11:00:00.000Z')).toEqual({ state: 'open', reopened: true });
    expect(afterSighting('resolved', '2026-12-04T10:00:00.000Z', '2026-12-04T09:00:00.000Z')).toEqual({ state: 'resolved', reopened: false });
    expect(afterSighting('acknowledged', null, '2026-12-04T11:00:00.000Z')).toEqual({ state: 'acknowledged', reopened: false });
    expect(afterSighting('open', null, '2026-12-04T11:00:00.000Z')).toEqual({ state: 'open', reopened: false });
  });
});

describe('sightingOf', () => {
  it("reads storage's and reconciliation's integrity violations", () => {
    expect(sightingOf(entry('storage.integrity-violation', { assetId: 'a-1', cid: 'bafy', kind: 'ciphertext-hash-mismatch', expected: 'x', actual: 'y', detectedBy: 'download' }))).toEqual({
      assetId: 'a-1', kind: 'ciphertext-hash-mismatch', source: 'storage', where: 'storage', expected: 'x', actual: 'y', seenAt: '2026-12-04T10:00:00.000Z', eventId: 'e-1',
    });
    expect(sightingOf(entry('audit.integrity-violation', { runId: 'r', assetId: 'a-1', kind: 'not-pinned', where: 'ipfs', expected: 'bafy', actual: null }))).toMatchObject({ source: 'reconciliation', where: 'ipfs', kind: 'not-pinned', actual: null });
  });

  it('ignores every other event', () => {
    expect(sightingOf(entry('storage.file-stored', { assetId: 'a-1' }))).toBeNull();
    expect(sightingOf(entry('audit.reconciliation-completed', { runId: 'r' }))).toBeNull();
  });
});
