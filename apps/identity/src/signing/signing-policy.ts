import { AttestationError, isQuery, READ_ON_BEHALF, verifyAttestation, type DecodedCall, type PrincipalName, type ServiceKeyRegistry } from '@gridledger/service-auth';
import { decodeJwt } from 'jose';

export type SigningKind = 'proposal' | 'transaction';
export type SigningRefusalCode = 'NOT_ATTESTED' | 'NOT_PERMITTED' | 'USER_SUSPENDED';

/** The user whose key would sign, as this service knows them. */
export interface SigningUser {
  id: string;
  mspId: string;
  certificatePem: string;
  status: 'active' | 'suspended';
}

/** What the caller offers as proof that the user asked for this call. */
export interface SigningProof {
  commandId?: string;
  attestation?: string;
  userAccessToken?: string;
}

export interface SigningPolicyContext {
  registry: ServiceKeyRegistry;
  /** the user id of a valid access token this service issued, or null when it is not one */
  accessTokenSubject(token: string): Promise<string | null>;
  now?: Date;
}

/** Who vouched: the attesting service, or `user-access-token` when the user's own access token did (queries only). */
export type SigningVoucher = PrincipalName | 'user-access-token';

export type SigningDecision =
  | { allowed: true; attestedBy: SigningVoucher; commandId: string | null }
  | { allowed: false; code: SigningRefusalCode; message: string };

const refuse = (code: SigningRefusalCode, message: string): SigningDecision => ({ allowed: false, code, message });

/** Whether an attestation claims to be a read on a user's behalf; only chooses what it is then verified against. */
function isReadOnBehalf(attestation: string): boolean {
  try {
    return decodeJwt(attestation)['fn'] === `${READ_ON_BEHALF.contract}:${READ_ON_BEHALF.transaction}`;
  } catch {
    return false;
  }
}

/**
 * Whether the user's key may sign these decoded bytes: they must be made out in the user's own
 * current identity, the user must be active, and something must prove the user asked for exactly
 * this call. A transaction that changes the ledger needs an attestation the attestation table
 * allows; a query proposal needs a reader service's attestation (of that query, or of a read on
 * the user's behalf) or the user's own access token; a query is never committed, so its
 * transaction is never signed.
 */
export async function decideSigning(kind: SigningKind, call: DecodedCall, user: SigningUser, proof: SigningProof, context: SigningPolicyContext): Promise<SigningDecision> {
  if (call.creatorMspId !== user.mspId || call.creatorCertificatePem !== user.certificatePem) {
    return refuse('NOT_ATTESTED', `the ${kind} is made out for another identity than user ${user.id}'s current certificate`);
  }
  if (user.status !== 'active') return refuse('USER_SUSPENDED', `user ${user.id} is suspended; their key signs nothing`);

  const fn = `${call.contract}:${call.transaction}`;
  // a proposal that names a command (for the chaincode's at-most-once claim) names the attested one
  if (call.commandId !== null && proof.commandId !== undefined && call.commandId !== proof.commandId) {
    return refuse('NOT_ATTESTED', `the ${kind} names command ${call.commandId}, not the command ${proof.commandId} it is asked for`);
  }
  const namedCommand = call.commandId ?? proof.commandId;
  const attested = async (attestedCall: Pick<DecodedCall, 'contract' | 'transaction' | 'arguments'> = call): Promise<SigningDecision> => {
    try {
      const { service, commandId } = await verifyAttestation(
        proof.attestation,
        { userId: user.id, mspId: user.mspId, channel: call.channel, chaincode: call.chaincode, contract: attestedCall.contract, transaction: attestedCall.transaction, arguments: attestedCall.arguments, ...(namedCommand ? { commandId: namedCommand } : {}) },
        { registry: context.registry, ...(context.now ? { now: context.now } : {}) },
      );
      return { allowed: true, attestedBy: service, commandId };
    } catch (error) {
      if (error instanceof AttestationError) return refuse(error.code, error.message);
      throw error;
    }
  };

  if (!isQuery(fn)) {
    if (!proof.attestation && proof.userAccessToken) return refuse('NOT_ATTESTED', `${fn} changes the ledger and needs a service's attestation; a user's own access token vouches only for a query`);
    return attested();
  }
  if (kind === 'transaction') return refuse('NOT_PERMITTED', `${fn} is a query: it is evaluated, never committed, so no transaction of it is signed`);
  if (call.commandId !== null) return refuse('NOT_PERMITTED', `${fn} is a query: it carries out no command, so its proposal may name none`);
  if (!proof.attestation && !proof.userAccessToken) return refuse('NOT_ATTESTED', `no attestation and no access token of user ${user.id} was given for ${fn}`);
  let refusal: SigningDecision | undefined;
  if (proof.attestation) {
    // a reader service that reads through the ledger's HTTP API attests "this user asked to read" rather than one query
    const decision = await attested(isReadOnBehalf(proof.attestation) ? { ...READ_ON_BEHALF, arguments: [] } : call);
    if (decision.allowed) return decision;
    refusal = decision;
  }
  if (proof.userAccessToken) {
    const subject = await context.accessTokenSubject(proof.userAccessToken);
    if (subject === user.id) return { allowed: true, attestedBy: 'user-access-token', commandId: proof.commandId ?? null };
    refusal ??= refuse('NOT_ATTESTED', subject === null ? 'the user access token is not valid or has expired' : `the user access token is not user ${user.id}'s`);
  }
  return refusal ?? refuse('NOT_ATTESTED', `nothing vouches for ${fn}`);
}
