import { MAX_POLICY_DURATION_SECONDS, MAX_SUBSCRIPTION_VERSIONS, type AccessRequestInput } from '@gridledger/domain';
import { invalid } from '../errors.ts';
import { rejectUnknownFields, requireId, requireInteger, requireString } from '../validation.ts';

/** a subscription's deliveries are named `<requestId>:v<version>`, which must still be an id */
export const MAX_SUBSCRIPTION_ID_LENGTH = 96;

export function parseAccessRequest(input: Record<string, unknown>): AccessRequestInput {
  rejectUnknownFields('request', input, ['requestId', 'assetId', 'purpose', 'durationSeconds', 'subscription']);
  const request: AccessRequestInput = {
    requestId: requireId('requestId', input['requestId']),
    assetId: requireId('assetId', input['assetId']),
    purpose: requireString('purpose', input['purpose'], { max: 64 }),
    durationSeconds: requireInteger('durationSeconds', input['durationSeconds'], 1, MAX_POLICY_DURATION_SECONDS),
  };
  if (input['subscription'] === undefined) return request;
  const subscription = input['subscription'];
  if (subscription === null || typeof subscription !== 'object' || Array.isArray(subscription)) throw invalid('subscription must be an object: { "versions": n }');
  rejectUnknownFields('subscription', subscription as Record<string, unknown>, ['versions']);
  if (request.requestId.length > MAX_SUBSCRIPTION_ID_LENGTH) throw invalid(`a subscription's requestId has at most ${MAX_SUBSCRIPTION_ID_LENGTH} characters`);
  return { ...request, subscription: { versions: requireInteger('subscription.versions', (subscription as Record<string, unknown>)['versions'], 1, MAX_SUBSCRIPTION_VERSIONS) } };
}

export const parseReason = (reason: unknown): string => requireString('reason', reason, { max: 500 });
