import { MAX_POLICY_DURATION_SECONDS, type AccessRequestInput } from '@gridledger/domain';
import { rejectUnknownFields, requireId, requireInteger, requireString } from '../validation.ts';

export function parseAccessRequest(input: Record<string, unknown>): AccessRequestInput {
  rejectUnknownFields('request', input, ['requestId', 'assetId', 'purpose', 'durationSeconds']);
  return {
    requestId: requireId('requestId', input['requestId']),
    assetId: requireId('assetId', input['assetId']),
    purpose: requireString('purpose', input['purpose'], { max: 64 }),
    durationSeconds: requireInteger('durationSeconds', input['durationSeconds'], 1, MAX_POLICY_DURATION_SECONDS),
  };
}

export const parseReason = (reason: unknown): string => requireString('reason', reason, { max: 500 });
