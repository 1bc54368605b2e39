import { CommandContract } from './command-contract.ts';
import { needsRegulatorApproval, type AccessRequest, type DataAsset, type Decision } from '@gridledger/domain';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { bestDecision, decideAccess, policyViolation, type AccessDecision } from '../access/access-decision.ts';
import { requireRegulatorEndorsement } from '../access/regulator-endorsement.ts';
import { parseAccessRequest, parseReason } from '../access/request-input.ts';
import { loadRequest, requestKey, requestsFor, saveRequest } from '../access/request-store.ts';
import { endSubscription, heldCredits, openSubscription, paidOnGrant, startSubscription } from '../access/subscriptions.ts';
import { loadAsset, requireActive } from '../assets/asset-store.ts';
import { canonicalJson } from '../canonical-json.ts';
import { isRegulatorUser, platformUser, requireRegulator, requireRole, sameUser, type PlatformUser } from '../caller.ts';
import { txTime, txTimeMillis } from '../clock.ts';
import { PENDING_REQUEST_TTL_SECONDS } from '../access/pending-request-ttl.ts';
import { ChaincodeError, forbidden, invalid, precondition } from '../errors.ts';
import { emit } from '../events.ts';
import { KEY, key } from '../keys.ts';
import { exists, readJson, writeJson } from '../state.ts';
import { AccountBatch } from '../settlement/account-batch.ts';
import { holdEscrow, releaseEscrow } from '../settlement/accounts.ts';
import { requireNotFrozen, userFreeze } from '../supervision/user-freeze.ts';
import { parseObject, rejectUnknownFields, requireId, requireInteger, requireSha256 } from '../validation.ts';

const party = (user: PlatformUser) => ({ mspId: user.mspId, uid: user.uid });

function decision(ctx: Context, user: PlatformUser, verdict: Decision['decision'], reason: string): Decision {
  return { by: { mspId: user.mspId, uid: user.uid, role: user.role }, decision: verdict, reason, at: txTime(ctx), txId: ctx.stub.getTxID() };
}

async function decisionFor(ctx: Context, asset: DataAsset, request: AccessRequest): Promise<AccessDecision> {
  return decideAccess({
    asset,
    request,
    nowMillis: txTimeMillis(ctx),
    consumerFrozen: Boolean(await userFreeze(ctx, request.consumer.uid)),
    ownerFrozen: Boolean(await userFreeze(ctx, asset.owner.uid)),
  });
}

function pendingPastTtl(ctx: Context, request: AccessRequest): boolean {
  return request.status.startsWith('pending') && txTimeMillis(ctx) >= Date.parse(request.createdAt) + PENDING_REQUEST_TTL_SECONDS * 1000;
}

function requirePending(ctx: Context, request: AccessRequest, status: AccessRequest['status']): void {
  if (request.status !== status) throw precondition(`request ${request.id} is ${request.status}, not ${status}`);
  if (pendingPastTtl(ctx, request)) throw precondition(`request ${request.id} was not decided within ${PENDING_REQUEST_TTL_SECONDS / 86400} days; call ExpireRequest to refund it`);
}

/**
 * Makes the grant: the escrow goes to the owner and the clock of the grant starts. A
 * subscription pays its first installment and keeps the rest in escrow for later versions.
 */
async function grant(ctx: Context, request: AccessRequest, asset: DataAsset, by: Decision): Promise<AccessRequest> {
  const now = txTimeMillis(ctx);
  const paid = paidOnGrant(request);
  await releaseEscrow(ctx, request.consumer, paid, asset.owner);
  const settled = request.subscription ? await startSubscription(ctx, request, request.subscription) : { escrow: 'paid' as const };
  const granted: AccessRequest = {
    ...request,
    status: 'granted',
    ...settled,
    decisions: [...request.decisions, by],
    grant: {
      grantedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + request.durationSeconds * 1000).toISOString(),
      maxDownloads: asset.policy.maxDownloads,
      used: 0,
      keyReleases: 0,
      downloads: 0,
    },
    updatedAt: by.at,
  };
  await saveRequest(ctx, granted);
  await emit(ctx, 'AccessGranted', { assetId: asset.id, requestId: request.id, uid: request.consumer.uid }, {
    consumer: request.consumer,
    decidedBy: by.by,
    reason: by.reason,
    expiresAt: granted.grant?.expiresAt,
    maxDownloads: asset.policy.maxDownloads,
    paidCredits: paid,
  });
  return granted;
}

async function reject(ctx: Context, request: AccessRequest, by: Decision): Promise<AccessRequest> {
  await releaseEscrow(ctx, request.consumer, request.priceCredits, request.consumer);
  const rejected: AccessRequest = { ...request, status: 'rejected', escrow: 'refunded', decisions: [...request.decisions, by], updatedAt: by.at };
  await saveRequest(ctx, rejected);
  await emit(ctx, 'RequestRejected', { assetId: request.assetId, requestId: request.id, uid: request.consumer.uid }, {
    consumer: request.consumer,
    decidedBy: by.by,
    reason: by.reason,
    refundedCredits: request.priceCredits,
  });
  return rejected;
}

/** Spends one unit of a grant's budget, after the same decision CheckAccess makes. */
async function consumeGrant(ctx: Context, requestId: string, kind: 'key-release' | 'download', details: { keyVersion: number; recipientKeySha256?: string; ciphertextSha256?: string }): Promise<string> {
  const user = platformUser(ctx);
  const request = await loadRequest(ctx, requireId('requestId', requestId));
  if (!sameUser(user, request.consumer)) throw forbidden(`only the consumer of request ${request.id} may use its grant`);
  const asset = await loadAsset(ctx, request.assetId);
  const verdict = await decisionFor(ctx, asset, request);
  // the same key version sealed again for the same recipient key is the release already paid for:
  // a retry (the consumer's, or a service's after a crash) records nothing and uses no budget, even
  // when that release used the last of it; a revoked, expired or frozen grant still says no
  const onceKey = kind === 'key-release' ? key(ctx, KEY.keyReleaseOnce, request.id, String(details.keyVersion), details.recipientKeySha256 ?? '') : undefined;
  const earlier = onceKey ? await readJson<{ txId: string }>(ctx, onceKey) : undefined;
  if (earlier && request.grant && (verdict.allowed || verdict.code === 'BUDGET_EXHAUSTED') && details.keyVersion === asset.keyVersion) {
    return canonicalJson({ requestId: request.id, assetId: asset.id, kind, remainingDownloads: request.grant.maxDownloads - request.grant.used, txId: earlier.txId, repeated: true });
  }
  if (!verdict.allowed || !request.grant) throw new ChaincodeError(verdict.code?.endsWith('FROZEN') ? 'FROZEN' : 'FORBIDDEN', `access denied (${verdict.code}): ${verdict.reason}`);
  if (details.keyVersion !== asset.keyVersion) throw invalid(`keyVersion ${details.keyVersion} is not the asset's current key version ${asset.keyVersion}`);
  if (details.ciphertextSha256 !== undefined && details.ciphertextSha256 !== asset.ciphertextSha256) {
    throw invalid('ciphertextSha256 does not match the asset on chain: the file read is not the file anchored');
  }
  const grantState = {
    ...request.grant,
    used: request.grant.used + 1,
    keyReleases: request.grant.keyReleases + (kind === 'key-release' ? 1 : 0),
    downloads: request.grant.downloads + (kind === 'download' ? 1 : 0),
  };
  const at = txTime(ctx);
  const txId = ctx.stub.getTxID();
  await saveRequest(ctx, { ...request, grant: grantState, updatedAt: at });
  await writeJson(ctx, key(ctx, kind === 'key-release' ? KEY.keyRelease : KEY.download, request.id, txId), {
    docType: kind, requestId: request.id, assetId: asset.id, consumer: request.consumer, at, txId, ...details,
  });
  if (onceKey) await writeJson(ctx, onceKey, { txId });
  const remaining = grantState.maxDownloads - grantState.used;
  await emit(ctx, kind === 'key-release' ? 'KeyReleased' : 'DownloadRecorded', { assetId: asset.id, requestId: request.id, uid: request.consumer.uid }, {
    consumer: request.consumer,
    ...details,
    remainingDownloads: remaining,
  });
  return canonicalJson({ requestId: request.id, assetId: asset.id, kind, remainingDownloads: remaining, txId });
}

/** Access requests and grants: the workflow every share goes through, decided on chain. */
@Info({ title: 'AccessContract', description: 'Request, approve, grant, revoke and check access to data assets' })
export class AccessContract extends CommandContract {
  constructor() {
    super('access');
  }

  /** A consumer asks for access for a purpose and a duration; the price moves into escrow. */
  @Transaction()
  @Returns('string')
  public async RequestAccess(ctx: Context, requestJson: string): Promise<string> {
    const user = platformUser(ctx);
    const input = parseAccessRequest(parseObject('request', requestJson));
    if (await exists(ctx, requestKey(ctx, input.requestId))) throw new ChaincodeError('ALREADY_EXISTS', `request ${input.requestId} already exists`);
    const asset = await loadAsset(ctx, input.assetId);
    requireActive(asset);
    if (sameUser(user, asset.owner)) throw precondition('owners do not request access to their own assets');
    const refusal = policyViolation(asset.policy, user, input.purpose, input.durationSeconds);
    if (refusal) throw new ChaincodeError('POLICY_DENIED', refusal);
    await requireNotFrozen(ctx, user.uid, 'consumer');
    await requireNotFrozen(ctx, asset.owner.uid, 'owner');
    const now = txTimeMillis(ctx);
    const open = (await requestsFor(ctx, asset.id, user.uid)).find(
      (r) => (r.status.startsWith('pending') && !pendingPastTtl(ctx, r)) || (r.status === 'granted' && r.grant !== null && now < Date.parse(r.grant.expiresAt) && r.grant.used < r.grant.maxDownloads),
    );
    if (open) throw precondition(`${user.uid} already has an open request (${open.id}, ${open.status}) for asset ${asset.id}`);
    const subscription = input.subscription ? openSubscription(asset, user, input.subscription.versions) : undefined;
    const escrowed = subscription ? subscription.remainingCredits : asset.priceCredits;
    await holdEscrow(ctx, party(user), escrowed);
    const at = txTime(ctx);
    const request: AccessRequest = {
      docType: 'request',
      id: input.requestId,
      assetId: asset.id,
      consumer: party(user),
      owner: asset.owner,
      purpose: input.purpose,
      durationSeconds: input.durationSeconds,
      priceCredits: escrowed,
      escrow: 'held',
      requiresRegulator: needsRegulatorApproval(asset.sensitivity),
      status: 'pending-owner',
      decisions: [],
      grant: null,
      ...(subscription ? { subscription } : {}),
      createdAt: at,
      updatedAt: at,
    };
    await saveRequest(ctx, request);
    if (request.requiresRegulator) await requireRegulatorEndorsement(ctx, requestKey(ctx, request.id), asset.owner.mspId);
    await emit(ctx, 'AccessRequested', { assetId: asset.id, requestId: request.id, uid: user.uid }, {
      consumer: request.consumer,
      owner: request.owner,
      purpose: request.purpose,
      durationSeconds: request.durationSeconds,
      escrowedCredits: request.priceCredits,
      requiresRegulator: request.requiresRegulator,
      ...(subscription ? { subscription: { productId: subscription.productId, versionsPaid: subscription.versionsPaid, installmentCredits: subscription.installmentCredits } } : {}),
    });
    return canonicalJson(request);
  }

  /** The owner's yes: a grant, or for sensitive and critical data, a request for the regulator. */
  @Transaction()
  @Returns('string')
  public async ApproveRequest(ctx: Context, requestId: string, reason: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    if (!sameUser(user, request.owner)) throw forbidden(`only the owner of asset ${request.assetId} may decide request ${request.id}`);
    requirePending(ctx, request, 'pending-owner');
    const asset = await loadAsset(ctx, request.assetId);
    requireActive(asset);
    await requireNotFrozen(ctx, user.uid, 'owner');
    await requireNotFrozen(ctx, request.consumer.uid, 'consumer');
    const by = decision(ctx, user, 'approved', parseReason(reason || 'approved'));
    // the asset's sensitivity now, not when the request was made: raising it reaches pending requests
    const escalated = !request.requiresRegulator && needsRegulatorApproval(asset.sensitivity);
    if (!request.requiresRegulator && !escalated) return canonicalJson(await grant(ctx, request, asset, by));
    const pending: AccessRequest = { ...request, requiresRegulator: true, status: 'pending-regulator', decisions: [...request.decisions, by], updatedAt: by.at };
    await saveRequest(ctx, pending);
    if (escalated) await requireRegulatorEndorsement(ctx, requestKey(ctx, request.id), asset.owner.mspId);
    await emit(ctx, 'RequestOwnerApproved', { assetId: asset.id, requestId: request.id, uid: request.consumer.uid }, {
      consumer: request.consumer,
      sensitivity: asset.sensitivity,
      reason: by.reason,
    });
    return canonicalJson(pending);
  }

  @Transaction()
  @Returns('string')
  public async RejectRequest(ctx: Context, requestId: string, reason: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    if (!sameUser(user, request.owner)) throw forbidden(`only the owner of asset ${request.assetId} may decide request ${request.id}`);
    if (!request.status.startsWith('pending')) throw precondition(`request ${request.id} is ${request.status}; only a pending request can be rejected`);
    return canonicalJson(await reject(ctx, request, decision(ctx, user, 'rejected', parseReason(reason))));
  }

  /** The regulator's yes on sensitive or critical data: only now is the grant written. */
  @Transaction()
  @Returns('string')
  public async RegulatorApprove(ctx: Context, requestId: string, reason: string): Promise<string> {
    const user = requireRegulator(ctx);
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    requirePending(ctx, request, 'pending-regulator');
    const asset = await loadAsset(ctx, request.assetId);
    requireActive(asset);
    await requireNotFrozen(ctx, request.consumer.uid, 'consumer');
    await requireNotFrozen(ctx, asset.owner.uid, 'owner');
    return canonicalJson(await grant(ctx, request, asset, decision(ctx, user, 'approved', parseReason(reason || 'approved'))));
  }

  @Transaction()
  @Returns('string')
  public async RegulatorReject(ctx: Context, requestId: string, reason: string): Promise<string> {
    const user = requireRegulator(ctx);
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    if (!request.requiresRegulator || !request.status.startsWith('pending')) {
      throw precondition(`request ${request.id} is ${request.status} and ${request.requiresRegulator ? 'cannot be rejected now' : 'does not need the regulator'}`);
    }
    return canonicalJson(await reject(ctx, request, decision(ctx, user, 'rejected', parseReason(reason))));
  }

  /** The owner withdraws a grant; if it was never used, the consumer's payment is refunded. */
  @Transaction()
  @Returns('string')
  public async RevokeGrant(ctx: Context, requestId: string, reason: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    if (!sameUser(user, request.owner)) throw forbidden(`only the owner of asset ${request.assetId} may revoke request ${request.id}`);
    if (request.status !== 'granted' || !request.grant) throw precondition(`request ${request.id} is ${request.status}; only a grant can be revoked`);
    // the refund flows from the owner, and nothing flows from a frozen user
    await requireNotFrozen(ctx, user.uid, 'owner');
    const unused = request.grant.used === 0;
    const paid = paidOnGrant(request);
    // both refunds reach the consumer's one account, so they are made as one write
    const refunds = new AccountBatch(ctx);
    if (unused) await refunds.transfer(request.owner, request.consumer, paid, 'refunding an unused grant');
    // a subscription's undelivered versions were never paid for: their escrow goes back too
    const rest = heldCredits(request);
    await refunds.releaseEscrow(request.consumer, rest, request.consumer);
    await refunds.commit();
    const ended = await endSubscription(ctx, request);
    const refunded = (unused ? paid : 0) + rest;
    const by = decision(ctx, user, 'revoked', parseReason(reason));
    const revoked: AccessRequest = {
      ...request,
      status: 'revoked',
      escrow: refunded > 0 ? 'refunded' : request.escrow,
      ...ended,
      decisions: [...request.decisions, by],
      updatedAt: by.at,
    };
    await saveRequest(ctx, revoked);
    await emit(ctx, 'GrantRevoked', { assetId: request.assetId, requestId: request.id, uid: request.consumer.uid }, {
      consumer: request.consumer,
      reason: by.reason,
      refundedCredits: refunded,
    });
    return canonicalJson(revoked);
  }

  /**
   * Records an expiry that time has already decided: a pending request not decided in time
   * (its escrow is refunded) or a grant past its end. Any party to the request may call it.
   */
  @Transaction()
  @Returns('string')
  public async ExpireRequest(ctx: Context, requestId: string): Promise<string> {
    const user = platformUser(ctx);
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    const involved = sameUser(user, request.consumer) || sameUser(user, request.owner) || isRegulatorUser(user);
    if (!involved) throw forbidden(`only the parties to request ${request.id} or a regulator may expire it`);
    const now = txTimeMillis(ctx);
    const grantOver = request.status === 'granted' && request.grant !== null && now >= Date.parse(request.grant.expiresAt);
    if (!pendingPastTtl(ctx, request) && !grantOver) throw precondition(`request ${request.id} (${request.status}) has not expired`);
    // a pending request's whole escrow, or what a subscription's term left undelivered
    const refund = heldCredits(request);
    if (refund > 0) await releaseEscrow(ctx, request.consumer, refund, request.consumer);
    const ended = await endSubscription(ctx, request);
    const by = decision(ctx, user, 'expired', 'expired by transaction time');
    const expired: AccessRequest = {
      ...request,
      status: 'expired',
      escrow: refund > 0 ? 'refunded' : request.escrow,
      ...ended,
      decisions: [...request.decisions, by],
      updatedAt: by.at,
    };
    await saveRequest(ctx, expired);
    await emit(ctx, 'RequestExpired', { assetId: request.assetId, requestId: request.id, uid: request.consumer.uid }, {
      consumer: request.consumer,
      previousStatus: request.status,
      refundedCredits: refund,
    });
    return canonicalJson(expired);
  }

  /** The one decision: may this user obtain the asset now? Explains which rule says no. */
  @Transaction(false)
  @Returns('string')
  public async CheckAccess(ctx: Context, assetId: string, uid: string): Promise<string> {
    const user = platformUser(ctx);
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    const subject = requireId('uid', uid);
    const entitled = user.uid === subject || sameUser(user, asset.owner) || isRegulatorUser(user);
    if (!entitled) throw forbidden('a user may check only their own access, an owner access to their assets, a regulator anyone\'s');
    // a uid is only unique within its organisation: a user checking themselves sees only their org's requests
    const privileged = sameUser(user, asset.owner) || isRegulatorUser(user);
    const requests = (await requestsFor(ctx, asset.id, subject)).filter((r) => privileged || r.consumer.mspId === user.mspId);
    const decisions = await Promise.all(requests.map((r) => decisionFor(ctx, asset, r)));
    const best = bestDecision(decisions) ?? {
      allowed: false, code: 'NO_GRANT', reason: `${subject} has no request for asset ${asset.id}`, requestId: null, expiresAt: null, remainingDownloads: 0,
    };
    return canonicalJson({ assetId: asset.id, uid: subject, checkedAt: txTime(ctx), ...best });
  }

  /** The file key was re-wrapped for the consumer: consumes one unit of the grant's budget. */
  @Transaction()
  @Returns('string')
  public async RecordKeyRelease(ctx: Context, requestId: string, releaseJson: string): Promise<string> {
    const input = parseObject('release', releaseJson);
    rejectUnknownFields('release', input, ['recipientKeySha256', 'keyVersion']);
    const recipientKeySha256 = requireSha256('recipientKeySha256', input['recipientKeySha256']);
    const keyVersion = requireInteger('keyVersion', input['keyVersion'], 1, 1_000_000);
    return consumeGrant(ctx, requestId, 'key-release', { recipientKeySha256, keyVersion });
  }

  /** The consumer downloaded through the platform: consumes one unit of the grant's budget. */
  @Transaction()
  @Returns('string')
  public async RecordDownload(ctx: Context, requestId: string, downloadJson: string): Promise<string> {
    const input = parseObject('download', downloadJson);
    rejectUnknownFields('download', input, ['ciphertextSha256', 'keyVersion']);
    const ciphertextSha256 = requireSha256('ciphertextSha256', input['ciphertextSha256']);
    const keyVersion = requireInteger('keyVersion', input['keyVersion'], 1, 1_000_000);
    return consumeGrant(ctx, requestId, 'download', { ciphertextSha256, keyVersion });
  }

  @Transaction(false)
  @Returns('string')
  public async GetRequest(ctx: Context, requestId: string): Promise<string> {
    const user = platformUser(ctx);
    const request = await loadRequest(ctx, requireId('requestId', requestId));
    if (!sameUser(user, request.consumer) && !sameUser(user, request.owner) && !isRegulatorUser(user)) {
      throw forbidden(`request ${request.id} is visible to its consumer, its owner and regulators`);
    }
    return canonicalJson(request);
  }
}
