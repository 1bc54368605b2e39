import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { SettlementContract } from './contracts/settlement.contract.ts';
import { SystemContract } from './contracts/system.contract.ts';
import { KEY } from './keys.ts';
import { World } from './test-support/fabric-fake.ts';
import { actors } from './test-support/fixtures.ts';

const commandId = '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d';

describe('a ledger command is carried out on chain at most once', () => {
  let world: World;
  const system = new SystemContract();
  beforeEach(() => {
    world = new World();
  });

  it('claims the command for the transaction that carries it out, and refuses it after that with DUPLICATE_COMMAND naming that transaction', async () => {
    const first = await world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: commandId }).invoke(system, 'Ping', actors.alice, 'once');
    expect(world.read(world.compositeKey(KEY.command, commandId))).toEqual({ docType: 'command', commandId, txId: first.txId });
    const before = world.snapshot();
    await expect(world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: commandId.toUpperCase() }).invoke(system, 'Ping', actors.alice, 'twice')).rejects.toThrow(`DUPLICATE_COMMAND: command ${commandId.toUpperCase()} was carried out by transaction ${first.txId}`);
    // in another contract too: the claim is the command's, not the function's
    await expect(world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: commandId }).invoke(new SettlementContract(), 'Mint', actors.gridAdmin, 'dave', '10', 'again')).rejects.toThrow(/^DUPLICATE_COMMAND: /);
    expect(world.snapshot()).toEqual(before);
  });

  it('claims nothing for a call that names no command, and refuses a command id that is not a UUID', async () => {
    await world.invoke(system, 'Ping', actors.alice, 'no command');
    await world.invoke(system, 'Ping', actors.alice, 'no command');
    expect(world.values(KEY.command)).toEqual([]);
    await expect(world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: 'not-a-uuid' }).invoke(system, 'Ping', actors.alice, 'x')).rejects.toThrow(`INVALID_ARGUMENT: transient ${COMMAND_ID_TRANSIENT_KEY} must be a command id (a UUID)`);
  });

  it('a refused command claims nothing, so it can be carried out once it may be', async () => {
    await expect(world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: commandId }).invoke(system, 'Ping', actors.alice, '')).rejects.toThrow(/^INVALID_ARGUMENT: /);
    const done = await world.withTransient({ [COMMAND_ID_TRANSIENT_KEY]: commandId }).invoke(system, 'Ping', actors.alice, 'now valid');
    expect(world.read(world.compositeKey(KEY.command, commandId))).toMatchObject({ txId: done.txId });
  });
});
