import type { LineageEntry } from '../../api/types.ts';

export const lineageEntry = (action: string, mspId: string, uid: string, requestId: string | null, role = 'x'): LineageEntry => ({ action, assetId: 'a1', requestId, signer: { mspId, role, uid }, timestamp: '', txId: 't', data: {} });

/** A busy asset: three organisations, six signers, five requests, most of them with several actions. */
export function busyLineage(): LineageEntry[] {
  const entries = [lineageEntry('AssetRegistered', 'GridMSP', 'owner-0000-0001', null, 'owner'), lineageEntry('PolicyUpdated', 'GridMSP', 'owner-0000-0001', null, 'owner')];
  for (let r = 1; r <= 5; r += 1) {
    const request = `req-${String(r).repeat(8)}-long-request-identifier`;
    const consumer = `consumer-${r % 3}`;
    entries.push(
      lineageEntry('AccessRequested', 'ConsumerMSP', consumer, request, 'consumer'),
      lineageEntry('RequestOwnerApproved', 'GridMSP', 'owner-0000-0001', request, 'owner'),
      lineageEntry('AccessGranted', 'AuditMSP', `regulator-${r % 2}`, request, 'regulator'),
      lineageEntry('KeyReleased', 'GridMSP', 'owner-0000-0001', request, 'owner'),
      lineageEntry('DownloadRecorded', 'ConsumerMSP', consumer, request, 'consumer'),
      lineageEntry('GrantRevoked', 'GridMSP', 'owner-0000-0001', request, 'owner'),
    );
  }
  entries.push(lineageEntry('RegulatorNoteAdded', 'AuditMSP', 'regulator-0', null, 'regulator'), lineageEntry('AssetFrozen', 'AuditMSP', 'regulator-0', null, 'regulator'));
  return entries;
}
