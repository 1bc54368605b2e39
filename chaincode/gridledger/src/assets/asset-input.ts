import { ASSET_CATEGORIES, MAX_DESCRIPTION_LENGTH, MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, MAX_PRICE_CREDITS, MAX_TITLE_LENGTH, ROLES, SENSITIVITIES, type AccessPolicy, type AssetRegistration, type KeyRotation, type MetadataPatch } from '@gridledger/domain';
import { invalid } from '../errors.ts';
import {
  MSP_PATTERN, optionalString, rejectUnknownFields, requireCid, requireEnum, requireId, requireInteger,
  requireSha256, requireString, requireStringArray,
} from '../validation.ts';

export const MAX_SIZE_BYTES = 1024 ** 5; // 1 PiB: anything larger is a mistake, not a file

const title = (v: unknown) => requireString('title', v, { max: MAX_TITLE_LENGTH });
const description = (v: unknown) => optionalString('description', v, { max: MAX_DESCRIPTION_LENGTH });
const price = (v: unknown) => requireInteger('priceCredits', v, 0, MAX_PRICE_CREDITS);
const scheme = (v: unknown) =>
  requireString('encryptionScheme', v, { max: 64, pattern: /^[A-Za-z0-9._-]+$/, patternHint: 'may hold only letters, digits, ".", "_" and "-"' });
const size = (v: unknown) => requireInteger('sizeBytes', v, 0, MAX_SIZE_BYTES);

export function parsePolicy(value: unknown): AccessPolicy {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('policy must be an object');
  const p = value as Record<string, unknown>;
  rejectUnknownFields('policy', p, ['allowedOrgs', 'allowedRoles', 'allowedPurposes', 'maxDurationSeconds', 'maxDownloads']);
  return {
    allowedOrgs: requireStringArray('policy.allowedOrgs', p['allowedOrgs'], {
      maxItems: 32,
      item: (n, v) => requireString(n, v, { max: 64, pattern: MSP_PATTERN, patternHint: 'must be an MSP id' }),
    }),
    allowedRoles: requireStringArray('policy.allowedRoles', p['allowedRoles'], { maxItems: ROLES.length, item: (n, v) => requireEnum(n, v, ROLES) }),
    allowedPurposes: requireStringArray('policy.allowedPurposes', p['allowedPurposes'], { maxItems: 32, item: (n, v) => requireString(n, v, { max: 64 }) }),
    maxDurationSeconds: requireInteger('policy.maxDurationSeconds', p['maxDurationSeconds'], 1, MAX_POLICY_DURATION_SECONDS),
    maxDownloads: requireInteger('policy.maxDownloads', p['maxDownloads'], 1, MAX_POLICY_DOWNLOADS),
  };
}

const REGISTRATION_FIELDS = ['id', 'title', 'description', 'category', 'sensitivity', 'cid', 'ciphertextSha256', 'plaintextSha256', 'sizeBytes', 'encryptionScheme', 'priceCredits', 'policy', 'versionOf'];

export function parseRegistration(input: Record<string, unknown>): AssetRegistration {
  rejectUnknownFields('asset', input, REGISTRATION_FIELDS);
  return {
    id: requireId('id', input['id']),
    title: title(input['title']),
    description: description(input['description']),
    category: requireEnum('category', input['category'], ASSET_CATEGORIES),
    sensitivity: requireEnum('sensitivity', input['sensitivity'], SENSITIVITIES),
    cid: requireCid('cid', input['cid']),
    ciphertextSha256: requireSha256('ciphertextSha256', input['ciphertextSha256']),
    plaintextSha256: requireSha256('plaintextSha256', input['plaintextSha256']),
    sizeBytes: size(input['sizeBytes']),
    encryptionScheme: scheme(input['encryptionScheme']),
    priceCredits: price(input['priceCredits']),
    policy: parsePolicy(input['policy']),
    ...(input['versionOf'] === undefined ? {} : { versionOf: requireId('versionOf', input['versionOf']) }),
  };
}

export function parseMetadataPatch(input: Record<string, unknown>): MetadataPatch {
  rejectUnknownFields('patch', input, ['title', 'description', 'category', 'sensitivity', 'priceCredits', 'policy']);
  const patch: MetadataPatch = {};
  if ('title' in input) patch.title = title(input['title']);
  if ('description' in input) patch.description = description(input['description']);
  if ('category' in input) patch.category = requireEnum('category', input['category'], ASSET_CATEGORIES);
  if ('sensitivity' in input) patch.sensitivity = requireEnum('sensitivity', input['sensitivity'], SENSITIVITIES);
  if ('priceCredits' in input) patch.priceCredits = price(input['priceCredits']);
  if ('policy' in input) patch.policy = parsePolicy(input['policy']);
  if (Object.keys(patch).length === 0) throw invalid('patch changes nothing');
  return patch;
}

export function parseKeyRotation(input: Record<string, unknown>): KeyRotation {
  rejectUnknownFields('rotation', input, ['cid', 'ciphertextSha256', 'plaintextSha256', 'sizeBytes', 'encryptionScheme', 'keyVersion']);
  return {
    cid: requireCid('cid', input['cid']),
    ciphertextSha256: requireSha256('ciphertextSha256', input['ciphertextSha256']),
    plaintextSha256: requireSha256('plaintextSha256', input['plaintextSha256']),
    sizeBytes: size(input['sizeBytes']),
    encryptionScheme: scheme(input['encryptionScheme']),
    keyVersion: requireInteger('keyVersion', input['keyVersion'], 2, 1_000_000),
  };
}
