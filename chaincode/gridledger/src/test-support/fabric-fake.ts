/**
 * An in-memory stand-in for a Fabric peer, small enough to read: a world state shared across
 * transactions, a ChaincodeStub per transaction and a ClientIdentity per caller. It keeps the
 * Fabric rules the chaincode's correctness depends on:
 * - writes are buffered and applied only when the transaction succeeds, so a refusal changes nothing;
 * - reads and range scans see committed state only: like a peer's simulator, there is no read-your-writes;
 * - composite keys use Fabric's format (U+0000 objectType U+0000 attr U+0000 …) and scans run in key order;
 * - an empty value is a delete, the history of a key is newest first, and a transaction that ran a
 *   paginated query may not write (Fabric allows pagination in read-only transactions only);
 * - every setEvent call is recorded, although Fabric keeps only the last, so tests can demand exactly one.
 * Keys are compared as JavaScript strings, which matches Fabric's byte order for the ASCII ids used here.
 */
import { ROLE_ATTRIBUTE, UID_ATTRIBUTE } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub, ClientIdentity, Iterators, StateQueryResponse } from 'fabric-shim';
import type { ChaincodeEventPayload } from '../events.ts';

// fabric-contract-api logs every decorator at info level when the contracts load; import this
// module before any contract (fixtures.ts does) to keep test output to what the tests say
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'WARNING';

const NS = '\u0000';
const START = Date.parse('2025-03-01T08:00:00.000Z');

/** The certificate of a caller: its MSP and, for platform users, the GridLedger attributes. */
export class FakeIdentity {
  constructor(
    readonly mspId: string,
    readonly attributes: Readonly<Record<string, string>> = {},
    readonly commonName = attributes[UID_ATTRIBUTE] ?? 'peer0',
  ) {}
  getMSPID(): string {
    return this.mspId;
  }
  getAttributeValue(name: string): string | null {
    return this.attributes[name] ?? null;
  }
  assertAttributeValue(name: string, value: string): boolean {
    return this.attributes[name] === value;
  }
  getID(): string {
    return `x509::/CN=${this.commonName}::/CN=ca.${this.mspId.toLowerCase()}`;
  }
  getIDBytes(): Uint8Array {
    return Buffer.from(this.getID());
  }
}

/** A platform user: a certificate with the role and uid attributes. */
export const platformIdentity = (mspId: string, role: string, uid: string): FakeIdentity =>
  new FakeIdentity(mspId, { [ROLE_ATTRIBUTE]: role, [UID_ATTRIBUTE]: uid });

export interface RecordedEvent {
  name: string;
  payload: ChaincodeEventPayload;
}

export interface TxOutcome<T> {
  txId: string;
  /** the transaction time in milliseconds */
  time: number;
  /** the method's return value, parsed as JSON */
  result: T;
  /** every setEvent call, in order */
  events: RecordedEvent[];
  /** the event Fabric would deliver: the last one set */
  event: RecordedEvent | undefined;
}

interface Modification {
  txId: string;
  time: number;
  isDelete: boolean;
  value: Buffer;
}

type TxMethod = (ctx: Context, ...args: string[]) => Promise<string>;
/** The transaction methods of a contract: those that take a context and answer a string. */
export type TxName<C> = { [K in keyof C]: C[K] extends TxMethod ? K : never }[keyof C] & string;
type TxArgs<C, M extends keyof C> = C[M] extends (ctx: Context, ...args: infer A) => Promise<string> ? A : never;

const timestamp = (millis: number) => ({ seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1_000_000 });

const iterate = <T>(items: T[]): Iterators.CommonIterator<T> => {
  let index = 0;
  return {
    next: async () => (index < items.length ? { value: items[index++] as T, done: false } : { value: undefined as unknown as T, done: true }),
    close: async () => undefined,
  };
};

/** The stub of one transaction: reads committed state, buffers its writes and events. */
class FakeStub {
  readonly writes = new Map<string, Buffer | null>();
  readonly events: RecordedEvent[] = [];
  readonly validationParameters = new Map<string, Uint8Array>();
  paginated = false;

  constructor(
    private readonly world: World,
    readonly txId: string,
    readonly time: number,
    private readonly transient: ReadonlyMap<string, Uint8Array> = new Map(),
  ) {}

  getTransient(): Map<string, Uint8Array> {
    return new Map(this.transient);
  }

  async getState(key: string): Promise<Uint8Array> {
    return Buffer.from(this.world.committed(key) ?? Buffer.alloc(0));
  }
  async putState(key: string, value: Uint8Array): Promise<void> {
    if (typeof key !== 'string' || key.length === 0) throw new Error('putState needs a non-empty key');
    this.writes.set(key, value.length === 0 ? null : Buffer.from(value));
  }
  async deleteState(key: string): Promise<void> {
    this.writes.set(key, null);
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (typeof part !== 'string' || part.length === 0) throw new Error('object type or attribute not a non-zero length string');
    }
    return `${NS}${objectType}${NS}${attributes.map((a) => `${a}${NS}`).join('')}`;
  }
  splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
    if (!compositeKey.startsWith(NS) || compositeKey.length < 2) return { objectType: null, attributes: [] };
    const [objectType = null, ...rest] = compositeKey.slice(1).split(NS);
    return { objectType, attributes: rest.slice(0, -1) };
  }

  async getStateByPartialCompositeKey(objectType: string, attributes: string[]): Promise<Iterators.StateQueryIterator> {
    return iterate(this.world.scan(this.createCompositeKey(objectType, attributes)));
  }
  async getStateByPartialCompositeKeyWithPagination(
    objectType: string, attributes: string[], pageSize: number, bookmark = '',
  ): Promise<StateQueryResponse<Iterators.StateQueryIterator>> {
    this.paginated = true;
    const all = this.world.scan(this.createCompositeKey(objectType, attributes));
    const start = bookmark ? all.findIndex((kv) => kv.key >= bookmark) : 0;
    const from = start < 0 ? all.length : start;
    const page = all.slice(from, from + pageSize);
    const next = all[from + pageSize]?.key ?? '';
    // as fabric-shim does: the peer's metadata of an empty last page serialises to no bytes, and
    // the shim then returns no metadata at all
    if (page.length === 0 && next === '') return { iterator: iterate(page) } as StateQueryResponse<Iterators.StateQueryIterator>;
    return { iterator: iterate(page), metadata: { fetchedRecordsCount: page.length, bookmark: next } };
  }
  async getHistoryForKey(key: string): Promise<Iterators.HistoryQueryIterator> {
    const versions = [...this.world.historyOf(key)].reverse();
    return iterate(versions.map((m) => ({ txId: m.txId, isDelete: m.isDelete, value: m.value, timestamp: timestamp(m.time) }))) as unknown as Iterators.HistoryQueryIterator;
  }

  getTxID(): string {
    return this.txId;
  }
  getTxTimestamp(): { seconds: number; nanos: number } {
    return timestamp(this.time);
  }
  getDateTimestamp(): Date {
    return new Date(this.time);
  }
  setEvent(name: string, payload: Uint8Array): void {
    this.events.push({ name, payload: JSON.parse(Buffer.from(payload).toString('utf8')) as ChaincodeEventPayload });
  }
  async setStateValidationParameter(key: string, policy: Uint8Array): Promise<void> {
    this.validationParameters.set(key, policy);
  }
}

/** The ledger: committed state, each key's history, and the clock that stamps the next transaction. */
export class World {
  private readonly state = new Map<string, Buffer>();
  private readonly history = new Map<string, Modification[]>();
  private readonly validation = new Map<string, Uint8Array>();
  private sequence = 0;
  /** the timestamp the next transaction gets; each transaction moves it on by tickMillis */
  now = START;
  tickMillis = 1000;

  committed(key: string): Buffer | undefined {
    return this.state.get(key);
  }
  historyOf(key: string): Modification[] {
    return this.history.get(key) ?? [];
  }
  /** Committed entries whose key starts with the prefix, in key order. */
  scan(prefix: string): Iterators.KV[] {
    return [...this.state.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort()
      .map((k) => ({ namespace: 'gridledger', key: k, value: Buffer.from(this.state.get(k) as Buffer) }));
  }

  compositeKey(objectType: string, ...attributes: string[]): string {
    return new FakeStub(this, 'keys', 0).createCompositeKey(objectType, attributes);
  }
  /** The committed JSON under a key, or undefined. */
  read<T>(key: string): T | undefined {
    const bytes = this.state.get(key);
    return bytes ? (JSON.parse(bytes.toString('utf8')) as T) : undefined;
  }
  /** Committed JSON values whose composite key starts with these parts. */
  values<T>(objectType: string, ...attributes: string[]): T[] {
    return this.scan(this.compositeKey(objectType, ...attributes)).map((kv) => JSON.parse(Buffer.from(kv.value).toString('utf8')) as T);
  }
  /** A copy of the whole world state, to prove that a refused transaction changed nothing. */
  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.state.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toString('base64')]));
  }
  /** Writes committed state directly, as an older chaincode version left it; null removes the key. */
  seed(key: string, value: unknown): void {
    if (value === null) this.state.delete(key);
    else this.state.set(key, Buffer.from(JSON.stringify(value)));
  }
  validationParameter(key: string): Uint8Array | undefined {
    return this.validation.get(key);
  }

  setTime(at: number | string): void {
    this.now = typeof at === 'string' ? Date.parse(at) : at;
  }
  advance(millis: number): void {
    this.now += millis;
  }

  /** Submits a transaction: runs it on a fresh context and commits its writes only if it succeeds. */
  async invoke<C extends object, M extends TxName<C>, T = Record<string, unknown>>(contract: C, method: M, caller: FakeIdentity, ...args: TxArgs<C, M>): Promise<TxOutcome<T>> {
    const { stub, outcome } = await this.run<C, M, T>(contract, method, caller, args);
    if (stub.paginated && stub.writes.size > 0) throw new Error(`${method} wrote state after a paginated query, which Fabric refuses`);
    for (const [key, value] of stub.writes) {
      if (value) this.state.set(key, value);
      else this.state.delete(key);
      this.history.set(key, [...this.historyOf(key), { txId: stub.txId, time: stub.time, isDelete: value === null, value: value ?? Buffer.alloc(0) }]);
    }
    for (const [key, policy] of stub.validationParameters) this.validation.set(key, policy);
    return outcome;
  }

  /** Evaluates a query: like invoke, but never commits, and fails if the query tried to write. */
  async evaluate<C extends object, M extends TxName<C>, T = Record<string, unknown>>(contract: C, method: M, caller: FakeIdentity, ...args: TxArgs<C, M>): Promise<T> {
    const { stub, outcome } = await this.run<C, M, T>(contract, method, caller, args);
    if (stub.writes.size > 0 || stub.events.length > 0) throw new Error(`query ${method} wrote ${stub.writes.size} key(s) and set ${stub.events.length} event(s)`);
    return outcome.result;
  }

  /** Transient data for the next transaction only, as a client puts it in its proposal. */
  withTransient(entries: Record<string, string>): this {
    this.nextTransient = new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));
    return this;
  }
  private nextTransient: ReadonlyMap<string, Uint8Array> = new Map();

  private async run<C extends object, M extends TxName<C>, T>(contract: C, method: M, caller: FakeIdentity, args: unknown[]) {
    this.sequence += 1;
    const stub = new FakeStub(this, `tx${String(this.sequence).padStart(6, '0')}`, this.now, this.nextTransient);
    this.nextTransient = new Map();
    this.now += this.tickMillis;
    const ctx = { stub: stub as unknown as ChaincodeStub, clientIdentity: caller as unknown as ClientIdentity } as Context;
    // as fabric-contract-api does: the contract's hook first, then the function
    const before = (contract as { beforeTransaction?: (ctx: Context) => Promise<void> }).beforeTransaction;
    if (before) await before.call(contract, ctx);
    const fn = contract[method] as unknown as (ctx: Context, ...args: unknown[]) => Promise<string>;
    const returned = await fn.call(contract, ctx, ...args);
    const outcome: TxOutcome<T> = { txId: stub.txId, time: stub.time, result: JSON.parse(returned) as T, events: stub.events, event: stub.events.at(-1) };
    return { stub, outcome };
  }
}
