/** Actors, valid inputs and shared assertions for the chaincode's unit tests. */
// first, so the logging level is set before fabric-contract-api loads
import { FakeIdentity, platformIdentity, World, type TxOutcome } from './fabric-fake.ts';
import { REGULATOR_MSP, ROLE_ATTRIBUTE, UID_ATTRIBUTE, type AccessRequest, type Account, type ChaincodeErrorCode, type ChaincodeEventName, type DataAsset } from '@gridledger/domain';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { AccessContract } from '../contracts/access.contract.ts';
import { DataAssetContract } from '../contracts/asset.contract.ts';
import { LineageContract } from '../contracts/lineage.contract.ts';
import { SettlementContract } from '../contracts/settlement.contract.ts';
import { SupervisionContract } from '../contracts/supervision.contract.ts';
import { SystemContract } from '../contracts/system.contract.ts';
import { ChaincodeError } from '../errors.ts';
import type { EventSubjects } from '../events.ts';
import { KEY } from '../keys.ts';

export const GRID = 'GridMSP';
export const CONSUMER = 'ConsumerMSP';
export const REGULATOR = REGULATOR_MSP;

export const actors = {
  /** owners: alice and oscar at the grid company, otto at the consumer organisation */
  alice: platformIdentity(GRID, 'owner', 'alice'),
  oscar: platformIdentity(GRID, 'owner', 'oscar'),
  otto: platformIdentity(CONSUMER, 'owner', 'otto'),
  /** consumers */
  bob: platformIdentity(CONSUMER, 'consumer', 'bob'),
  carol: platformIdentity(CONSUMER, 'consumer', 'carol'),
  dave: platformIdentity(GRID, 'consumer', 'dave'),
  /** the regulator, and a user whose own CA gave them the regulator role */
  rita: platformIdentity(REGULATOR, 'regulator', 'rita'),
  rex: platformIdentity(CONSUMER, 'regulator', 'rex'),
  /** organisation admins */
  gridAdmin: platformIdentity(GRID, 'admin', 'grid-admin'),
  consumerAdmin: platformIdentity(CONSUMER, 'admin', 'consumer-admin'),
  /** a node identity with no GridLedger attributes, and certificates with half or a bogus role */
  peer: new FakeIdentity(GRID),
  noUid: new FakeIdentity(GRID, { [ROLE_ATTRIBUTE]: 'owner' }),
  noRole: new FakeIdentity(GRID, { [UID_ATTRIBUTE]: 'alice' }),
  badRole: platformIdentity(GRID, 'superuser', 'mallory'),
} as const;

export const contracts = () => ({
  assets: new DataAssetContract(),
  access: new AccessContract(),
  settlement: new SettlementContract(),
  supervision: new SupervisionContract(),
  lineage: new LineageContract(),
  system: new SystemContract(),
});

export const sha = (label: string): string => createHash('sha256').update(label).digest('hex');

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const encode = (label: string, alphabet: string, length: number): string =>
  [...createHash('sha512').update(label).digest()].slice(0, length).map((byte) => alphabet[byte % alphabet.length]).join('');
/** A well-formed CIDv0 ("Qm" and 44 base58 characters), different for each label. */
export const cidV0 = (label: string): string => `Qm${encode(label, BASE58, 44)}`;
/** A well-formed base32 CIDv1 ("b" and 58 base32 characters). */
export const cidV1 = (label: string): string => `b${encode(label, BASE32, 58)}`;

export type Json = Record<string, unknown>;

/** A valid registration; overrides replace members (undefined removes one). */
export function assetInput(id: string, overrides: Json = {}): Json {
  const base: Json = {
    id,
    title: `Load curve ${id}`,
    description: 'Quarter-hourly load of feeder 7',
    category: 'load-curve',
    sensitivity: 'public',
    cid: cidV0(`${id}-v1`),
    ciphertextSha256: sha(`${id}-ciphertext-v1`),
    plaintextSha256: sha(`${id}-plaintext`),
    sizeBytes: 1_048_576,
    encryptionScheme: 'AES-256-GCM',
    priceCredits: 100,
    policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 30 * 86400, maxDownloads: 3 },
  };
  const merged: Json = { ...base, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

export const requestInput = (requestId: string, assetId: string, overrides: Json = {}): Json => ({
  requestId,
  assetId,
  purpose: 'grid-planning',
  durationSeconds: 86400,
  ...overrides,
});

export const rotationInput = (asset: DataAsset, overrides: Json = {}): Json => ({
  cid: cidV1(`${asset.id}-v${asset.keyVersion + 1}`),
  ciphertextSha256: sha(`${asset.id}-ciphertext-v${asset.keyVersion + 1}`),
  plaintextSha256: asset.plaintextSha256,
  sizeBytes: asset.sizeBytes + 16,
  encryptionScheme: 'AES-256-GCM',
  keyVersion: asset.keyVersion + 1,
  ...overrides,
});

export const json = (value: unknown): string => JSON.stringify(value);

/** A world with the contracts and shortcuts for the steps most tests need. */
export function setup() {
  const world = new World();
  const c = contracts();
  return {
    world,
    ...c,
    register: async (owner: FakeIdentity, id: string, overrides: Json = {}) =>
      (await world.invoke(c.assets, 'RegisterAsset', owner, json(assetInput(id, overrides)))).result as unknown as DataAsset,
    mint: async (admin: FakeIdentity, uid: string, amount: number) => (await world.invoke(c.settlement, 'Mint', admin, uid, String(amount), 'test credits')).result as unknown as Account,
    request: async (consumer: FakeIdentity, requestId: string, assetId: string, overrides: Json = {}) =>
      (await world.invoke(c.access, 'RequestAccess', consumer, json(requestInput(requestId, assetId, overrides)))).result as unknown as AccessRequest,
    account: (uid: string) => world.read<Account>(world.compositeKey(KEY.account, uid)),
    storedRequest: (id: string) => world.read<AccessRequest>(world.compositeKey(KEY.request, id)),
    storedAsset: (id: string) => world.read<DataAsset>(world.compositeKey(KEY.asset, id)),
  };
}

/**
 * Runs a call that must be refused: a ChaincodeError with this code and a "CODE: sentence"
 * message, and the world state exactly as it was before.
 */
export async function expectRefusal(world: World, call: () => Promise<unknown>, code: ChaincodeErrorCode, message?: RegExp): Promise<ChaincodeError> {
  const before = world.snapshot();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ChaincodeError ${code}; got ${error === undefined ? 'success' : String(error)}`).toBeInstanceOf(ChaincodeError);
  const refusal = error as ChaincodeError;
  expect(refusal.code).toBe(code);
  expect(refusal.message.startsWith(`${code}: `)).toBe(true);
  expect(refusal.message.length).toBeGreaterThan(code.length + 2);
  if (message) expect(refusal.message).toMatch(message);
  expect(world.snapshot()).toEqual(before);
  return refusal;
}

/**
 * The transaction emitted exactly this one event, about these subjects, stamped with its own
 * txId, its time and the caller who signed it.
 */
export function expectEvent(outcome: TxOutcome<unknown>, name: ChaincodeEventName, subjects: EventSubjects, signer: FakeIdentity): Json {
  expect(outcome.events.map((e) => e.name)).toEqual([name]);
  const payload = outcome.events[0]?.payload;
  expect(payload).toMatchObject({ event: name, version: 1, txId: outcome.txId, timestamp: new Date(outcome.time).toISOString() });
  expect(payload?.subjects).toEqual(subjects);
  expect(payload?.signer).toEqual({ mspId: signer.getMSPID(), uid: signer.getAttributeValue(UID_ATTRIBUTE), role: signer.getAttributeValue(ROLE_ATTRIBUTE) });
  return payload?.data ?? {};
}

/**
 * Credits are conserved: no balance or escrow is negative, balance + escrowed over all accounts
 * equals everything minted (by the accounts and by the mint records), and each account's escrow
 * equals the prices of its requests whose escrow is still held (for a granted subscription, the
 * installments not yet paid).
 */
export function expectCreditsConserved(world: World): void {
  const accounts = world.values<Account>(KEY.account);
  for (const a of accounts) {
    expect(a.balance, `balance of ${a.uid}`).toBeGreaterThanOrEqual(0);
    expect(a.escrowed, `escrow of ${a.uid}`).toBeGreaterThanOrEqual(0);
  }
  const total = accounts.reduce((sum, a) => sum + a.balance + a.escrowed, 0);
  expect(total).toBe(accounts.reduce((sum, a) => sum + a.minted, 0));
  expect(total).toBe(world.values<{ amount: number }>(KEY.mint).reduce((sum, m) => sum + m.amount, 0));
  const held = new Map<string, number>();
  for (const r of world.values<AccessRequest>(KEY.request)) {
    // a granted subscription has paid its delivered installments; the rest of its price is held
    const stillHeld = r.subscription && r.status === 'granted' ? r.subscription.remainingCredits : r.priceCredits;
    if (r.escrow === 'held') held.set(r.consumer.uid, (held.get(r.consumer.uid) ?? 0) + stillHeld);
  }
  for (const a of accounts) expect(a.escrowed, `escrow of ${a.uid}`).toBe(held.get(a.uid) ?? 0);
}

/** For pure functions: the call throws a ChaincodeError with this code (and message). */
export function expectThrows(call: () => unknown, code: ChaincodeErrorCode, message?: RegExp): ChaincodeError {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ChaincodeError ${code}; got ${error === undefined ? 'a return' : String(error)}`).toBeInstanceOf(ChaincodeError);
  const refusal = error as ChaincodeError;
  expect(refusal.code).toBe(code);
  expect(refusal.message.startsWith(`${code}: `)).toBe(true);
  if (message) expect(refusal.message).toMatch(message);
  return refusal;
}
