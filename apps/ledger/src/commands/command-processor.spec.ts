import { randomUUID } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import { EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../common/ledger-error.ts';
import type { CommitOutcome, PreparedTransaction } from '../fabric/transaction-submitter.ts';
import { addressedTo, processCommand, type Answer, type CommandPorts, type SubmitCommand } from './command-processor.ts';

const command = (overrides: Partial<SubmitCommand> = {}): SubmitCommand => ({
  commandId: randomUUID(), userId: randomUUID(), mspId: null, contract: 'system', transaction: 'Ping', arguments: ['hi'], requestedBy: 'spec', ...overrides,
});

const prepared = (txId: string): PreparedTransaction => ({ txId, bytes: Buffer.from(`bytes of ${txId}`), signature: Buffer.from('sig'), result: `{"txId":"${txId}"}` });
const outcome = (txId: string, code: number = StatusCode.VALID): CommitOutcome => ({ txId, blockNumber: 7n, code, successful: code === StatusCode.VALID });

const endorseError = (code: number, message: string) =>
  new EndorseError({ code, details: [{ address: 'peer0:7051', mspId: 'GridMSP', message }], cause: Object.assign(new Error(message), { code, details: message, metadata: undefined as never }), transactionId: 'tx-x' });

/** Fake ports that record what the processor asked for. */
function ports(script: { commits?: number[]; endorse?: () => Promise<PreparedTransaction>; submit?: (txId: string) => Promise<CommitOutcome> | undefined; found?: CommitOutcome; signer?: () => never } = {}) {
  const calls = { endorsed: 0, submitted: [] as string[], saved: [] as string[], looked: [] as string[], slept: 0 };
  // a fake clock that only sleeping moves
  let clock = 0;
  const commits = [...(script.commits ?? [StatusCode.VALID])];
  const p: CommandPorts = {
    signerFor: async () => (script.signer ? script.signer() : { mspId: 'GridMSP', certificate: Buffer.from('cert'), signProposal: async () => Buffer.from('sig'), signTransaction: async () => Buffer.from('sig') }),
    endorse: async () => {
      calls.endorsed += 1;
      return script.endorse ? script.endorse() : prepared(`tx-${calls.endorsed}`);
    },
    submit: async (_signer, tx) => {
      calls.submitted.push(tx.txId);
      const scripted = script.submit?.(tx.txId);
      if (scripted) return scripted;
      return outcome(tx.txId, commits.shift() ?? StatusCode.VALID);
    },
    find: async (txId) => {
      calls.looked.push(txId);
      return script.found;
    },
    savePrepared: async (_command, tx) => {
      calls.saved.push(tx.txId);
    },
    sleep: async (ms) => {
      calls.slept += ms;
      clock += ms;
    },
    now: () => clock,
  };
  return { ports: p, calls };
}

const options = { maxConflictRetries: 3, deadline: 120_000 };

describe('processCommand', () => {
  it('endorses, persists the signed transaction before submitting it, and answers tx-committed', async () => {
    const { ports: p, calls } = ports();
    const c = command();
    const answer = await processCommand(c, undefined, p, options);
    expect(answer).toEqual({ topic: 'gridledger.ledger.tx-committed.v1', payload: { commandId: c.commandId, txId: 'tx-1', blockNumber: '7', contract: 'system', transaction: 'Ping', result: '{"txId":"tx-1"}' } });
    expect(calls).toMatchObject({ endorsed: 1, saved: ['tx-1'], submitted: ['tx-1'] });
  });

  it("names the command to the chaincode, and answers a DUPLICATE_COMMAND with the transaction that carried it out, as committed", async () => {
    const original = 'a'.repeat(64);
    const endorsedCalls: unknown[] = [];
    let conflicted = false;
    const { ports: p, calls } = ports({
      // the first attempt loses a read conflict to a transaction for the same command; the next endorsement is refused
      commits: [StatusCode.MVCC_READ_CONFLICT],
      endorse: async () => {
        if (conflicted) throw endorseError(grpcStatus.ABORTED, `chaincode response 500, DUPLICATE_COMMAND: command c was carried out by transaction ${original}`);
        conflicted = true;
        return prepared('tx-lost');
      },
      found: { txId: original, blockNumber: 9n, code: StatusCode.VALID, successful: true, result: '{"kept":true}' },
    });
    const endorse = p.endorse;
    p.endorse = (signer, call) => (endorsedCalls.push(call), endorse(signer, call));
    const c = command();
    const answer = await processCommand(c, undefined, p, options);
    expect(endorsedCalls).toEqual([expect.objectContaining({ commandId: c.commandId }), expect.objectContaining({ commandId: c.commandId })]);
    expect(answer).toEqual({ topic: 'gridledger.ledger.tx-committed.v1', payload: { commandId: c.commandId, txId: original, blockNumber: '9', contract: 'system', transaction: 'Ping', result: '{"kept":true}' } });
    expect(calls).toMatchObject({ submitted: ['tx-lost'], looked: [original] });
  });

  it('waits, as for an outage, while the peer does not show the transaction a DUPLICATE_COMMAND names', async () => {
    const { ports: p, calls } = ports({ endorse: () => Promise.reject(endorseError(grpcStatus.ABORTED, `DUPLICATE_COMMAND: command c was carried out by transaction ${'b'.repeat(64)}`)) });
    const answer = await processCommand(command(), undefined, p, { ...options, deadline: 3_000 });
    expect(answer.payload).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(calls.looked.length).toBeGreaterThan(1);
  });

  it("answers the chaincode's refusal with its code and submits nothing", async () => {
    const { ports: p, calls } = ports({ endorse: () => Promise.reject(endorseError(grpcStatus.ABORTED, 'chaincode response 500, POLICY_DENIED: organisation ConsumerMSP is not allowed')) });
    const answer = await processCommand(command(), undefined, p, options);
    expect(answer.payload).toMatchObject({ stage: 'endorsement', code: 'POLICY_DENIED', message: 'organisation ConsumerMSP is not allowed', txId: null });
    expect(calls.submitted).toEqual([]);
  });

  it('endorses again after a read conflict, and gives up with the validation code after the limit', async () => {
    const conflict = StatusCode.MVCC_READ_CONFLICT;
    const retried = ports({ commits: [conflict, conflict, StatusCode.VALID] });
    const stats = { conflictRetries: 0, resumed: false, transientRetries: 0 };
    expect((await processCommand(command(), undefined, retried.ports, options, stats)).payload).toMatchObject({ txId: 'tx-3' });
    expect(stats.conflictRetries).toBe(2);

    const exhausted = ports({ commits: [conflict, conflict, conflict, conflict, conflict] });
    expect((await processCommand(command(), undefined, exhausted.ports, options)).payload).toMatchObject({ stage: 'commit', code: 'MVCC_READ_CONFLICT', txId: 'tx-4' });
    expect(exhausted.calls.endorsed).toBe(4);
  });

  it('does not endorse again when the commit failed for any other reason', async () => {
    const { ports: p, calls } = ports({ commits: [StatusCode.ENDORSEMENT_POLICY_FAILURE] });
    expect((await processCommand(command(), undefined, p, options)).payload).toMatchObject({ stage: 'commit', code: 'ENDORSEMENT_POLICY_FAILURE' });
    expect(calls.endorsed).toBe(1);
  });

  it('settles a transaction persisted before a crash by looking it up, without submitting it again', async () => {
    const { ports: p, calls } = ports({ found: outcome('tx-before-crash') });
    const stats = { conflictRetries: 0, resumed: false, transientRetries: 0 };
    const answer = await processCommand(command(), prepared('tx-before-crash'), p, options, stats);
    expect(answer.payload).toMatchObject({ txId: 'tx-before-crash', result: '{"txId":"tx-before-crash"}' });
    expect(calls).toMatchObject({ endorsed: 0, submitted: [], looked: ['tx-before-crash'] });
    expect(stats.resumed).toBe(true);
  });

  it('submits the very same signed transaction when no block holds it', async () => {
    const { ports: p, calls } = ports();
    await processCommand(command(), prepared('tx-lost'), p, options);
    expect(calls).toMatchObject({ endorsed: 0, submitted: ['tx-lost'] });
  });

  it('waits out an unreachable peer until it answers, and answers DEADLINE_EXCEEDED only once the deadline has passed', async () => {
    let outage = 3;
    const recovering = ports({ endorse: () => (outage-- > 0 ? Promise.reject(endorseError(grpcStatus.UNAVAILABLE, 'connection refused')) : Promise.resolve(prepared('tx-after-outage'))) });
    const stats = { conflictRetries: 0, resumed: false, transientRetries: 0 };
    expect((await processCommand(command(), undefined, recovering.ports, options, stats)).payload).toMatchObject({ txId: 'tx-after-outage' });
    expect(stats.transientRetries).toBe(3);

    const down = ports({ endorse: () => Promise.reject(endorseError(grpcStatus.UNAVAILABLE, 'connection refused')) });
    const answer = await processCommand(command(), undefined, down.ports, options);
    expect(answer.payload).toMatchObject({ stage: 'endorsement', code: 'DEADLINE_EXCEEDED', txId: null });
    expect(down.calls.slept).toBeGreaterThanOrEqual(options.deadline);
  });

  it('looks a transaction up before sending it again after a failed submission, so it never commits twice', async () => {
    let orderer = 'down';
    const { ports: p, calls } = ports({ submit: () => (orderer === 'down' ? ((orderer = 'up'), Promise.reject(new Error('orderer unreachable'))) : undefined) });
    const answer = await processCommand(command(), undefined, p, options);
    expect(answer.payload).toMatchObject({ txId: 'tx-1' });
    expect(calls).toMatchObject({ endorsed: 1, saved: ['tx-1'], submitted: ['tx-1', 'tx-1'], looked: ['tx-1'] });
  });

  it('answers a refused signature and an unsignable command without touching Fabric', async () => {
    const suspended = ports({ signer: () => { throw new LedgerError('USER_SUSPENDED', 'user is suspended'); } });
    expect((await processCommand(command(), undefined, suspended.ports, options)).payload).toMatchObject({ stage: 'signing', code: 'USER_SUSPENDED' });
    const nobody = ports();
    expect((await processCommand(command({ userId: null, mspId: null }), undefined, nobody.ports, options)).payload).toMatchObject({ stage: 'validation', code: 'INVALID_COMMAND' });
    expect(suspended.calls.endorsed + nobody.calls.endorsed).toBe(0);
  });
});

describe('addressedTo', () => {
  it('names the requesting service in both kinds of answer, and changes nothing else', () => {
    const sent = command({ requestedBy: 'storage' });
    const committed: Answer = { topic: 'gridledger.ledger.tx-committed.v1', payload: { commandId: sent.commandId, txId: 't1', blockNumber: '7', contract: 'system', transaction: 'Ping', result: null } };
    const refused: Answer = { topic: 'gridledger.ledger.tx-failed.v1', payload: { commandId: sent.commandId, txId: null, stage: 'endorsement', code: 'FORBIDDEN', message: 'no' } };
    expect(addressedTo(sent, committed)).toEqual({ topic: committed.topic, payload: { ...committed.payload, requestedBy: 'storage' } });
    expect(addressedTo(sent, refused)).toEqual({ topic: refused.topic, payload: { ...refused.payload, requestedBy: 'storage' } });
  });
});
