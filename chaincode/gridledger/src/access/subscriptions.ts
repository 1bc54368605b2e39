import { isRole, needsRegulatorApproval, type AccessRequest, type DataAsset, type Subscription, type SubscriptionDelivery, type WithheldDelivery } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { productOf } from '../assets/product-store.ts';
import type { PlatformUser } from '../caller.ts';
import { txTime, txTimeMillis } from '../clock.ts';
import { KEY, key } from '../keys.ts';
import { AccountBatch } from '../settlement/account-batch.ts';
import { exists, INDEX_VALUE, listKeys } from '../state.ts';
import { userFreeze } from '../supervision/user-freeze.ts';
import { policyViolation } from './access-decision.ts';
import { loadRequest, requestKey, saveRequest } from './request-store.ts';

/*
 * Subscriptions: a consumer pays for up to N versions of a data product for a term. The rule
 * (EVENTS.md, "Subscriptions and escrow"): installment × N goes into escrow when requested; one
 * installment is paid to the owner for each version delivered, the first on the grant; what is
 * left is refunded at the end of the term, on revocation, or with the whole on rejection.
 */

const indexKey = (ctx: Context, productId: string, requestId: string): string => key(ctx, KEY.subscriptionByProduct, productId, requestId);

/** The subscription a request opens: nothing paid or delivered yet. */
export function openSubscription(asset: DataAsset, user: PlatformUser, versions: number): Subscription {
  return {
    productId: productOf(asset).id,
    subscriberRole: user.role,
    installmentCredits: asset.priceCredits,
    versionsPaid: versions,
    versionsDelivered: 0,
    remainingCredits: asset.priceCredits * versions,
  };
}

/** What the grant pays the owner: the whole price, or a subscription's first installment. */
export const paidOnGrant = (request: AccessRequest): number => request.subscription?.installmentCredits ?? request.priceCredits;

/** What escrow holds for the request now: all of it until the grant, then a subscription's undelivered rest. */
export function heldCredits(request: AccessRequest): number {
  if (request.escrow !== 'held') return 0;
  return request.subscription && request.status === 'granted' ? request.subscription.remainingCredits : request.priceCredits;
}

/** The granted subscription, first version delivered, listed under its product for the next ones. */
export async function startSubscription(ctx: Context, request: AccessRequest, subscription: Subscription): Promise<Pick<AccessRequest, 'subscription' | 'escrow'>> {
  const started = { ...subscription, versionsDelivered: 1, remainingCredits: subscription.remainingCredits - subscription.installmentCredits };
  await ctx.stub.putState(indexKey(ctx, subscription.productId, request.id), INDEX_VALUE);
  return { subscription: started, escrow: started.remainingCredits > 0 ? 'held' : 'paid' };
}

/**
 * A subscription that ends (term over, revoked) receives nothing more: it leaves its product's
 * list, and the caller, who refunds its rest, stores it with nothing left in escrow.
 */
export async function endSubscription(ctx: Context, request: AccessRequest): Promise<Pick<AccessRequest, 'subscription'>> {
  if (!request.subscription) return {};
  await ctx.stub.deleteState(indexKey(ctx, request.subscription.productId, request.id));
  return { subscription: { ...request.subscription, remainingCredits: 0 } };
}

/** Why a granted subscription may not receive this version, or undefined if it may. */
async function withholdReason(ctx: Context, subscription: AccessRequest & { subscription: Subscription }, asset: DataAsset): Promise<string | undefined> {
  const { versionsPaid, versionsDelivered, subscriberRole } = subscription.subscription;
  if (versionsDelivered >= versionsPaid) return `all ${versionsPaid} versions paid for were delivered`;
  if (await userFreeze(ctx, subscription.consumer.uid)) return `subscriber ${subscription.consumer.uid} is frozen by the regulator`;
  if (!isRole(subscriberRole)) return `subscriber role ${subscriberRole} is not a platform role`;
  const subscriber: PlatformUser = { ...subscription.consumer, role: subscriberRole };
  const refusal = policyViolation(asset.policy, subscriber, subscription.purpose, 0);
  if (refusal) return `the new version's policy refuses the subscriber: ${refusal}`;
  if (needsRegulatorApproval(asset.sensitivity) && !subscription.requiresRegulator) {
    return `the new version is ${asset.sensitivity}, which needs the regulator's approval that this subscription never had`;
  }
  return undefined;
}

/**
 * Delivers a newly published version to every live subscription of its product: a grant on the
 * version until the subscription's term ends, paid by one installment from its escrow. A
 * subscription that may not receive it is reported as withheld and pays nothing.
 */
export async function deliverVersion(ctx: Context, asset: DataAsset): Promise<{ deliveries: SubscriptionDelivery[]; withheld: WithheldDelivery[] }> {
  const { id: productId, version } = productOf(asset);
  const deliveries: SubscriptionDelivery[] = [];
  const withheld: WithheldDelivery[] = [];
  const now = txTimeMillis(ctx);
  const accounts = new AccountBatch(ctx);
  for (const [, subscriptionId] of await listKeys(ctx, KEY.subscriptionByProduct, [productId])) {
    if (!subscriptionId) continue;
    const subscription = await loadRequest(ctx, subscriptionId);
    // a term that ended or a revoked grant receives nothing; ExpireRequest settles it
    const term = subscription.grant;
    if (!subscription.subscription || subscription.status !== 'granted' || !term || now >= Date.parse(term.expiresAt)) continue;
    const live = subscription as AccessRequest & { subscription: Subscription };
    const reason = await withholdReason(ctx, live, asset);
    if (reason) {
      withheld.push({ subscriptionId, consumer: live.consumer, reason });
      continue;
    }
    const requestId = `${subscriptionId}:v${version}`;
    if (await exists(ctx, requestKey(ctx, requestId))) continue;
    const { installmentCredits } = live.subscription;
    await accounts.releaseEscrow(live.consumer, installmentCredits, asset.owner);
    const at = txTime(ctx);
    const grant = { grantedAt: at, expiresAt: term.expiresAt, maxDownloads: asset.policy.maxDownloads, used: 0, keyReleases: 0, downloads: 0 };
    const delivered: AccessRequest = {
      docType: 'request', id: requestId, assetId: asset.id, consumer: live.consumer, owner: asset.owner, purpose: live.purpose,
      durationSeconds: Math.max(1, Math.round((Date.parse(grant.expiresAt) - now) / 1000)), priceCredits: installmentCredits, escrow: 'paid',
      requiresRegulator: live.requiresRegulator, status: 'granted',
      decisions: [{ by: { ...asset.owner, role: 'owner' }, decision: 'approved', reason: `delivered by subscription ${subscriptionId}`, at, txId: ctx.stub.getTxID() }],
      grant, deliveredBy: subscriptionId, createdAt: at, updatedAt: at,
    };
    await saveRequest(ctx, delivered);
    const remainingCredits = live.subscription.remainingCredits - installmentCredits;
    await saveRequest(ctx, {
      ...live,
      escrow: remainingCredits > 0 ? 'held' : 'paid',
      subscription: { ...live.subscription, versionsDelivered: live.subscription.versionsDelivered + 1, remainingCredits },
      updatedAt: at,
    });
    deliveries.push({ subscriptionId, requestId, consumer: live.consumer, paidCredits: installmentCredits, expiresAt: grant.expiresAt, maxDownloads: grant.maxDownloads });
  }
  await accounts.commit();
  return { deliveries, withheld };
}
