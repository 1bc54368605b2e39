import { createHash } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { mayAttest, type SignerKind } from './attestation-table.ts';
import type { ServiceKeyRegistry } from './service-key-registry.ts';
import { isPrincipalName, type PrincipalName } from './service-names.ts';

/** The `typ` header of an attestation, so a service token (or any other JWT) is never taken for one. */
export const ATTESTATION_TYPE = 'gridledger-attestation+jwt';
export const DEFAULT_ATTESTATION_SECONDS = 120;
/** No attestation may be valid for longer: a leaked one is useless soon. */
export const MAX_ATTESTATION_SECONDS = 600;
/** An attestation issued this far in the future is refused: hosts' clocks differ, but not by more. */
const ISSUED_AT_TOLERANCE_SECONDS = 5;

/** Attestations whose signature was checked, with the key that checked it; the oldest go first. */
const VERIFIED_CACHE_SIZE = 10_000;
const verified = new Map<string, { claims: JWTPayload; key: unknown }>();

/**
 * The attestation's claims once its signature, type and lifetime are checked. A command's
 * attestation is presented twice (its proposal, then its transaction) and again on each retry:
 * the signature is checked once while the issuer's key stays the same, and expiry every time.
 */
async function verifiedClaims(jws: string, issuer: PrincipalName, key: Parameters<typeof jwtVerify>[1], now: Date | undefined): Promise<JWTPayload> {
  const hit = verified.get(jws);
  if (hit && hit.key === key) {
    if ((hit.claims.exp ?? 0) <= Math.floor((now ?? new Date()).getTime() / 1000)) throw notAttested('the attestation has expired');
    return hit.claims;
  }
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(jws, key, {
      algorithms: ['ES256'],
      typ: ATTESTATION_TYPE,
      issuer,
      requiredClaims: ['sub', 'iat', 'exp', 'cmd', 'ch', 'cc', 'fn', 'args'],
      ...(now ? { currentDate: now } : {}),
    }));
  } catch (error) {
    throw notAttested(error instanceof errors.JWTExpired ? 'the attestation has expired' : 'the attestation is not validly signed or not well formed');
  }
  if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
  verified.set(jws, { claims, key });
  return claims;
}

/** A ledger command as a service asks for it, for one signer. */
export interface AttestedCall {
  commandId: string;
  /** the platform user it is signed for, or null for an organisation's service identity */
  userId: string | null;
  /** the organisation whose service identity signs when userId is null */
  mspId: string | null;
  channel: string;
  chaincode: string;
  contract: string;
  transaction: string;
  arguments: readonly string[];
}

export type AttestationErrorCode = 'NOT_ATTESTED' | 'NOT_PERMITTED';

/** No signature: the call is not what a service attested (NOT_ATTESTED), or that service may not attest it (NOT_PERMITTED). */
export class AttestationError extends Error {
  readonly code: AttestationErrorCode;

  constructor(code: AttestationErrorCode, message: string) {
    super(message);
    this.name = 'AttestationError';
    this.code = code;
  }
}

/** base64url SHA-256 of the arguments as a JSON array of strings (an array of strings has one JSON form). */
export function argumentsDigest(args: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(args)).digest('base64url');
}

/** What the attestation's `sub` holds: the user id, or `msp:<mspId>` for an organisation's identity. */
function subjectOf(call: Pick<AttestedCall, 'userId' | 'mspId'>): { subject: string; kind: SignerKind } | undefined {
  if (call.userId) return { subject: call.userId, kind: 'user' };
  if (call.mspId) return { subject: `msp:${call.mspId}`, kind: 'organization' };
  return undefined;
}

const functionOf = (call: Pick<AttestedCall, 'contract' | 'transaction'>) => `${call.contract}:${call.transaction}`;

/** The claims of an attestation of `call` by `service`, issued at `issuedAt` (seconds). */
export function attestationClaims(service: PrincipalName, call: AttestedCall, issuedAt: number, validitySeconds: number): JWTPayload {
  if (!Number.isInteger(validitySeconds) || validitySeconds < 1 || validitySeconds > MAX_ATTESTATION_SECONDS) {
    throw new RangeError(`an attestation is valid for 1 to ${MAX_ATTESTATION_SECONDS} seconds, not ${validitySeconds}`);
  }
  const signer = subjectOf(call);
  if (!signer) throw new TypeError('an attested call names a user (userId) or an organisation (mspId)');
  return {
    iss: service,
    sub: signer.subject,
    cmd: call.commandId,
    ch: call.channel,
    cc: call.chaincode,
    fn: functionOf(call),
    args: argumentsDigest(call.arguments),
    iat: issuedAt,
    exp: issuedAt + validitySeconds,
  };
}

export type ExpectedCall = Omit<AttestedCall, 'commandId'> & { commandId?: string };

const notAttested = (message: string) => new AttestationError('NOT_ATTESTED', message);

/** The issuer and claims of an attestation validly signed by a known service and valid at `now`. */
async function validClaims(jws: string, options: { registry: ServiceKeyRegistry; now?: Date }): Promise<{ issuer: PrincipalName; claims: JWTPayload }> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(jws).iss;
  } catch {
    throw notAttested('the attestation is not a JWS');
  }
  // the issuer picks the key from our own registry; the signature is checked right after
  const key = isPrincipalName(issuer) ? options.registry.publicKey(issuer) : undefined;
  if (!isPrincipalName(issuer) || !key) throw notAttested('the attestation is not from a known service');
  const claims = await verifiedClaims(jws, issuer, key, options.now);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { iat, exp } = claims as { iat: number; exp: number };
  if (iat > now + ISSUED_AT_TOLERANCE_SECONDS) throw notAttested('the attestation is not valid yet');
  if (exp - iat > MAX_ATTESTATION_SECONDS) throw notAttested(`the attestation is valid for longer than the ${MAX_ATTESTATION_SECONDS} s an attestation may be`);
  return { issuer, claims };
}

/**
 * What can be checked of a user's command when it is received, before its transaction exists:
 * that `jws` is valid now, from a known service, for this user and this command. The signer
 * later verifies the whole call against it as of the moment this check passed, so a command
 * that waited in a backlog is judged by when it arrived, not by when its turn came.
 */
export async function verifyAttestationOnReceipt(jws: string, expected: { userId: string; commandId: string }, options: { registry: ServiceKeyRegistry; now?: Date }): Promise<{ service: PrincipalName }> {
  const { issuer, claims } = await validClaims(jws, options);
  if (claims.sub !== expected.userId) throw notAttested(`the attestation is for another signer than user ${expected.userId}`);
  if (claims['cmd'] !== expected.commandId) throw notAttested(`the attestation is for another command than ${expected.commandId}`);
  return { service: issuer };
}

/**
 * Checks that `jws` is a valid attestation of exactly `call` by a service that may attest it:
 * signed with that service's registry key, unexpired, for this signer, channel, chaincode,
 * function, arguments and (when given) command. Throws AttestationError with a sentence that
 * names what did not match.
 */
export async function verifyAttestation(jws: string | undefined, call: ExpectedCall, options: { registry: ServiceKeyRegistry; now?: Date }): Promise<{ service: PrincipalName; commandId: string }> {
  const fn = functionOf(call);
  if (!jws) throw notAttested(`no attestation was given for ${fn}`);
  const { issuer, claims } = await validClaims(jws, options);

  const signer = subjectOf(call);
  if (!signer) throw notAttested('the call names neither a user nor an organisation to sign for');
  if (claims.sub !== signer.subject) throw notAttested(signer.kind === 'user' ? `the attestation is for another signer than user ${signer.subject}` : `the attestation is for another signer than ${call.mspId}'s identity`);
  if (claims['ch'] !== call.channel) throw notAttested(`the attestation is for another channel than ${call.channel}`);
  if (claims['cc'] !== call.chaincode) throw notAttested(`the attestation is for another chaincode than ${call.chaincode}`);
  if (claims['fn'] !== fn) throw notAttested(`the attestation is for another function than ${fn}`);
  if (claims['args'] !== argumentsDigest(call.arguments)) throw notAttested(`the attestation covers other arguments than those of this ${fn}`);
  const commandId = claims['cmd'];
  if (typeof commandId !== 'string') throw notAttested('the attestation names no command');
  if (call.commandId !== undefined && commandId !== call.commandId) throw notAttested(`the attestation is for another command than ${call.commandId}`);
  if (!mayAttest(issuer, fn, signer.kind)) {
    throw new AttestationError('NOT_PERMITTED', `the ${issuer}${issuer === 'operator' ? '' : ' service'} may not attest ${fn} for ${signer.kind === 'user' ? 'a user' : "an organisation's identity"}`);
  }
  return { service: issuer, commandId };
}
