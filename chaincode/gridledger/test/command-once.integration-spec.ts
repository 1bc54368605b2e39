import { randomUUID } from 'node:crypto';
import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, expectRefusal, type Actor } from './chaincode-client.ts';

/**
 * Two transactions for one ledger command in flight at once, as a replica that lost its lease and
 * the one that took over could send them: on the real network only one commits.
 */
describe('a ledger command is carried out on chain at most once', () => {
  let alice: Actor;

  beforeAll(async () => {
    alice = await actor('GridMSP', 'owner');
  });
  afterAll(() => alice.connection.close());

  const proposal = (commandId: string, message: string) =>
    alice.connection.contract('system').newProposal('Ping', { arguments: [message], transientData: { [COMMAND_ID_TRANSIENT_KEY]: commandId } });

  it('of two transactions endorsed for the same command, one commits and the other fails on a read conflict; the next attempt is refused, naming the winner', async () => {
    const commandId = randomUUID();
    // both endorsed before either is ordered: both read the command unclaimed
    const [first, second] = await Promise.all([proposal(commandId, 'first').endorse(), proposal(commandId, 'second').endorse()]);
    const submitted = await Promise.all([first.submit(), second.submit()]);
    const statuses = await Promise.all(submitted.map((tx) => tx.getStatus()));
    expect(statuses.map((s) => s.code).sort((a, b) => a - b)).toEqual([StatusCode.VALID, StatusCode.MVCC_READ_CONFLICT].sort((a, b) => a - b));
    const winner = statuses.find((s) => s.successful);
    await expectRefusal(proposal(commandId, 'third').endorse(), 'DUPLICATE_COMMAND');
    await expect(proposal(commandId, 'third').endorse()).rejects.toMatchObject({
      details: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(`command ${commandId} was carried out by transaction ${winner?.transactionId}`) })]),
    });
  }, 120_000);

  it('a call that names no command is not held to it: the same Ping twice commits twice', async () => {
    const contract = alice.connection.contract('system');
    const once = await contract.submitTransaction('Ping', 'no command');
    const twice = await contract.submitTransaction('Ping', 'no command');
    expect(JSON.parse(Buffer.from(once).toString()).txId).not.toBe(JSON.parse(Buffer.from(twice).toString()).txId);
  }, 60_000);
});
