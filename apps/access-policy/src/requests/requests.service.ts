import { randomUUID } from 'node:crypto';
import type { PlatformUser } from '@gridledger/nest-service';
import { Injectable } from '@nestjs/common';
import { ACCESS_TOPICS } from '@gridledger/contracts';
import { submitCalls, type ChaincodeCall } from '@gridledger/chaincode-api';
import { isRegulator, OPEN_REQUEST_STATUSES, type AccessRequest, type RequestStatus } from '@gridledger/domain';
import { LedgerRefusalError } from '@gridledger/ledger-client';
import { writeOutboxEvent } from '@gridledger/messaging';
import { AccessError } from '../common/access-error.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { EVENT_SOURCE, LedgerGateway } from '../ledger/ledger-gateway.ts';
import { findRequestView, listRequestViews, type RequestView } from '../read-model/read-model-store.ts';
import { viewFromChain } from './chain-request.ts';
import { standingDecision } from './standing-decision.ts';

/**
 * The sharing workflow. Every step is a chain transaction signed for the caller; before sending
 * it, the service checks the caller against the request as the chain holds it, so nobody acts on
 * (or learns of) another user's request by guessing its id, and refusals come with a sentence.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly ledger: LedgerGateway,
    private readonly database: AccessPolicyDatabase,
  ) {}

  async create(user: PlatformUser, input: { assetId: string; purpose: string; durationSeconds: number; recipientPublicKey?: string | undefined; subscription?: { versions: number } | undefined }): Promise<RequestView> {
    const requestId = randomUUID();
    const wish = input.recipientPublicKey;
    try {
      const committed = await this.ledger.submit({
        subject: input.assetId,
        signer: { userId: user.id },
        call: submitCalls.requestAccess({ requestId, assetId: input.assetId, purpose: input.purpose, durationSeconds: input.durationSeconds, ...(input.subscription ? { subscription: input.subscription } : {}) }),
        // the key is remembered with the command, so the release can follow the grant without the consumer
        alongside: async (tx) => {
          if (wish) await tx.query('insert into key_release_wishes (request_id, consumer_uid, recipient_public_key) values ($1, $2, $3)', [requestId, user.id, wish]);
        },
      });
      return await this.viewAfterCommit(committed.result, committed.txId);
    } catch (error) {
      // refused by the chain: the request does not exist, nor does its wish; after a timeout it may
      // still commit, and the wish must then be there for the grant
      if (wish && error instanceof AccessError) await this.database.pool.query('delete from key_release_wishes where request_id = $1', [requestId]);
      throw error;
    }
  }

  /** The caller's view of one request: its consumer, its owner, or a regulator; for anyone else it does not exist. */
  async get(user: PlatformUser, requestId: string): Promise<RequestView> {
    const view = await findRequestView(this.database.pool, requestId);
    if (view) {
      if (view.consumer.uid === user.id || view.owner.uid === user.id || isRegulator(user.role, user.mspId)) return view;
      throw notFound(requestId);
    }
    // not in the read model yet (it follows the chain by a moment): the chain decides who may see it
    return this.viewAfterCommit(await this.chainRequest(user, requestId), '');
  }

  list(user: PlatformUser, view: 'consumer' | 'owner' | 'regulator', statuses: RequestStatus[], assetId: string | undefined, limit: number): Promise<RequestView[]> {
    if (view === 'regulator' && !isRegulator(user.role, user.mspId)) throw new AccessError('FORBIDDEN', 'only regulators list every request', 403);
    const who = view === 'consumer' ? { consumerUid: user.id } : view === 'owner' ? { ownerUid: user.id } : {};
    return listRequestViews(this.database.pool, { ...who, statuses, ...(assetId ? { assetId } : {}), limit });
  }

  approve(user: PlatformUser, requestId: string, reason: string): Promise<RequestView> {
    return this.decide(user, requestId, 'approved', (request) => this.decisionStep(user, request, 'approve')(requestId, reason));
  }

  reject(user: PlatformUser, requestId: string, reason: string): Promise<RequestView> {
    return this.decide(user, requestId, 'rejected', (request) => this.decisionStep(user, request, 'reject')(requestId, reason));
  }

  revoke(user: PlatformUser, requestId: string, reason: string): Promise<RequestView> {
    return this.decide(user, requestId, 'revoked', (request) => {
      if (request.owner.uid !== user.id) throw new AccessError('FORBIDDEN', `only the owner of asset ${request.assetId} may revoke request ${requestId}`, 403);
      if (request.status !== 'granted') throw new AccessError('FAILED_PRECONDITION', `request ${requestId} is ${request.status}; only a grant can be revoked`, 409);
      return submitCalls.revokeGrant(requestId, reason);
    });
  }

  /**
   * A decision, made once however often it is asked. The caller's own decision already on chain
   * answers as it did when made, so a user whose answer was lost can ask again; and of two asks
   * at once, the one the chain refuses because the other got there first answers the same way.
   */
  private async decide(user: PlatformUser, requestId: string, decision: 'approved' | 'rejected' | 'revoked', callFor: (request: AccessRequest) => ChaincodeCall<AccessRequest>): Promise<RequestView> {
    const request = await this.chainRequest(user, requestId);
    const made = standingDecision(request, user.id, decision);
    if (made) return this.viewAfterCommit(request, made.txId);
    // the caller signs their own decision
    const submission = { subject: request.assetId, signer: { userId: user.id }, call: callFor(request) };
    try {
      const committed = await this.ledger.submit(submission);
      return await this.viewAfterCommit(committed.result, committed.txId);
    } catch (error) {
      if (!(error instanceof AccessError && error.code === 'FAILED_PRECONDITION')) throw error;
      const now = await this.chainRequest(user, requestId);
      const madeMeanwhile = standingDecision(now, user.id, decision);
      if (madeMeanwhile) return this.viewAfterCommit(now, madeMeanwhile.txId);
      throw error;
    }
  }

  /**
   * The consumer names the key the file key is to be sealed for: released at once if the grant
   * is final, or as soon as it becomes final. The storage service does the sealing.
   */
  async requestKeyRelease(user: PlatformUser, requestId: string, publicKey: string): Promise<RequestView> {
    const request = await this.chainRequest(user, requestId);
    if (request.consumer.uid !== user.id) throw new AccessError('FORBIDDEN', `only the consumer of request ${requestId} receives its key`, 403);
    if (!(OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(request.status)) throw new AccessError('FAILED_PRECONDITION', `request ${requestId} is ${request.status}: no key will be released for it`, 409);
    await this.database.transaction(async (tx) => {
      await tx.query(
        `insert into key_release_wishes (request_id, consumer_uid, recipient_public_key, status) values ($1, $2, $3, $4)
         on conflict (request_id) do update set recipient_public_key = excluded.recipient_public_key, status = excluded.status, message = null, created_at = now()`,
        [requestId, user.id, publicKey, request.status === 'granted' ? 'requested' : 'waiting'],
      );
      if (request.status !== 'granted') return;
      await writeOutboxEvent(tx, EVENT_SOURCE, ACCESS_TOPICS.keyReleaseRequested, request.assetId, { requestId, assetId: request.assetId, consumer: request.consumer, recipientPublicKey: publicKey, grantTxId: request.decisions.at(-1)?.txId ?? '' });
    });
    return this.get(user, requestId);
  }

  /** Which chain transaction a decision is, given the request's stage and who decides. */
  private decisionStep(user: PlatformUser, request: AccessRequest, decision: 'approve' | 'reject'): (requestId: string, reason: string) => ChaincodeCall<AccessRequest> {
    if (request.status === 'pending-owner') {
      if (request.owner.uid !== user.id) throw new AccessError('FORBIDDEN', `request ${request.id} waits for the owner of asset ${request.assetId}; only they decide it now`, 403);
      return decision === 'approve' ? submitCalls.approveRequest : submitCalls.rejectRequest;
    }
    if (request.status === 'pending-regulator') {
      if (!isRegulator(user.role, user.mspId)) throw new AccessError('FORBIDDEN', `request ${request.id} waits for the regulator's approval`, 403);
      return decision === 'approve' ? submitCalls.regulatorApprove : submitCalls.regulatorReject;
    }
    throw new AccessError('FAILED_PRECONDITION', `request ${request.id} is ${request.status}; only a pending request can be decided`, 409);
  }

  /** The request as the chain holds it, read as the caller: the chaincode lets only its parties and regulators see it. */
  private async chainRequest(user: PlatformUser, requestId: string): Promise<AccessRequest> {
    try {
      return await this.ledger.query.get<AccessRequest>(`/requests/${encodeURIComponent(requestId)}`, user.id);
    } catch (error) {
      if (error instanceof LedgerRefusalError && (error.status === 403 || error.status === 404)) throw notFound(requestId);
      throw error;
    }
  }

  private async viewAfterCommit(request: AccessRequest, txId: string): Promise<RequestView> {
    const known = await findRequestView(this.database.pool, request.id);
    const { rows } = await this.database.pool.query<{ title: string; sensitivity: string }>('select title, sensitivity from assets where asset_id = $1', [request.assetId]);
    return viewFromChain(request, txId || (known?.lastTxId ?? ''), {
      assetTitle: rows[0]?.title ?? null,
      sensitivity: rows[0]?.sensitivity ?? null,
      keyRelease: known?.keyRelease ?? { status: 'none', message: null },
    });
  }
}

const notFound = (requestId: string) => new AccessError('NOT_FOUND', `there is no request ${requestId} that you can see`, 404);
